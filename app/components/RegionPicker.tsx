import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/react";
import { unpackOptions, type RegionOption as Option } from "~/utils/region-options";
import { ErrorText } from "./forms";

/** As the loader sends it: each level's options packed in one string (app/utils/region-options.ts). */
export type PickerState = {
  levels: { level: 1 | 2 | 3 | 4; options: string; selected: string | null }[];
  value: string | null;
};
type Level = { level: 1 | 2 | 3 | 4; options: Option[]; selected: string | null };
const unpack = (state: PickerState): Level[] => state.levels.map((l) => ({ ...l, options: unpackOptions(l.options) }));

/**
 * Cascading provinsi → kabupaten/kota → kecamatan → desa selects (selects named `${name}_${level}`).
 * Without JavaScript the "next" button submits the form with `_regionStep=${name}`; the page's action answers
 * with a fresh `regionPickerState` and nothing is saved (pass `stepped` then: the next empty list gets the
 * focus). With JavaScript the next list is fetched from /regions/:code and the button hides; if a fetch fails
 * the button comes back. The server reads the choice with `regionFromForm(form, name, root)`.
 */
export function RegionPicker({
  name,
  state,
  legend,
  errors,
  requiredLevel,
  hint,
  stepped,
  onChange,
}: {
  name: string;
  state: PickerState;
  legend: string;
  errors?: string[];
  /** the levels down to this one are marked required */
  requiredLevel?: number;
  hint?: string;
  /** this render answers the no-JavaScript "next" button */
  stepped?: boolean;
  /** the deepest chosen code after each change in the browser */
  onChange?: (code: string | null) => void;
}) {
  const t = useT();
  const [levels, setLevels] = useState(() => unpack(state));
  // a new state from the server (an action's answer) replaces the lists; set during render, as React advises
  const [shown, setShown] = useState(state);
  if (shown !== state) {
    setShown(state);
    setLevels(unpack(state));
  }
  const [enhanced, setEnhanced] = useState(false);
  const [loading, setLoading] = useState<number | null>(null);
  // only the answer to the latest choice may fill a list (a slow answer for an earlier choice is dropped)
  const latest = useRef(0);
  const selects = useRef<(HTMLSelectElement | null)[]>([]);
  useEffect(() => {
    setEnhanced(true);
    // a list chosen from before this code came (on a slow phone the page is there first): take the choice up and
    // fetch the next list, which would otherwise stay empty until the list was chosen again
    const i = levels.findIndex((l, k) => {
      const el = selects.current[k];
      return !!el && el.value !== (l.selected ?? "");
    });
    const el = selects.current[i];
    if (el) void choose(i, el.value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const errId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  const describedBy = [hintId, errors?.length ? errId : undefined].filter(Boolean).join(" ") || undefined;
  const focusIndex = stepped ? levels.findIndex((l) => !l.selected && l.options.length > 0) : -1;

  async function choose(index: number, code: string) {
    const next = levels.map((l, i) =>
      i === index ? { ...l, selected: code || null } : i > index ? { ...l, selected: null, options: [] } : l,
    );
    setLevels(next);
    onChange?.(code || (index > 0 ? (next[index - 1]?.selected ?? null) : null));
    const request = ++latest.current;
    if (!code || index + 1 >= next.length) {
      setLoading(null);
      return;
    }
    setLoading(index + 1);
    try {
      const res = await fetch(`/regions/${encodeURIComponent(code)}`);
      if (!res.ok) throw new Error(`regions ${res.status}`);
      const options: Option[] = await res.json();
      if (request !== latest.current) return;
      setLevels((cur) => cur.map((l, i) => (i === index + 1 ? { ...l, options } : l)));
    } catch {
      if (request === latest.current) setEnhanced(false);
    } finally {
      if (request === latest.current) setLoading(null);
    }
  }

  return (
    <fieldset aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {levels.map((l, i) => {
        const id = `${name}_${l.level}`;
        return (
          <div className="field" key={l.level}>
            <label htmlFor={id}>
              {t(`regions.level.${l.level}`)}
              {requiredLevel && l.level > requiredLevel ? <span className="muted"> ({t("form.optional")})</span> : null}
            </label>
            <select
              ref={(el) => void (selects.current[i] = el)}
              id={id}
              name={id}
              value={l.selected ?? ""}
              onChange={(e) => void choose(i, e.currentTarget.value)}
              disabled={l.options.length === 0}
              aria-busy={loading === i ? true : undefined}
              aria-required={requiredLevel && l.level <= requiredLevel ? true : undefined}
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? errId : undefined}
              autoFocus={i === focusIndex}
            >
              <option value="">{t("regions.choose")}</option>
              {l.options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      {enhanced ? null : (
        <div className="field">
          <button type="submit" name="_regionStep" value={name} className="secondary" formNoValidate>
            {t("regions.next")}
          </button>
          <p className="hint">{t("regions.nextHint")}</p>
        </div>
      )}
      <ErrorText id={errId} errors={errors} />
    </fieldset>
  );
}
