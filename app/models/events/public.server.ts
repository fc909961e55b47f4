/**
 * What a visitor without an account sees: upcoming public events by kabupaten/kota and program, an event's page
 * (with its schema.org Event and its Open Graph card), the sitemap, and this year's national figures.
 */
import { and, asc, desc, eq, gte, inArray, like, lt, or, sql } from "drizzle-orm";
import { chapters } from "../../../db/schema/chapters";
import { events, institutions, programs } from "../../../db/schema/events";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { formatDateTime } from "~/i18n/format";
import { formatDateTimeRange } from "~/i18n/format-date";
import { getEvent } from "~/models/events/events.server";
import { getReport } from "~/models/events/outcomes.server";
import { openForRegistration, placesLeft } from "~/models/events/participants.server";
import { scopeFigures } from "~/models/reports/indicators.server";
import { currentPeriod } from "~/models/reports/period";
import { renderCardPng } from "~/services/og-image.server";
import { SITE_NAME } from "~/utils/share-meta";

export type VisitorEventFilter = { regionPrefix?: string | null; chapterId?: number | null; programSlug?: string | null; limit?: number; now?: Date };

/** Upcoming (not yet ended) published or cancelled events, soonest first; cancelled ones are shown as such. */
export async function upcomingPublicEvents(db: Db, f: VisitorEventFilter) {
  const now = f.now ?? new Date();
  return db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      chapterName: chapters.name,
      chapterSlug: chapters.slug,
      programSlug: programs.slug,
      programNameId: programs.nameId,
      programNameEn: programs.nameEn,
      venueName: institutions.name,
      regionName: regions.name,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(programs, eq(programs.id, events.programId))
    .innerJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(institutions, eq(institutions.id, events.venueId))
    .where(
      and(
        gte(events.endsAt, now),
        inArray(events.status, ["published", "cancelled"]),
        f.regionPrefix ? or(eq(events.regionCode, f.regionPrefix), like(events.regionCode, `${f.regionPrefix}.%`)) : undefined,
        f.chapterId ? eq(events.chapterId, f.chapterId) : undefined,
        f.programSlug ? eq(programs.slug, f.programSlug) : undefined,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(f.limit ?? 30);
}

/** Kabupaten/kota a visitor can pick: those a chapter covers (each with its chapter). */
export async function visitorRegions(db: Db) {
  return db
    .select({
      code: chapters.regionCode,
      name: regions.name,
      provinceName: sql<string>`(select p.name from region p where p.code = ${regions.provinceCode})`,
      chapterSlug: chapters.slug,
      chapterName: chapters.name,
    })
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .orderBy(asc(regions.provinceCode), asc(regions.name));
}

export async function activePrograms(db: Db) {
  return db.select({ slug: programs.slug, nameId: programs.nameId, nameEn: programs.nameEn }).from(programs).where(eq(programs.active, true)).orderBy(asc(programs.nameId));
}

export const NATIONAL_KEYS = ["schools_internet_sehat", "pesantren_reached", "umkm_online", "villages_online", "participants", "active_volunteers", "tutoring_completed"] as const;

/** This year's national figures from approved records only (the same indicators as the Laporan Capaian, read from the maintained roll-ups). */
export async function nationalFigures(db: Db, now = new Date()): Promise<{ year: number; figures: Record<string, number> }> {
  const period = currentPeriod(now, "Asia/Jakarta");
  const all = await scopeFigures(db, { provinceCode: null, period: { year: period.year, semester: 0 }, totalsOnly: true });
  return { year: period.year, figures: Object.fromEntries(NATIONAL_KEYS.map((k) => [k, all.get(k)?.total ?? 0])) };
}

/** The prepared WhatsApp message: Indonesian, with the date, place and link. */
export function whatsappShareUrl(text: string, url: string): string {
  return `https://wa.me/?text=${encodeURIComponent(`${text}\n${url}`)}`;
}

/** Everything the public event page shows; null for a draft or an unknown id. */
export async function publicEventPage(db: Db, input: { eventId: number; locale: "id" | "en"; now?: Date }) {
  const now = input.now ?? new Date();
  const event = await getEvent(db, input.eventId);
  if (!event || event.status === "draft") return null;
  const [report, places] = await Promise.all([getReport(db, event.id), placesLeft(db, event.id)]);
  const approved = report?.status === "approved" ? report : null;
  const url = `${env.APP_URL}/e/${event.id}`;
  const place = [event.venueName, event.regionName].filter(Boolean).join(", ");
  const when = `${formatDateTime(event.startsAt, input.locale, event.timeZone)}`;
  const past = event.endsAt.getTime() < now.getTime();
  const shareText =
    input.locale === "id"
      ? `${event.title} — ${when}, ${place}. Gratis, daftar di sini:`
      : `${event.title} — ${when}, ${place}. Free, register here:`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: event.title,
    description: event.description || `${event.programNameId} · ${event.chapterName}`,
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus: event.status === "cancelled" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    inLanguage: "id",
    url,
    image: [`${url}/og.png`],
    location: { "@type": "Place", name: event.venueName ?? event.regionName, address: { "@type": "PostalAddress", addressLocality: event.regionName, addressCountry: "ID" } },
    organizer: { "@type": "Organization", name: event.chapterName, url: `${env.APP_URL}/chapters/${event.chapterSlug}` },
    isAccessibleForFree: true,
    ...(places.capacity !== null ? { maximumAttendeeCapacity: places.capacity, remainingAttendeeCapacity: Math.max(0, places.capacity - places.confirmed) } : {}),
    offers: { "@type": "Offer", price: "0", priceCurrency: "IDR", availability: places.capacity !== null && places.confirmed >= places.capacity ? "https://schema.org/SoldOut" : "https://schema.org/InStock", url: `${url}/daftar` },
  };
  return {
    url,
    event,
    place,
    past,
    canRegister: openForRegistration(event, now),
    places,
    shareUrl: whatsappShareUrl(shareText, url),
    jsonLd,
    og: { title: event.title, description: `${when} · ${place} · ${event.chapterName}`, image: `${url}/og.png`, locale: input.locale === "en" ? "en_US" : "id_ID" },
    outcome: approved ? { participants: approved.participantsTotal, institutions: approved.reached.length, photos: approved.photos.map((p) => p.id) } : null,
  };
}

/** The event's Open Graph card (title, date and time with zone, place, chapter); null for drafts. */
export async function eventOgImage(db: Db, eventId: number): Promise<Buffer | null> {
  const event = await getEvent(db, eventId);
  if (!event || event.status === "draft") return null;
  const first = event.sessions[0];
  const when = formatDateTimeRange(first?.startsAt ?? event.startsAt, first?.endsAt ?? event.endsAt, "id", event.timeZone) + (event.sessions.length > 1 ? ` (+${event.sessions.length - 1} hari)` : "");
  const place = [event.venueName, event.regionName].filter(Boolean).join(", ");
  const status = event.status === "cancelled" ? "DIBATALKAN · " : event.endsAt.getTime() < Date.now() ? "Sudah berlangsung · " : "";
  return renderCardPng({
    kicker: `${status}${event.programNameId} · ${event.chapterName}`,
    title: event.title,
    lines: [when, place],
    footer: SITE_NAME,
    accent: event.status === "cancelled" ? "#8a1c1c" : undefined,
  });
}

/** sitemap.xml: public (non-draft) events and every chapter page. */
export async function sitemapEntries(db: Db) {
  const [eventRows, chapterRows] = await Promise.all([
    db.select({ id: events.id, updatedAt: events.updatedAt }).from(events).where(inArray(events.status, ["published", "completed", "cancelled"])).orderBy(desc(events.startsAt)).limit(40000),
    db.select({ slug: chapters.slug }).from(chapters).orderBy(asc(chapters.slug)),
  ]);
  return [
    { loc: `${env.APP_URL}/`, lastmod: null },
    ...chapterRows.map((c) => ({ loc: `${env.APP_URL}/chapters/${c.slug}`, lastmod: null })),
    ...eventRows.map((e) => ({ loc: `${env.APP_URL}/e/${e.id}`, lastmod: e.updatedAt.toISOString().slice(0, 10) })),
  ];
}

/** Recently held public events of a chapter (for its page), newest first. */
export async function recentChapterEvents(db: Db, input: { chapterId: number; limit?: number; now?: Date }) {
  const now = input.now ?? new Date();
  return db
    .select({ id: events.id, title: events.title, status: events.status, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .where(and(eq(events.chapterId, input.chapterId), inArray(events.status, ["published", "completed", "cancelled"]), lt(events.endsAt, now)))
    .orderBy(desc(events.startsAt))
    .limit(input.limit ?? 5);
}

/** The visitor's home page: kabupaten/kota to pick from, programs, the upcoming events there, this year's figures. */
export async function visitorHome(db: Db, input: { regionCode: string | null; programSlug: string | null; now?: Date }) {
  const [allRegions, programList, figures] = await Promise.all([visitorRegions(db), activePrograms(db), nationalFigures(db, input.now)]);
  // one entry per kabupaten/kota (the first chapter covering it)
  const regionList = allRegions.filter((r, i) => allRegions.findIndex((o) => o.code === r.code) === i);
  const region = input.regionCode ? (regionList.find((r) => r.code === input.regionCode) ?? null) : null;
  const program = input.programSlug ? (programList.find((p) => p.slug === input.programSlug) ?? null) : null;
  const list = await upcomingPublicEvents(db, { regionPrefix: region?.code ?? null, programSlug: program?.slug ?? null, limit: region ? 30 : 10, now: input.now });
  return { regions: regionList, programs: programList, region, program, events: list, figures };
}
