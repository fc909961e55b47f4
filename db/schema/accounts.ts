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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
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
