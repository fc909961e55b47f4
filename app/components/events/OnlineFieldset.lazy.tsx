import { ErrorText, Field, valueOf, valuesOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { BLANK_ONBOARDING_ROWS, ONBOARDING_TYPES } from "~/models/events/outcome-form";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/lazy/components/events/OnlineFieldset.lazy";
import { TableWrap } from "~/components/TableWrap";

// Go-online on a report's form: loaded apart from the page's code (see app/components/lazy-part.tsx). The server
// renders it inside the report's form; its inputs are plain form fields, sent with the form.

const ONLINE_KINDS = ["marketplace", "gbp", "website", "social", "qris"] as const;

/**
 * The go-online list's problems, which the report's action returns (models/events/online-list.server.ts and the
 * rows' "what was made" check): only this part shows them, so their strings come with the part, not with the page's
 * first load (scripts/route-strings.ts).
 */
export const PROBLEMS_SHOWN_HERE = ["events.report.onlineList.", "events.report.onlineKindRequired"] as const;

/** The go-online list as checked before filing. */
export type OnlineListRowView = { source: string; line: number; name: string; type: string | null; regionName: string | null; kinds: string[]; errors: string[] };
export type OnlineListPreviewView = { rows: OnlineListRowView[]; fileError: string | null; errorCount: number };

/** The go-online list as checked: one row per line, its problems. */
function OnlineListPreviewTable({ preview, max }: { preview: OnlineListPreviewView; max: number }) {
  const t = useT();
  return (
    <section aria-labelledby="online-preview-h">
      <h2 id="online-preview-h">{t("events.report.onlineList.previewTitle")}</h2>
      <p role="status">{t("events.report.onlineList.summary", { valid: preview.rows.length - preview.errorCount, errors: preview.errorCount })}</p>
      {preview.fileError ? <p className="form-error">{t(preview.fileError, { max })}</p> : null}
      {preview.rows.length ? (
        <TableWrap label={t("events.report.onlineList.previewTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("events.report.onlineList.line")}</th>
                <th scope="col">{t("events.report.onlineName")}</th>
                <th scope="col">{t("events.form.venueType")}</th>
                <th scope="col">{t("events.report.onlineList.region")}</th>
                <th scope="col">{t("events.report.onlineKinds")}</th>
                <th scope="col">{t("events.report.onlineList.problems")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={`${r.source}-${r.line}`}>
                  <td>{t(`events.report.onlineList.source.${r.source}`, { n: r.line })}</td>
                  <td>{r.name}</td>
                  <td>{r.type ? t(`events.inst.${r.type}`) : "—"}</td>
                  <td>{r.regionName ?? "—"}</td>
                  <td>{r.kinds.map((k) => t(`events.online.${k}`)).join(", ") || "—"}</td>
                  <td className={r.errors.length ? "error" : undefined}>{r.errors.length ? r.errors.map((x) => t(x)).join("; ") : "OK"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

/** Go-online: the pasted or uploaded list, its preview, and the one-by-one rows. */
export function OnlineFieldset({ report, failure, onlineMax }: { report: { onlineCount: number; onlineText: string } | null; failure: (FormFailure & { online?: OnlineListPreviewView }) | undefined; onlineMax: number }) {
  const t = useT();
  const e = failure?.errors;
  const rowCount = failure
    ? Math.max(BLANK_ONBOARDING_ROWS, ...Object.keys(failure.values ?? {}).map((k) => Number(/^onb\.(\d+)\./.exec(k)?.[1] ?? -1) + 1))
    : BLANK_ONBOARDING_ROWS;
  const row = (i: number) => ({
    name: valueOf(failure, `onb.${i}.name`, ""),
    type: valueOf(failure, `onb.${i}.type`, "umkm"),
    kinds: valuesOf(failure, `onb.${i}.kinds`, []),
  });
  const preview = failure?.online;
  const carried = valueOf(failure, "onlineCsvText", "");
  return (
    <fieldset>
      <legend>{t("events.report.online")}</legend>
      <p className="hint">{t("events.report.onlineHint")}</p>
      {report?.onlineCount ? <p className="hint">{t(countKey("events.report.onlineList.filed", report.onlineCount), { n: report.onlineCount })}</p> : null}
      <Field
        name="onlineList"
        label={t("events.report.onlineList.label")}
        hint={t("events.report.onlineList.hint", { max: onlineMax })}
        multiline
        defaultValue={valueOf(failure, "onlineList", report?.onlineText ?? "")}
        errors={e?.onlineList}
      />
      <div className="field">
        <label htmlFor="f-onlineCsv">{t("events.report.onlineList.file")}</label>
        <input id="f-onlineCsv" name="onlineCsv" type="file" accept=".csv,text/csv,text/plain" aria-describedby={carried ? "f-onlineCsv-kept" : undefined} />
        {/* the file chosen before a preview or an error: a file input cannot be refilled, so its text is sent again */}
        {carried ? (
          <>
            <input type="hidden" name="onlineCsvText" value={carried} />
            <p className="hint" id="f-onlineCsv-kept">
              {t("events.report.onlineList.fileKept")}
            </p>
            <label>
              <input type="checkbox" name="onlineCsvDrop" value="1" /> {t("events.report.onlineList.fileDrop")}
            </label>
          </>
        ) : null}
      </div>
      <button type="submit" name="intent" value="preview" className="secondary">
        {t("events.report.onlineList.preview")}
      </button>
      {preview ? <OnlineListPreviewTable preview={preview} max={onlineMax} /> : null}
      <p className="hint">{t("events.report.onlineOneByOne")}</p>
      <div>
        {Array.from({ length: rowCount }, (_, i) => {
          const r = row(i);
          return (
            <div key={i} className="card" role="group" aria-label={t("events.report.onlineRow", { n: i + 1 })}>
              <Field name={`onb.${i}.name`} label={t("events.report.onlineName")} maxLength={160} defaultValue={r.name} errors={e?.[`onb.${i}.name`]} />
              <Field name={`onb.${i}.type`} label={t("events.form.venueType")} errors={e?.[`onb.${i}.type`]}>
                <select id={`f-onb.${i}.type`} name={`onb.${i}.type`} defaultValue={r.type}>
                  {ONBOARDING_TYPES.map((x) => (
                    <option key={x} value={x}>
                      {t(`events.inst.${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <fieldset aria-describedby={e?.[`onb.${i}.kinds`] ? `f-onb.${i}.kinds-error` : undefined}>
                <legend>{t("events.report.onlineKinds")}</legend>
                <div className="checks">
                  {ONLINE_KINDS.map((k) => (
                    <label key={k}>
                      <input type="checkbox" name={`onb.${i}.kinds`} value={k} defaultChecked={r.kinds.includes(k)} /> {t(`events.online.${k}`)}
                    </label>
                  ))}
                </div>
                <ErrorText id={`f-onb.${i}.kinds-error`} errors={e?.[`onb.${i}.kinds`]} />
              </fieldset>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
