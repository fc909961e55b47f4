import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { ShareLinks } from "~/components/ShareLinks";
import { db } from "~/db.server";
import { useLocale, useT } from "~/i18n/react";
import { formatSessionRange } from "~/models/events/event-time";
import { publicEventPage } from "~/models/events/public.server";
import { countKey } from "~/i18n/plural";
import { shareMeta } from "~/utils/share-meta";
import "~/i18n/strings/routes/e.$eventId";

/** Shared in WhatsApp groups and opened on 3G: no JavaScript, no log-in. */
export const handle = { hydrate: false };

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const page = await publicEventPage(db, { eventId: id, locale: context.locale });
  if (!page) notFound();
  const { event } = page;
  return {
    // back from the ticket's cancel button (also when it was sent again after it went through)
    // "tiket": a ticket link whose registration is gone, opened later
    cancelled: (["1", "tiket"] as const).find((v) => v === new URL(request.url).searchParams.get("batal")) ?? null,
    url: page.url,
    og: page.og,
    jsonLd: page.jsonLd,
    shareUrl: page.shareUrl,
    past: page.past,
    canRegister: page.canRegister,
    places: { capacity: page.places.capacity, free: page.places.capacity === null ? null : Math.max(0, page.places.capacity - page.places.confirmed) },
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
      place: page.place,
      sessions: event.sessions.map((s) => ({ id: s.id, label: s.label && !/^\d+$/.test(s.label) ? s.label : null, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      // free places summed over the days (each day has its own)
      roles: event.roles.map((r) => ({ id: r.id, name: r.name, free: event.places.filter((p) => p.roleId === r.id).reduce((n, p) => n + Math.max(0, p.capacity - p.confirmed), 0) })),
    },
    outcome: page.outcome,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Simpul" }];
  return [
    { title: `${data.og.title} — Simpul` },
    ...shareMeta({ title: data.og.title, description: data.og.description, url: data.url, image: data.og.image, locale: data.og.locale === "en_US" ? "en" : "id" }),
    { "script:ld+json": data.jsonLd },
  ];
};

export default function PublicEvent() {
  const { event, outcome, past, canRegister, places, shareUrl, url, cancelled } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="narrow">
      <p className="muted">
        {locale === "id" ? event.programId : event.programEn} · <Link to={`/chapters/${event.chapterSlug}`}>{event.chapterName}</Link>
      </p>
      <h1>{event.title}</h1>
      {cancelled ? (
        <p className="notice" role="status">
          {t(cancelled === "tiket" ? "public.ticket.gone" : "public.ticket.cancelled")}
        </p>
      ) : null}
      {event.status === "cancelled" ? (
        <p className="badge" data-testid="event-mark">
          {t("events.status.cancelled")}
        </p>
      ) : past ? (
        <p className="badge" data-testid="event-mark">
          {t("public.past")}
        </p>
      ) : null}
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
      {canRegister ? (
        <section aria-labelledby="attend" className="card">
          <h2 id="attend" style={{ marginTop: 0 }}>
            {t("public.attend.title")}
          </h2>
          <p>{places.free === null ? t("public.attend.open") : places.free > 0 ? t(countKey("public.attend.free", places.free), { n: places.free }) : t("public.attend.full")}</p>
          <p>
            <Link className="button primary" to={`/e/${event.id}/daftar`}>
              {t("public.attend.register")}
            </Link>
          </p>
        </section>
      ) : null}
      <p>
        <a href={`/events/${event.id}/calendar.ics`}>{t("events.page.ics")}</a> · <a href={`/chapters/${event.chapterSlug}/calendar.ics`}>{t("events.public.chapterFeed")}</a>
      </p>
      {event.status === "published" && !past ? <ShareLinks whatsappUrl={shareUrl} url={url} /> : null}
      {event.status === "published" && !past ? (
        <section aria-labelledby="volunteers">
          <h2 id="volunteers">{t("events.public.needed")}</h2>
          <ul>
            {event.roles.map((r) => (
              <li key={r.id}>
                {r.name}: {r.free > 0 ? t(countKey("events.public.free", r.free), { n: r.free }) : t("events.public.full")}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/events/${event.id}`}>{t("events.public.join")}</Link>
          </p>
        </section>
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
      {event.status === "published" && !past ? (
        <p className="muted">
          <a href={`/e/${event.id}/hadir`}>{t("events.door.publicLink")}</a>
        </p>
      ) : null}
    </div>
  );
}
