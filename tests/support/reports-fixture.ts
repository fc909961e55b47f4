// Direct inserts of approved outreach records for the reports tests (exact local times, past dates allowed).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { eventRoles, events, eventSessions, institutions, onboardings, outcomeInstitutions, outcomeReports, programs, signups, type InstitutionType } from "../../db/schema/events";
import { localToUtc } from "../../app/models/events/events.server";
import { schoolLevel } from "../../app/models/events/institution-names";

let seq = 0;

export async function insertInstitution(db: Db, name: string, type: InstitutionType, regionCode: string): Promise<number> {
  const level = type === "school" ? schoolLevel(name) : null;
  const [row] = await db.insert(institutions).values({ type, name, regionCode, level, dedupKey: `${type}|${regionCode}|${name.toLowerCase()}` }).returning({ id: institutions.id });
  if (!row) throw new Error("institution not inserted");
  return row.id;
}

export async function insertEvent(
  db: Db,
  input: {
    chapterId: number;
    regionCode: string;
    timeZone: string;
    program?: string;
    title?: string;
    date: string;
    time: string;
    status?: "approved" | "submitted" | null;
    participants?: number;
    reached?: number[];
    online?: number[];
    venueId?: number;
  },
): Promise<{ id: number; roleId: number; sessionId: number; reportId: number | null }> {
  seq++;
  const [p] = await db.select({ id: programs.id }).from(programs).where(eq(programs.slug, input.program ?? "internet-sehat"));
  if (!p) throw new Error("programs not seeded");
  const startsAt = localToUtc(input.date, input.time, input.timeZone);
  const [e] = await db
    .insert(events)
    .values({
      chapterId: input.chapterId,
      programId: p.id,
      regionCode: input.regionCode,
      venueId: input.venueId ?? null,
      title: input.title ?? `Kegiatan ${seq}`,
      status: "completed",
      timeZone: input.timeZone,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      checkinCode: `K${seq}`,
    })
    .returning({ id: events.id });
  if (!e) throw new Error("event not inserted");
  const [role] = await db.insert(eventRoles).values({ eventId: e.id, name: "Narasumber", capacity: 10 }).returning({ id: eventRoles.id });
  const [session] = await db.insert(eventSessions).values({ eventId: e.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) }).returning({ id: eventSessions.id });
  let reportId: number | null = null;
  if (input.status !== null) {
    const [r] = await db
      .insert(outcomeReports)
      .values({ eventId: e.id, status: input.status ?? "approved", participantsTotal: input.participants ?? 0, approvedAt: input.status === "submitted" ? null : new Date() })
      .returning({ id: outcomeReports.id });
    reportId = r?.id ?? null;
    for (const id of input.reached ?? []) await db.insert(outcomeInstitutions).values({ reportId: r!.id, institutionId: id });
    for (const id of input.online ?? []) await db.insert(onboardings).values({ reportId: r!.id, institutionId: id, kinds: ["marketplace"] });
  }
  return { id: e.id, roleId: role!.id, sessionId: session!.id, reportId };
}

export async function insertAttendance(db: Db, ev: { id: number; roleId: number; sessionId: number }, userId: string, hours: number, attended = true): Promise<void> {
  await db.insert(signups).values({ eventId: ev.id, roleId: ev.roleId, sessionId: ev.sessionId, userId, status: "confirmed", queuedAt: new Date(), attendedAt: attended ? new Date() : null, hoursCredited: attended ? hours : null });
}
