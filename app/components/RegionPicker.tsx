import { useEffect, useState } from "react";
import { useT } from "~/i18n/react";
import { ErrorText } from "./forms";

type Option = { code: string; name: string };
export type PickerState = {
  levels: { level: 1 | 2 | 3 | 4; options: Option[]; selected: string | null }[];
  value: string | null;
};

/**
 * Cascading provinsi → kabupaten/kota → kecamatan → desa selects (selects named `${name}_${level}`).
 * Without JavaScript the "next" button submits the form with `_regionStep=${name}`; the page's action answers
 * with a fresh `regionPickerState` and nothing is saved. With JavaScript the next list is fetched from
 * /regions/:code and the button hides. The server reads the choice with `regionFromForm(form, name, root)`.
 */
export function RegionPicker({
  name,
  state,
  legend,
  errors,
  requiredLevel,
}: {
  name: string;
  state: PickerState;
  legend: string;
  errors?: string[];
  /** the levels down to this one are marked required */
  requiredLevel?: number;
}) {
  const t = useT();
  const [levels, setLevels] = useState(state.levels);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  useEffect(() => setLevels(state.levels), [state]);
  const errId = `${name}-error`;

  async function choose(index: number, code: string) {
    const next = levels.map((l, i) =>
      i === index ? { ...l, selected: code || null } : i > index ? { ...l, selected: null, options: [] } : l,
    );
    setLevels(next);
    if (code && index + 1 < next.length) {
      const res = await fetch(`/regions/${encodeURIComponent(code)}`);
      if (res.ok) {
        const options: Option[] = await res.json();
        setLevels((cur) => cur.map((l, i) => (i === index + 1 ? { ...l, options } : l)));
      }
    }
  }

  return (
    <fieldset aria-describedby={errors?.length ? errId : undefined}>
      <legend>{legend}</legend>
      {levels.map((l, i) => {
        const id = `${name}_${l.level}`;
        return (
          <div className="field" key={l.level}>
            <label htmlFor={id}>
              {t(`regions.level.${l.level}`)}
              {requiredLevel && l.level > requiredLevel ? <span className="muted"> ({t("form.optional")})</span> : null}
            </label>
            <select
              id={id}
              name={id}
              value={l.selected ?? ""}
              onChange={(e) => void choose(i, e.currentTarget.value)}
              disabled={l.options.length === 0}
              aria-invalid={errors?.length ? true : undefined}
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
