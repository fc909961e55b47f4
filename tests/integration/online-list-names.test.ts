import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getEvent } from "../../app/models/events/events.server";
import { onlineListText, previewOnlineList } from "../../app/models/events/online-list.server";
import { fileReport, getReport } from "../../app/models/events/outcomes.server";
import { submitReportForm } from "../../app/models/events/report-page.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("the go-online list: name columns as leads head them, numbers in names, regions written back by name", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const preview = (list: string, file = "") => previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.07", list, file });
  const fileList = async (eventId: number, eventRegion: string, list: string) => {
    const r = await fileReport(t.db, { eventId, chapterRegion: "35.09", eventRegion, userId: lead.id, form: { participantsTotal: 20, institutionIds: [] }, onboarded: [], photos: [], list, file: "" });
    assert.ok(r.ok, JSON.stringify(r));
    return (await getReport(t.db, eventId))?.online ?? [];
  };

  before(async () => {
    t = await createTestDatabase();
    const made = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Jember (nama kolom)" });
    chapter = { id: made.chapterId };
    lead = { id: made.leadId };
  });
  after(async () => {
    await t.close();
  });

  it("reads the name column however a lead heads it: Nama UMKM, Nama Usaha, Nama Toko, … in any case, with stray spaces", async () => {
    for (const head of ["Nama UMKM", " nama  umkm ", "NAMA USAHA", "Nama Toko", "Nama Sekolah", "nama desa", "Nama Lembaga", "Nama   Instansi", "Nama_UMKM"]) {
      const p = await preview("", `No;${head};Jenis;Kecamatan;Dibuat\n1;Batik Sekar;umkm;Semboro;marketplace\n2;Kopi Lereng;umkm;;qris`);
      assert.equal(p.errorCount, 0, head);
      assert.deepEqual(p.rows.map((r) => [r.name, r.regionCode, r.kinds]), [["Batik Sekar", "35.09.07", ["marketplace"]], ["Kopi Lereng", "35.09.07", ["qris"]]], head);
    }
    // a first line that is not a header is still a row
    assert.deepEqual((await preview("Nama Toko Baru;umkm;;qris")).rows.map((r) => r.name), ["Nama Toko Baru"]);
  });

  it("reads the column of what was set up however a lead heads it (Platform, Media, Kanal, …), pasted from a spreadsheet with blank rows and repeats", async () => {
    for (const head of ["Platform", "PLATFORM ONLINE", "Media", "Media Online", "Kanal", "Saluran", "Akun", "Akun Online", "Hasil", "Jenis Layanan", "Yang Dibuat"]) {
      const pasted = ["No\tNama UMKM\tJenis\tKecamatan\t" + head, "", "1\tKeripik Bu Sri\tUMKM\tSemboro\tShopee, QRIS", "\t\t\t\t", "2\tkeripik bu sri.\tumkm\tsemboro\tGoogle Maps", "3\tToko Sembako 02\tUMKM\t\tWA Business"].join("\n");
      const p = await preview(pasted);
      assert.equal(p.errorCount, 0, `${head}: ${JSON.stringify(p.rows)}`);
      // the same UMKM written twice is one row with both set-ups
      assert.deepEqual(p.rows.map((r) => [r.name, r.kinds]), [["Keripik Bu Sri", ["marketplace", "gbp", "qris"]], ["Toko Sembako 02", ["social"]]], head);
    }
  });

  it("reads the words leads use for a UMKM, what was set up and a kecamatan of the kabupaten", async () => {
    const p = await preview(
      [
        "Nama UMKM;Jenis;Kecamatan;Dibuat",
        "Warung Bu Sri;warung;Ajung, Jember;IG, WA Business",
        "Toko Berkah;Toko;Semboro;TikTok Shop + qris",
        "Ayam Geprek Mas Bro;kuliner;kec. semboro;GrabFood; ",
        "Kopi Lereng;UMK;;fb & Lazada",
        "Batik Sekar;umkm;Kota Pekalongan;gbp",
        "Batik Sekar 2;umkm;Ajung, Pekalongan;gbp",
      ].join("\n"),
    );
    assert.deepEqual(
      p.rows.map((r) => [r.name, r.type, r.regionCode, r.kinds, r.errors]),
      [
        ["Warung Bu Sri", "umkm", "35.09.17", ["social"], []],
        ["Toko Berkah", "umkm", "35.09.07", ["marketplace", "qris"], []],
        ["Ayam Geprek Mas Bro", "umkm", "35.09.07", ["marketplace"], []],
        ["Kopi Lereng", "umkm", "35.09.07", ["marketplace", "social"], []],
        // Pekalongan is in another province
        ["Batik Sekar", "umkm", null, ["gbp"], ["events.report.onlineList.err.region"]],
        ["Batik Sekar 2", "umkm", null, ["gbp"], ["events.report.onlineList.err.region"]],
      ],
    );
  });

  it("keeps the digits of a UMKM's name; takes an NPSN out of a school's row, of 'NPSN …' or '(…)', and from an NPSN column", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(3), programSlug: "umkm-go-online" });
    const listed = await fileList(
      e,
      "35.09.07",
      ["Kopi 24041945;umkm;;qris", "Toko 17081945 Jaya;umkm;;marketplace", "SMP Islam Semboro 20599911;sekolah;;website", "SD Al Falah (NPSN 20599912);sekolah;;website", "MI Nurul Huda (20599913);sekolah;;sosial"].join("\n"),
    );
    assert.deepEqual(
      listed.map((r) => [r.name, r.npsn]).sort(),
      [
        ["Kopi 24041945", null],
        ["MI Nurul Huda", "20599913"],
        ["SD Al Falah", "20599912"],
        ["SMP Islam Semboro", "20599911"],
        ["Toko 17081945 Jaya", null],
      ],
    );
    const e2 = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(2), programSlug: "umkm-go-online" });
    const columns = await fileList(e2, "35.09.07", "Nama Sekolah;NPSN;Jenis;Dibuat\nSMA Plus Semboro;20599914;sekolah;website\nWarung 24041945;;umkm;qris");
    assert.deepEqual(columns.map((r) => [r.name, r.npsn]).sort(), [["SMA Plus Semboro", "20599914"], ["Warung 24041945", null]]);
    const bad = await preview("Nama;NPSN;Jenis;Dibuat\nSMA Plus Semboro;2059991;sekolah;website");
    assert.deepEqual(bad.rows[0]?.errors, ["events.report.onlineList.err.npsn"]);
    // the reached-institutions box: a UMKM keeps its number, a school's is its NPSN
    const event = await getEvent(t.db, e2);
    assert.ok(event);
    const form = new FormData();
    form.set("participantsTotal", "20");
    form.set("newInstitutionType", "umkm");
    form.set("newInstitutionName", "Bakso 88888888");
    assert.deepEqual(await submitReportForm(t.db, { event, userId: lead.id, lead: true, form }), { ok: true });
    assert.ok((await getReport(t.db, e2))?.reached.some((r) => r.name === "Bakso 88888888"));
  });

  it("writes each saved region back by its name, and saving the list again keeps every row in the same region", async () => {
    // an event placed at the kabupaten itself: rows without a kecamatan are recorded there
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(4), programSlug: "umkm-go-online" });
    const first = await fileList(
      e,
      "35.09",
      [
        "Batik Kabupaten;umkm;;marketplace",
        "Batik Kode;umkm;35.09;gbp",
        "Desa Semboro;desa;35.09.07.2004;website",
        "Toko Ajung Kulon;umkm;35.09.17.2004;qris",
        "Toko Ajung Kalisat;umkm;35.09.27.2008;qris",
        "Batik Banyuwangi;umkm;35.10;gbp",
        "Kopi Semboro;umkm;Kec. Semboro;sosial",
      ].join("\n"),
    );
    const regionOf = (rows: typeof first) => Object.fromEntries(rows.map((r) => [r.name, r.regionCode]));
    assert.deepEqual(regionOf(first), {
      "Batik Kabupaten": "35.09",
      "Batik Kode": "35.09",
      "Desa Semboro": "35.09.07.2004",
      "Toko Ajung Kulon": "35.09.17.2004",
      "Toko Ajung Kalisat": "35.09.27.2008",
      "Batik Banyuwangi": "35.10",
      "Kopi Semboro": "35.09.07",
    });
    const text = onlineListText(first, "35.09");
    assert.doesNotMatch(text, /\d{2}\.\d{2}/, "no region written as its code");
    assert.match(text, /Batik Kode;umkm;Kabupaten Jember;gbp/);
    assert.match(text, /Desa Semboro;desa;Semboro, Semboro;website/);
    assert.match(text, /Toko Ajung Kalisat;umkm;Ajung, Kalisat;qris/);
    assert.match(text, /Batik Banyuwangi;umkm;Kabupaten Banyuwangi;gbp/);
    const again = await fileList(e, "35.09", text);
    assert.deepEqual(regionOf(again), regionOf(first));
    assert.deepEqual(
      again.map((r) => r.id),
      first.map((r) => r.id),
    );
    // typed by name the same way, with the usual prefixes
    const typed = await preview("A;umkm;Kab. Jember;qris\nB;desa;Desa Semboro, Kecamatan Semboro;qris\nC;umkm;Kabupaten Banyuwangi;qris\nD;umkm;Ajung, Kabupaten Lumajang;qris");
    assert.deepEqual(
      typed.rows.map((r) => [r.regionCode, r.errors]),
      [
        ["35.09", []],
        ["35.09.07.2004", []],
        ["35.10", []],
        [null, ["events.report.onlineList.err.region"]],
      ],
    );
  });
});
