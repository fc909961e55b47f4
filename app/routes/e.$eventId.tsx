import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { formatSessionRange } from "~/models/events/event-time";
import { getEvent } from "~/models/events/events.server";
import { getReport } from "~/models/events/outcomes.server";

/** Shared in WhatsApp groups and opened on 3G: no JavaScript, no log-in. */
export const handle = { hydrate: false };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event || event.status === "draft") notFound();
  const report = await getReport(db, id);
  const approved = report?.status === "approved" ? report : null;
  const when = formatDateTime(event.startsAt, context.locale, event.timeZone);
  const place = [event.venueName, event.regionName].filter(Boolean).join(", ");
  return {
    url: `${env.APP_URL}/e/${event.id}`,
    og: {
      title: event.title,
      description: `${when} · ${place} · ${event.chapterName}`,
      image: approved?.photos[0] ? `${env.APP_URL}/events/${event.id}/photos/${approved.photos[0].id}` : `${env.APP_URL}/og-event.png`,
      // WhatsApp lays the preview out before fetching the image when it knows the size
      imageSize: approved?.photos[0] ? { width: approved.photos[0].width, height: approved.photos[0].height } : { width: 1200, height: 630 },
      locale: context.locale === "en" ? "en_US" : "id_ID",
    },
    event: {
      id: event.id,
      title: event.title,
      description: event.description,
      status: event.status,
      timeZone: event.timeZone,
      chapterName: event.chapterName,
      chapterSlug: event.chapterSlug,
      programId: event.programNameId,
      programEn: event.programNameEn,
      place,
      sessions: event.sessions.map((s) => ({ id: s.id, label: s.label && !/^\d+$/.test(s.label) ? s.label : null, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      // free places summed over the days (each day has its own)
      roles: event.roles.map((r) => ({ id: r.id, name: r.name, free: event.places.filter((p) => p.roleId === r.id).reduce((n, p) => n + Math.max(0, p.capacity - p.confirmed), 0) })),
    },
    outcome: approved ? { participants: approved.participantsTotal, institutions: approved.reached.length, photos: approved.photos.map((p) => p.id) } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Simpul" }];
  return [
    { title: `${data.og.title} — Simpul` },
    { name: "description", content: data.og.description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Simpul · Relawan TIK Indonesia" },
    { property: "og:title", content: data.og.title },
    { property: "og:description", content: data.og.description },
    { property: "og:url", content: data.url },
    { property: "og:image", content: data.og.image },
    { property: "og:image:width", content: String(data.og.imageSize.width) },
    { property: "og:image:height", content: String(data.og.imageSize.height) },
    { property: "og:image:alt", content: data.og.title },
    { property: "og:locale", content: data.og.locale },
    { name: "twitter:card", content: "summary_large_image" },
    { tagName: "link", rel: "canonical", href: data.url },
  ];
};

export default function PublicEvent() {
  const { event, outcome } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="narrow">
      <p className="muted">
        {locale === "id" ? event.programId : event.programEn} · {event.chapterName}
      </p>
      <h1>{event.title}</h1>
      {event.status === "cancelled" ? <p className="badge">{t("events.status.cancelled")}</p> : null}
      <ul>
        {event.sessions.map((s) => (
          <li key={s.id}>
            {event.sessions.length > 1 ? `${t("events.page.day", { n: event.sessions.indexOf(s) + 1 })}: ` : ""}
            {formatSessionRange(s.startsAt, s.endsAt, locale, event.timeZone)}
            {s.label ? ` · ${s.label}` : ""}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t("events.page.where")}:</strong> {event.place}
      </p>
      {event.description ? <p style={{ whiteSpace: "pre-line" }}>{event.description}</p> : null}
      {event.status === "published" ? (
        <>
          <h2>{t("events.public.needed")}</h2>
          <ul>
            {event.roles.map((r) => (
              <li key={r.id}>
                {r.name}: {r.free > 0 ? t("events.public.free", { n: r.free }) : t("events.public.full")}
              </li>
            ))}
          </ul>
          <p>
            <Link className="button primary" to={`/events/${event.id}`}>
              {t("events.public.join")}
            </Link>
          </p>
        </>
      ) : null}
      {outcome ? (
        <section aria-labelledby="outcome">
          <h2 id="outcome">{t("events.public.outcome")}</h2>
          <p>{t("events.public.outcomeText", { p: outcome.participants, i: outcome.institutions })}</p>
          {outcome.photos.map((id, i) => (
            <img key={id} src={`/events/${event.id}/photos/${id}`} alt={t("events.report.photoAlt", { n: i + 1 })} style={{ maxWidth: "100%", height: "auto" }} loading="lazy" />
          ))}
        </section>
      ) : null}
      <p>
        <a href={`/events/${event.id}/calendar.ics`}>{t("events.page.ics")}</a> · <a href={`/chapters/${event.chapterSlug}/calendar.ics`}>{t("events.public.chapterFeed")}</a>
        {event.status === "published" ? (
          <>
            {" · "}
            <a href={`/e/${event.id}/hadir`}>{t("events.door.publicLink")}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}
