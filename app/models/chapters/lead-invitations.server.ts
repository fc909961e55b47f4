import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { auditLog, chapterInvitations, chapters, memberships } from "../../../db/schema/chapters";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { isLocale, type Locale } from "~/i18n/locale";
import { queueEmail } from "~/services/outbox.server";
import { sha256 } from "~/utils/hash.server";

/**
 * A chapter lead appointed by an address that has no account yet (DECISIONS 142): the admin's appointment becomes an
 * invitation to that address, whose link's token is stored only as a hash, expires and is spent once. Its owner
 * becomes an active lead when they prove the address: by confirming it after signing up with it, or, with an account
 * already confirmed, by opening the link logged in with it and accepting.
 */
export const LEAD_INVITATION_TTL_DAYS = 14;

const emailSchema = z.string().trim().toLowerCase().max(254).email();

function localeOf(v: string): Locale {
  return isLocale(v) ? v : "id";
}

/** The address as typed, trimmed and lower-cased, or null when it is not an address. */
export function invitationEmail(raw: string): string | null {
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

type Chapter = { id: number; name: string; slug: string };

/**
 * Inside the appointment's transaction, the chapter's row already locked (so two admins at once make one invitation;
 * the partial unique index is the backstop): a pending invitation of this address still valid is left as it is (no
 * second email, its link keeps working); one past its expiry is renewed with a new link; otherwise one is made.
 */
export async function inviteLead(tx: Db, input: { chapter: Chapter; email: string; actorId: string; appUrl?: string }): Promise<"invited" | "alreadyInvited"> {
  const [pending] = await tx
    .select({ id: chapterInvitations.id, live: sql<boolean>`${chapterInvitations.expiresAt} > now()` })
    .from(chapterInvitations)
    .where(
      and(
        eq(chapterInvitations.chapterId, input.chapter.id),
        eq(chapterInvitations.email, input.email),
        eq(chapterInvitations.role, "lead"),
        eq(chapterInvitations.status, "pending"),
      ),
    );
  if (pending?.live) return "alreadyInvited";
  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256(token);
  const expiresAt = sql`now() + make_interval(days => ${LEAD_INVITATION_TTL_DAYS})`;
  if (pending) {
    await tx
      .update(chapterInvitations)
      .set({ tokenHash, invitedBy: input.actorId, createdAt: sql`now()`, expiresAt })
      .where(eq(chapterInvitations.id, pending.id));
  } else {
    await tx
      .insert(chapterInvitations)
      .values({ tokenHash, email: input.email, role: "lead", chapterId: input.chapter.id, invitedBy: input.actorId, expiresAt });
  }
  await tx.insert(auditLog).values({ actorId: input.actorId, chapterId: input.chapter.id, action: "lead.invited", subject: `email:${input.email}` });
  // the address has no account, so no language of its own: Indonesian, the app's default (the email says both steps)
  await queueEmail(tx, {
    to: input.email,
    template: "lead-invitation",
    locale: "id",
    payload: { chapterName: input.chapter.name, email: input.email, url: `${input.appUrl ?? env.APP_URL}/undangan/${token}`, expiresInDays: LEAD_INVITATION_TTL_DAYS },
    dedupKey: `lead-invitation:${tokenHash}`,
  });
  return "invited";
}

export type PendingLeadInvitation = { id: number; email: string; expiresAt: string };

/** The admin chapter page: invitations to lead not yet accepted and still valid, oldest first. */
export async function pendingLeadInvitations(db: Db, chapterId: number): Promise<PendingLeadInvitation[]> {
  const rows = await db
    .select({ id: chapterInvitations.id, email: chapterInvitations.email, expiresAt: chapterInvitations.expiresAt })
    .from(chapterInvitations)
    .where(
      and(
        eq(chapterInvitations.chapterId, chapterId),
        eq(chapterInvitations.role, "lead"),
        eq(chapterInvitations.status, "pending"),
        gt(chapterInvitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(chapterInvitations.createdAt), asc(chapterInvitations.id));
  return rows.map((r) => ({ id: r.id, email: r.email ?? "", expiresAt: r.expiresAt.toISOString() }));
}

/** Admin: "Tarik undangan". The link then says the invitation was withdrawn. False when it was no longer pending. */
export async function withdrawLeadInvitation(db: Db, input: { chapterId: number; invitationId: number; actorId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(chapterInvitations)
      .set({ status: "withdrawn", decidedAt: sql`now()` })
      .where(
        and(
          eq(chapterInvitations.id, input.invitationId),
          eq(chapterInvitations.chapterId, input.chapterId),
          eq(chapterInvitations.role, "lead"),
          eq(chapterInvitations.status, "pending"),
        ),
      )
      .returning({ email: chapterInvitations.email });
    if (!row) return false;
    await tx.insert(auditLog).values({ actorId: input.actorId, chapterId: input.chapterId, action: "lead.invitation.withdrawn", subject: `email:${row.email}` });
    return true;
  });
}

/**
 * Makes `user` an active lead of the chapter (the chapter's row locked by the caller): a former lead row is
 * reactivated; their own pending application to the chapter is settled with it (DECISIONS 118). Returns false when
 * they already lead it. Shared by the admin's appointment and an accepted invitation.
 */
export async function makeLead(
  tx: Db,
  input: { chapter: Chapter; user: { id: string; name: string; email: string; locale: string }; actorId: string | null; auditActorId: string | null },
): Promise<boolean> {
  const { chapter, user } = input;
  const [existing] = await tx
    .select({ id: memberships.id, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.chapterId, chapter.id), eq(memberships.userId, user.id), eq(memberships.role, "lead")));
  if (existing?.status === "active") return false;
  if (existing) {
    await tx
      .update(memberships)
      .set({ status: "active", decidedBy: input.actorId, decidedAt: new Date() })
      .where(and(eq(memberships.chapterId, chapter.id), eq(memberships.id, existing.id)));
  } else {
    await tx
      .insert(memberships)
      .values({ userId: user.id, chapterId: chapter.id, role: "lead", status: "active", decidedBy: input.actorId, decidedAt: new Date() });
  }
  await tx.insert(auditLog).values({ actorId: input.auditActorId, chapterId: chapter.id, action: "lead.appointed", subject: user.id });
  const decidedAt = new Date();
  const [settled] = await tx
    .update(memberships)
    .set({ status: "active", decisionReason: null, decidedBy: input.actorId, decidedAt })
    .where(and(eq(memberships.chapterId, chapter.id), eq(memberships.userId, user.id), eq(memberships.role, "volunteer"), eq(memberships.status, "pending")))
    .returning({ id: memberships.id });
  if (settled) {
    await tx.insert(auditLog).values({ actorId: input.auditActorId, chapterId: chapter.id, action: "membership.approved", subject: user.id });
    await queueEmail(tx, {
      to: user.email,
      template: "membership-approved",
      locale: localeOf(user.locale),
      payload: { name: user.name, chapterName: chapter.name, reason: "", url: `${env.APP_URL}/chapters/${chapter.slug}` },
      dedupKey: `membership-approve:${settled.id}:${decidedAt.getTime()}`,
    });
  }
  return true;
}

type InvitationRow = { id: number; chapterId: number; invitedBy: string | null; email: string | null };

/** Spends one invitation for `user` (their address proven): an active lead, an audit entry, the inviting admin told. */
async function accept(tx: Db, inv: InvitationRow, user: { id: string; name: string; email: string; locale: string }): Promise<Chapter | null> {
  const [chapter] = await tx
    .select({ id: chapters.id, name: chapters.name, slug: chapters.slug })
    .from(chapters)
    .where(eq(chapters.id, inv.chapterId))
    .for("update");
  if (!chapter) return null;
  const [spent] = await tx
    .update(chapterInvitations)
    .set({ status: "accepted", decidedAt: sql`now()` })
    .where(and(eq(chapterInvitations.id, inv.id), eq(chapterInvitations.status, "pending"), gt(chapterInvitations.expiresAt, sql`now()`)))
    .returning({ id: chapterInvitations.id });
  if (!spent) return null;
  await tx.insert(auditLog).values({ actorId: user.id, chapterId: chapter.id, action: "lead.invitation.accepted", subject: `user:${user.id}` });
  await makeLead(tx, { chapter, user, actorId: inv.invitedBy, auditActorId: inv.invitedBy ?? user.id });
  if (inv.invitedBy) {
    const [admin] = await tx
      .select({ name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(and(eq(users.id, inv.invitedBy), isNull(users.erasedAt), sql`${users.email} <> ''`));
    if (admin) {
      await queueEmail(tx, {
        to: admin.email,
        template: "lead-invitation-accepted",
        locale: localeOf(admin.locale),
        payload: { name: admin.name, leadName: user.name, email: user.email, chapterName: chapter.name, url: `${env.APP_URL}/admin/chapters/${chapter.id}` },
        dedupKey: `lead-invitation-accepted:${inv.id}`,
      });
    }
  }
  return chapter;
}

/**
 * Called in the transaction that confirms an address: every pending, valid invitation to lead sent to it is
 * accepted (confirming is the proof the link's owner gives; signing up with the address and confirming it is the
 * step the invitation email asks for, so no second visit to the link is needed).
 */
export async function acceptLeadInvitationsOnVerify(tx: Db, userId: string): Promise<void> {
  const [user] = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)));
  if (!user?.email) return;
  const invitations = await tx
    .select({ id: chapterInvitations.id, chapterId: chapterInvitations.chapterId, invitedBy: chapterInvitations.invitedBy, email: chapterInvitations.email })
    .from(chapterInvitations)
    .where(
      and(
        eq(chapterInvitations.email, user.email.trim().toLowerCase()),
        eq(chapterInvitations.role, "lead"),
        eq(chapterInvitations.status, "pending"),
        gt(chapterInvitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(chapterInvitations.chapterId));
  for (const inv of invitations) await accept(tx, inv, user);
}

export type LeadInvitationState =
  | { state: "gone" }
  | { state: "expired" | "withdrawn" | "accepted"; chapterName: string; chapterSlug: string }
  | {
      state: "pending";
      chapterName: string;
      chapterSlug: string;
      /** the invited address as the link's holder sees it, partly hidden */
      emailHint: string;
      /** the asker against the invitation: not logged in, logged in with that address (confirmed or not), or another */
      viewer: "anonymous" | "match" | "unverified" | "other";
      /** for the sign-up form's prefill, only to someone not logged in (who holds the link sent to that address) */
      email: string | null;
    };

/** "siti.nurhaliza@gmail.com" → "si***@gmail.com" */
function hideEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, Math.min(2, Math.max(1, at - 1)))}***${email.slice(at)}`;
}

/** What the link of a lead invitation says to whoever opens it. Null when the token is not a lead invitation's. */
export async function getLeadInvitation(db: Db, token: string, viewerId: string | null): Promise<LeadInvitationState | null> {
  const [row] = await db
    .select({
      role: chapterInvitations.role,
      email: chapterInvitations.email,
      status: chapterInvitations.status,
      live: sql<boolean>`${chapterInvitations.expiresAt} > now()`,
      chapterName: chapters.name,
      chapterSlug: chapters.slug,
    })
    .from(chapterInvitations)
    .innerJoin(chapters, eq(chapters.id, chapterInvitations.chapterId))
    .where(eq(chapterInvitations.tokenHash, sha256(token)));
  if (!row || row.role !== "lead") return null;
  const where = { chapterName: row.chapterName, chapterSlug: row.chapterSlug };
  if (row.status === "withdrawn" || row.status === "declined") return { state: "withdrawn", ...where };
  if (row.status === "accepted") return { state: "accepted", ...where };
  if (!row.live) return { state: "expired", ...where };
  const email = row.email ?? "";
  let viewer: "anonymous" | "match" | "unverified" | "other" = "anonymous";
  if (viewerId) {
    const [me] = await db.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, viewerId));
    viewer = me?.email.trim().toLowerCase() !== email ? "other" : me.verifiedAt ? "match" : "unverified";
  }
  return { state: "pending", ...where, emailHint: hideEmail(email), viewer, email: viewer === "anonymous" ? email : null };
}

export type AcceptByLinkResult = { ok: true; chapterName: string; chapterSlug: string } | { ok: false; error: "gone" | "otherAddress" | "unverified" };

/** The link opened logged in with the invited address (already confirmed), and "accept" pressed. */
export async function acceptLeadInvitationByLink(db: Db, input: { token: string; userId: string }): Promise<AcceptByLinkResult> {
  return db.transaction(async (tx): Promise<AcceptByLinkResult> => {
    const [inv] = await tx
      .select({ id: chapterInvitations.id, chapterId: chapterInvitations.chapterId, invitedBy: chapterInvitations.invitedBy, email: chapterInvitations.email })
      .from(chapterInvitations)
      .where(
        and(
          eq(chapterInvitations.tokenHash, sha256(input.token)),
          eq(chapterInvitations.role, "lead"),
          eq(chapterInvitations.status, "pending"),
          gt(chapterInvitations.expiresAt, sql`now()`),
        ),
      );
    if (!inv) return { ok: false, error: "gone" };
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.id, input.userId), isNull(users.erasedAt)));
    if (!user || user.email.trim().toLowerCase() !== inv.email) return { ok: false, error: "otherAddress" };
    if (!user.verifiedAt) return { ok: false, error: "unverified" };
    const chapter = await accept(tx, inv, user);
    return chapter ? { ok: true, chapterName: chapter.name, chapterSlug: chapter.slug } : { ok: false, error: "gone" };
  });
}
