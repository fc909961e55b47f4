import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { ErrorText, FormError, valueOf, type FormFailure } from "./forms";
import { TableWrap } from "~/components/TableWrap";

/** One number per indicator; empty removes that target. Typed values come back on error. */
export function TargetsForm({ period, indicators, failure, hints }: { period: string; indicators: { id: number; name: string; definition: string; target: number | null }[]; failure?: FormFailure; hints?: Record<number, string> }) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="period" value={period} />
      <FormError errors={failure?.errors?._form} />
      <p className="hint">{t("reports.targets.lead")}</p>
      <TableWrap labelledBy="targets-title">
        <table className="targets-table">
          <thead>
            <tr>
              <th scope="col">{t("reports.col.indicator")}</th>
              <th scope="col">{t("reports.col.target")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => {
              const name = `target_${i.id}`;
              const errors = failure?.errors?.[name];
              return (
                <tr key={i.id}>
                  <td>
                    <label htmlFor={`f-${name}`}>{i.name}</label>
                    <p className="hint" id={`f-${name}-hint`}>
                      {i.definition}
                    </p>
                    {hints?.[i.id] ? <p className="hint">{hints[i.id]}</p> : null}
                  </td>
                  <td>
                    <input
                      id={`f-${name}`}
                      name={name}
                      type="text"
                      inputMode="numeric"
                      defaultValue={valueOf(failure, name, i.target === null ? "" : String(i.target))}
                      aria-invalid={errors?.length ? true : undefined}
                      aria-describedby={[`f-${name}-hint`, errors?.length ? `f-${name}-error` : ""].filter(Boolean).join(" ")}
                    />
                    <ErrorText id={`f-${name}-error`} errors={errors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <div className="actions">
        <button type="submit" className="primary">
          {t("reports.targets.save")}
        </button>
      </div>
    </Form>
  );
}
