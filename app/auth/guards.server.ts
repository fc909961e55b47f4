import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import type { Db } from "~/db.server";
import type { SessionUser } from "./session.server";

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.auth.user;
}

/** Anonymous visitors go to the log-in page and come back afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  const user = context.auth.user;
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

export function requireAnonymous(context: AppLoadContext): void {
  if (context.auth.user) throw redirect("/");
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * The development mailbox shows every email, reset links included: on only when enabled (DEV_MAILBOX=1, never in
 * production), and then only to a signed-in national admin or to a browser on this machine. Anyone else: 404.
 */
export function requireMailboxAccess(context: AppLoadContext, enabled: boolean): void {
  if (!canSeeMailbox(context, enabled)) notFound();
}

export function canSeeMailbox(context: AppLoadContext, enabled: boolean): boolean {
  return enabled && (context.auth.user?.isAdmin === true || context.directLoopback);
}

export function requireAdmin(context: AppLoadContext, request: Request): SessionUser {
  const user = requireUser(context, request);
  if (!user.isAdmin) forbidden();
  return user;
}

/** Is the user an active lead of the chapter? National admins may act as any chapter's lead. */
export async function isChapterLead(db: Db, user: SessionUser, chapterId: number): Promise<boolean> {
  if (user.isAdmin) return true;
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, user.id),
        eq(memberships.chapterId, chapterId),
        eq(memberships.role, "lead"),
        eq(memberships.status, "active"),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function requireChapterLead(
  db: Db,
  context: AppLoadContext,
  request: Request,
  chapterId: number,
): Promise<SessionUser> {
  const user = requireUser(context, request);
  if (!(await isChapterLead(db, user, chapterId))) forbidden();
  return user;
}

export async function isActiveVolunteer(db: Db, userId: string, chapterId: number): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.chapterId, chapterId),
        eq(memberships.role, "volunteer"),
        eq(memberships.status, "active"),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
