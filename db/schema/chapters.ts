import { sql } from "drizzle-orm";
import { check, index, pgTable, serial, text, timestamp, uniqueIndex, integer } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { regions } from "./regions";

export const chapters = pgTable("chapter", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** the kabupaten/kota the chapter covers */
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const MEMBERSHIP_ROLES = ["volunteer", "lead"] as const;
export const MEMBERSHIP_STATUSES = ["pending", "active", "inactive", "declined"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const memberships = pgTable(
  "membership",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    status: text("status", { enum: MEMBERSHIP_STATUSES }).notNull(),
    motivation: text("motivation"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /**
     * The member's name (app_user.name), copied by triggers (migration 0031) so a roster page is read from the
     * chapter's own index in name order from a cursor, without visiting the other chapters' people.
     */
    sortName: text("sort_name").notNull().default(""),
    /**
     * What the roster searches and filters on, copied by triggers (migration 0040) like sort_name, so a search reads
     * the chapter's memberships alone: ' ' member_search_words(name) U+001F lower(email) of the user (migration
     * 0044: the name as lower-case words without accents, apostrophes or punctuation, each typed word matched at the
     * start of one; the email matched as a substring, never across the separator), and the kecamatan and
     * availability of their volunteer profile (null and 0 without one).
     */
    searchText: text("search_text").notNull().default(""),
    kecamatanCode: text("kecamatan_code"),
    availability: integer("availability").notNull().default(0),
  },
  (t) => [
    uniqueIndex("membership_user_chapter_role_uq").on(t.userId, t.chapterId, t.role),
    index("membership_chapter_status_idx").on(t.chapterId, t.role, t.status),
    index("membership_roster_idx").on(t.chapterId, t.role, t.status, t.sortName, t.userId),
    index("membership_roster_all_idx").on(t.chapterId, t.role, t.sortName, t.userId),
    index("membership_roster_kecamatan_idx").on(t.chapterId, t.role, t.kecamatanCode, t.sortName, t.userId),
    index("membership_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // the name's words alone (search_text before U+001F): a roster search's look-alikes (trigram word similarity)
    index("membership_name_words_trgm_idx").using("gin", sql`split_part(${t.searchText}, chr(31), 1) gin_trgm_ops`),
  ],
);

export const INVITATION_STATUSES = ["pending", "accepted", "declined", "withdrawn"] as const;
export const INVITATION_ROLES = ["volunteer", "lead"] as const;

/**
 * A lead's roster import naming an email that already has an account: the person is asked, not enrolled.
 * Nothing of theirs is visible to the chapter until they accept (then a membership is created).
 */
export const chapterInvitations = pgTable(
  "chapter_invitation",
  {
    id: serial("id").primaryKey(),
    /** sha-256 of the token in the emailed link */
    tokenHash: text("token_hash").notNull().unique(),
    /** the account invited (a roster import); null for a lead invited by an address that has no account yet */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** the address invited (trimmed, lower-cased) when there was no account: a lead appointed before signing up */
    email: text("email"),
    role: text("role", { enum: INVITATION_ROLES }).notNull().default("volunteer"),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("chapter_invitation_user_chapter_uq").on(t.userId, t.chapterId),
    // two admins inviting the same address at once make one invitation
    uniqueIndex("chapter_invitation_email_pending_uq")
      .on(t.chapterId, t.email, t.role)
      .where(sql`${t.status} = 'pending' and ${t.email} is not null`),
    check("chapter_invitation_user_or_email", sql`${t.userId} is not null or ${t.email} is not null`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    chapterId: integer("chapter_id").references(() => chapters.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    subject: text("subject"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_chapter_idx").on(t.chapterId, t.at)],
);
