import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { eventsForCertificates, issueForAllAttendees } from "~/models/reports/certificates.server";
import styles from "~/styles/reports.css";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.capaian.sertifikat";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const url = new URL(request.url);
  const evs = await eventsForCertificates(db, chapter.id);
  return {
    title: translator(context.locale)("reports.cert.lead.title", { chapter: chapter.name }),
    chapter: { slug: chapter.slug },
    done: url.searchParams.has("issued") ? { issued: Number(url.searchParams.get("issued")), already: Number(url.searchParams.get("already")) } : null,
    notApproved: url.searchParams.has("notApproved"),
    events: evs.map((e) => ({ ...e, startsAt: e.startsAt.toISOString(), attended: Number(e.attended), issued: Number(e.issued), approved: Boolean(e.approved) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { chapter, user } = await requireLeadOfChapter(context, request, params.slug);
  const form = await request.formData();
  const eventId = Number(form.get("eventId"));
  if (form.get("intent") !== "issueAll" || !Number.isInteger(eventId) || eventId <= 0) return data({ error: true }, { status: 400 });
  const r = await issueForAllAttendees(db, { eventId, chapterId: chapter.id, issuedBy: user.id });
  if (!r) notFound();
  if ("notApproved" in r) return redirect(`/chapters/${chapter.slug}/capaian/sertifikat?notApproved=${eventId}`);
  return redirect(`/chapters/${chapter.slug}/capaian/sertifikat?issued=${r.issued}&already=${r.already}`);
}

export default function LeadCertificates() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="wide">
      <h1>{d.title}</h1>
      <p>{t("reports.cert.lead.hint")}</p>
      <p>
        <Link to={`/chapters/${d.chapter.slug}/capaian/sertifikat/terbit`}>{t("reports.cert.lead.listLink")}</Link>
      </p>
      {d.done ? (
        <p className="notice" role="status">
          {t(countKey("reports.cert.lead.done", d.done.issued), { issued: d.done.issued, already: d.done.already })}
        </p>
      ) : null}
      {d.notApproved ? (
        <p className="form-error" role="alert">
          {t("reports.cert.lead.notApproved")}
        </p>
      ) : null}
      {d.events.length === 0 ? <p>{t("reports.cert.lead.none")}</p> : null}
      <ul className="ind-list">
        {d.events.map((e) => (
          <li key={e.id} className="ind">
            <Link to={`/events/${e.id}`}>{e.title}</Link>
            <br />
            <span className="muted">
              {formatDateTime(e.startsAt, locale, e.timeZone)} · {t("reports.cert.lead.attended", { n: e.attended })} · {t(countKey("reports.cert.lead.issued", e.issued), { n: e.issued })}
            </span>
            {e.attended > e.issued && !e.approved ? (
              <p className="muted">{t("reports.cert.lead.notApproved")}</p>
            ) : e.attended > e.issued ? (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="issueAll" />
                <input type="hidden" name="eventId" value={e.id} />
                <button type="submit" className="primary" aria-label={`${t("reports.cert.lead.issueAll")}: ${e.title}`}>
                  {t("reports.cert.lead.issueAll")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/chapters/${d.chapter.slug}/capaian`}>{t("reports.records.back")}</Link>
      </p>
    </div>
  );
}
