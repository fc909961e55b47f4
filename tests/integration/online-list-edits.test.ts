import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getEvent } from "../../app/models/events/events.server";
import { onlineListText, previewOnlineList } from "../../app/models/events/online-list.server";
import { fileReport, getReport } from "../../app/models/events/outcomes.server";
import { submitReportForm } from "../../app/models/events/report-page.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

describe("the go-online list: mixed line ends, control characters, a report saved again", () => {
  let t: TestDatabase;
  let chapter: { id: number };
  let lead: { id: string };
  const preview = (list: string, file = "") => previewOnlineList(t.db, { chapterRegion: "35.09", eventRegion: "35.09.07", list, file });

  before(async () => {
    t = await createTestDatabase();
    const made = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Jember (daftar berantakan)" });
    chapter = { id: made.chapterId };
    lead = { id: made.leadId };
  });
  after(async () => {
    await t.close();
  });

  it("each row names the line it is on, counting blank lines and line breaks inside quotes", async () => {
    const list = ["nama;jenis;kecamatan;dibuat", "", "Batik A;umkm;Kencong;marketplace", "", "", '"Toko ""Sari""', 'Jaya";umkm;;gbp', "Tape C;warung;;qris", "\r", "Kopi D;umkm;;teleport"].join("\n");
    const r = await preview(list);
    assert.deepEqual(
      r.rows.map((x) => [x.line, x.name]),
      [
        [3, "Batik A"],
        [6, 'Toko "Sari"\nJaya'],
        [8, "Tape C"],
        [10, "Kopi D"],
      ],
    );
    const file = await preview("", "\uFEFFname,kind,region,set up\r\n\r\nBatik E,umkm,,qris\r\n\"Batik\r\nF\",umkm,,qris\r\nBatik G,umkm,,gbp");
    assert.deepEqual(
      file.rows.map((x) => [x.source, x.line]),
      [
        ["file", 3],
        ["file", 4],
        ["file", 6],
      ],
    );
  });

  it("a NUL or other control character pasted into a name is dropped, and the report is filed", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", date: daysAgo(3), programSlug: "umkm-go-online" });
    const event = await getEvent(t.db, e);
    assert.ok(event);
    const form = new FormData();
    form.set("participantsTotal", "12");
    form.set("onlineList", "Batik\u0000 Tanjung\u0007;umkm;;marketplace, qris\u0000");
    form.set("onb.0.name", "Warung\u0000 Bu Sri");
    form.set("onb.0.kinds", "qris");
    const r = await submitReportForm(t.db, { event, userId: lead.id, lead: true, form });
    assert.deepEqual(r, { ok: true });
    assert.deepEqual((await getReport(t.db, e))?.online.map((x) => x.name), ["Batik Tanjung", "Warung Bu Sri"]);
  });

  it("a report saved again with the list as the page gives it back keeps every row: two schools of one name stay two by their NPSN", async () => {
    const e = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.06", date: daysAgo(4), programSlug: "umkm-go-online" });
    const file = async (list: string) => {
      const r = await fileReport(t.db, { eventId: e, chapterRegion: "35.09", eventRegion: "35.09.06", userId: lead.id, form: { participantsTotal: 9, institutionIds: [] }, onboarded: [], photos: [], list, file: "" });
      assert.ok(r.ok, JSON.stringify(r));
      return (await getReport(t.db, e))?.online ?? [];
    };
    const first = await file(["SMP Islam Jember (NPSN 20599901);sekolah;;website", "SMP Islam Jember 20599902;sekolah;;website, sosial", '"Toko ""Sari""; Jaya";umkm;35.09.07.2001;qris', "Batik B;umkm;35.10;gbp", "Yayasan Z;yayasan;Kencong;website"].join("\n"));
    assert.equal(first.length, 5);
    const again = await file(onlineListText(first, "35.09"));
    assert.deepEqual(
      again.map((r) => [r.id, r.kinds]),
      first.map((r) => [r.id, r.kinds]),
    );
  });
});
