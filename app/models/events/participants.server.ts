import { timingSafeEqual } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { eventParticipants, events, GENDERS } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import QRCode from "qrcode";
import { CHECKIN_CLOSES_MS, CHECKIN_OPENS_MS } from "~/models/events/signups.server";
import { hitRateLimit, peekRateLimit } from "~/services/rate-limit.server";

export const participantSchema = z.object({
  code: z.string().trim().min(1).max(12),
  name: z.string().trim().min(1).max(120),
  institutionName: z.string().trim().max(160).optional(),
  gender: z.enum(GENDERS).optional(),
});
export type ParticipantForm = z.infer<typeof participantSchema>;

/** "refused" covers a wrong code and a closed window alike: the answer never confirms a code. */
export type RegisterResult = { ok: true } | { ok: false; reason: "refused" | "rateLimited" };

/**
 * Failed door attempts, counted per address and event (a hall shares one Wi-Fi, so successes never count) and per
 * event from everywhere (guessing spread over many addresses). 300 guesses against 32^6 ≈ 10^9 codes: nil chance.
 */
export const DOOR_LIMITS = {
  perIp: { limit: 10, windowSeconds: 15 * 60 },
  perEvent: { limit: 300, windowSeconds: 60 * 60 },
} as const;

function sameCode(expected: string, typed: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(typed.trim().toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A participant registers at the door. The on-site code (shown by the lead, in the QR code) keeps the form
 * from being filled from afar; it only opens from 3 hours before the start until a day after the end.
 * A wrong code and a right code outside that window get the same answer, so nobody can find the code ahead of
 * time, and failures are rate limited.
 */
export async function registerParticipant(db: Db, input: { eventId: number; form: ParticipantForm; ip?: string; now?: Date }): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  const ipKey = `door:ip:${input.eventId}:${input.ip ?? "unknown"}`;
  const eventKey = `door:event:${input.eventId}`;
  if (
    (await peekRateLimit(db, ipKey, DOOR_LIMITS.perIp.windowSeconds)) >= DOOR_LIMITS.perIp.limit ||
    (await peekRateLimit(db, eventKey, DOOR_LIMITS.perEvent.windowSeconds)) >= DOOR_LIMITS.perEvent.limit
  )
    return { ok: false, reason: "rateLimited" };
  const [ev] = await db
    .select({ code: events.checkinCode, status: events.status, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(and(eq(events.id, input.eventId), inArray(events.status, ["published", "completed"])));
  const open = !!ev && now.getTime() >= ev.startsAt.getTime() - CHECKIN_OPENS_MS && now.getTime() <= ev.endsAt.getTime() + CHECKIN_CLOSES_MS;
  const right = !!ev && sameCode(ev.code, input.form.code);
  if (!open || !right) {
    await hitRateLimit(db, ipKey, DOOR_LIMITS.perIp.limit, DOOR_LIMITS.perIp.windowSeconds);
    await hitRateLimit(db, eventKey, DOOR_LIMITS.perEvent.limit, DOOR_LIMITS.perEvent.windowSeconds);
    return { ok: false, reason: "refused" };
  }
  await db.insert(eventParticipants).values({
    eventId: input.eventId,
    name: input.form.name,
    institutionName: input.form.institutionName ?? null,
    gender: input.form.gender ?? null,
  });
  return { ok: true };
}

/** Counts for the lead and the report form (the list itself is personal data: lead only). */
export async function participantCounts(db: Db, eventId: number) {
  const [r] = await db
    .select({
      total: sql<number>`count(*)::int`,
      female: sql<number>`count(*) filter (where ${eventParticipants.gender} = 'female')::int`,
      male: sql<number>`count(*) filter (where ${eventParticipants.gender} = 'male')::int`,
    })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId));
  return { total: r?.total ?? 0, female: r?.female ?? 0, male: r?.male ?? 0 };
}

export async function listParticipants(db: Db, eventId: number) {
  return db
    .select({ id: eventParticipants.id, name: eventParticipants.name, institutionName: eventParticipants.institutionName, gender: eventParticipants.gender, createdAt: eventParticipants.createdAt })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.createdAt), asc(eventParticipants.id));
}

/** The lead removes a mistaken or duplicate entry; scoped to the event. */
export async function removeParticipant(db: Db, input: { eventId: number; participantId: number }): Promise<boolean> {
  const rows = await db
    .delete(eventParticipants)
    .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, input.eventId)))
    .returning({ id: eventParticipants.id });
  return rows.length > 0;
}

export function doorUrl(eventId: number, code: string): string {
  return `${env.APP_URL}/e/${eventId}/hadir?code=${encodeURIComponent(code)}`;
}

export async function doorQrSvg(eventId: number, code: string): Promise<string> {
  return QRCode.toString(doorUrl(eventId, code), { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 240 });
}
