import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./accounts";
import { chapters } from "./chapters";
import { regions } from "./regions";

/** What an outcome report of a program's events records. */
export const OUTCOME_KINDS = ["participants", "institutions", "onboarding"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Managed list of outreach program types (seeded by a migration, admins may add more). */
export const programs = pgTable("program", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  nameId: text("name_id").notNull(),
  nameEn: text("name_en").notNull(),
  outcomes: jsonb("outcomes").$type<OutcomeKind[]>().notNull(),
  active: boolean("active").notNull().default(true),
});

export const INSTITUTION_TYPES = ["school", "pesantren", "village", "umkm", "opd", "community", "telecenter", "other"] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** A school's level, read from its name (SD/MI, SMP/MTs, SMA/SMK/MA) so a report can say "20 SMP/MTs dan SMA". */
export const SCHOOL_LEVELS = ["sd", "smp", "sma", "other"] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Venues and institutions reached; `dedup_key` (type|region|normalised name) makes "the same school" one row. */
export const institutions = pgTable(
  "institution",
  {
    id: serial("id").primaryKey(),
    type: text("type", { enum: INSTITUTION_TYPES }).notNull(),
    name: text("name").notNull(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    address: text("address"),
    dedupKey: text("dedup_key").notNull(),
    /** national school number (NPSN, 8 digits): a school's identity wherever it is typed */
    npsn: text("npsn"),
    /** schools only */
    level: text("level", { enum: SCHOOL_LEVELS }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("institution_dedup_uq").on(t.dedupKey),
    index("institution_region_idx").on(t.regionCode, t.type),
    uniqueIndex("institution_npsn_uq").on(t.npsn),
    index("institution_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

export const EVENT_STATUSES = ["draft", "published", "cancelled", "completed"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const events = pgTable(
  "event",
  {
    id: serial("id").primaryKey(),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    venueId: integer("venue_id").references(() => institutions.id, { onDelete: "set null" }),
    /** kecamatan (or kab/kota) where it happens: "near me" and the time zone follow from it */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("draft"),
    /** the venue's IANA zone (Asia/Jakarta | Asia/Makassar | Asia/Jayapura), copied from region.time_zone */
    timeZone: text("time_zone").notNull(),
    /** first session start / last session end, UTC */
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** volunteers may sign up or cancel until then */
    signupCutoff: timestamp("signup_cutoff", { withTimezone: true }),
    /** short code volunteers type on site */
    checkinCode: text("checkin_code").notNull(),
    /** places for members of the public who register ahead (the hall holds 250); null: no registration ahead */
    participantCapacity: integer("participant_capacity"),
    /** iCalendar SEQUENCE: bumped on every change subscribers should see */
    sequence: integer("sequence").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("event_chapter_start_idx").on(t.chapterId, t.startsAt),
    index("event_status_start_idx").on(t.status, t.startsAt),
    index("event_region_idx").on(t.regionCode),
    // a venue's events: the registry's use counts, merging look-alikes
    index("event_venue_idx").on(t.venueId),
  ],
);

/** One row per day/batch; a one-day event has one session. */
export const eventSessions = pgTable(
  "event_session",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    label: text("label"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("event_session_event_idx").on(t.eventId, t.startsAt)],
);

/**
 * Places of a role in one session (day/batch): the row a sign-up locks, so capacity holds per session. Created for
 * every session × role; its capacity starts as the role's and may differ per day.
 */
export const eventSessionRoles = pgTable(
  "event_session_role",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
    roleId: integer("role_id")
      .notNull()
      .references(() => eventRoles.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    capacity: integer("capacity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.roleId] }), index("event_session_role_event_idx").on(t.eventId), index("event_session_role_role_idx").on(t.roleId)],
);

export const eventRoles = pgTable(
  "event_role",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    capacity: integer("capacity").notNull(),
    /** skill slugs wanted for the role (a hint for volunteers and leads) */
    wantedSkills: jsonb("wanted_skills").$type<string[]>().notNull().default([]),
    /** hours credited for attending one session; null → that session's duration */
    hours: integer("hours"),
    position: smallint("position").notNull().default(0),
  },
  (t) => [index("event_role_event_idx").on(t.eventId)],
);

export const SIGNUP_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export const signups = pgTable(
  "signup",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    roleId: integer("role_id")
      .notNull()
      .references(() => eventRoles.id, { onDelete: "cascade" }),
    /** the day/batch this place is for: one row per session a volunteer holds */
    sessionId: integer("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: SIGNUP_STATUSES }).notNull(),
    /** first come, first served: set under the role's row lock, so it orders the waitlist */
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull(),
    /** 1-based place on the waitlist when waitlisted; null otherwise */
    waitlistPosition: integer("waitlist_position"),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    attendedAt: timestamp("attended_at", { withTimezone: true }),
    checkinMethod: text("checkin_method", { enum: ["code", "lead"] }),
    hoursCredited: integer("hours_credited"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("signup_session_user_uq").on(t.sessionId, t.userId),
    index("signup_event_user_idx").on(t.eventId, t.userId),
    index("signup_role_status_idx").on(t.roleId, t.status, t.queuedAt),
    index("signup_session_role_status_idx").on(t.sessionId, t.roleId, t.status, t.queuedAt),
    index("signup_user_idx").on(t.userId, t.status),
  ],
);

/** "returned": the lead sent it back for changes; only "approved" counts toward targets. */
export const REPORT_STATUSES = ["submitted", "approved", "returned"] as const;

export const outcomeReports = pgTable("outcome_report", {
  id: serial("id").primaryKey(),
  eventId: integer("event_id")
    .notNull()
    .unique()
    .references(() => events.id, { onDelete: "cascade" }),
  status: text("status", { enum: REPORT_STATUSES }).notNull().default("submitted"),
  participantsTotal: integer("participants_total").notNull(),
  participantsFemale: integer("participants_female"),
  participantsMale: integer("participants_male"),
  notes: text("notes").notNull().default(""),
  submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
  submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  approvedBy: text("approved_by").references(() => users.id, { onDelete: "set null" }),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  /** the one-time token of the form page that last saved it: the same form sent twice (a double click) is saved once */
  formToken: text("form_token"),
});

export const outcomeInstitutions = pgTable(
  "outcome_institution",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => outcomeReports.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.institutionId] })],
);

export const ONBOARDING_KINDS = ["marketplace", "gbp", "website", "social", "qris"] as const;
export type OnboardingKind = (typeof ONBOARDING_KINDS)[number];

/** A UMKM or village brought online at the event, with what was set up. */
export const onboardings = pgTable(
  "onboarding",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => outcomeReports.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    kinds: jsonb("kinds").$type<OnboardingKind[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.institutionId] })],
);

export const outcomePhotos = pgTable(
  "outcome_photo",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => outcomeReports.id, { onDelete: "cascade" }),
    /** file name inside UPLOADS_DIR/events */
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outcome_photo_report_idx").on(t.reportId)],
);

/** Secret personal calendar feed; deleting the row (or replacing the token) revokes the old link. */
export const calendarTokens = pgTable("calendar_token", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** sha-256 (hex) of the feed's secret; the secret itself is never stored, so the link is shown once */
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const GENDERS = ["female", "male"] as const;

export const PARTICIPANT_STATUSES = ["confirmed", "waitlisted"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * A member of the public at an event: registered ahead (name, institution, optional WhatsApp/e-mail; confirmed or
 * waitlisted against the event's participant capacity) or at the door (a walk-in, checked in at once). One row
 * per person: a repeat (the same phone and name, or the same normalised name and institution) is merged into the
 * first row; several people may share one phone.
 */
export const eventParticipants = pgTable(
  "event_participant",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** as typed at the door; the lead links it to the registry when filing the report */
    institutionName: text("institution_name"),
    gender: text("gender", { enum: GENDERS }),
    /** WhatsApp/phone normalised to +62…; the strongest sign of a repeat */
    phone: text("phone"),
    email: text("email"),
    /** lower-cased name and institution without titles, punctuation or double spaces: "the same person" */
    personKey: text("person_key").notNull().default(""),
    /** "ahead": registered before the event; "door": registered at the door */
    source: text("source", { enum: ["ahead", "door"] }).notNull().default("door"),
    status: text("status", { enum: PARTICIPANT_STATUSES }).notNull().default("confirmed"),
    /** 1-based place on the waitlist when waitlisted */
    waitlistPosition: integer("waitlist_position"),
    /** short code shown on the confirmation page, found by the lead at the door */
    code: text("code"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    /** repeat submissions merged into this row */
    repeats: integer("repeats").notNull().default(0),
    /** the language of the page they registered on: their e-mails are written in it */
    locale: text("locale", { enum: ["id", "en"] }).notNull().default("id"),
    /**
     * The participant said they are under 18 (true) or 18 or older (false); null: registered before the question was
     * asked (DECISIONS 125). Under 18, a parent or guardian consented (UU PDP art. 25): their name and contact, the
     * time and the privacy notice's version; the name and contact are erased with the participant's other contacts.
     */
    isMinor: boolean("is_minor"),
    guardianName: text("guardian_name"),
    guardianContact: text("guardian_contact"),
    guardianConsentAt: timestamp("guardian_consent_at", { withTimezone: true }),
    guardianConsentVersion: text("guardian_consent_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("event_participant_event_idx").on(t.eventId, t.createdAt),
    // not unique: a teacher's number for her pupils, a family's one phone (the same person is found under the event's lock)
    index("event_participant_phone_idx").on(t.eventId, t.phone),
    uniqueIndex("event_participant_code_uq").on(t.eventId, t.code),
    index("event_participant_person_idx").on(t.eventId, t.personKey),
  ],
);

/**
 * The secrets that open a participant's confirmation page (/e/<id>/tiket/<token>), as sha-256 (hex): the token
 * itself is never stored. One per link handed out — the page after registering, each reminder or promotion e-mail —
 * so every link a person was given keeps working; deleting the participant removes them all.
 */
export const eventParticipantTickets = pgTable(
  "event_participant_ticket",
  {
    tokenHash: text("token_hash").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => eventParticipants.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("event_participant_ticket_participant_idx").on(t.participantId)],
);
