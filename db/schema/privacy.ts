import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { chapters } from "./chapters";
import { tutoringRequests } from "./tutoring";

export const DATA_ACCESS_KINDS = ["learner_contact", "member_profile", "roster_export", "answers_export", "report_export", "participants_view", "participants_export"] as const;
export type DataAccessKind = (typeof DATA_ACCESS_KINDS)[number];

/**
 * Who opened or exported personal data (UU PDP accountability): a learner's contact, a member's profile, a roster,
 * survey answers, a report, an event's participant list. Read by the chapter's leads and admins, and by the person in their own data download.
 */
export const dataAccessLog = pgTable(
  "data_access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: DATA_ACCESS_KINDS }).notNull(),
    chapterId: integer("chapter_id").references(() => chapters.id, { onDelete: "cascade" }),
    /** the member whose profile was opened */
    subjectUserId: text("subject_user_id").references(() => users.id, { onDelete: "cascade" }),
    /** the tutoring request whose contact was shown */
    subjectRequestId: integer("subject_request_id").references(() => tutoringRequests.id, { onDelete: "cascade" }),
    /** what exactly (a campaign id, a report period), never personal data */
    detail: text("detail"),
  },
  (t) => [
    index("data_access_log_chapter_idx").on(t.chapterId, t.at),
    // what a person opened of others' data (their "my data" pages and download), newest first
    index("data_access_log_actor_idx").on(t.actorId, t.at),
    index("data_access_log_subject_user_idx").on(t.subjectUserId, t.at),
    index("data_access_log_subject_request_idx").on(t.subjectRequestId),
  ],
);

/** A change of a volunteer's email, waiting for the link sent to the new address (sha-256 of the token only). */
export const emailChanges = pgTable(
  "email_change",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    newEmail: text("new_email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_change_user_idx").on(t.userId)],
);
