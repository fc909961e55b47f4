import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { eventRoles, events, eventSessions, institutions, onboardings, outcomeInstitutions, outcomeReports, programs, signups, type InstitutionType } from "../../db/schema/events";
import { tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { rowsOf } from "../../db/rows";
import { cancelEvent, localToUtc, mergeInstitutions } from "../../app/models/events/events.server";
import { approveReport, returnReport } from "../../app/models/events/outcomes.server";
import { checkIn, markAttendance } from "../../app/models/events/signups.server";
import { chapterTotals, computeIndicators, computeIndicatorsFromRecords, IMPLEMENTATIONS, scopeFigures, sumFigures } from "../../app/models/reports/indicators.server";
import { elapsedFraction, periodMonths, progressStatus, type Period } from "../../app/models/reports/period";
import { rollupDashboard } from "../../app/models/reports/reports.server";
import { saveTargets } from "../../app/models/reports/targets.server";
import { listIndicators } from "../../app/models/reports/indicators.server";
import { indicators, targets } from "../../db/schema/reports";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** mulberry32: the same seed replays the same history (SEED=… to try another one). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.SEED ?? 20261201);
const OPERATIONS = Number(process.env.OPERATIONS ?? 400);
// two chapters in one province (Jawa Timur), one each in Jawa Tengah, Sulawesi Selatan (WITA) and Papua (WIT)
const CHAPTER_REGIONS = ["35.09", "35.78", "33.75", "73.71", "91.71"] as const;
const ZONE: Record<string, string> = { "35": "Asia/Jakarta", "33": "Asia/Jakarta", "73": "Asia/Makassar", "91": "Asia/Jayapura" };
const TYPES: InstitutionType[] = ["school", "school", "pesantren", "umkm", "village", "community", "other"];
/** The moment the rankings are judged at: 2025 is over, 2026 half-way, 2027 not begun (at-risk counts). */
const NOW = new Date("2026-08-15T05:00:00Z");
const PERIODS: Period[] = [2025, 2026, 2027].flatMap((year) => [0, 1, 2].map((semester) => ({ year, semester: semester as 0 | 1 | 2 })));

/**
 * Maintained roll-ups against the reference: a random history of approvals, returns, re-approvals, attendance,
 * check-ins, tutoring completions, sessions, moved events, retyped and merged institutions; after every batch,
 * every indicator of every chapter, province and the nation, for every year and semester and each of their
 * months, must equal the computation from the raw records.
 */
describe("maintained roll-ups equal the raw computation", () => {
  let t: TestDatabase;
  const random = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chapters: { id: number; regionCode: string; zone: string; province: string; leadId: string }[] = [];
  const users: string[] = [];
  const institutionIds = new Map<number, number[]>(); // chapter → institutions in its area
  type Ev = { id: number; chapterId: number; roleId: number; sessionId: number; startsAt: Date; endsAt: Date; code: string };
  const evs: Ev[] = [];
  const requests: { id: number; chapterId: number }[] = [];
  const counts: Record<string, number> = {};

  /** A local instant, often on a boundary: New Year, the semester change, the first of a month, around midnight. */
  function randomLocal(): [string, string] {
    const year = pick([2025, 2026, 2026, 2027]);
    const r = random();
    if (r < 0.15) return random() < 0.5 ? [`${year}-12-31`, pick(["23:30", "22:45", "17:10"])] : [`${year}-01-01`, pick(["00:15", "01:00", "08:00"])];
    if (r < 0.3) return random() < 0.5 ? [`${year}-06-30`, pick(["23:30", "22:45"])] : [`${year}-07-01`, pick(["00:15", "01:30"])];
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return [`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, pick(["00:20", "08:00", "13:00", "23:40"])];
  }

  async function createEvent(chapter: (typeof chapters)[number]) {
    const [p] = await t.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, pick(["internet-sehat", "internet-sehat", "umkm-go-online"])));
    const [d, time] = randomLocal();
    const startsAt = localToUtc(d, time, chapter.zone);
    const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
    const code = `P${evs.length}X`;
    const [e] = await t.db
      .insert(events)
      .values({ chapterId: chapter.id, programId: p!.id, regionCode: chapter.regionCode, title: `Kegiatan ${evs.length}`, status: "completed", timeZone: chapter.zone, startsAt, endsAt, checkinCode: code })
      .returning({ id: events.id });
    const [role] = await t.db.insert(eventRoles).values({ eventId: e!.id, name: "Fasilitator", capacity: 20 }).returning({ id: eventRoles.id });
    const [session] = await t.db.insert(eventSessions).values({ eventId: e!.id, startsAt, endsAt }).returning({ id: eventSessions.id });
    const [rep] = await t.db.insert(outcomeReports).values({ eventId: e!.id, status: "submitted", participantsTotal: Math.floor(random() * 80) }).returning({ id: outcomeReports.id });
    const pool = institutionIds.get(chapter.id)!;
    const reached = new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(pool)));
    for (const id of reached) await t.db.insert(outcomeInstitutions).values({ reportId: rep!.id, institutionId: id });
    const online = new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(pool)));
    for (const id of online) await t.db.insert(onboardings).values({ reportId: rep!.id, institutionId: id, kinds: ["marketplace"] });
    // volunteers sign up (repeats across events are the point: "active volunteers" counts each once)
    const who = new Set(Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(users)));
    for (const u of who)
      await t.db.insert(signups).values({ eventId: e!.id, roleId: role!.id, sessionId: session!.id, userId: u, status: random() < 0.85 ? "confirmed" : "cancelled", queuedAt: new Date(), attendedAt: random() < 0.4 ? startsAt : null, hoursCredited: random() < 0.4 ? 1 + Math.floor(random() * 4) : null });
    evs.push({ id: e!.id, chapterId: chapter.id, roleId: role!.id, sessionId: session!.id, startsAt, endsAt, code });
  }

  async function createRequest(chapter: (typeof chapters)[number]) {
    const n = requests.length;
    // learners come back (same WhatsApp), or give only an email written two ways
    const whatsapp = random() < 0.7 ? `+62812000000${String(Math.floor(random() * 12)).padStart(2, "0")}` : null;
    const email = whatsapp ? null : pick(["Siti@Contoh.id", "siti@contoh.id", `warga${n}@contoh.id`]);
    const [r] = await t.db
      .insert(tutoringRequests)
      .values({ tokenHash: `prop-${n}`, chapterId: chapter.id, regionCode: chapter.regionCode, learnerName: `Warga ${n}`, whatsapp, email, forWhom: "self", language: "id", mode: "home", consentAt: new Date(), consentVersion: "v1", status: "in_progress", tutorId: pick(users) })
      .returning({ id: tutoringRequests.id });
    requests.push({ id: r!.id, chapterId: chapter.id });
    await addSession(r!.id);
  }

  async function addSession(requestId: number) {
    const [d] = randomLocal();
    await t.db.insert(tutoringSessions).values({ requestId, tutorId: pick(users), heldOn: d, minutes: pick([30, 45, 60, 90, 50, 120]), topic: "WhatsApp" });
  }

  const reportOf = async (eventId: number) => (await t.db.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId)))[0]?.status;

  const operations: [string, number, () => Promise<void>][] = [
    [
      "approve",
      5,
      async () => {
        const e = pick(evs);
        if ((await reportOf(e.id)) === "submitted") assert.ok((await approveReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: chapters.find((c) => c.id === e.chapterId)!.leadId, now: new Date(Math.max(Date.now(), e.endsAt.getTime() + 60_000)) })).ok);
      },
    ],
    [
      "return",
      2,
      async () => {
        const e = pick(evs);
        if ((await reportOf(e.id)) !== "returned") await returnReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: chapters.find((c) => c.id === e.chapterId)!.leadId, note: "Foto kurang" });
      },
    ],
    [
      "resubmit with other figures",
      2,
      async () => {
        const e = pick(evs);
        if ((await reportOf(e.id)) === "returned") await t.db.update(outcomeReports).set({ status: "submitted", participantsTotal: Math.floor(random() * 90) }).where(eq(outcomeReports.eventId, e.id));
      },
    ],
    [
      "attendance",
      3,
      async () => {
        const e = pick(evs);
        const list = await t.db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, e.id));
        if (list.length) await markAttendance(t.db, { eventId: e.id, signupId: pick(list).id, attended: random() < 0.6 });
      },
    ],
    [
      "check-in",
      2,
      async () => {
        const e = pick(evs);
        const u = pick(users);
        await t.db.insert(signups).values({ eventId: e.id, roleId: e.roleId, sessionId: e.sessionId, userId: u, status: "confirmed", queuedAt: new Date() }).onConflictDoNothing();
        await checkIn(t.db, { eventId: e.id, userId: u, code: e.code, now: new Date(e.startsAt.getTime() + 600_000) });
      },
    ],
    [
      "complete tutoring",
      2,
      async () => {
        const r = pick(requests);
        const [d, time] = randomLocal();
        const zone = chapters.find((c) => c.id === r.chapterId)!.zone;
        await t.db.update(tutoringRequests).set({ status: "completed", closedAt: localToUtc(d, time, zone), updatedAt: new Date() }).where(eq(tutoringRequests.id, r.id));
      },
    ],
    ["tutoring session", 1, async () => addSession(pick(requests).id)],
    [
      "new event",
      1,
      async () => createEvent(pick(chapters)),
    ],
    [
      "event moved",
      1,
      async () => {
        const e = pick(evs);
        const [d, time] = randomLocal();
        e.startsAt = localToUtc(d, time, chapters.find((c) => c.id === e.chapterId)!.zone);
        e.endsAt = new Date(e.startsAt.getTime() + 3 * 3_600_000);
        await t.db.update(events).set({ startsAt: e.startsAt, endsAt: e.endsAt }).where(eq(events.id, e.id));
      },
    ],
    [
      "chapter targets set, changed or removed",
      2,
      async () => {
        const c = pick(chapters);
        const ids = rowsOf<{ id: number }>(await t.db.execute(sql`select id from indicator order by id`)).map((r) => Number(r.id));
        const values = new Map<number, number | null>();
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) values.set(pick(ids), random() < 0.2 ? null : Math.floor(random() * 25));
        await saveTargets(t.db, { owner: { scope: "chapter", chapterId: c.id }, period: pick(PERIODS), values, userId: c.leadId });
      },
    ],
    [
      "indicator switched off or on",
      0.5,
      async () => {
        const row = pick(await t.db.select({ id: indicators.id, active: indicators.active }).from(indicators).orderBy(indicators.id));
        await t.db.update(indicators).set({ active: !row.active }).where(eq(indicators.id, row.id));
      },
    ],
    [
      "institution retyped",
      1,
      async () => {
        const id = pick(institutionIds.get(pick(chapters).id)!);
        await t.db.update(institutions).set({ type: pick(TYPES) }).where(eq(institutions.id, id));
      },
    ],
    [
      "institutions merged",
      1,
      async () => {
        const c = pick(chapters);
        const pool = institutionIds.get(c.id)!;
        if (pool.length < 4) return;
        const fromId = pick(pool);
        const intoId = pick(pool);
        const r = await mergeInstitutions(t.db, { fromId, intoId, regionPrefix: c.regionCode });
        if (r.ok) pool.splice(pool.indexOf(fromId), 1);
      },
    ],
  ];
  const weightTotal = operations.reduce((s, [, w]) => s + w, 0);

  async function compareAll(label: string) {
    const provinces = [...new Set(chapters.map((c) => c.province))];
    for (const period of PERIODS) {
      const n = periodMonths(period).length;
      const raw = await computeIndicatorsFromRecords(t.db, { chapterIds: null, period });
      const kept = await computeIndicators(t.db, { chapterIds: null, period });
      const totals = await chapterTotals(t.db, { chapterIds: null, period });
      const where = (scope: string, key: string) => `${label}: ${scope}, ${key}, ${period.year}/S${period.semester} (seed ${SEED})`;
      for (const key of Object.keys(IMPLEMENTATIONS)) {
        for (const c of chapters) {
          const expected = sumFigures(raw, key, n, [c.id]);
          assert.deepEqual(sumFigures(kept, key, n, [c.id]), expected, where(`chapter ${c.id}`, key));
          assert.equal(totals.get(c.id)?.get(key) ?? 0, expected.total, where(`chapter ${c.id} total`, key));
        }
        for (const p of provinces) {
          const ids = chapters.filter((c) => c.province === p).map((c) => c.id);
          const got = (await scopeFigures(t.db, { provinceCode: p, period })).get(key) ?? { total: 0, months: Array.from({ length: n }, () => 0) };
          assert.deepEqual(got, sumFigures(raw, key, n, ids), where(`province ${p}`, key));
        }
        const nation = (await scopeFigures(t.db, { provinceCode: null, period })).get(key) ?? { total: 0, months: Array.from({ length: n }, () => 0) };
        assert.deepEqual(nation, sumFigures(raw, key, n), where("nation", key));
      }
      await compareRanking(label, period, raw);
    }
  }

  /**
   * The roll-ups' ranking (read from the maintained figure_progress) against the same ranking computed here from
   * the raw figures and the chapters' targets: order, mean progress, targets, targets at risk, events, participants.
   */
  async function compareRanking(label: string, period: Period, raw: Awaited<ReturnType<typeof computeIndicatorsFromRecords>>) {
    const defs = await listIndicators(t.db, "id");
    const keyOf = new Map(defs.map((d) => [d.id, d.key]));
    const n = periodMonths(period).length;
    const tg = await t.db.select({ chapterId: targets.chapterId, indicatorId: targets.indicatorId, value: targets.value }).from(targets).where(sql`${targets.scope} = 'chapter' and ${targets.year} = ${period.year} and ${targets.semester} = ${period.semester}`);
    const elapsed = elapsedFraction(period, NOW, "Asia/Jakarta");
    const names = new Map(rowsOf<{ id: number; name: string }>(await t.db.execute(sql`select id, name from chapter`)).map((r) => [Number(r.id), r.name]));
    const expected = chapters.map((c) => {
      const mine = tg.filter((x) => x.chapterId === c.id && x.value > 0 && keyOf.has(x.indicatorId));
      const value = (key: string) => sumFigures(raw, key, n, [c.id]).total;
      const shares = mine.map((x) => Math.min(1, value(keyOf.get(x.indicatorId)!) / x.value));
      return {
        id: c.id,
        name: names.get(c.id)!,
        progress: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
        withTargets: mine.length,
        atRisk: mine.filter((x) => ["atRisk", "missed"].includes(progressStatus(value(keyOf.get(x.indicatorId)!), x.value, elapsed))).length,
        events: value("events_held"),
        participants: value("participants"),
      };
    });
    expected.sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1) || b.events - a.events || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id - b.id);
    const got = await rollupDashboard(t.db, { provinceCode: null, period, locale: "id", viewer: { id: "nobody", isAdmin: true }, now: NOW });
    const where = `${label}: ranking ${period.year}/S${period.semester} (seed ${SEED})`;
    assert.deepEqual(
      got.ranking.map((r) => r.id),
      expected.map((e) => e.id),
      where,
    );
    for (const [i, e] of expected.entries()) {
      const r = got.ranking[i]!;
      // a shared rank for the same whole percentage shown (1, 1, 3), and for the chapters without targets
      const shown = (p: number | null) => (p === null ? -1 : Math.round(p * 100));
      assert.equal(r.rank, 1 + got.ranking.filter((o) => shown(o.progress) > shown(r.progress)).length, where);
      if (i > 0) assert.equal(r.rank === got.ranking[i - 1]!.rank, shown(r.progress) === shown(got.ranking[i - 1]!.progress), where);
      if (e.progress === null) assert.equal(r.progress, null, where);
      else assert.ok(r.progress !== null && Math.abs(r.progress - e.progress) < 1e-9, `${where}: chapter ${e.id} progress ${r.progress} ≠ ${e.progress}`);
      assert.deepEqual({ withTargets: r.withTargets, atRisk: r.atRisk, events: r.events, participants: r.participants }, { withTargets: e.withTargets, atRisk: e.atRisk, events: e.events, participants: e.participants }, `${where}: chapter ${e.id}`);
    }
    // a province's ranking holds its own chapters only, in the same order
    const jatim = await rollupDashboard(t.db, { provinceCode: "35", period, locale: "id", viewer: { id: "nobody", isAdmin: true }, now: NOW });
    assert.deepEqual(
      jatim.ranking.map((r) => r.id),
      expected.filter((e) => chapters.find((c) => c.id === e.id)!.province === "35").map((e) => e.id),
      `${where}: Jawa Timur`,
    );
  }

  before(async () => {
    t = await createTestDatabase();
    for (const [i, regionCode] of CHAPTER_REGIONS.entries()) {
      const chapter = await createChapter(t.db, { regionCode, name: `RTIK Uji ${i}` });
      const lead = await createUser(t.db, { name: `Ketua ${i}` });
      await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
      const province = regionCode.slice(0, 2);
      chapters.push({ id: chapter.id, regionCode, zone: ZONE[province]!, province, leadId: lead.id });
      const ids: number[] = [];
      for (let k = 0; k < 8; k++) {
        const type = pick(TYPES);
        const [row] = await t.db.insert(institutions).values({ type, name: `Lembaga ${i}-${k}`, regionCode, dedupKey: `prop|${i}|${k}` }).returning({ id: institutions.id });
        ids.push(row!.id);
      }
      institutionIds.set(chapter.id, ids);
    }
    for (let i = 0; i < 18; i++) users.push((await createUser(t.db, { name: `Relawan ${i}` })).id);
    for (let i = 0; i < 30; i++) await createEvent(pick(chapters));
    for (let i = 0; i < 12; i++) await createRequest(pick(chapters));
    const indicatorIds = rowsOf<{ id: number }>(await t.db.execute(sql`select id from indicator order by id`)).map((r) => Number(r.id));
    for (const c of chapters.slice(0, 4))
      for (const period of PERIODS)
        if (random() < 0.7) await saveTargets(t.db, { owner: { scope: "chapter", chapterId: c.id }, period, values: new Map(indicatorIds.filter(() => random() < 0.5).map((id) => [id, Math.floor(random() * 30)])), userId: c.leadId });
  });
  after(async () => {
    await t?.close();
  });

  it(`holds for every indicator, scope and period through ${OPERATIONS} random operations`, async () => {
    await compareAll("initial data");
    for (let i = 1; i <= OPERATIONS; i++) {
      let r = random() * weightTotal;
      const op = operations.find(([, w]) => (r -= w) < 0) ?? operations[0]!;
      await op[2]();
      counts[op[0]] = (counts[op[0]] ?? 0) + 1;
      if (i % 100 === 0) await compareAll(`after ${i} operations`);
    }
    if (OPERATIONS % 100) await compareAll(`after ${OPERATIONS} operations`);
    // events cancelled while their reports wait: the approval is refused, nothing of theirs counts
    let cancelled = 0;
    for (const e of evs) {
      if (cancelled === 5) break;
      if ((await reportOf(e.id)) !== "submitted") continue;
      await t.db.update(events).set({ status: "published" }).where(eq(events.id, e.id));
      assert.ok(await cancelEvent(t.db, { eventId: e.id, chapterId: e.chapterId }));
      const r = await approveReport(t.db, { eventId: e.id, chapterId: e.chapterId, userId: chapters.find((c) => c.id === e.chapterId)!.leadId, now: new Date(Math.max(Date.now(), e.endsAt.getTime() + 60_000)) });
      assert.deepEqual(r, { ok: false, reason: "cancelled" });
      cancelled++;
    }
    assert.ok(cancelled > 0, "some report was waiting");
    const cancelledCounted = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from event e join outcome_report r on r.event_id = e.id and r.status = 'approved' where e.status = 'cancelled'`))[0]?.n;
    assert.equal(Number(cancelledCounted), 0);
    await compareAll("after cancelled events");
    // the history really moved every kind of figure
    for (const [name] of operations) assert.ok((counts[name] ?? 0) > 0, `operation ${name} never ran`);
    const nonZero = rowsOf<{ key: string }>(await t.db.execute(sql`select distinct key from figure_chapter where value <> 0`)).map((r) => r.key);
    for (const key of Object.keys(IMPLEMENTATIONS)) assert.ok(nonZero.includes(key), `no figure for ${key}: the history did not exercise it`);
    // nothing left marked after the transactions committed
    const dirty = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from figure_dirty`))[0]?.n;
    assert.equal(Number(dirty), 0);
  });

  it("a rebuild from the records changes nothing (the consistency check)", async () => {
    const progress = sql`select md5(string_agg(chapter_id || '/' || year || '/' || semester || '=' || coalesce(progress::text, '-') || ',' || with_targets || ',' || events || ',' || participants, ';' order by chapter_id, year, semester)) as s from figure_progress where with_targets > 0 or events <> 0 or participants <> 0`;
    const progressBefore = rowsOf<{ s: string }>(await t.db.execute(progress))[0]?.s;
    const before = rowsOf<{ s: string }>(await t.db.execute(sql`select md5(string_agg(scope_key || key || year || '/' || semester || '/' || month || '=' || value::text, ',' order by scope_key, key, year, semester, month)) as s from figure_scope where value <> 0`))[0]?.s;
    await t.db.execute(sql`select figure_rebuild()`);
    const afterRebuild = rowsOf<{ s: string }>(await t.db.execute(sql`select md5(string_agg(scope_key || key || year || '/' || semester || '/' || month || '=' || value::text, ',' order by scope_key, key, year, semester, month)) as s from figure_scope where value <> 0`))[0]?.s;
    assert.equal(afterRebuild, before);
    assert.equal(rowsOf<{ s: string }>(await t.db.execute(progress))[0]?.s, progressBefore);
  });
});
