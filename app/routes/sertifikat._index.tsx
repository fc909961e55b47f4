import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FormError, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDays, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { attendedEvents, hoursPeriods, issueEventCertificate, issueHoursCertificate } from "~/models/reports/certificates.server";
import styles from "~/styles/reports.css";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/sertifikat._index";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [evs, hours] = await Promise.all([attendedEvents(db, user.id), hoursPeriods(db, user.id)]);
  return {
    title: translator(context.locale)("reports.cert.mine"),
    // the days attended, written on the server ("12–14 Desember 2026")
    events: evs.map((e) => ({ eventId: e.eventId, title: e.title, chapterName: e.chapterName, hours: e.hours, code: e.code, days: formatDays(e.days.split(","), context.locale) })),
    hours,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "event") {
    const eventId = Number(form.get("eventId"));
    if (!Number.isInteger(eventId) || eventId <= 0) return data<FormFailure>({ errors: { _form: ["reports.cert.notAttended"] } }, { status: 400 });
    const r = await issueEventCertificate(db, { eventId, userId: user.id });
    if (!r.ok) return data<FormFailure>({ errors: { _form: ["reports.cert.notAttended"] } }, { status: 400 });
    return redirect(`/sertifikat/${r.code}`);
  }
  if (intent === "hours") {
    const chapterId = Number(form.get("chapterId"));
    const year = Number(form.get("year"));
    if (!Number.isInteger(chapterId) || !Number.isInteger(year)) return data<FormFailure>({ errors: { _form: ["reports.cert.noHoursError"] } }, { status: 400 });
    const r = await issueHoursCertificate(db, { chapterId, userId: user.id, period: { year, semester: 0 }, locale: context.locale });
    if (!r.ok) return data<FormFailure>({ errors: { _form: ["reports.cert.noHoursError"] } }, { status: 400 });
    return redirect(`/sertifikat/${r.code}`);
  }
  return data<FormFailure>({ errors: { _form: ["reports.cert.notAttended"] } }, { status: 400 });
}

export default function MyCertificates() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="narrow">
      <h1>{t("reports.cert.mine")}</h1>
      <p>{t("reports.cert.mineLead")}</p>
      <FormError errors={failure?.errors?._form} />
      <h2>{t("reports.cert.events")}</h2>
      {d.events.length === 0 ? <p>{t("reports.cert.noEvents")}</p> : null}
      <ul className="ind-list">
        {d.events.map((e) => (
          <li key={e.eventId} className="ind">
            <strong>{e.title}</strong>
            <br />
            <span className="muted">
              {e.days} · {e.chapterName} · {t(countKey("reports.cert.hoursN", e.hours ?? 0), { n: formatNumber(e.hours ?? 0, locale) })}
            </span>
            {e.code ? (
              <p className="actions">
                <a className="button" href={`/sertifikat/${e.code}/pdf`}>
                  {t("reports.cert.download")}
                </a>
                <Link to={`/sertifikat/${e.code}`}>{t("reports.cert.open")}</Link>
              </p>
            ) : (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="event" />
                <input type="hidden" name="eventId" value={e.eventId} />
                <button type="submit" className="primary" aria-label={`${t("reports.cert.get")}: ${e.title}`}>
                  {t("reports.cert.get")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <h2>{t("reports.cert.hours")}</h2>
      <p className="hint">{t("reports.cert.hoursHint")}</p>
      {d.hours.length === 0 ? <p>{t("reports.cert.noHours")}</p> : null}
      <ul className="ind-list">
        {d.hours.map((h) => (
          <li key={`${h.chapterId}-${h.year}`} className="ind">
            <strong>
              {h.chapterName} — {h.year}
            </strong>
            <br />
            <span className="muted">{t(countKey("reports.cert.hoursN", h.hours), { n: formatNumber(h.hours, locale) })}</span>
            {h.code ? (
              <p className="actions">
                <a className="button" href={`/sertifikat/${h.code}/pdf`}>
                  {t("reports.cert.download")}
                </a>
                <Link to={`/sertifikat/${h.code}`}>{t("reports.cert.open")}</Link>
              </p>
            ) : (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="hours" />
                <input type="hidden" name="chapterId" value={h.chapterId} />
                <input type="hidden" name="year" value={h.year} />
                <button type="submit" className="primary" aria-label={`${t("reports.cert.get")}: ${h.chapterName} ${h.year}`}>
                  {t("reports.cert.get")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
