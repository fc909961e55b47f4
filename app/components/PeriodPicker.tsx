import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { periodKey, periodLabel, type Period } from "~/models/reports/period";

/** A GET form: works without JavaScript, and the chosen period stays in the URL (shareable, printable). */
export function PeriodPicker({ options, current, extra }: { options: Period[]; current: Period; extra?: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const keys = options.map(periodKey);
  const all = keys.includes(periodKey(current)) ? options : [current, ...options];
  return (
    <Form method="get" className="period-form no-print">
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label htmlFor="f-period">{t("reports.period")}</label>
        <select id="f-period" name="period" defaultValue={periodKey(current)}>
          {all.map((p) => (
            <option key={periodKey(p)} value={periodKey(p)}>
              {periodLabel(p, locale)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t("reports.periodShow")}
      </button>
    </Form>
  );
}
