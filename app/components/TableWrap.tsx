import type { ReactNode } from "react";

/**
 * The frame of a table that may be wider than a phone (a long chapter or school name, a 60-character email, a
 * 7-digit figure): it scrolls sideways, so it takes the keyboard's focus (arrow keys scroll it) and is a region named
 * after its table, by the id of the heading or caption that names it (`labelledBy`) or by that text (`label`).
 */
export function TableWrap({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      {children}
    </div>
  );
}
