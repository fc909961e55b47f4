// The only module that imports lucia (it is deprecated upstream; a swap stays local to this file).
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan, verifyRequestOrigin, type DatabaseSession, type DatabaseUser } from "lucia";
import { sql } from "drizzle-orm";
import { sessions, users } from "../../db/schema/accounts";
import { rowsOf } from "../../db/rows";
import { db } from "~/db.server";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/locale";
import { repeatedChangeFrom } from "~/models/accounts/accounts.server";
import { newSessionToken, sessionIdOf } from "./session-token.server";

/**
 * Every signed-in request looks its session up. The drizzle adapter reads every column of the session and the user
 * (five timestamps to parse) through drizzle's query builder each time, about a third of a bare page's CPU; this
 * reads the four attributes lucia keeps (getUserAttributes below) in one fixed statement. The rest is the adapter's.
 */
class SessionAdapter extends DrizzlePostgreSQLAdapter {
  override async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const [row] = rowsOf<{ user_id: string; expires_at: string | Date; email: string; name: string; locale: string; is_admin: boolean | string }>(
      await db.execute(sql`select s.user_id, s.expires_at, u.email, u.name, u.locale, u.is_admin from session s join app_user u on u.id = s.user_id where s.id = ${sessionId}`),
    );
    if (!row) return [null, null];
    return [
      { id: sessionId, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      { id: row.user_id, attributes: { email: row.email, name: row.name, locale: row.locale, isAdmin: row.is_admin === true || row.is_admin === "t" } },
    ];
  }
}

const adapter = new SessionAdapter(db, sessions, users);

export const lucia = new Lucia(adapter, {
  // Idle timeout: lucia extends a session that is past half its life on use, so a session left unused for
  // SESSION_IDLE_DAYS has expired (the daily retention job deletes the expired rows).
  sessionExpiresIn: new TimeSpan(env.SESSION_IDLE_DAYS, "d"),
  sessionCookie: {
    name: "simpul_session",
    expires: true,
    attributes: { secure: env.isProduction, sameSite: "lax", path: "/" },
  },
  getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale as Locale, isAdmin: a.isAdmin }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; name: string; locale: string; isAdmin: boolean };
  }
}

export type SessionUser = { id: string; email: string; name: string; locale: Locale; isAdmin: boolean };
/** sessionId is the stored id (the hash of the cookie's token), never the token itself. */
export type AuthState = { user: SessionUser | null; sessionId: string | null; setCookie: string | null };

/** Validate the cookie; refresh it when lucia extended the session; blank it when invalid. */
export async function authenticate(cookieHeader: string | undefined): Promise<AuthState> {
  const token = lucia.readSessionCookie(cookieHeader ?? "");
  if (!token) return { user: null, sessionId: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionIdOf(token));
  if (!session || !user) {
    return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, isAdmin: user.isAdmin },
    sessionId: session.id,
    setCookie: session.fresh ? lucia.createSessionCookie(token).serialize() : null,
  };
}

/** Returns the Set-Cookie header value for the new session. */
export async function startSession(userId: string): Promise<string> {
  const token = newSessionToken();
  await lucia.createSession(userId, {}, { sessionId: sessionIdOf(token) });
  return lucia.createSessionCookie(token).serialize();
}

export async function endSession(sessionId: string | null): Promise<string> {
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/**
 * "Log out on all other devices": every session of the user but this one ends, and so does the personal calendar
 * feed's secret link, which the lost phone or the other computer may hold (it reads the schedule without a session).
 * Whether there was a feed link.
 */
export async function endOtherSessions(userId: string, keepSessionId: string | null): Promise<{ feedEnded: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(
      keepSessionId
        ? sql`delete from session where user_id = ${userId} and id <> ${keepSessionId}`
        : sql`delete from session where user_id = ${userId}`,
    );
    const feeds = rowsOf<{ user_id: string }>(await tx.execute(sql`delete from calendar_token where user_id = ${userId} returning user_id`));
    return { feedEnded: feeds.length > 0 };
  });
}

/**
 * The password form of /account sent again from a session its first sending ended: the Set-Cookie of a new session
 * for the same account when it is that change (repeatedChangeFrom), else null (the visitor is sent to log in).
 */
export async function repeatedPasswordChange(request: Request): Promise<string | null> {
  const token = lucia.readSessionCookie(request.headers.get("cookie") ?? "");
  if (!token) return null;
  const form = await request.clone().formData();
  const newPassword = form.get("newPassword");
  if (form.get("intent") !== "password" || typeof newPassword !== "string" || !newPassword) return null;
  const userId = await repeatedChangeFrom(db, sessionIdOf(token), newPassword);
  return userId ? startSession(userId) : null;
}

/** After a password change or reset: every session of the user ends. */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

const DEVICE_COOKIE = "simpul_device";

/** The known-device token of this browser (see authenticateByPassword), if any. */
export function readDeviceToken(cookieHeader: string | null | undefined): string | null {
  const m = new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE}=([A-Za-z0-9_-]{20,100})`).exec(cookieHeader ?? "");
  return m?.[1] ?? null;
}

export function deviceCookie(token: string): string {
  return `${DEVICE_COOKIE}=${token}; Path=/; Max-Age=${365 * 86400}; HttpOnly; SameSite=Lax${env.isProduction ? "; Secure" : ""}`;
}

/** Non-GET requests must come from our own origin (CSRF); a missing Origin is refused too. */
export function isSameOrigin(method: string, origin: string | undefined, host: string | undefined): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  if (!origin || !host) return false;
  return verifyRequestOrigin(origin, [host]);
}
