import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows";
import { institutions, outcomeReports } from "../../db/schema/events";
import { findOrCreateInstitution, mergeInstitutions } from "../../app/models/events/events.server";
import { possibleDuplicates, suggestInstitutions } from "../../app/models/events/institutions.server";
import { approveReport, fileReport, getReport, onboardingRowsFromForm, saveReport } from "../../app/models/events/outcomes.server";
import { computeIndicators, figuresOf } from "../../app/models/reports/indicators.server";
import { previewOnlineList } from "../../app/models/events/online-list.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

/** Past days (reports are approved after the event); all inside one calendar year so one period holds them. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);
const YEAR = { year: Number(daysAgo(20).slice(0, 4)), semester: 0 as const };

describe("institutions counted once across a chapter; nothing dropped from a report", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const figure = async (key: string) => figuresOf(await computeIndicators(t.db, { chapterIds: [chapter.id], period: YEAR }), chapter.id, key, 12).total;
  const report = (over: Partial<Parameters<typeof saveReport>[1]> & { eventId: number; eventRegion: string }) =>
    saveReport(t.db, { chapterRegion: "35.09", userId: lead.id, form: { participantsTotal: 30, institutionIds: [] }, onboarded: [], photos: [], ...over });

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember (uji)" });
    lead = await createUser(t.db, { name: "Koordinator Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  });
  after(async () => {
    await t.close();
  });

  it("the same school typed at two events in different kecamatan counts once", async () => {
    const e1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(20) });
    const e2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", date: daysAgo(15) });
    await report({ eventId: e1, eventRegion: "35.09.01", form: { participantsTotal: 40, institutionIds: [], newInstitutionName: "SMAN 2 Jember\nMTs Negeri 1 Jember", newInstitutionType: "school" } });
    await report({ eventId: e2, eventRegion: "35.09.02", form: { participantsTotal: 35, institutionIds: [], newInstitutionName: "SMA Negeri 2 Jember\nMadrasah Tsanawiyah Negeri 1 Jember\nSMPN 3 Jember", newInstitutionType: "school" } });
    for (const e of [e1, e2]) assert.ok((await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id })).ok);
    const r1 = await getReport(t.db, e1);
    const r2 = await getReport(t.db, e2);
    assert.deepEqual(r1?.reached.map((x) => x.id).sort(), r2?.reached.filter((x) => x.name !== "SMPN 3 Jember").map((x) => x.id).sort());
    assert.equal(await figure("schools_internet_sehat"), 3, "SMAN 2, MTsN 1 and SMPN 3: three schools, not five");
    const levels = await t.db.select({ name: institutions.name, level: institutions.level }).from(institutions).where(inArray(institutions.id, r2?.reached.map((x) => x.id) ?? []));
    assert.deepEqual(levels.map((l) => l.level).sort(), ["sma", "smp", "smp"]);
  });

  it("two registry rows of one school (old entries in two kecamatan) are listed as possible duplicates; after the merge it counts once", async () => {
    const a = await findOrCreateInstitution(t.db, { type: "school", name: "SMAN 1 Kalisat", regionCode: "35.09.03" });
    const b = await findOrCreateInstitution(t.db, { type: "school", name: "SMA Negeri 1 Kalisat", regionCode: "35.09.04" });
    const other = await findOrCreateInstitution(t.db, { type: "school", name: "SMA Negeri 2 Kalisat", regionCode: "35.09.04" });
    assert.notEqual(a.id, b.id);
    const e1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.03", date: daysAgo(12) });
    const e2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.04", date: daysAgo(11) });
    await report({ eventId: e1, eventRegion: "35.09.03", form: { participantsTotal: 20, institutionIds: [String(a.id)] } });
    await report({ eventId: e2, eventRegion: "35.09.04", form: { participantsTotal: 20, institutionIds: [String(b.id), String(other.id)] } });
    for (const e of [e1, e2]) assert.ok((await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id })).ok);
    // a talk planned there too, the school typed as the event form takes it
    await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.03", venueName: "SMAN 1 Kalisat", date: daysAgo(9) });
    const before = await figure("schools_internet_sehat");
    const pairs = await possibleDuplicates(t.db, { regionPrefix: "35.09" });
    const pair = pairs.find((p) => [p.a.id, p.b.id].sort().join() === [a.id, b.id].sort().join());
    assert.ok(pair, "SMAN 1 Kalisat / SMA Negeri 1 Kalisat is offered for merging");
    // "dipakai n×" counts what the venues table counts: the reports naming it and the events held there
    const venueEvents = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from event where venue_id = ${pair.a.id}`))[0]?.n ?? 0;
    const reports = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from outcome_institution where institution_id = ${pair.a.id}`))[0]?.n ?? 0;
    assert.equal(Number(venueEvents), 1);
    assert.equal(pair.a.uses, Number(venueEvents) + Number(reports));
    assert.ok(!pairs.some((p) => [p.a.id, p.b.id].includes(other.id) && [p.a.id, p.b.id].includes(a.id)), "school no. 2 is another school");
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: pair.b.id, intoId: pair.a.id, regionPrefix: "35.09" }), { ok: true });
    assert.equal(await figure("schools_internet_sehat"), before - 1, "the merged school counts once");
    assert.ok(!(await possibleDuplicates(t.db, { regionPrefix: "35.09" })).some((p) => [p.a.id, p.b.id].includes(pair.b.id)));
  });

  it("a school's number written with a leading zero (\"SDN 01\" / \"SDN 1\") in two old rows is offered for merging", async () => {
    const a = await findOrCreateInstitution(t.db, { type: "school", name: "SDN 01 Sukowono", regionCode: "35.09.03" });
    const b = await findOrCreateInstitution(t.db, { type: "school", name: "SD Negeri 1 Sukowono", regionCode: "35.09.04" });
    const ten = await findOrCreateInstitution(t.db, { type: "school", name: "SDN 10 Sukowono", regionCode: "35.09.04" });
    assert.notEqual(a.id, b.id);
    const pairs = await possibleDuplicates(t.db, { regionPrefix: "35.09" });
    assert.ok(pairs.some((p) => [p.a.id, p.b.id].sort().join() === [a.id, b.id].sort().join()), "SDN 01 / SD Negeri 1 Sukowono is offered for merging");
    assert.ok(!pairs.some((p) => [p.a.id, p.b.id].includes(ten.id) && [p.a.id, p.b.id].some((id) => id === a.id || id === b.id)), "school no. 10 is another school");
  });

  it("NPSN is a school's identity: the same number under another name is the same school, another number is another school", async () => {
    const e1 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(10) });
    const e2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.05", date: daysAgo(9) });
    await report({ eventId: e1, eventRegion: "35.09.01", form: { participantsTotal: 10, institutionIds: [], newInstitutionName: "20523456 SMK Negeri 5 Jember\nSMP Islam Jember (NPSN 20599901)", newInstitutionType: "school" } });
    await report({ eventId: e2, eventRegion: "35.09.05", form: { participantsTotal: 10, institutionIds: [], newInstitutionName: "SMKN Lima Jember - 20523456\nSMP Islam Jember 20599902", newInstitutionType: "school" } });
    const r1 = (await getReport(t.db, e1))?.reached ?? [];
    const r2 = (await getReport(t.db, e2))?.reached ?? [];
    const smk1 = r1.find((x) => x.name === "SMK Negeri 5 Jember");
    assert.ok(smk1 && r2.some((x) => x.id === smk1.id), "NPSN 20523456 is one school whatever it is called");
    const islam1 = r1.find((x) => x.name === "SMP Islam Jember");
    const islam2 = r2.find((x) => x.name === "SMP Islam Jember");
    assert.ok(islam1 && islam2 && islam1.id !== islam2.id, "two NPSNs are two schools even with one name");
    const [row] = await t.db.select({ npsn: institutions.npsn }).from(institutions).where(eq(institutions.id, smk1.id));
    assert.equal(row?.npsn, "20523456");
    assert.equal((await suggestInstitutions(t.db, { chapterRegion: "35.09", q: "20523456" }))[0]?.id, smk1.id);
    assert.ok((await suggestInstitutions(t.db, { chapterRegion: "35.09", q: "sma negeri 2 jember" })).some((x) => x.name === "SMAN 2 Jember"), "search finds the other spelling");
    assert.deepEqual(await mergeInstitutions(t.db, { fromId: islam2.id, intoId: islam1.id, regionPrefix: "35.09" }), { ok: false, reason: "npsn" });
  });

  it("keeps all 500 go-online rows of one report, from the form rows and from a pasted list", async () => {
    const fd = new FormData();
    for (let i = 0; i < 500; i++) {
      fd.append(`onb.${i}.name`, `UMKM Form ${i + 1}`);
      fd.append(`onb.${i}.kinds`, "marketplace");
    }
    const fromForm = onboardingRowsFromForm(fd);
    assert.equal(fromForm.rows.length, 500, "no silent cap on the form's rows");

    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.06", date: daysAgo(8), programSlug: "umkm-go-online" });
    const lines = ["nama;jenis;kecamatan;dibuat", ...Array.from({ length: 500 }, (_, i) => `Kopi Rakyat ${i + 1};umkm;${i % 2 ? "Kencong" : ""};marketplace, qris`)];
    const r = await fileReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.06", userId: lead.id, form: { participantsTotal: 520, institutionIds: [] }, onboarded: [], photos: [], list: lines.join("\n"), file: "" });
    assert.ok(r.ok);
    const rep = await getReport(t.db, e);
    assert.equal(rep?.online.length, 500);
    assert.ok((await approveReport(t.db, { eventId: e, chapterId: chapter.id, userId: lead.id })).ok);
    assert.equal(await figure("umkm_online"), 500);
  });

  it("a CSV with a bad row saves nothing and says which rows are wrong", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(7), programSlug: "umkm-go-online" });
    const csv = [
      "name,kind,region,set up",
      "Batik Tanjung,umkm,Kencong,marketplace;gbp",
      "Desa Wisata Rembangan,desa,,website/blog",
      ",umkm,,qris",
      "Tape Manis Bu Ani,planet,Atlantis,teleport",
      "Komunitas Ngopi Digital,komunitas,Jombang,social",
    ].join("\n");
    const [{ n: instBefore } = { n: 0 }] = await t.db.select({ n: count() }).from(institutions);
    const r = await fileReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.07", userId: lead.id, form: { participantsTotal: 12, institutionIds: [] }, onboarded: [], photos: [], list: "", file: csv });
    assert.equal(r.ok, false);
    if (r.ok || r.reason !== "onlineList") return assert.fail("the list's errors come back");
    assert.deepEqual(
      r.online.rows.filter((x) => x.errors.length).map((x) => [x.line, x.errors]),
      [
        [4, ["events.report.onlineList.err.name"]],
        [5, ["events.report.onlineList.err.type", "events.report.onlineList.err.region", "events.report.onlineList.err.kind"]],
      ],
    );
    assert.equal(r.online.rows.find((x) => x.line === 3)?.type, "village");
    assert.deepEqual(r.online.rows.find((x) => x.line === 3)?.kinds, ["website"]);
    assert.equal((await t.db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, e))).length, 0, "no report written");
    const [{ n: instAfter } = { n: 0 }] = await t.db.select({ n: count() }).from(institutions);
    assert.equal(instAfter, instBefore, "no institution written");
    const preview = await previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.07", list: "", file: csv.split("\n").filter((_, i) => i !== 3 && i !== 4).join("\n") });
    assert.equal(preview.errorCount, 0);
  });
});
