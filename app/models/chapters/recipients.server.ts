import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { users } from "../../../db/schema/accounts";
import { memberships } from "../../../db/schema/chapters";
import type { Db } from "~/db.server";

export type ChapterRecipient = { id: string; name: string; email: string; locale: string };

/**
 * Who hears what is meant for a chapter's leads (a volunteer's application, a new request for help and its move, an
 * escalation, a visitor's message, a filed report, the weekly digest): its active leads; a chapter left without one
 * (its only lead erased their account, which is never refused) has the national admins instead, until a lead is
 * appointed, so nothing sent to the chapter reaches nobody. `leadless` says which. Read inside the caller's
 * transaction when there is one.
 */
export async function chapterRecipients(tx: Db, chapterId: number): Promise<{ leadless: boolean; people: ChapterRecipient[] }> {
  const leads = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.role, "lead"), eq(memberships.status, "active")))
    .orderBy(asc(users.name), asc(users.id));
  if (leads.length) return { leadless: false, people: leads };
  return { leadless: true, people: await nationalAdmins(tx) };
}

/** The national admins who can act (not erased, an address to write to). */
export async function nationalAdmins(tx: Db): Promise<ChapterRecipient[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.erasedAt), sql`${users.email} <> ''`))
    .orderBy(asc(users.name), asc(users.id));
}
