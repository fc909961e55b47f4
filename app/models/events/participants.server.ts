import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { eventParticipants, events, GENDERS } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import QRCode from "qrcode";
import { CHECKIN_CLOSES_MS, CHECKIN_OPENS_MS } from "~/models/events/signups.server";

export const participantSchema = z.object({
  code: z.string().trim().min(1).max(12),
  name: z.string().trim().min(1).max(120),
  institutionName: z.string().trim().max(160).optional(),
  gender: z.enum(GENDERS).optional(),
});
export type ParticipantForm = z.infer<typeof participantSchema>;

export type RegisterResult = { ok: true } | { ok: false; reason: "wrongCode" | "notOpen" };

/**
 * A participant registers at the door. The on-site code (shown by the lead, in the QR code) keeps the form
 * from being filled from afar; it only opens from 3 hours before the start until a day after the end.
 */
export async function registerParticipant(db: Db, input: { eventId: number; form: ParticipantForm; now?: Date }): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  const [ev] = await db
    .select({ code: events.checkinCode, status: events.status, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(and(eq(events.id, input.eventId), inArray(events.status, ["published", "completed"])));
  if (!ev || ev.code !== input.form.code.trim().toUpperCase()) return { ok: false, reason: "wrongCode" };
  if (now.getTime() < ev.startsAt.getTime() - CHECKIN_OPENS_MS || now.getTime() > ev.endsAt.getTime() + CHECKIN_CLOSES_MS) return { ok: false, reason: "notOpen" };
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
