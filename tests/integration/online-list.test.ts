import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getEvent } from "../../app/models/events/events.server";
import { previewOnlineList } from "../../app/models/events/online-list.server";
import { getReport } from "../../app/models/events/outcomes.server";
import { submitReportForm } from "../../app/models/events/report-page.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("the go-online list as people really send it", () => {
  let t: TestDatabase;
  let lead: { id: string };
  let eventId: number;
  const preview = (file: string, list = "") => previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.01", list, file });
  const form = (fields: Record<string, string | File>) => {
    const f = new FormData();
    f.set("participantsTotal", "95");
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const submit = async (fields: Record<string, string | File>) => {
    const event = await getEvent(t.db, eventId);
    assert.ok(event);
    return submitReportForm(t.db, { event, userId: lead.id, lead: true, form: form(fields) });
  };

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember (uji)" });
    lead = await createUser(t.db, { name: "Koordinator Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", programSlug: "umkm-go-online", date: daysAgo(3) });
  });
  after(async () => {
    await t.close();
  });

  it("an uploaded CSV comes back with a preview and is filed by the next submit that sends only what came back", async () => {
    const lines = ["nama,jenis,kecamatan,dibuat", ...Array.from({ length: 101 }, (_, i) => `Toko Ajung ${i < 86 ? i + 1 : i - 85},umkm,Ajung,${i < 86 ? "marketplace" : "qris"}`)];
    const file = new File([lines.join("\r\n")], "umkm.csv", { type: "text/csv" });
    const previewed = await submit({ intent: "preview", onlineCsv: file });
    assert.ok(!previewed.ok);
    assert.equal(previewed.data.online?.rows.length, 86);
    assert.equal(previewed.data.online?.errorCount, 0);
    const carried = previewed.data.values?.onlineCsvText;
    assert.equal(typeof carried, "string");
    // the browser sends the form again: the file input is empty, the hidden field holds the list
    const filed = await submit({ onlineCsv: new File([], ""), onlineCsvText: String(carried) });
    assert.ok(filed.ok);
    const report = await getReport(t.db, eventId);
    assert.equal(report?.online.length, 86);
    assert.equal(report?.online.filter((r) => r.kinds.includes("qris")).length, 15);
  });

  it("Excel's empty trailing rows (;;;;;) are ignored, not listed as errors", async () => {
    const p = await preview("nama;jenis;kecamatan;dibuat\nToko Satu;umkm;Ajung;marketplace\nToko Dua;umkm;Ajung;qris\n;;;;;\n;;;;;\n ; ; ; \n");
    assert.equal(p.errorCount, 0);
    assert.deepEqual(p.rows.map((r) => r.name), ["Toko Satu", "Toko Dua"]);
  });

  it("each row shows the line it is on in the file, after blank lines and a quoted cell over two lines", async () => {
    const p = await preview('nama;jenis;kecamatan;dibuat\n\n\n\nToko Satu;umkm;Ajung;marketplace\nToko Dua;umkm;Ajung;gbp\n"Toko\nTiga";umkm;Ajung;qris\n;;;\nToko Empat;umkm;Ajung;website\n');
    assert.deepEqual(p.rows.map((r) => [r.name, r.line]), [["Toko Satu", 5], ["Toko Dua", 6], ["Toko\nTiga", 7], ["Toko Empat", 10]]);
    const noHeader = await preview("\r\nToko Lima;umkm;Ajung;marketplace\r\n\r\nToko Enam;umkm;Ajung;qris");
    assert.deepEqual(noHeader.rows.map((r) => r.line), [2, 4]);
  });

  it("a comma-separated row with more cells than columns is flagged on its row, not cut", async () => {
    const p = await preview("nama,jenis,kecamatan,dibuat\nToko Satu,umkm,Ajung,marketplace, qris\nToko Dua,umkm,Ajung,\"marketplace, qris\"\nToko Tiga,umkm,Ajung,gbp,\n");
    assert.deepEqual(p.rows.find((r) => r.name === "Toko Satu")?.errors, ["events.report.onlineList.err.extra"]);
    assert.deepEqual(p.rows.find((r) => r.name === "Toko Dua")?.kinds, ["marketplace", "qris"]);
    assert.deepEqual(p.rows.find((r) => r.name === "Toko Tiga")?.errors, [], "an empty trailing cell loses nothing");
    assert.equal(p.errorCount, 1);
  });

  it("a CSV saved by older Excel (windows-1252) keeps its accents", async () => {
    const bytes = Buffer.concat([Buffer.from("nama;jenis;kecamatan;dibuat\nKaf"), Buffer.from([0xe9]), Buffer.from(" Senja;umkm;Ajung;marketplace\n")]);
    const r = await submit({ intent: "preview", onlineCsv: new File([bytes], "lama.csv", { type: "text/csv" }) });
    assert.ok(!r.ok);
    assert.deepEqual(r.data.online?.rows.map((x) => x.name), ["Kafé Senja"]);
    const utf8 = await submit({ intent: "preview", onlineCsv: new File(["nama;jenis;kecamatan;dibuat\nKafé Ñusa ☕;umkm;Ajung;qris\n"], "baru.csv") });
    assert.ok(!utf8.ok);
    assert.deepEqual(utf8.data.online?.rows.map((x) => x.name), ["Kafé Ñusa ☕"]);
  });
});
