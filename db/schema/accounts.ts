import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const users = pgTable(
  "app_user",
  {
    id: text("id").primaryKey(),
    /** stored lower-cased and trimmed */
    email: text("email").notNull(),
    name: text("name").notNull(),
    locale: text("locale").notNull().default("id"),
    isAdmin: boolean("is_admin").notNull().default(false),
    /**
     * when the person proved they read this address (the emailed link); null → may not apply to a chapter yet.
     * Accounts that existed before the check count as verified (the column's default filled them).
     */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }).defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** the privacy notice version (app/models/privacy/notice.ts) accepted at sign-up, and when */
    privacyVersion: text("privacy_version"),
    privacyConsentAt: timestamp("privacy_consent_at", { withTimezone: true }),
    /** set when the account was erased: the row stays (anonymised) so the reports' figures keep their records */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("app_user_email_uq").on(t.email),
    // roster search: ILIKE '%…%' on name and email stays fast at tens of thousands of members
    index("app_user_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("app_user_email_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`),
    // roster pages in (name, id) order read from a cursor: the walk stops after one page (keyset pagination)
    index("app_user_name_id_idx").on(t.name, t.id),
  ],
);

/** Kept apart from app_user so that session look-ups never carry the hash around. */
export const passwords = pgTable("password", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const passwordResets = pgTable(
  "password_reset",
  {
    /** sha-256 of the emailed token; the token itself is never stored */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_reset_user_idx").on(t.userId)],
);

/** Fixed-window counters shared by every app process (log-in, reset, public forms). */
export const rateLimits = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/** Sign-up address check: the sha-256 of the emailed token, for the address it was sent to. */
export const emailVerifications = pgTable(
  "email_verification",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_verification_user_idx").on(t.userId)],
);

/**
 * Browsers where the owner logged in successfully (a long-lived cookie holds the token, this table its sha-256):
 * failed attempts by others never lock the owner out on these.
 */
export const knownDevices = pgTable(
  "known_device",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("known_device_user_idx").on(t.userId)],
);
