import { useEffect, useRef } from "react";

/**
 * The ref of a search field whose form answers on the same page: once the search shown changes (a suggestion's link,
 * a reset), the field shows it, unless the person typed something else meanwhile, while the last answer was still on
 * its way on a slow connection; what they typed stays.
 */
export function useShownSearch(q: string) {
  const field = useRef<HTMLInputElement>(null);
  const shown = useRef(q);
  useEffect(() => {
    if (field.current && field.current.value === shown.current) field.current.value = q;
    shown.current = q;
  }, [q]);
  return field;
}
