import { sql } from "drizzle-orm";
import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { chapters } from "./chapters";
import { regions } from "./regions";
import { telecenters } from "./telecenters";

/** Managed list of what people ask to learn (seeded by a migration); `skills` are the skill slugs a tutor needs. */
export const learningTopics = pgTable("learning_topic", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  nameId: text("name_id").notNull(),
  nameEn: text("name_en").notNull(),
  skills: jsonb("skills").$type<string[]>().notNull().default([]),
  active: boolean("active").notNull().default(true),
});

export const TUTORING_FOR_WHOM = ["self", "umkm", "school", "village_office", "community"] as const;
export type TutoringForWhom = (typeof TUTORING_FOR_WHOM)[number];
export const TUTORING_MODES = ["home", "telecenter", "village_office", "online"] as const;
export type TutoringMode = (typeof TUTORING_MODES)[number];
export const TUTORING_STATUSES = ["new", "offered", "matched", "in_progress", "completed", "cancelled", "unmatched"] as const;
export type TutoringStatus = (typeof TUTORING_STATUSES)[number];
/** statuses in which a request still needs or gets a tutor */
export const OPEN_TUTORING_STATUSES = ["new", "offered", "matched", "in_progress"] as const;

export const tutoringRequests = pgTable(
  "tutoring_request",
  {
    id: serial("id").primaryKey(),
    /** sha-256 (hex) of the learner's secret tracking token; the token itself is never stored */
    tokenHash: text("token_hash").notNull(),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    /** kecamatan or desa of the learner */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    learnerName: text("learner_name").notNull(),
    /** normalised +62…; at least one of whatsapp / email is set */
    whatsapp: text("whatsapp"),
    email: text("email"),
    /** learning_topic slugs */
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    details: text("details").notNull().default(""),
    forWhom: text("for_whom", { enum: TUTORING_FOR_WHOM }).notNull(),
    /** language code (language.code) the learner prefers */
    language: text("language").notNull(),
    /** the learner's interface language, for emails */
    locale: text("locale", { enum: ["id", "en"] }).notNull().default("id"),
    mode: text("mode", { enum: TUTORING_MODES }).notNull(),
    /** same layout as volunteer_profile.availability */
    availability: integer("availability").notNull().default(0),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    consentVersion: text("consent_version").notNull(),
    /**
     * An opaque id shared by the requests of one learner (same WhatsApp, else email), pinned before a request's
     * contact is erased or corrected (and copied to later requests with the same contact): "learners helped" counts
     * coalesce(learner_key, whatsapp, email), so the figure stays the same once the contact details are gone.
     */
    learnerKey: text("learner_key"),
    /** the learner is under 18: a parent or guardian gave consent (name and contact kept with the request) */
    isMinor: boolean("is_minor").notNull().default(false),
    guardianName: text("guardian_name"),
    guardianContact: text("guardian_contact"),
    guardianConsentAt: timestamp("guardian_consent_at", { withTimezone: true }),
    /** when the personal data (name, contact, free text) was removed, by the learner or by the retention job */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    erasedBy: text("erased_by", { enum: ["learner", "retention"] }),
    status: text("status", { enum: TUTORING_STATUSES }).notNull().default("new"),
    cancelReason: text("cancel_reason"),
    /** the volunteer who accepted (or claimed) the request */
    tutorId: text("tutor_id").references(() => users.id, { onDelete: "set null" }),
    /** where, when the learner asked to learn at a telecenter and chose one (optional: "any near me") */
    telecenterId: integer("telecenter_id").references(() => telecenters.id, { onDelete: "set null" }),
    matchedAt: timestamp("matched_at", { withTimezone: true }),
    /** when it became completed, cancelled or unmatched */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** the learner's rating (1–5) and comment after completion */
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tutoring_request_token_uq").on(t.tokenHash),
    index("tutoring_request_chapter_status_idx").on(t.chapterId, t.status, t.createdAt),
    index("tutoring_request_tutor_idx").on(t.tutorId, t.status),
    index("tutoring_request_chapter_closed_idx").on(t.chapterId, t.closedAt),
    index("tutoring_request_learner_idx").on(t.learnerKey),
  ],
);

/** Every status change (and note) of a request, oldest first. actor: learner | lead:<userId> | system. */
export const tutoringRequestEvents = pgTable(
  "tutoring_request_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => tutoringRequests.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    fromStatus: text("from_status", { enum: TUTORING_STATUSES }),
    toStatus: text("to_status", { enum: TUTORING_STATUSES }).notNull(),
    actorKind: text("actor_kind", { enum: ["learner", "user", "system"] }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
  },
  (t) => [index("tutoring_request_event_request_idx").on(t.requestId, t.at)],
);

export const TUTORING_OFFER_STATUSES = ["pending", "accepted", "declined", "expired", "withdrawn"] as const;
export type TutoringOfferStatus = (typeof TUTORING_OFFER_STATUSES)[number];

/**
 * A request offered to one volunteer (by a lead, or automatically to the next candidate), or claimed by a
 * volunteer from the board (kind "claim": accepted at once). At most one pending offer per request.
 */
export const tutoringOffers = pgTable(
  "tutoring_offer",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => tutoringRequests.id, { onDelete: "cascade" }),
    volunteerId: text("volunteer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["lead", "auto", "claim"] }).notNull(),
    offeredBy: text("offered_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: TUTORING_OFFER_STATUSES }).notNull().default("pending"),
    /** score and rank when offered, for the history */
    score: integer("score"),
    offeredAt: timestamp("offered_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    index("tutoring_offer_request_idx").on(t.requestId, t.volunteerId),
    index("tutoring_offer_volunteer_status_idx").on(t.volunteerId, t.status),
    uniqueIndex("tutoring_offer_one_pending_uq").on(t.requestId).where(sql`status = 'pending'`),
  ],
);

/** A tutoring session logged by the matched tutor; held_on is the local date (the request's zone). */
export const tutoringSessions = pgTable(
  "tutoring_session",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => tutoringRequests.id, { onDelete: "cascade" }),
    tutorId: text("tutor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    minutes: integer("minutes").notNull(),
    topic: text("topic").notNull(),
    notes: text("notes").notNull().default(""),
    /** the form's one-time key: a second press of the same form (double tap, resend) logs nothing more */
    submissionKey: text("submission_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tutoring_session_request_idx").on(t.requestId, t.heldOn),
    index("tutoring_session_tutor_idx").on(t.tutorId, t.heldOn),
    uniqueIndex("tutoring_session_submission_uq").on(t.requestId, t.submissionKey),
  ],
);

/**
 * What the candidate ranking needs to know of each volunteer's tutoring, kept up to date by triggers on
 * tutoring_request and tutoring_offer in the same transaction as every change (migration tutor_stat_triggers):
 * requests tutored now (matched, in progress), offers waiting for the volunteer's answer, and the learners'
 * ratings of the volunteer's requests, and (triggers on user_skill, user_language) their skills and languages. A missing row means
 * all zero / none. `bonus` is the load and rating part of the
 * score (MATCH_WEIGHTS) before the request's own offer is taken off the load: the ranking's pre-filter reads the
 * few volunteers whose bonus could lift them into the top from its index.
 */
export const tutorStats = pgTable(
  "tutor_stat",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    openRequests: integer("open_requests").notNull().default(0),
    pendingOffers: integer("pending_offers").notNull().default(0),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratings: integer("ratings").notNull().default(0),
    /** ids of the volunteer's skills (user_skill), so "holds these skills" is one GIN lookup */
    skillIds: integer("skill_ids").array().notNull().default(sql`'{}'::int[]`),
    /** codes of the languages the volunteer speaks (user_language) */
    languageCodes: text("language_codes").array().notNull().default(sql`'{}'::text[]`),
    bonus: doublePrecision("bonus").generatedAlwaysAs(
      sql`coalesce(5 * (rating_sum::float8 / nullif(ratings, 0) - 3), 0) - least(8 * (open_requests + pending_offers), 24)`,
    ),
  },
  (t) => [index("tutor_stat_bonus_idx").on(t.bonus), index("tutor_stat_skills_idx").using("gin", t.skillIds), index("tutor_stat_languages_idx").using("gin", t.languageCodes)],
);
