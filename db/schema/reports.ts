import { bigint, boolean, doublePrecision, index, integer, numeric, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { chapters } from "./chapters";
import { events } from "./events";

/**
 * Managed list of achievement indicators. `key` names the ONE implementation (app/models/indicators.server.ts);
 * the definition is the plain sentence shown to users next to every figure.
 */
export const indicators = pgTable("indicator", {
  id: serial("id").primaryKey(),
  key: text("key").notNull().unique(),
  nameId: text("name_id").notNull(),
  nameEn: text("name_en").notNull(),
  definitionId: text("definition_id").notNull(),
  definitionEn: text("definition_en").notNull(),
  position: smallint("position").notNull().default(0),
  active: boolean("active").notNull().default(true),
});

export const TARGET_SCOPES = ["chapter", "province", "national"] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

/**
 * A target for one indicator and period. scope_key is `chapter:<id>` | `province:<code>` | `national`;
 * semester 0 means the whole year.
 */
export const targets = pgTable(
  "target",
  {
    id: serial("id").primaryKey(),
    scope: text("scope", { enum: TARGET_SCOPES }).notNull(),
    scopeKey: text("scope_key").notNull(),
    chapterId: integer("chapter_id").references(() => chapters.id, { onDelete: "cascade" }),
    provinceCode: text("province_code"),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    semester: smallint("semester").notNull().default(0),
    value: integer("value").notNull(),
    setBy: text("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("target_scope_period_uq").on(t.scopeKey, t.year, t.semester, t.indicatorId),
    index("target_chapter_idx").on(t.chapterId, t.year),
  ],
);

export const CERTIFICATE_KINDS = ["event", "hours"] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * A volunteer certificate. The facts are frozen at issue time (so the verification page shows what the PDF says);
 * `code` is the unguessable public verification code.
 */
export const certificates = pgTable(
  "certificate",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    kind: text("kind", { enum: CERTIFICATE_KINDS }).notNull(),
    /** event:<eventId>:<userId> | hours:<chapterId>:<year>:<semester>:<userId> — one certificate each */
    dedupKey: text("dedup_key").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    eventId: integer("event_id").references(() => events.id, { onDelete: "set null" }),
    recipientName: text("recipient_name").notNull(),
    chapterName: text("chapter_name").notNull(),
    /** event title, or the period label (e.g. "2026 semester 1") */
    subject: text("subject").notNull(),
    /** the days attended of an event (local, yyyy-mm-dd, comma-separated; one date on certificates issued before
     * 2026-12-05) or the period's first day */
    activityDate: text("activity_date").notNull(),
    /** as the Laporan states them: one decimal (14.5), whole numbers for rows issued before tenths were stored */
    hours: numeric("hours", { precision: 6, scale: 1, mode: "number" }).notNull(),
    year: smallint("year").notNull(),
    semester: smallint("semester").notNull().default(0),
    issuedBy: text("issued_by").references(() => users.id, { onDelete: "set null" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** why the lead withdrew it (shown on the public verification page) */
    revokeReason: text("revoke_reason"),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("certificate_user_idx").on(t.userId, t.issuedAt),
    index("certificate_event_idx").on(t.eventId),
    // the lead's list of the chapter's certificates, newest first
    index("certificate_chapter_idx").on(t.chapterId, t.issuedAt),
  ],
);

/**
 * Maintained figures (see the `figure_*` functions and triggers of migration 0015): one row per chapter, indicator,
 * period (year; semester 0 = the whole year) and month (0 = the period's total). "distinct" items sit in the month
 * they were first reached within that period. Written only by `figure_refresh()` at commit of every transaction that
 * changed a record behind a figure; no unique key because rows of a (chapter, year) are replaced as a block under a
 * lock.
 */
export const figureChapter = pgTable(
  "figure_chapter",
  {
    chapterId: integer("chapter_id").notNull(),
    provinceCode: text("province_code"),
    key: text("key").notNull(),
    year: smallint("year").notNull(),
    semester: smallint("semester").notNull(),
    month: smallint("month").notNull(),
    value: numeric("value").notNull(),
  },
  (t) => [
    index("figure_chapter_chapter_idx").on(t.chapterId, t.year, t.semester),
    // every column, so a roll-up's ranking reads the index alone
    index("figure_chapter_period_idx").on(t.year, t.semester, t.month, t.provinceCode, t.chapterId, t.key, t.value),
  ],
);

/** The same figures summed over a province (`province:<code>`) or the nation (`national`), kept by deltas. */
export const figureScope = pgTable(
  "figure_scope",
  {
    scopeKey: text("scope_key").notNull(),
    key: text("key").notNull(),
    year: smallint("year").notNull(),
    semester: smallint("semester").notNull(),
    month: smallint("month").notNull(),
    value: numeric("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.year, t.semester, t.key, t.month] })],
);

/**
 * A chapter's standing in a period, what a roll-up's ranking orders by: the mean share of its targets reached (each
 * capped at 100 %, over active indicators; null without targets), how many targets, events held and participants.
 * Kept by `figure_refresh()` with the chapter's figures (a target change marks its chapter-year too), one row per
 * chapter, year and semester (0 = the whole year); a chapter without a row ranks as no targets and no events. The
 * targets and figures behind the mean are kept too, so the targets at risk (which depend on the time of the view)
 * are counted from the row.
 */
export const figureProgress = pgTable(
  "figure_progress",
  {
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    semester: smallint("semester").notNull(),
    progress: doublePrecision("progress"),
    withTargets: integer("with_targets").notNull(),
    events: numeric("events").notNull(),
    participants: numeric("participants").notNull(),
    /** each counted target and the chapter's figure for it, pairwise: "at risk" is judged from them at view time */
    targetValues: numeric("target_values").array().notNull(),
    figureValues: numeric("figure_values").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.chapterId, t.year, t.semester] }), index("figure_progress_period_idx").on(t.year, t.semester)],
);

/** (chapter, local year) whose figures the current transaction may have moved; emptied at its commit. */
export const figureDirty = pgTable(
  "figure_dirty",
  {
    tx: bigint("tx", { mode: "number" }).notNull(),
    chapterId: integer("chapter_id").notNull(),
    year: smallint("year").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tx, t.chapterId, t.year] })],
);
