/**
 * The lead's tutoring request page (/chapters/<slug>/tutoring/<id>): what its loader shows and one function per form
 * intent, so the route only guards, parses and calls. The rules live in requests.server.ts (lead's view, close),
 * offers.server.ts (offers, sessions, completion) and matching.server.ts (ranked candidates).
 */
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { formatDate } from "~/i18n/format-date";
import { keysOfMask } from "~/models/accounts/availability";
import { listLanguages } from "~/models/accounts/profiles.server";
import { formatWhatsapp, whatsappLink } from "~/models/accounts/whatsapp";
import { regionLabel } from "~/models/regions/regions.server";
import { MATCH_WEIGHTS, rankCandidates } from "~/models/tutoring/matching.server";
import { completeRequest, heldByFormerVolunteer, listOffers, listSessions, offerRequest, tutorForLearner } from "~/models/tutoring/offers.server";
import { getRequestForLead, leadDecide, listTopics, requestsOfSameContact } from "~/models/tutoring/requests.server";
import { shownContact } from "~/models/tutoring/learner-page.server";

/** A failed form of the page: messages per field and the note typed (shown again). */
export type LeadRequestFailure = { errors: Record<string, string[] | undefined>; values?: Record<string, string> };
/** What an intent ends in: done, refused (forbidden / not found) or a failure shown on the page (400 / 409). */
export type LeadRequestOutcome = { ok: true } | { ok: false; reason: "forbidden" | "notFound" } | { ok: false; status: 400 | 409; failure: LeadRequestFailure };

type Scope = { user: SessionUser; chapterId: number; requestId: number };

/** Everything the lead's page renders (logs the lead's access to the learner's contact), or why not. */
export async function leadRequestPageData(db: Db, scope: Scope & { locale: string }) {
  const found = await getRequestForLead(db, scope.user, scope.chapterId, scope.requestId);
  if (!found.ok) return found;
  const r = found.request;
  const open = ["new", "offered", "unmatched"].includes(r.status) || (await heldByFormerVolunteer(db, r));
  const [candidates, topics, langs, place, offers, sessions, tutor, sameContact] = await Promise.all([
    open ? rankCandidates(db, r.id) : Promise.resolve([]),
    listTopics(db),
    listLanguages(db),
    regionLabel(db, r.regionCode),
    listOffers(db, r.id),
    listSessions(db, r.id),
    tutorForLearner(db, r),
    requestsOfSameContact(db, r),
  ]);
  const en = scope.locale === "en";
  const names = new Map(topics.map((tp) => [tp.slug, en ? tp.nameEn : tp.nameId]));
  const lang = langs.find((l) => l.code === r.language);
  return {
    ok: true as const,
    request: {
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      // written by the server: the page ships no date formatting code (DECISIONS 71)
      createdText: formatDateTime(r.createdAt, scope.locale === "en" ? "en" : "id", r.timeZone),
      timeZone: r.timeZone,
      learnerName: r.learnerName,
      whatsapp: r.whatsapp ? { label: formatWhatsapp(r.whatsapp), href: whatsappLink(r.whatsapp) } : null,
      email: r.email,
      erased: r.erasedAt !== null,
      guardian: r.isMinor && r.guardianName ? { name: r.guardianName, contact: shownContact(r.guardianContact) } : null,
      place,
      topics: r.topics.map((s) => names.get(s) ?? s),
      details: r.details,
      forWhom: r.forWhom,
      mode: r.mode,
      telecenter: r.telecenter,
      language: lang ? (en ? lang.nameEn : lang.nameId) : r.language,
      availability: keysOfMask(r.availability),
      history: r.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
      // the same person's other requests in the chapter (asked again on a new form): the lead closes the spare one
      sameContact: sameContact.map((x) => ({ id: x.id, status: x.status, createdText: formatDateTime(x.createdAt, en ? "en" : "id", r.timeZone) })),
    },
    candidates,
    canOffer: open,
    offers: offers.map((o) => ({ ...o, offeredAt: o.offeredAt.toISOString(), expiresAt: o.expiresAt.toISOString(), respondedAt: o.respondedAt?.toISOString() ?? null })),
    // dates written by the server, like createdText
    sessions: sessions.map((x) => ({ ...x, heldOn: formatDate(`${x.heldOn}T12:00:00Z`, en ? "en" : "id", "UTC") })),
    tutor: r.tutorId
      ? { name: tutor?.erased ? translator(en ? "en" : "id")("tutoring.track.tutorErased") : (offers.find((o) => o.volunteerId === r.tutorId)?.volunteerName ?? tutor?.firstName ?? ""), contact: tutor }
      : null,
    rating: r.rating ? { value: r.rating, comment: r.ratingComment } : null,
    weights: MATCH_WEIGHTS,
  };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

type OfferOutcome = Awaited<ReturnType<typeof offerRequest>>;

function offerOutcome(result: OfferOutcome, note: string): LeadRequestOutcome {
  if (result.ok) return { ok: true };
  if ("errors" in result) return { ok: false, status: 400, failure: { errors: result.errors, values: { note } } };
  if (result.reason === "forbidden") return { ok: false, reason: "forbidden" };
  if (result.reason === "conflict") return { ok: false, status: 409, failure: { errors: { _form: ["tutoring.volunteer.conflict"] } } };
  return { ok: false, reason: "notFound" };
}

/** Offer the request to one ranked volunteer. */
export async function leadOfferRequest(db: Db, scope: Scope, form: FormData): Promise<LeadRequestOutcome> {
  return offerOutcome(await offerRequest(db, scope.user, scope.chapterId, scope.requestId, text(form, "volunteerId")), text(form, "note"));
}

/** Mark a request in progress as completed. */
export async function leadCompleteRequest(db: Db, scope: Scope, form: FormData): Promise<LeadRequestOutcome> {
  const note = text(form, "note");
  return offerOutcome(await completeRequest(db, scope.user, scope.requestId, note), note);
}

/** Close the request: "unmatched" (nobody suitable) or cancelled, with the lead's note. */
export async function leadCloseRequest(db: Db, scope: Scope, decision: "unmatched" | "cancel", form: FormData): Promise<LeadRequestOutcome> {
  const note = text(form, "note");
  const result = await leadDecide(db, scope.user, scope.chapterId, scope.requestId, decision, note);
  if (!result.ok) {
    if ("reason" in result) return { ok: false, reason: result.reason === "forbidden" ? "forbidden" : "notFound" };
    return { ok: false, status: 400, failure: { errors: result.errors, values: { note } } };
  }
  return { ok: true };
}
