import { randomBytes, randomUUID } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { emailVerifications, knownDevices, passwordResets, passwords, sessions, users } from "../../../db/schema/accounts";
import { auditLog } from "../../../db/schema/chapters";
import { calendarTokens } from "../../../db/schema/events";
import { burnPasswordTime, hashPassword, verifyPassword } from "~/auth/password.server";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { acceptLeadInvitationsOnVerify } from "~/models/chapters/lead-invitations.server";
import { isLocale, type Locale } from "~/i18n/locale";
import { queueEmail } from "~/services/outbox.server";
import { hitRateLimit, resetRateLimit } from "~/services/rate-limit.server";
import { PRIVACY_VERSION } from "~/models/privacy/notice";
import { countKey } from "~/i18n/plural";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const RESET_TOKEN_TTL_MINUTES = 60;
export const VERIFY_TOKEN_TTL_HOURS = 72;

/** Fixed windows, counted in the database so every app process shares them. */
export const LIMITS = {
  /** one address guessing one account: the attacker's own pair is stopped, nobody else's */
  loginPerAccountAndIp: { limit: 5, windowSeconds: 15 * 60 },
  /** one account from everywhere (a spread-out attack): stops unknown browsers only, never the owner's known ones */
  loginPerAccount: { limit: 20, windowSeconds: 60 * 60 },
  /** one address over many accounts: high enough for a school or warnet behind one NAT; known browsers exempt */
  loginPerIp: { limit: 100, windowSeconds: 15 * 60 },
  resetPerAccount: { limit: 3, windowSeconds: 60 * 60 },
  resetPerIp: { limit: 10, windowSeconds: 60 * 60 },
  registerPerIp: { limit: 30, windowSeconds: 60 * 60 },
  verifyResendPerUser: { limit: 5, windowSeconds: 60 * 60 },
  changePasswordPerUser: { limit: 5, windowSeconds: 15 * 60 },
} as const;

// Typed emails (registered or not) are kept only as a hash in the counter table.
export const rateLimitKeys = {
  loginAccount: (email: string) => `login:acct:${sha256(normalizeEmail(email))}`,
  loginIp: (ip: string) => `login:ip:${ip}`,
  loginAccountIp: (email: string, ip: string) => `login:acct-ip:${sha256(normalizeEmail(email))}:${ip}`,
  resetAccount: (email: string) => `reset:acct:${sha256(normalizeEmail(email))}`,
  resetIp: (ip: string) => `reset:ip:${ip}`,
  registerIp: (ip: string) => `register:ip:${ip}`,
  changePassword: (userId: string) => `pwchange:user:${userId}`,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The business rule behind every new password; returns a dictionary key or null. */
export function passwordPolicyError(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "auth.error.passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "auth.error.passwordTooLong";
  if (normalizeEmail(password) === normalizeEmail(email)) return "auth.error.passwordIsEmail";
  return null;
}

function localeOf(v: string): Locale {
  return isLocale(v) ? v : "id";
}

// ---------- form shapes (zod stays on the server; routes import these) ----------

const emailField = z.string().trim().toLowerCase().max(254).email("auth.error.emailInvalid");
const newPasswordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "auth.error.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "auth.error.passwordTooLong");

export const registerSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: emailField,
    password: newPasswordField,
    passwordConfirm: z.string(),
    privacy: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.privacy !== "yes") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["privacy"], message: "privacy.consentRequired" });
    if (normalizeEmail(v.password) === v.email)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: "auth.error.passwordIsEmail" });
    else if (v.password !== v.passwordConfirm)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passwordConfirm"], message: "auth.error.passwordMismatch" });
  });

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1000),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ password: newPasswordField, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "auth.error.passwordMismatch" });

export const changePasswordSchema = z
  .object({ currentPassword: z.string().max(1000), newPassword: newPasswordField, newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ["newPasswordConfirm"],
    message: "auth.error.passwordMismatch",
  });

// ---------- results ----------

export type RateLimited = { ok: false; reason: "rateLimited"; retryAfterSeconds: number };
export type FieldErrors = { ok: false; reason: "fields"; errors: Record<string, string[]> };

async function hitAll(db: Db, hits: { key: string; limit: number; windowSeconds: number }[]): Promise<RateLimited | null> {
  let retry = 0;
  let limited = false;
  for (const h of hits) {
    const r = await hitRateLimit(db, h.key, h.limit, h.windowSeconds);
    if (!r.allowed) {
      limited = true;
      retry = Math.max(retry, r.retryAfterSeconds);
    }
  }
  return limited ? { ok: false, reason: "rateLimited", retryAfterSeconds: Math.max(retry, 1) } : null;
}

/** A successful log-in gives its hit back, so the per-IP limit counts failures (shared NAT at schools, warnet). */
async function refundRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`update rate_limit set count = greatest(count - 1, 0) where key = ${key}`);
}

// ---------- use cases ----------

export async function registerUser(
  db: Db,
  input: { name: string; email: string; password: string; locale: Locale; ip: string; appUrl?: string },
): Promise<{ ok: true; userId: string } | FieldErrors | RateLimited> {
  const limited = await hitAll(db, [{ key: rateLimitKeys.registerIp(input.ip), ...LIMITS.registerPerIp }]);
  if (limited) return limited;
  const email = normalizeEmail(input.email);
  const problem = passwordPolicyError(input.password, email);
  if (problem) return { ok: false, reason: "fields", errors: { password: [problem] } };
  const hash = await hashPassword(input.password);
  const id = randomUUID();
  const created = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(users)
      .values({ id, email, name: input.name.trim(), locale: input.locale, emailVerifiedAt: null, privacyVersion: PRIVACY_VERSION, privacyConsentAt: new Date() })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (rows.length === 0) return false;
    await tx.insert(passwords).values({ userId: id, hash });
    await queueVerification(tx, { userId: id, email, name: input.name.trim(), locale: input.locale, appUrl: input.appUrl });
    return true;
  });
  // Sign-up has to say so when the email is taken; the per-IP limit keeps that from becoming a bulk lookup.
  if (!created) return { ok: false, reason: "fields", errors: { email: ["auth.error.emailTaken"] } };
  return { ok: true, userId: id };
}

export const KNOWN_DEVICE_DAYS = 365;

/**
 * Log-in, designed so that failed attempts slow an attacker without ever refusing the owner:
 * - counters are per (account, address) [5 / 15 min], per account [20 / hour] and per address [100 / 15 min];
 * - a browser where the owner logged in before carries a "known device" cookie for that account: it skips the
 *   per-account and per-address counters, so a stranger's failures (from anywhere) never lock the owner out there;
 * - on a new browser the owner is refused only while their own (account, address) pair or the whole account is
 *   under attack; a password reset (which proves the mailbox) clears the account's counters.
 * Every counter is keyed by the typed email, registered or not, so being limited reveals nothing.
 * A successful log-in returns a fresh device token (the route sets it as a cookie) and refunds its hits (address and
 * account): only failures lock an account.
 */
export async function authenticateByPassword(
  db: Db,
  input: { email: string; password: string; ip: string; deviceToken?: string | null },
): Promise<{ ok: true; userId: string; deviceToken: string } | { ok: false; reason: "invalid" } | RateLimited> {
  const email = normalizeEmail(input.email);
  const accountKey = rateLimitKeys.loginAccount(email);
  const ipKey = rateLimitKeys.loginIp(input.ip);
  const pairKey = rateLimitKeys.loginAccountIp(email, input.ip);
  const [row] = await db
    .select({ id: users.id, hash: passwords.hash })
    .from(users)
    .innerJoin(passwords, eq(passwords.userId, users.id))
    .where(eq(users.email, email))
    .limit(1);
  const known = row && input.deviceToken ? await isKnownDevice(db, row.id, input.deviceToken) : false;
  const limited = await hitAll(
    db,
    known
      ? [{ key: pairKey, ...LIMITS.loginPerAccountAndIp, limit: LIMITS.loginPerAccountAndIp.limit * 4 }]
      : [
          { key: ipKey, ...LIMITS.loginPerIp },
          { key: accountKey, ...LIMITS.loginPerAccount },
          { key: pairKey, ...LIMITS.loginPerAccountAndIp },
        ],
  );
  if (limited) {
    if (!row) await burnPasswordTime(input.password);
    return limited;
  }
  if (!row) {
    await burnPasswordTime(input.password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(row.hash, input.password))) return { ok: false, reason: "invalid" };
  await resetRateLimit(db, pairKey);
  // the right password is no attack: only failures count towards the account's lockout (a lead on several devices)
  if (!known) {
    await refundRateLimit(db, ipKey);
    await refundRateLimit(db, accountKey);
  }
  const deviceToken = await rememberDevice(db, row.id, input.deviceToken ?? null);
  return { ok: true, userId: row.id, deviceToken };
}

async function isKnownDevice(db: Db, userId: string, token: string): Promise<boolean> {
  const found = await db
    .select({ userId: knownDevices.userId })
    .from(knownDevices)
    .where(
      and(
        eq(knownDevices.tokenHash, sha256(token)),
        eq(knownDevices.userId, userId),
        gt(knownDevices.lastUsedAt, sql`now() - make_interval(days => ${KNOWN_DEVICE_DAYS})`),
      ),
    )
    .limit(1);
  return found.length > 0;
}

/** Keeps the browser's token when it already belongs to this account, otherwise issues a new one. */
async function rememberDevice(db: Db, userId: string, current: string | null): Promise<string> {
  if (current) {
    const kept = await db
      .update(knownDevices)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(knownDevices.tokenHash, sha256(current)), eq(knownDevices.userId, userId)))
      .returning({ userId: knownDevices.userId });
    if (kept.length) return current;
  }
  const token = randomBytes(32).toString("base64url");
  await db.insert(knownDevices).values({ tokenHash: sha256(token), userId });
  return token;
}

// ---------- email ownership ----------

/** A fresh link to prove the address; the token travels only in the email (the table keeps its sha-256). */
async function queueVerification(tx: Db, input: { userId: string; email: string; name: string; locale: Locale; appUrl?: string }) {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256(token);
  await tx.insert(emailVerifications).values({
    tokenHash,
    userId: input.userId,
    email: input.email,
    expiresAt: sql`now() + make_interval(hours => ${VERIFY_TOKEN_TTL_HOURS})`,
  });
  await queueEmail(tx, {
    to: input.email,
    template: "email-verify",
    locale: input.locale,
    payload: { name: input.name, url: `${input.appUrl ?? env.APP_URL}/verifikasi-email/${token}`, expiresInHours: VERIFY_TOKEN_TTL_HOURS },
    dedupKey: `email-verify:${tokenHash}`,
  });
}

/** The emailed link was opened: the address is the account's (only if it still is the account's address). */
export async function verifyEmail(db: Db, token: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailVerifications)
      .set({ usedAt: sql`coalesce(${emailVerifications.usedAt}, now())` })
      .where(and(eq(emailVerifications.tokenHash, sha256(token)), gt(emailVerifications.expiresAt, sql`now()`)))
      .returning({ userId: emailVerifications.userId, email: emailVerifications.email });
    if (!row) return { ok: false } as const;
    const done = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(and(eq(users.id, row.userId), eq(users.email, row.email)))
      .returning({ id: users.id });
    if (!done.length) return { ok: false } as const;
    // an invitation to lead a chapter sent to this address is accepted by proving the address (DECISIONS 142)
    await acceptLeadInvitationsOnVerify(tx, row.userId);
    return { ok: true, userId: row.userId } as const;
  });
}

export async function isEmailVerified(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return !!row?.at;
}

/** Another link, for someone who lost the first; limited per account. */
export async function resendVerification(db: Db, input: { userId: string; appUrl?: string }): Promise<{ ok: true } | RateLimited> {
  const limited = await hitAll(db, [{ key: `verify-resend:${input.userId}`, ...LIMITS.verifyResendPerUser }]);
  if (limited) return limited;
  const [user] = await db
    .select({ email: users.email, name: users.name, locale: users.locale, at: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user || user.at) return { ok: true };
  await db.transaction(async (tx) => {
    await queueVerification(tx, { userId: input.userId, email: user.email, name: user.name, locale: localeOf(user.locale), appUrl: input.appUrl });
  });
  return { ok: true };
}

/**
 * Always answers the same for unknown emails. For a known one, stores the sha-256 of a fresh token and
 * queues the email in the same transaction; the token itself only travels in the email.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string; appUrl?: string },
): Promise<{ ok: true } | RateLimited> {
  const email = normalizeEmail(input.email);
  const limited = await hitAll(db, [
    { key: rateLimitKeys.resetIp(input.ip), ...LIMITS.resetPerIp },
    { key: rateLimitKeys.resetAccount(email), ...LIMITS.resetPerAccount },
  ]);
  if (limited) return limited;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!user) return { ok: true };
  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256(token);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash,
      userId: user.id,
      expiresAt: sql`now() + make_interval(mins => ${RESET_TOKEN_TTL_MINUTES})`,
    });
    await queueEmail(tx, {
      to: user.email,
      template: "password-reset",
      locale: localeOf(user.locale),
      payload: {
        name: user.name,
        url: `${input.appUrl ?? env.APP_URL}/reset-password/${token}`,
        expiresInMinutes: RESET_TOKEN_TTL_MINUTES,
      },
      dedupKey: `password-reset:${tokenHash}`,
    });
  });
  return { ok: true };
}

/** For the reset page: whose link is this, if it is still usable. */
export async function findValidResetToken(db: Db, token: string): Promise<{ email: string } | null> {
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

export async function resetPassword(
  db: Db,
  input: { token: string; password: string; appUrl?: string },
): Promise<{ ok: true; userId: string; feedEnded: boolean } | { ok: false; reason: "invalidToken" } | FieldErrors> {
  const tokenHash = sha256(input.token);
  const [found] = await db
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1);
  if (!found) return (await repeatedReset(db, tokenHash, input.password)) ?? { ok: false, reason: "invalidToken" };
  // A rejected password leaves the link usable.
  const problem = passwordPolicyError(input.password, found.email);
  if (problem) return { ok: false, reason: "fields", errors: { password: [problem] } };
  const hash = await hashPassword(input.password);
  const done = await db.transaction(async (tx) => {
    // The conditional update is what makes the token single-use under concurrent submits.
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId });
    if (claimed.length === 0) return null;
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, found.userId), isNull(passwordResets.usedAt)));
    await setPasswordHash(tx, found.userId, hash);
    // the reset link arrived in the mailbox: that proves the address as well
    await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, found.userId));
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    const feedEnded = await endCalendarFeed(tx, found.userId);
    await queueEmail(tx, {
      to: found.email,
      template: "password-changed",
      locale: localeOf(found.locale),
      payload: { name: found.name, forgotUrl: `${input.appUrl ?? env.APP_URL}/forgot-password`, via: "reset", feedEnded, mineUrl: `${input.appUrl ?? env.APP_URL}/events/mine` },
      dedupKey: `password-changed:reset:${tokenHash}`,
    });
    return { feedEnded };
  });
  if (!done) return (await repeatedReset(db, tokenHash, input.password)) ?? { ok: false, reason: "invalidToken" };
  await resetRateLimit(db, rateLimitKeys.loginAccount(found.email));
  await db.execute(sql`delete from rate_limit where key like ${`login:acct-ip:${sha256(normalizeEmail(found.email))}:%`}`);
  return { ok: true, userId: found.userId, feedEnded: done.feedEnded };
}

/** How long after a reset the same form sent again still counts as that reset (a second tap, a resend on 3G). */
const RESET_REPEAT_MINUTES = 10;

/**
 * The reset form sent twice: the first sets the password, and the second, whose answer is the one the browser shows,
 * would say "link no longer valid" although the password typed is saved. A link spent in the last few minutes whose
 * account's password is the one sent again is that same reset: the person is logged in (they hold the link and the
 * password, more than a log-in asks), with no second email. Any other password is refused as before.
 */
async function repeatedReset(db: Db, tokenHash: string, password: string): Promise<{ ok: true; userId: string; feedEnded: boolean } | null> {
  const [row] = await db
    .select({ userId: passwordResets.userId, hash: passwords.hash })
    .from(passwordResets)
    .innerJoin(passwords, eq(passwords.userId, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), gt(passwordResets.usedAt, sql`now() - make_interval(mins => ${RESET_REPEAT_MINUTES})`), gt(passwords.updatedAt, sql`now() - make_interval(mins => ${RESET_REPEAT_MINUTES})`)))
    .limit(1);
  if (!row || !(await verifyPassword(row.hash, password))) return null;
  return { ok: true, userId: row.userId, feedEnded: false };
}

/**
 * The personal calendar feed's secret link ends with the sessions: whoever took over the account (or holds the lost
 * phone) may have copied it, and it reads the person's schedule without logging in. Whether there was one.
 */
export async function endCalendarFeed(tx: Db, userId: string): Promise<boolean> {
  const gone = await tx.delete(calendarTokens).where(eq(calendarTokens.userId, userId)).returning({ userId: calendarTokens.userId });
  return gone.length > 0;
}

/**
 * Verifies the current password; on success every session of the user has ended (the caller starts a new one), and
 * so has the calendar feed's link (`feedEnded`: there was one).
 */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; appUrl?: string; sessionId?: string | null },
): Promise<{ ok: true; feedEnded: boolean } | FieldErrors | RateLimited> {
  const key = rateLimitKeys.changePassword(input.userId);
  const limited = await hitAll(db, [{ key, ...LIMITS.changePasswordPerUser }]);
  if (limited) return limited;
  const [user] = await db
    .select({ email: users.email, name: users.name, locale: users.locale, hash: passwords.hash })
    .from(users)
    .innerJoin(passwords, eq(passwords.userId, users.id))
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!user || !(await verifyPassword(user.hash, input.currentPassword))) {
    // the same form a second time (a double tap, a resend on 3G): the first saved the new password already
    if (user && (await repeatedChange(db, input.userId, user.hash, input.newPassword))) return { ok: true, feedEnded: false };
    return { ok: false, reason: "fields", errors: { currentPassword: ["auth.error.currentPasswordWrong"] } };
  }
  const problem = passwordPolicyError(input.newPassword, user.email);
  if (problem) return { ok: false, reason: "fields", errors: { newPassword: [problem] } };
  const hash = await hashPassword(input.newPassword);
  const feedEnded = await db.transaction(async (tx) => {
    await setPasswordHash(tx, input.userId, hash);
    await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    // the session the form came from is remembered for a few minutes: the same form sent again from it (its answer
    // lost on 3G, a double tap) carries that ended session's cookie, and is recognised as this change (see
    // repeatedChangeFrom). Only the id is kept (the hash of the cookie's token), never the token.
    await tx.insert(auditLog).values({ actorId: input.userId, action: "password.change", subject: input.sessionId ? `session:${input.sessionId}` : null });
    // a reset link asked for earlier (by the owner who then remembered, or by whoever reads the mailbox) would undo
    // the new password: spent, as a reset spends the others
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, input.userId), isNull(passwordResets.usedAt)));
    const ended = await endCalendarFeed(tx, input.userId);
    await queueEmail(tx, {
      to: user.email,
      template: "password-changed",
      locale: localeOf(user.locale),
      payload: { name: user.name, forgotUrl: `${input.appUrl ?? env.APP_URL}/forgot-password`, via: "change", feedEnded: ended, mineUrl: `${input.appUrl ?? env.APP_URL}/events/mine` },
      dedupKey: `password-changed:${input.userId}:${randomUUID()}`,
    });
    return ended;
  });
  await resetRateLimit(db, key);
  return { ok: true, feedEnded };
}

/** How long after a password change the same form sent again still counts as that change. */
const CHANGE_REPEAT_MINUTES = 10;

/** The password saved in the last few minutes is the one sent again as the new one: the same change, already done. */
async function repeatedChange(db: Db, userId: string, hash: string, newPassword: string): Promise<boolean> {
  const [recent] = await db
    .select({ userId: passwords.userId })
    .from(passwords)
    .where(and(eq(passwords.userId, userId), gt(passwords.updatedAt, sql`now() - make_interval(mins => ${CHANGE_REPEAT_MINUTES})`)));
  return !!recent && (await verifyPassword(hash, newPassword));
}

/**
 * The password form sent again from a session the first sending ended (changePassword ends every session, and the
 * first answer, with the new session's cookie, never arrived): the account whose password was changed from that
 * session in the last few minutes, when the new password sent is the one saved. The person is then logged in again
 * (they hold the ended session's cookie and the new password, more than a log-in asks); nothing else changes.
 */
export async function repeatedChangeFrom(db: Db, sessionId: string, newPassword: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: passwords.userId, hash: passwords.hash })
    .from(auditLog)
    .innerJoin(passwords, eq(passwords.userId, auditLog.actorId))
    .where(
      and(
        eq(auditLog.action, "password.change"),
        eq(auditLog.subject, `session:${sessionId}`),
        gt(auditLog.at, sql`now() - make_interval(mins => ${CHANGE_REPEAT_MINUTES})`),
        gt(passwords.updatedAt, sql`now() - make_interval(mins => ${CHANGE_REPEAT_MINUTES})`),
      ),
    )
    .orderBy(sql`${auditLog.at} desc`)
    .limit(1);
  if (!row || !(await verifyPassword(row.hash, newPassword))) return null;
  return row.userId;
}

async function setPasswordHash(tx: Db, userId: string, hash: string): Promise<void> {
  await tx
    .insert(passwords)
    .values({ userId, hash })
    .onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: sql`now()` } });
}

export async function getAccount(db: Db, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { ...row, locale: localeOf(row.locale) } : null;
}

export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** The form-level message for a refused attempt, in whole minutes (never "0 minutes"). */
export function rateLimitedError(r: RateLimited) {
  const minutes = Math.max(1, Math.ceil(r.retryAfterSeconds / 60));
  return { key: countKey("auth.error.rateLimited", minutes), params: { minutes } };
}
