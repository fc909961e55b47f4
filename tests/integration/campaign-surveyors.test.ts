import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { surveyAssignments } from "../../db/schema/telecenters";
import { createDemoInstrument } from "../../db/seed-telecenters";
import { rowsOf } from "../../db/rows";
import { campaignAssignFromForm, campaignSurveyorSearch, createCampaign, SURVEYOR_LIST, surveyorOptions } from "../../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("the surveyors a campaign's lead can choose from, in a large chapter", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let campaign: { id: number; chapterId: number; versionId: number };
  let assignments: number[];
  const p = "surveyor-big-";

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Besar" });
    const other = await createChapter(t.db, { regionCode: "33.75", name: "RTIK Lain" });
    const lead = await createUser(t.db, { name: "Ketua Kampanye" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    // 160 members as an import writes them: repeated names, one written in capitals, some inactive or pending, one
    // of another chapter, and the last few down the alphabet
    await t.db.execute(sql`
      insert into app_user (id, email, name)
      select ${p} || g, 'surveyor' || g || '@contoh.test',
        case when g > 150 then 'Zulfa ' || g when g = 77 then 'YUSUF KAPITAL' else (array['Agus', 'Budi', 'Dewi', 'Yusuf'])[1 + g % 4] || ' ' || g end
      from generate_series(1, 160) g`);
    await t.db.execute(sql`
      insert into membership (user_id, chapter_id, role, status)
      select ${p} || g, case when g = 160 then ${other.id}::int else ${chapter.id}::int end, 'volunteer',
        case when g in (3, 155) then 'inactive' when g = 7 then 'pending' else 'active' end
      from generate_series(1, 160) g`);
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
    const tcs: number[] = [];
    for (const [name, region] of [
      ["Telecenter Ajung", "35.09.01"],
      ["Telecenter Arjasa", "35.09.02"],
    ] as const) {
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name, regionCode: region, services: [], address: "Jl. Desa 2", managingBody: "Pemdes" } });
      assert.ok(r.ok);
      tcs.push(r.id);
    }
    const c = await createCampaign(t.db, { name: "Survei Besar", chapterId: chapter.id, versionId, telecenterIds: tcs, userId: lead.id });
    assert.ok(c.ok);
    campaign = { id: c.campaignId, chapterId: chapter.id, versionId };
    const rows = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId)).orderBy(surveyAssignments.id);
    assignments = rows.map((r) => r.id);
    // a surveyor already sent, far down the alphabet
    await t.db.update(surveyAssignments).set({ surveyorId: `${p}152` }).where(eq(surveyAssignments.id, assignments[0]!));
  });
  after(async () => {
    await t.close();
  });

  const names = (o: { list: { name: string }[] }) => o.list.map((u) => u.name);

  it("offers the first by name and the campaign's surveyors, and says that there are more", async () => {
    const all = rowsOf<{ id: string; name: string }>(
      await t.db.execute(sql`select distinct u.id, u.name from membership m join app_user u on u.id = m.user_id
        where m.chapter_id = ${chapter.id} and m.status = 'active' order by u.name, u.id`),
    );
    assert.ok(all.length > 140);
    const o = await surveyorOptions(t.db, chapter.id, { campaignId: campaign.id });
    assert.equal(o.more, true);
    assert.equal(o.matched, SURVEYOR_LIST);
    assert.deepEqual(
      o.list.map((u) => u.id),
      [...all.slice(0, SURVEYOR_LIST).map((u) => u.id), `${p}152`],
      "the first 50 by name, then the campaign's surveyor",
    );
    // without the campaign: the first 50 only
    assert.equal((await surveyorOptions(t.db, chapter.id)).list.length, SURVEYOR_LIST);
  });

  it("finds members by name or email, keeps earlier choices, and lists no one who may not be sent", async () => {
    const yusuf = await surveyorOptions(t.db, chapter.id, { campaignId: campaign.id, search: "  yusuf " });
    assert.equal(yusuf.more, false);
    const matches = names(yusuf).filter((n) => n.toLowerCase().startsWith("yusuf"));
    assert.equal(yusuf.matched, matches.length);
    assert.ok(matches.includes("YUSUF KAPITAL") && matches.length > 30);
    assert.ok(names(yusuf).includes("Zulfa 152"), "the campaign's surveyor stays in the lists");
    // an inactive, a pending and another chapter's member are never offered, searched for by email or kept
    for (const g of [3, 7, 155, 160]) {
      const o = await surveyorOptions(t.db, chapter.id, { campaignId: campaign.id, search: `surveyor${g}@`, keep: [`${p}${g}`] });
      assert.equal(o.matched, 0, String(g));
      assert.ok(!o.list.some((u) => u.id === `${p}${g}`), String(g));
    }
    const zulfa = await surveyorOptions(t.db, chapter.id, { search: "zulfa", keep: [`${p}2`, "no-such-user"] });
    assert.deepEqual(names(zulfa), ["Dewi 2", "Zulfa 151", "Zulfa 152", "Zulfa 153", "Zulfa 154", "Zulfa 156", "Zulfa 157", "Zulfa 158", "Zulfa 159"]);
    assert.equal(zulfa.matched, 8);
    // a NUL or another control character in the words (PostgreSQL text cannot hold NUL) is a space
    assert.equal((await surveyorOptions(t.db, chapter.id, { search: "zul\u0000fa" })).matched, 0);
    assert.equal((await surveyorOptions(t.db, chapter.id, { search: "zulfa\u0000" })).matched, 8);
    const broad = await surveyorOptions(t.db, chapter.id, { search: "contoh.test" });
    assert.equal(broad.more, true);
    assert.equal(broad.matched, SURVEYOR_LIST);
  });

  it("a search inside the form keeps every choice; a member found by it can be sent; a refused choice keeps them all", async () => {
    const [a1, a2] = assignments;
    const form = new FormData();
    form.set("intent", "search");
    form.set("cari", "zulfa 15");
    form.set(`s_${a1}`, `${p}152`);
    form.set(`s_${a2}`, `${p}2`);
    const searched = await campaignSurveyorSearch(t.db, campaign, form);
    assert.equal(searched.search, "zulfa 15");
    assert.deepEqual(searched.values, { [`s_${a1}`]: `${p}152`, [`s_${a2}`]: `${p}2` });
    assert.ok(searched.surveyors?.list.some((u) => u.id === `${p}2`), "the earlier choice is still among the options");
    assert.ok(searched.surveyors?.list.some((u) => u.id === `${p}158`));

    const save = new FormData();
    save.set(`s_${a1}`, `${p}158`);
    save.set(`s_${a2}`, `${p}155`); // inactive
    const refused = await campaignAssignFromForm(t.db, campaign, save);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok);
    assert.deepEqual(refused.errors, { [`s_${a2}`]: ["surveys.assign.notMember"] });
    assert.deepEqual(refused.values, { [`s_${a1}`]: `${p}158`, [`s_${a2}`]: `${p}155` });
    assert.ok(refused.surveyors?.list.some((u) => u.id === `${p}158`), "the chosen member stays offered");
    save.set(`s_${a2}`, "");
    assert.deepEqual(await campaignAssignFromForm(t.db, campaign, save), { ok: true });
    const after = await t.db.select({ id: surveyAssignments.id, surveyorId: surveyAssignments.surveyorId }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, campaign.id)).orderBy(surveyAssignments.id);
    assert.deepEqual(after.map((r) => r.surveyorId), [`${p}158`, null]);
  });
});
