import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { eventRoles, events, eventSessions, institutions, onboardings, outcomeInstitutions, outcomeReports, programs, signups, type InstitutionType, type OnboardingKind } from "../../db/schema/events";
import { tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { localToUtc } from "../../app/models/events/events.server";
import { computeIndicators, figuresOf, indicatorRecords, listIndicators, sumFigures } from "../../app/models/reports/indicators.server";
import { elapsedFraction, parsePeriod, progressStatus, type Period } from "../../app/models/reports/period";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const Y2026: Period = { year: 2026, semester: 0 };
const S1: Period = { year: 2026, semester: 1 };
const S2: Period = { year: 2026, semester: 2 };
const ZONES = { "35.09": "Asia/Jakarta", "73.71": "Asia/Makassar", "91.71": "Asia/Jayapura" } as const;

/**
 * A hand-made fixture in three zones. Every expected figure below is counted by hand from it; the comments say
 * which records count and which must not (duplicates, unapproved reports, the other side of a period boundary).
 */
describe("indicators", () => {
  let t: TestDatabase;
  let A: { id: number }, B: { id: number }, C: { id: number };
  const inst: Record<string, number> = {};
  const vol: Record<string, string> = {};
  let seq = 0;

  async function institution(key: string, type: InstitutionType, regionCode: string) {
    const [row] = await t.db.insert(institutions).values({ type, name: key, regionCode, dedupKey: `${type}|${regionCode}|${key}` }).returning({ id: institutions.id });
    inst[key] = row!.id;
  }

  async function event(input: {
    chapterId: number;
    region: keyof typeof ZONES;
    program?: string;
    date: string;
    time: string;
    status?: "approved" | "submitted" | null;
    participants?: number;
    reached?: string[];
    online?: string[];
  }) {
    seq++;
    const [p] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, input.program ?? "internet-sehat"));
    const tz = ZONES[input.region];
    const startsAt = localToUtc(input.date, input.time, tz);
    const [e] = await t.db
      .insert(events)
      .values({ chapterId: input.chapterId, programId: p!.id, regionCode: input.region, title: `Kegiatan ${seq}`, status: "completed", timeZone: tz, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), checkinCode: `C${seq}` })
      .returning({ id: events.id });
    const [role] = await t.db.insert(eventRoles).values({ eventId: e!.id, name: "Narasumber", capacity: 10 }).returning({ id: eventRoles.id });
    const [session] = await t.db.insert(eventSessions).values({ eventId: e!.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }).returning({ id: eventSessions.id });
    if (input.status !== null) {
      const [r] = await t.db
        .insert(outcomeReports)
        .values({ eventId: e!.id, status: input.status ?? "approved", participantsTotal: input.participants ?? 0, approvedAt: input.status === "submitted" ? null : new Date() })
        .returning({ id: outcomeReports.id });
      for (const k of input.reached ?? []) await t.db.insert(outcomeInstitutions).values({ reportId: r!.id, institutionId: inst[k]! });
      for (const k of input.online ?? []) await t.db.insert(onboardings).values({ reportId: r!.id, institutionId: inst[k]!, kinds: ["marketplace"] satisfies OnboardingKind[] });
    }
    return { id: e!.id, roleId: role!.id, sessionId: session!.id };
  }

  async function attend(ev: { id: number; roleId: number; sessionId: number }, who: string, hours: number, attended = true) {
    await t.db.insert(signups).values({ eventId: ev.id, roleId: ev.roleId, sessionId: ev.sessionId, userId: vol[who]!, status: "confirmed", queuedAt: new Date(), attendedAt: attended ? new Date() : null, hoursCredited: attended ? hours : null });
  }

  async function request(input: { chapterId: number; status: "completed" | "in_progress"; closedLocal?: [string, string]; whatsapp: string; sessions?: [string, string, number][] }) {
    seq++;
    const [r] = await t.db
      .insert(tutoringRequests)
      .values({
        tokenHash: `hash-${seq}`,
        chapterId: input.chapterId,
        regionCode: "35.09",
        learnerName: `Warga ${seq}`,
        whatsapp: input.whatsapp,
        forWhom: "self",
        language: "id",
        mode: "home",
        consentAt: new Date(),
        consentVersion: "v1",
        status: input.status,
        closedAt: input.closedLocal ? localToUtc(input.closedLocal[0], input.closedLocal[1], "Asia/Jakarta") : null,
      })
      .returning({ id: tutoringRequests.id });
    for (const [who, heldOn, minutes] of input.sessions ?? []) await t.db.insert(tutoringSessions).values({ requestId: r!.id, tutorId: vol[who]!, heldOn, minutes, topic: "WhatsApp" });
  }

  before(async () => {
    t = await createTestDatabase();
    A = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember (WIB)" });
    B = await createChapter(t.db, { regionCode: "73.71", name: "RTIK Makassar (WITA)" });
    C = await createChapter(t.db, { regionCode: "91.71", name: "RTIK Jayapura (WIT)" });
    for (const v of ["v1", "v2", "v3", "v4"]) {
      const u = await createUser(t.db, { name: `Relawan ${v}` });
      await addMembership(t.db, { userId: u.id, chapterId: A.id });
      vol[v] = u.id;
    }
    for (const k of ["SMP1", "SMP2", "SMP3", "SMP4", "SMP5"]) await institution(k, "school", "35.09");
    await institution("P1", "pesantren", "35.09");
    await institution("U1", "umkm", "35.09");
    await institution("U2", "umkm", "35.09");
    await institution("D1", "village", "35.09");
    await institution("Y1", "other", "35.09");
    await institution("K1", "community", "35.09");
    await institution("SB1", "school", "73.71");
    await institution("SC1", "school", "91.71");
    await institution("UC1", "umkm", "91.71");

    // Chapter A, WIB
    await event({ chapterId: A.id, region: "35.09", date: "2026-01-01", time: "00:30", participants: 7, reached: ["SMP5"] }); // A0: 2025-12-31 17:30 UTC, still 2026 in WIB
    const a1 = await event({ chapterId: A.id, region: "35.09", date: "2026-02-10", time: "08:00", participants: 40, reached: ["SMP1", "P1"] });
    const a2 = await event({ chapterId: A.id, region: "35.09", date: "2026-03-05", time: "08:00", participants: 25, reached: ["SMP1", "SMP2"] }); // SMP1 again
    const a3 = await event({ chapterId: A.id, region: "35.09", date: "2026-04-01", time: "08:00", status: "submitted", participants: 100, reached: ["SMP2", "SMP3"], online: ["U2"] }); // not approved
    await event({ chapterId: A.id, region: "35.09", program: "umkm-go-online", date: "2026-05-20", time: "09:00", participants: 15, reached: ["U1", "U2"], online: ["U1", "U2"] });
    await event({ chapterId: A.id, region: "35.09", program: "umkm-go-online", date: "2026-08-15", time: "09:00", participants: 10, reached: ["SMP3"], online: ["U1", "D1", "Y1", "K1"] }); // SMP3 reached, but not by Internet Sehat
    await event({ chapterId: A.id, region: "35.09", date: "2026-12-31", time: "23:00", participants: 30, reached: ["SMP2"] }); // A6: last hour of 2026 in WIB
    const a7 = await event({ chapterId: A.id, region: "35.09", date: "2027-01-01", time: "00:30", participants: 50, reached: ["SMP4"] }); // 2026-12-31 17:30 UTC, but 2027 in WIB
    await event({ chapterId: A.id, region: "35.09", date: "2026-06-01", time: "08:00", status: null, participants: 0 }); // no report at all
    await attend(a1, "v1", 3);
    await attend(a2, "v1", 3);
    await attend(a1, "v2", 2);
    await attend(a2, "v2", 3, false); // signed up, did not attend
    await attend(a3, "v3", 4); // attended, but the report is not approved
    await attend(a7, "v1", 5); // 2027
    await request({ chapterId: A.id, status: "completed", closedLocal: ["2026-06-30", "23:30"], whatsapp: "+6281111111111", sessions: [["v4", "2026-06-20", 90]] });
    await request({ chapterId: A.id, status: "completed", closedLocal: ["2026-09-01", "10:00"], whatsapp: "+6281111111111", sessions: [["v1", "2026-08-30", 60]] }); // same learner again
    await request({ chapterId: A.id, status: "in_progress", whatsapp: "+6282222222222", sessions: [["v2", "2026-08-01", 120]] }); // not completed

    // Chapter B, WITA: 2026-07-01 00:15 WITA is 2026-06-30 23:15 in WIB, so only WITA bucketing puts it in semester 2
    await event({ chapterId: B.id, region: "73.71", date: "2026-07-01", time: "00:15", participants: 20, reached: ["SB1"] });
    await event({ chapterId: B.id, region: "73.71", date: "2026-06-30", time: "23:45", participants: 5, reached: ["SB1"] });

    // Chapter C, WIT
    await event({ chapterId: C.id, region: "91.71", date: "2026-01-01", time: "01:00", participants: 12, reached: ["SC1"] }); // 2025-12-31 16:00 UTC
    await event({ chapterId: C.id, region: "91.71", date: "2025-12-31", time: "23:30", participants: 3, reached: ["SC1"] }); // 2025
    await event({ chapterId: C.id, region: "91.71", program: "umkm-go-online", date: "2026-03-01", time: "09:00", participants: 9, reached: ["UC1"], online: ["UC1"] });
  });
  after(async () => {
    await t.close();
  });

  it("lists the managed indicators, each with a definition and an implementation", async () => {
    const list = await listIndicators(t.db, "id");
    assert.equal(list.length, 12);
    for (const i of list) assert.ok(i.definition.length > 30, i.key);
    assert.equal((await listIndicators(t.db, "en"))[0]?.name, "Schools reached by Internet Sehat");
  });

  it("computes a WIB chapter's year by hand-counted figures", async () => {
    const all = await computeIndicators(t.db, { chapterIds: [A.id], period: Y2026 });
    const f = (k: string) => figuresOf(all, A.id, k, 12);
    // SMP5 (A0, 1 Jan 00:30 WIB), SMP1 (A1, again in A2), SMP2 (A2, again in A6); SMP3 only unapproved or not Internet Sehat; SMP4 is 2027
    assert.equal(f("schools_internet_sehat").total, 3);
    assert.deepEqual(f("schools_internet_sehat").months, [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(f("pesantren_reached").total, 1);
    assert.equal(f("umkm_online").total, 2); // U1, U2 in May; U1 again in August; U2 in the unapproved report
    assert.equal(f("villages_online").total, 1);
    assert.equal(f("schools_online").total, 1); // Y1 (foundation, type other)
    assert.equal(f("communities_online").total, 1);
    assert.equal(f("participants").total, 7 + 40 + 25 + 15 + 10 + 30);
    assert.equal(f("participants").months[11], 30);
    assert.equal(f("events_held").total, 6);
    assert.equal(f("tutoring_completed").total, 2);
    assert.equal(f("learners_helped").total, 1);
    assert.equal(f("volunteer_hours").total, 3 + 3 + 2 + 1.5 + 1);
    assert.equal(f("active_volunteers").total, 3); // v1, v2, v4; v3 only at the unapproved event
  });

  it("counts an institution once per period: again in the next semester", async () => {
    const s1 = await computeIndicators(t.db, { chapterIds: [A.id], period: S1 });
    const s2 = await computeIndicators(t.db, { chapterIds: [A.id], period: S2 });
    assert.equal(figuresOf(s1, A.id, "umkm_online", 6).total, 2);
    assert.equal(figuresOf(s2, A.id, "umkm_online", 6).total, 1); // U1 again
    assert.equal(figuresOf(s1, A.id, "tutoring_completed", 6).total, 1); // closed 30 June 23:30 WIB
    assert.equal(figuresOf(s2, A.id, "learners_helped", 6).total, 1);
    assert.equal(figuresOf(s1, A.id, "volunteer_hours", 6).total, 3 + 3 + 2 + 1.5);
  });

  it("buckets by the chapter's zone in WITA and WIT", async () => {
    const s1 = await computeIndicators(t.db, { chapterIds: [B.id], period: S1 });
    const s2 = await computeIndicators(t.db, { chapterIds: [B.id], period: S2 });
    assert.equal(figuresOf(s1, B.id, "participants", 6).total, 5);
    assert.equal(figuresOf(s2, B.id, "participants", 6).total, 20);
    assert.equal(figuresOf(s2, B.id, "participants", 6).months[0], 20); // July
    assert.equal(figuresOf(s1, B.id, "schools_internet_sehat", 6).total, 1);
    assert.equal(figuresOf(s2, B.id, "schools_internet_sehat", 6).total, 1);
    const year = await computeIndicators(t.db, { chapterIds: [B.id, C.id], period: Y2026 });
    assert.equal(figuresOf(year, B.id, "schools_internet_sehat", 12).total, 1); // SB1 twice in 2026
    assert.equal(figuresOf(year, C.id, "participants", 12).total, 12 + 9);
    assert.equal(figuresOf(year, C.id, "schools_internet_sehat", 12).months[0], 1);
    assert.equal(figuresOf(year, C.id, "umkm_online", 12).total, 1);
    const y2025 = await computeIndicators(t.db, { chapterIds: [C.id], period: { year: 2025, semester: 0 } });
    assert.equal(figuresOf(y2025, C.id, "participants", 12).total, 3);
  });

  it("rolls up by summing chapters, nationally and per province", async () => {
    const all = await computeIndicators(t.db, { chapterIds: null, period: Y2026 });
    assert.equal(sumFigures(all, "participants", 12).total, 127 + 25 + 21);
    assert.equal(sumFigures(all, "events_held", 12).total, 6 + 2 + 2);
    const sulsel = await computeIndicators(t.db, { chapterIds: null, provinceCode: "73", period: Y2026 });
    assert.deepEqual([...sulsel.keys()], [B.id]);
  });

  it("shows the records behind a figure", async () => {
    const recs = await indicatorRecords(t.db, { chapterId: A.id, key: "schools_internet_sehat", period: Y2026 });
    assert.deepEqual(recs.map((r) => r.label), ["SMP5", "SMP1", "SMP2"]);
    assert.equal(recs[1]?.events.length, 2);
    assert.equal(recs[0]?.firstAt, "2026-01-01");
    const vols = await indicatorRecords(t.db, { chapterId: A.id, key: "active_volunteers", period: Y2026 });
    assert.deepEqual(vols.map((r) => r.label).sort(), ["Relawan v1", "Relawan v2", "Relawan v4"]);
    const hours = await indicatorRecords(t.db, { chapterId: A.id, key: "volunteer_hours", period: Y2026 });
    assert.equal(hours.reduce((s, r) => s + r.value, 0), 10.5);
  });

  it("judges progress against the time elapsed", () => {
    const p = parsePeriod("2026-S2")!;
    const mid = elapsedFraction(p, new Date("2026-10-01T00:00:00+07:00"), "Asia/Jakarta");
    assert.ok(mid > 0.49 && mid < 0.51, String(mid));
    assert.equal(progressStatus(5, 10, mid), "onTrack");
    assert.equal(progressStatus(4, 10, mid), "atRisk");
    assert.equal(progressStatus(10, 10, mid), "met");
    assert.equal(progressStatus(4, 10, 1), "missed");
    assert.equal(progressStatus(4, null, mid), "noTarget");
    assert.equal(elapsedFraction(p, new Date("2026-06-30T23:59:00+09:00"), "Asia/Jayapura"), 0);
    assert.equal(parsePeriod("2026-S3"), null);
  });
});
