import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { SERVICES } from "~/models/telecenters/telecenter-form";
import { monthlyTotals, recentReports, reportSchema, saveOperationsReport, usageFromForm } from "~/models/telecenters/operations.server";
import { getTelecenter, telecenterAccess } from "~/models/telecenters/registry.server";
import { formValues, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], idParam: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const tc = await getTelecenter(db, id);
  if (!tc) notFound();
  if (!(await telecenterAccess(db, user, tc)).report) forbidden();
  return { user, tc };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { tc } = await load(request, context, params.id);
  return {
    title: translator(context.locale)("telecenters.reports.title", { name: tc.name }),
    telecenter: { id: tc.id, name: tc.name },
    services: tc.services.length ? tc.services : [...SERVICES],
    totals: await monthlyTotals(db, tc.id),
    recent: await recentReports(db, tc.id),
    today: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, tc } = await load(request, context, params.id);
  const form = await request.formData();
  const parsed = parseForm(reportSchema, form);
  const usage = usageFromForm(form);
  if (!parsed.ok || !usage.ok) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(usage.ok ? {} : usage.errors) };
    return data<FormFailure>({ errors, values: formValues(form) }, { status: 400 });
  }
  await saveOperationsReport(db, { telecenterId: tc.id, userId: user.id, form: parsed.data, usage: usage.usage });
  return redirect(`/telecenter/${tc.id}/reports?saved=1`);
}

export default function Reports() {
  const { telecenter: tc, services, totals, recent, today } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  const period = valueOf(failure, "period", "day");
  const rp = (n: number) => `Rp${formatNumber(n, locale)}`;
  return (
    <div className="narrow">
      <p>
        <Link to={`/telecenter/${tc.id}`}>{tc.name}</Link>
      </p>
      <h1>{t("telecenters.reports.title", { name: tc.name })}</h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("telecenters.reports.saved")}
        </p>
      ) : null}
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
        <fieldset className="field">
          <legend>{t("telecenters.reports.usage")}</legend>
          {services.map((s) => (
            <Field key={s} name={`use_${s}`} label={t(`telecenters.service.${s}`)} inputMode="numeric" defaultValue={valueOf(failure, `use_${s}`)} errors={e?.[`use_${s}`]} />
          ))}
        </fieldset>
        <Field name="income" label={t("telecenters.reports.income")} hint={t("telecenters.reports.incomeHint")} inputMode="numeric" defaultValue={valueOf(failure, "income")} errors={e?.income} />
        <Field name="complaints" label={t("telecenters.reports.complaints")} inputMode="numeric" defaultValue={valueOf(failure, "complaints")} errors={e?.complaints} />
        <Field name="complaintNotes" label={t("telecenters.reports.complaintNotes")} multiline defaultValue={valueOf(failure, "complaintNotes")} errors={e?.complaintNotes} maxLength={2000} />
        <Field name="damageNotes" label={t("telecenters.reports.damage")} hint={t("telecenters.reports.damageHint")} multiline defaultValue={valueOf(failure, "damageNotes")} errors={e?.damageNotes} maxLength={2000} />
        <button type="submit" className="primary">
          {t("telecenters.reports.submit")}
        </button>
      </Form>
      <section aria-labelledby="totals">
        <h2 id="totals">{t("telecenters.reports.totals")}</h2>
        <p className="hint">{t("telecenters.reports.totalsHint")}</p>
        {totals.length === 0 ? <p className="muted">{t("telecenters.reports.none")}</p> : null}
        {totals.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("telecenters.reports.totalsTable")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("telecenters.reports.month")}</th>
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
                      <span className="muted">{t(`telecenters.reports.source.${m.source}`, { n: m.reports })}</span>
                    </th>
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t("telecenters.reports.recent")}</h2>
        <ul>
          {recent.map((r) => (
            <li key={r.id}>
              {r.period === "month" ? r.periodStart.slice(0, 7) : r.periodStart} · {t(`telecenters.reports.period.${r.period}`)} · {rp(r.income)}
              {r.damageNotes ? ` · ${t("telecenters.reports.damage")}: ${r.damageNotes}` : ""}
              {r.filedBy ? <span className="muted"> · {r.filedBy}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
