import { Form } from "@remix-run/react";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { countKey } from "~/i18n/plural";
import { TableWrap } from "~/components/TableWrap";

/** The operations report form: the telecenter's own services first, any other service under a fold. */
export function OperationsReportForm({ listed, others, today, failure }: { listed: string[]; others: string[]; today: string; failure: FormFailure | undefined }) {
  const t = useT();
  const e = failure?.errors;
  const period = valueOf(failure, "period", "day");
  const usageField = (s: string) => <Field key={s} name={`use_${s}`} label={t(`telecenters.service.${s}`)} inputMode="numeric" defaultValue={valueOf(failure, `use_${s}`)} errors={e?.[`use_${s}`]} />;
  const otherTyped = others.some((s) => valueOf(failure, `use_${s}`) !== "");
  return (
    <Form method="post" noValidate className="card">
      <h2 style={{ marginTop: 0 }}>{t("telecenters.reports.new")}</h2>
      <FormError errors={e?._form} />
      <fieldset className="field">
        <legend>{t("telecenters.reports.period")}</legend>
        <div className="checks">
          {(["day", "month"] as const).map((p) => (
            <label key={p}>
              <input type="radio" name="period" value={p} defaultChecked={period === p} /> {t(`telecenters.reports.period.${p}`)}
            </label>
          ))}
        </div>
        <ErrorText id="period-error" errors={e?.period} />
      </fieldset>
      <Field name="date" type="date" label={t("telecenters.reports.date")} hint={t("telecenters.reports.dateHint")} defaultValue={valueOf(failure, "date", today)} errors={e?.date} required />
      <Field name="visitors" label={t("telecenters.reports.visitors")} hint={t("telecenters.reports.visitorsHint")} inputMode="numeric" defaultValue={valueOf(failure, "visitors")} errors={e?.visitors} />
      <fieldset className="field">
        <legend>{t("telecenters.reports.usage")}</legend>
        {listed.map(usageField)}
        {others.length ? (
          <details open={otherTyped || !listed.length}>
            <summary>{t("telecenters.reports.otherServices")}</summary>
            {others.map(usageField)}
          </details>
        ) : null}
      </fieldset>
      <Field name="income" label={t("telecenters.reports.income")} hint={t("telecenters.reports.incomeHint")} inputMode="numeric" defaultValue={valueOf(failure, "income")} errors={e?.income} />
      <Field name="complaints" label={t("telecenters.reports.complaints")} inputMode="numeric" defaultValue={valueOf(failure, "complaints")} errors={e?.complaints} />
      <Field name="complaintNotes" label={t("telecenters.reports.complaintNotes")} multiline defaultValue={valueOf(failure, "complaintNotes")} errors={e?.complaintNotes} maxLength={2000} />
      <Field name="damageNotes" label={t("telecenters.reports.damage")} hint={t("telecenters.reports.damageHint")} multiline defaultValue={valueOf(failure, "damageNotes")} errors={e?.damageNotes} maxLength={2000} />
      <button type="submit" className="primary">
        {t("telecenters.reports.submit")}
      </button>
    </Form>
  );
}

type Total = { month: string; source: "month" | "days" | "none"; reports: number; income: number; complaints: number; damages: number; users: number; visitors: number; perService: Partial<Record<string, number>> };

export function MonthlyTotals({ totals }: { totals: Total[] }) {
  const t = useT();
  const locale = useLocale();
  const rp = (n: number) => `Rp${formatNumber(n, locale)}`;
  return (
    <section aria-labelledby="totals">
      <h2 id="totals">{t("telecenters.reports.totals")}</h2>
      <p className="hint">{t("telecenters.reports.totalsHint")}</p>
      {totals.length === 0 ? <p className="muted">{t("telecenters.reports.none")}</p> : null}
      {totals.length ? (
        <TableWrap label={t("telecenters.reports.totalsTable")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("telecenters.reports.month")}</th>
                <th scope="col">{t("telecenters.reports.visitors")}</th>
                <th scope="col">{t("telecenters.reports.users")}</th>
                <th scope="col">{t("telecenters.reports.income")}</th>
                <th scope="col">{t("telecenters.reports.complaints")}</th>
                <th scope="col">{t("telecenters.reports.damages")}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((m) => (
                <tr key={m.month}>
                  <th scope="row">
                    {m.month}
                    <br />
                    <span className="muted">{t(m.source === "days" ? countKey("telecenters.reports.source.days", m.reports) : `telecenters.reports.source.${m.source}`, { n: m.reports })}</span>
                  </th>
                  {m.source === "none" ? (
                    <td colSpan={5} className="muted">
                      —
                    </td>
                  ) : (
                    <>
                      <td>{formatNumber(m.visitors, locale)}</td>
                      <td>
                        {formatNumber(m.users, locale)}
                        {Object.entries(m.perService).map(([s, n]) => (
                          <div key={s} className="muted">
                            {t(`telecenters.service.${s}`)}: {formatNumber(n ?? 0, locale)}
                          </div>
                        ))}
                      </td>
                      <td>{rp(m.income)}</td>
                      <td>{m.complaints}</td>
                      <td>{m.damages}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

type Recent = { id: number; period: "day" | "month"; periodStart: string; income: number; visitors: number; complaints: number; complaintNotes: string; damageNotes: string; filedBy: string | null };

export function RecentReports({ recent }: { recent: Recent[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="recent">
      <h2 id="recent">{t("telecenters.reports.recent")}</h2>
      <ul className="recent-reports">
        {recent.map((r) => (
          <li key={r.id}>
            {r.period === "month" ? r.periodStart.slice(0, 7) : r.periodStart} · {t(`telecenters.reports.period.${r.period}`)} · Rp{formatNumber(r.income, locale)}
            {r.visitors ? ` · ${t("telecenters.reports.visitors")}: ${formatNumber(r.visitors, locale)}` : ""}
            {r.filedBy ? <span className="muted"> · {r.filedBy}</span> : null}
            {r.complaints || r.complaintNotes ? (
              <div>
                {t(countKey("telecenters.reports.complaintsOf", r.complaints), { n: r.complaints })}
                {r.complaintNotes ? `: ${r.complaintNotes}` : ""}
              </div>
            ) : null}
            {r.damageNotes ? (
              <div>
                {t("telecenters.reports.damage")}: {r.damageNotes}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
