/**
 * The learner's private page (/lacak/<token>): everything it shows about the request in one call, so the route only
 * finds the request and renders. The rules live in requests.server.ts, offers.server.ts and learner-data.server.ts.
 */
import type { Db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDate } from "~/i18n/format-date";
import { DAY_PARTS, slotsOfMask, WEEKDAYS } from "~/models/accounts/availability";
import { listLanguages } from "~/models/accounts/profiles.server";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import { accessToRequest } from "~/models/privacy/access-log.server";
import { regionLabel, regionPickerState } from "~/models/regions/regions.server";
import { PLACE_CORRECTABLE } from "~/models/tutoring/learner-data.server";
import { listSessions, tutorForLearner } from "~/models/tutoring/offers.server";
import { getRequestByToken, listTopics } from "~/models/tutoring/requests.server";

/** A stored contact as shown: a WhatsApp number formatted like the learner's own, an email as it is. */
export const shownContact = (raw: string | null) => (raw?.startsWith("+") ? formatWhatsapp(raw) : (raw ?? ""));

/** The request behind a tracking token as its learner sees it, or null for an unknown token. */
export async function learnerPageData(db: Db, input: { token: string; locale: string }) {
  const request = await getRequestByToken(db, input.token);
  if (!request) return null;
  const [topics, place, tutor, sessions, seenBy, langs] = await Promise.all([
    listTopics(db),
    regionLabel(db, request.regionCode),
    tutorForLearner(db, request),
    listSessions(db, request.id),
    accessToRequest(db, request.id),
    listLanguages(db),
  ]);
  // the place can be corrected while nobody has been asked to take the request (learner-data.server.ts)
  const open = !request.erasedAt && ["new", "offered", "matched", "in_progress", "unmatched"].includes(request.status);
  const placePicker = open && PLACE_CORRECTABLE.includes(request.status) ? await regionPickerState(db, request.regionCode, { maxLevel: 4 }) : null;
  const locale = input.locale === "en" ? "en" : "id";
  const t = translator(locale);
  const lang = langs.find((l) => l.code === request.language);
  const label = (key: string, raw: string) => (t(key) === key ? raw : t(key));
  // everything held about the request, in words (the page ships no JavaScript and no formatting code)
  const held = {
    forWhom: label(`tutoring.forWhom.${request.forWhom}`, request.forWhom),
    where: [label(`tutoring.mode.${request.mode}`, request.mode), request.telecenter].filter(Boolean).join(": "),
    language: lang ? (locale === "en" ? lang.nameEn : lang.nameId) : request.language,
    availability: slotsOfMask(request.availability).map((s) => t("profile.slotLabel", { day: t(`profile.day.${WEEKDAYS[s.weekday]}`), part: t(`profile.part.${DAY_PARTS[s.part]}`) })),
    sessions: sessions.map((x) => ({ day: formatDate(`${x.heldOn}T12:00:00Z`, locale, "UTC"), minutes: x.minutes, topic: x.topic, notes: x.notes })),
  };
  const names = new Map(topics.map((tp) => [tp.slug, input.locale === "en" ? tp.nameEn : tp.nameId]));
  return {
    status: request.status,
    chapterName: request.chapterName,
    learnerName: request.learnerName,
    whatsapp: request.whatsapp ? formatWhatsapp(request.whatsapp) : null,
    email: request.email,
    place,
    topics: request.topics.map((s) => names.get(s) ?? s),
    details: request.details,
    cancelReason: request.cancelReason,
    tutor: tutor?.erased ? { ...tutor, firstName: translator(input.locale === "en" ? "en" : "id")("tutoring.track.tutorErased") } : tutor,
    sessions: sessions.length,
    minutes: sessions.reduce((a, x) => a + x.minutes, 0),
    rating: request.rating ? { value: request.rating, comment: request.ratingComment } : null,
    timeZone: request.timeZone,
    createdAt: request.createdAt.toISOString(),
    isMinor: request.isMinor,
    guardian: request.guardianName ? { name: request.guardianName, contact: shownContact(request.guardianContact) } : null,
    consentAt: request.consentAt.toISOString(),
    consentVersion: request.consentVersion,
    erasedAt: request.erasedAt ? request.erasedAt.toISOString() : null,
    rawWhatsapp: request.whatsapp ?? "",
    seenBy: seenBy.map((x) => ({ at: x.at.toISOString(), name: x.actorName ?? "—" })),
    held,
    placePicker,
    placeHeld: open && !placePicker,
    history: request.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
  };
}
