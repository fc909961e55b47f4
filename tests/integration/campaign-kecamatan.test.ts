import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc, eq } from "drizzle-orm";
import { surveyAssignments, surveyResponses, telecenters } from "../../db/schema/telecenters";
import { createDemoInstrument, fillDemoResponse } from "../../db/seed-telecenters";
import { ASSIGN_ALL, campaignAssignFromForm, campaignPageData, campaignSurveyorSearch, createCampaign, kecamatanParam } from "../../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

// Jember's kecamatan as the registry names them
const AJUNG = "35.09.17";
const AMBULU = "35.09.12";
const JOMBANG = "35.09.01";
const KENCONG = "35.09.02";

describe("a large campaign is assigned one kecamatan at a time", () => {
  let t: TestDatabase;
  let campaign: { id: number; chapterId: number; versionId: number };
  let small: { id: number; chapterId: number; versionId: number };
  const rowsIn = new Map<string, number[]>(); // kecamatan → assignment ids, by telecenter name
  let surveyors: string[];
  let outsider: string;

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Kecamatan" });
    const lead = await createUser(t.db, { name: "Ketua Survei" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    surveyors = [];
    for (const name of ["Ayu Pendamping", "Bima Pendamping", "Citra Pendamping"]) {
      const u = await createUser(t.db, { name });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      surveyors.push(u.id);
    }
    outsider = (await createUser(t.db, { name: "Bukan Anggota" })).id;
    // 36 telecenters as a city registers them: uneven per kecamatan, names repeated across kecamatan
    const ids: number[] = [];
    for (const [region, n] of [
      [KENCONG, 6],
      [AJUNG, 12],
      [JOMBANG, 8],
      [AMBULU, 10],
    ] as const) {
      for (let i = 1; i <= n; i++) {
        const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name: `PAK Desa ${i}`, regionCode: region, services: ["internet"] } });
        assert.ok(r.ok);
        ids.push(r.id);
      }
    }
    assert.ok(ids.length > ASSIGN_ALL);
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
    const c = await createCampaign(t.db, { name: "Survei Kota 2026", chapterId: chapter.id, versionId, telecenterIds: ids, userId: lead.id });
    assert.ok(c.ok);
    campaign = { id: c.campaignId, chapterId: chapter.id, versionId };
    const rows = await t.db
      .select({ id: surveyAssignments.id, region: telecenters.regionCode })
      .from(surveyAssignments)
      .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
      .where(eq(surveyAssignments.campaignId, c.campaignId))
      .orderBy(asc(telecenters.name), asc(surveyAssignments.id));
    for (const r of rows) rowsIn.set(r.region, [...(rowsIn.get(r.region) ?? []), r.id]);
    // Ajung, first by name, is fully assigned; one of Ambulu's is assigned and submitted
    for (const id of rowsIn.get(AJUNG) ?? []) await t.db.update(surveyAssignments).set({ surveyorId: surveyors[0] }).where(eq(surveyAssignments.id, id));
    const submitted = rowsIn.get(AMBULU)?.[0] ?? 0;
    await t.db.update(surveyAssignments).set({ surveyorId: surveyors[1] }).where(eq(surveyAssignments.id, submitted));
    await fillDemoResponse(t.db, { assignmentId: submitted, userId: surveyors[1] ?? "", versionId, level: 0.6 });

    const s = await createCampaign(t.db, { name: "Survei Kecil", chapterId: chapter.id, versionId, telecenterIds: ids.slice(0, 3), userId: lead.id });
    assert.ok(s.ok);
    small = { id: s.campaignId, chapterId: chapter.id, versionId };
  });
  after(async () => {
    await t.close();
  });

  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const surveyorsOf = async (ids: number[]) => {
    const rows = await t.db.select({ id: surveyAssignments.id, surveyorId: surveyAssignments.surveyorId }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, campaign.id));
    const by = new Map(rows.map((r) => [r.id, r.surveyorId]));
    return ids.map((id) => by.get(id) ?? null);
  };

  it("lists every kecamatan by name with its telecenters still to assign, and opens on the first with any", async () => {
    const page = await campaignPageData(t.db, campaign);
    assert.deepEqual(page.assign.kecamatan, [
      { code: AJUNG, name: "Ajung", total: 12, unassigned: 0 },
      { code: AMBULU, name: "Ambulu", total: 10, unassigned: 9 }, // the submitted one has its surveyor
      { code: JOMBANG, name: "Jombang", total: 8, unassigned: 8 },
      { code: KENCONG, name: "Kencong", total: 6, unassigned: 6 },
    ]);
    assert.equal(page.assign.kec, AMBULU);
    assert.equal(page.rows.length, 36, "the results and the per-kecamatan panel still cover the whole campaign");
  });

  it("opens the kecamatan asked for, and the default for one the campaign does not have or a malformed one", async () => {
    assert.equal((await campaignPageData(t.db, campaign, { kec: KENCONG })).assign.kec, KENCONG);
    assert.equal((await campaignPageData(t.db, campaign, { kec: AJUNG })).assign.kec, AJUNG, "a fully assigned one can still be opened");
    for (const kec of ["35.09.30", "35.10.01", "35.09", "35.09.01'--", "", null])
      assert.equal((await campaignPageData(t.db, campaign, { kec })).assign.kec, AMBULU, String(kec));
    assert.equal(kecamatanParam(" 35.09.01"), null);
    assert.equal(kecamatanParam(["35.09.01"]), null);
  });

  it("a campaign of up to ASSIGN_ALL telecenters is shown whole", async () => {
    assert.deepEqual((await campaignPageData(t.db, small, { kec: KENCONG })).assign, { kecamatan: null, kec: null });
  });

  it("moving to another kecamatan keeps every choice made, with the search", async () => {
    const [j1, j2] = rowsIn.get(JOMBANG) ?? [];
    const [k1] = rowsIn.get(KENCONG) ?? [];
    // Jombang's two choices, one carried from an earlier move (hidden field), then "Tampilkan" Kencong
    const answer = await campaignSurveyorSearch(t.db, campaign, form({ intent: "kec", kec: KENCONG, cari: "  citra ", [`s_${j1}`]: surveyors[1] ?? "", [`s_${j2}`]: surveyors[2] ?? "", [`s_${k1}`]: "" }));
    assert.equal(answer.kec, KENCONG);
    assert.equal(answer.search, "citra");
    assert.deepEqual(answer.values, { [`s_${j1}`]: surveyors[1], [`s_${j2}`]: surveyors[2], [`s_${k1}`]: "" });
    assert.deepEqual(
      answer.surveyors?.list.map((u) => u.name),
      ["Ayu Pendamping", "Bima Pendamping", "Citra Pendamping"],
      "the campaign's surveyors, the choices kept and the match",
    );
    assert.equal((await campaignSurveyorSearch(t.db, campaign, form({ intent: "kec", kec: "x" }))).kec, null);
  });

  it("saving writes the kecamatan shown and the choices carried from others, and leaves a submitted survey's surveyor", async () => {
    const [j1, j2] = rowsIn.get(JOMBANG) ?? [];
    const [k1, k2] = rowsIn.get(KENCONG) ?? [];
    const [submitted, a2] = rowsIn.get(AMBULU) ?? [];
    const saved = await campaignAssignFromForm(
      t.db,
      campaign,
      form({ kec: KENCONG, [`s_${j1}`]: surveyors[1] ?? "", [`s_${j2}`]: surveyors[2] ?? "", [`s_${k1}`]: surveyors[0] ?? "", [`s_${k2}`]: "", [`s_${submitted}`]: surveyors[2] ?? "", [`s_${a2}`]: surveyors[2] ?? "" }),
    );
    assert.deepEqual(saved, { ok: true });
    assert.deepEqual(await surveyorsOf([j1 ?? 0, j2 ?? 0, k1 ?? 0, k2 ?? 0, submitted ?? 0, a2 ?? 0]), [surveyors[1], surveyors[2], surveyors[0], null, surveyors[1], surveyors[2]]);
    const [response] = await t.db.select({ status: surveyResponses.status }).from(surveyResponses).where(eq(surveyResponses.assignmentId, submitted ?? 0));
    assert.equal(response?.status, "submitted");
    const page = await campaignPageData(t.db, campaign);
    assert.deepEqual(
      page.assign.kecamatan?.map((k) => k.unassigned),
      [0, 8, 6, 5],
    );
  });

  it("a refused carried choice saves nothing and answers with the kecamatan, the search and every choice", async () => {
    const [j3] = (rowsIn.get(JOMBANG) ?? []).slice(2);
    const [k3] = (rowsIn.get(KENCONG) ?? []).slice(2);
    const before = await surveyorsOf([j3 ?? 0, k3 ?? 0]);
    const refused = await campaignAssignFromForm(t.db, campaign, form({ kec: KENCONG, cari: "bima", [`s_${j3}`]: outsider, [`s_${k3}`]: surveyors[0] ?? "" }));
    assert.ok(!refused.ok);
    assert.deepEqual(refused.errors, { [`s_${j3}`]: ["surveys.assign.notMember"] });
    assert.equal(refused.kec, KENCONG);
    assert.equal(refused.search, "bima");
    assert.deepEqual(refused.values, { [`s_${j3}`]: outsider, [`s_${k3}`]: surveyors[0] });
    assert.deepEqual(await surveyorsOf([j3 ?? 0, k3 ?? 0]), before, "nothing half-written");
  });
});
