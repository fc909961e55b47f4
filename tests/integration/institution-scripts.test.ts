import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows";
import { institutions } from "../../db/schema/events";
import { findOrCreateInstitution } from "../../app/models/events/events.server";
import { normaliseInstitutionName, normalisedNameSql } from "../../app/models/events/institution-names";
import { previewOnlineList } from "../../app/models/events/online-list.server";
import { fileReport, getReport } from "../../app/models/events/outcomes.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("institution names in any script are told apart", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const list = ["nama;jenis;kecamatan;dibuat", "معهد النور;pesantren;Ajung;sosial", "معهد الهدى;pesantren;Ajung;sosial", "☕☕☕;umkm;Ajung;qris", "🍜🍜🍜;umkm;Ajung;qris", "SMA Negeri 2 Jember;sekolah;Ajung;website", "SMAN 2 Jember;sekolah;Ajung;sosial"].join("\n");

  before(async () => {
    t = await createTestDatabase();
    const made = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember (uji)" });
    chapter = { id: made.chapterId };
    lead = { id: made.leadId };
  });
  after(async () => {
    await t.close();
  });

  it("names with Latin letters keep the key they always had; others are keyed by themselves, and PostgreSQL computes the same key", async () => {
    assert.equal(normaliseInstitutionName("SMA Negeri 2 Jember"), "sman2jember");
    assert.equal(normaliseInstitutionName("Pondok Pesantren Al-Hidayah"), "pesantrenalhidayah");
    assert.equal(normaliseInstitutionName("Kafé Senja ☕"), "kafesenja");
    assert.notEqual(normaliseInstitutionName("معهد النور"), normaliseInstitutionName("معهد الهدى"));
    assert.notEqual(normaliseInstitutionName("☕☕☕"), normaliseInstitutionName("🍜🍜🍜"));
    assert.equal(normaliseInstitutionName("  ☕☕☕ "), normaliseInstitutionName("☕☕☕"));
    // a digit shared by two names without Latin letters does not make them one
    assert.notEqual(normaliseInstitutionName("معهد النور 1"), normaliseInstitutionName("معهد الهدى 1"));
    assert.notEqual(normaliseInstitutionName("☕ 2"), normaliseInstitutionName("🍜 2"));
    assert.notEqual(normaliseInstitutionName("Школа 5"), normaliseInstitutionName("学校 5"));
    assert.equal(normaliseInstitutionName("SDN 1 Ajung ☕"), "sdn1ajung");
    assert.equal(normaliseInstitutionName("No. 12 — 3"), "no123");
    // a school number written with a leading zero is the same school ("SDN 01 Ajung", "SMPN 002 Jember")
    assert.equal(normaliseInstitutionName("SDN 01 Ajung"), normaliseInstitutionName("SD Negeri 1 Ajung"));
    assert.equal(normaliseInstitutionName("SMP Negeri 002 Jember"), normaliseInstitutionName("SMPN 2 Jember"));
    assert.notEqual(normaliseInstitutionName("SDN 10 Ajung"), normaliseInstitutionName("SDN 1 Ajung"));
    assert.equal(normaliseInstitutionName("Warung 0"), "warung0");
    assert.equal(normaliseInstitutionName("(12) 3"), "123");
    // an office written in full or as it is called
    assert.equal(normaliseInstitutionName("Dinas Kesehatan"), normaliseInstitutionName("DINKES"));
    assert.equal(normaliseInstitutionName("Dinas Komunikasi dan Informatika Kab. Jember"), normaliseInstitutionName("Diskominfo Kab Jember"));
    assert.equal(normaliseInstitutionName("Dinas Sosial"), normaliseInstitutionName("Dinsos"));
    assert.equal(normaliseInstitutionName("Disdik"), normaliseInstitutionName("Dinas Pendidikan"));
    assert.notEqual(normaliseInstitutionName("Dinas Kesehatan"), normaliseInstitutionName("Dinas Sosial"));
    const names = [
      "SMA Negeri 2 Jember", "Ponpes Nurul Huda", "معهد النور", "معهد\u00a0 الهدى ", "☕☕☕", "🍜🍜🍜", "ＡＢＣ", "Школа", "学校",
      "معهد النور 1", "معهد الهدى 1", "١ معهد", "☕ 2", "Школа 5", "学校 5", "１２", "12", "(12) 3", "12 – 3", "Dinas Komunikasi dan Informatika", "Dinas Kominfo", "Disdukcapil", "Kafé 1", "Kafé Senja ☕", "Ｓｅｋｏｌａｈ Dasar ﬁ", "SDN 1 Ajung ☕", "SDN 01 Ajung", "SMPN 002 Jember", "SDN 10 Ajung", "Warung 0", "0 7", "A02 05b",
    ];
    for (const n of names) {
      const [row] = rowsOf<{ k: string }>(await t.db.execute(sql`select ${normalisedNameSql(sql`${n}::text`)} as k`));
      assert.equal(row?.k, normaliseInstitutionName(n), n);
    }
  });

  it("two pesantren without Latin letters that share a number stay two, in the preview and in the registry", async () => {
    const two = "nama;jenis;kecamatan;dibuat\nمعهد النور 1;pesantren;Ajung;sosial\nمعهد الهدى 1;pesantren;Ajung;sosial\nمعهد النور 1;pesantren;Ajung;website";
    const p = await previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.01", list: two, file: "" });
    assert.deepEqual(p.rows.map((r) => [r.name, r.kinds]), [["معهد النور 1", ["website", "social"]], ["معهد الهدى 1", ["social"]]]);
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", programSlug: "umkm-go-online", date: daysAgo(4) });
    const r = await fileReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: lead.id, form: { participantsTotal: 20, institutionIds: [] }, onboarded: [], photos: [], list: two, file: "" });
    assert.ok(r.ok);
    assert.deepEqual((await getReport(t.db, e))?.online.map((o) => o.name).sort(), ["معهد الهدى 1", "معهد النور 1"].sort());
    const [ajung] = rowsOf<{ code: string }>(await t.db.execute(sql`select code from region where parent_code = '35.09' and name ilike 'ajung'`));
    assert.equal((await findOrCreateInstitution(t.db, { type: "pesantren", name: "معهد الهدى 1", regionCode: ajung?.code ?? "" })).created, false);
    assert.equal((await findOrCreateInstitution(t.db, { type: "pesantren", name: "معهد السلام 1", regionCode: ajung?.code ?? "" })).created, true);
  });

  it("a bimtek's offices written in full and by their short names are counted once each", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: daysAgo(5) });
    const r = await fileReport(t.db, {
      eventId: e,
      chapterRegion: "35.09",
      eventRegion: "35.09.01",
      userId: lead.id,
      form: { participantsTotal: 95, institutionIds: [], newInstitutionName: "Diskominfo\nDinas Komunikasi dan Informatika\nBappeda\nDinas Kesehatan\nDinkes\nDinsos\nDinas Sosial\nBAPPEDA", newInstitutionType: "opd" },
      onboarded: [],
      photos: [],
      list: "",
      file: "",
    });
    assert.ok(r.ok);
    const reached = (await getReport(t.db, e))?.reached.filter((x) => x.type === "opd").map((x) => x.name) ?? [];
    assert.deepEqual(reached.sort(), ["Bappeda", "Dinas Kesehatan", "Dinsos", "Diskominfo"].sort());
  });

  it("the preview keeps a row each for two pesantren and two UMKM named without Latin letters", async () => {
    const p = await previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.01", list, file: "" });
    assert.equal(p.errorCount, 0);
    assert.deepEqual(p.rows.map((r) => r.name), ["معهد النور", "معهد الهدى", "☕☕☕", "🍜🍜🍜", "SMA Negeri 2 Jember"]);
  });

  it("filed, they are separate registry rows; a row stored earlier with the old empty key is still found, not doubled", async () => {
    // before this fix a name without Latin letters was stored with an empty name key
    const [ajung] = rowsOf<{ code: string }>(await t.db.execute(sql`select code from region where parent_code = '35.09' and name ilike 'ajung'`));
    const at = ajung?.code ?? "";
    const [old] = await t.db.insert(institutions).values({ type: "umkm", name: "☕☕☕", regionCode: at, dedupKey: `umkm|${at}|` }).returning({ id: institutions.id });
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", programSlug: "umkm-go-online", date: daysAgo(3) });
    const r = await fileReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.01", userId: lead.id, form: { participantsTotal: 20, institutionIds: [] }, onboarded: [], photos: [], list, file: "" });
    assert.ok(r.ok);
    const report = await getReport(t.db, e);
    assert.equal(report?.online.length, 5);
    const ids = new Map(report?.online.map((o) => [o.name, o.id]));
    assert.equal(ids.get("☕☕☕"), old?.id, "the row stored with the old key is reused");
    assert.equal(new Set(ids.values()).size, 5);
    // the venue registry's add form finds the same rows
    assert.equal((await findOrCreateInstitution(t.db, { type: "pesantren", name: "معهد النور", regionCode: at })).created, false);
    assert.equal((await findOrCreateInstitution(t.db, { type: "umkm", name: "☕☕☕", regionCode: at })).id, old?.id);
    const made = await findOrCreateInstitution(t.db, { type: "umkm", name: "🧁🧁", regionCode: at });
    assert.equal(made.created, true);
    const umkm = await t.db.select({ id: institutions.id }).from(institutions).where(and(eq(institutions.type, "umkm"), eq(institutions.regionCode, at)));
    assert.equal(umkm.length, 3);
  });
});
