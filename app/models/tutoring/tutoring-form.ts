/**
 * Tutoring constants shared by pages and their actions (a value exported from a *.server.ts module is
 * undefined in the browser). No server code here.
 */
export const TUTORING_FOR_WHOM = ["self", "umkm", "school", "village_office", "community"] as const;
export const TUTORING_MODES = ["home", "telecenter", "village_office", "online"] as const;

export const HONEYPOT_FIELD = "website";
export const REGION_FIELD = "region";
export const NAME_MAX = 120;
export const DETAILS_MAX = 2000;
export const CANCEL_REASON_MAX = 500;
export const NOTE_MAX = 1000;
export const SESSION_TOPIC_MAX = 200;
export const SESSION_NOTES_MAX = 2000;
/** a logged session lasts 5 minutes to 8 hours */
export const SESSION_MINUTES = { min: 5, max: 480 } as const;
export const RATING_COMMENT_MAX = 1000;

/** An offered volunteer has this long to accept or decline before the next candidate gets the offer. */
export const OFFER_RESPONSE_HOURS = 48;
/** A request still without a tutor this many days after it came in is escalated to the chapter's leads by email. */
export const ESCALATE_AFTER_DAYS = 3;

/**
 * How candidates for a tutoring request are ranked — the only place these numbers live
 * (app/models/matching.server.ts computes the score in SQL from them; the lead's page prints them).
 *
 * score = skill × (share of the skills the request's topics need that the volunteer has)
 *       + region.desa | region.kecamatan | region.kabupaten (closest shared level of the hierarchical region code:
 *         same desa > same kecamatan > same kabupaten; nothing for a volunteer without a home region)
 *       + language × (1 when the volunteer speaks the learner's preferred language)
 *       + availability × (share of the learner's time slots the volunteer is also free in)
 *       − min(load.perOpenRequest × open requests, load.max)   (requests tutored now + offers awaiting an answer)
 *       + rating.perStar × (average learner rating − 3)         (−10 … +10; nothing without ratings yet)
 * A topic-less request (free text only) or one without time slots gives every candidate 0 for that part.
 * The maximum is 100 (+10 for a volunteer rated 5 by every learner).
 */
export const MATCH_WEIGHTS = {
  skill: 40,
  region: { desa: 30, kecamatan: 20, kabupaten: 10 },
  language: 15,
  availability: 15,
  load: { perOpenRequest: 8, max: 24 },
  rating: { perStar: 5 },
} as const;

/** Statuses from which the learner or a lead may still cancel. */
export const CANCELLABLE_STATUSES = ["new", "offered", "matched", "in_progress", "unmatched"] as const;
