import type { Browser, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { events, eventSessions, onboardings, outcomeInstitutions, outcomeReports } from "../../db/schema/events";
import { cancelEvent } from "../../app/models/events/events.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { insertAttendance, insertEvent } from "../support/reports-fixture";
import { expect, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

async function noScript(browser: Browser, db: Db, userId: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 393, height: 851 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

/** An ended "UMKM Go-Online" event of a fresh chapter, and its lead. */
async function endedEvent(db: Db, venueRegion = "35.09.01") {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  // planned for today (a past day cannot be planned), then moved back so it ended an hour ago
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  // a venue of its own: the factory's "SMP Negeri <n>" may already stand in another kecamatan of the shared database
  // (another test file's counter), and the event would be held there, as a lead's retyped school is (DECISIONS 95)
  const venueName = `SMP Negeri Uji ${randomUUID().slice(0, 8)}`;
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion, venueName, programSlug: "umkm-go-online", title: "UMKM Go-Online Ajung", date: day, startTime: "22:00", endTime: "23:30" });
  const [e] = await db.select({ endsAt: events.endsAt }).from(events).where(eq(events.id, eventId));
  const shift = (e?.endsAt.getTime() ?? 0) - (Date.now() - 3_600_000);
  await db.update(events).set({ startsAt: sql`${events.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${events.endsAt} - ${shift} * interval '1 millisecond'` }).where(eq(events.id, eventId));
  await db.update(eventSessions).set({ startsAt: sql`${eventSessions.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${eventSessions.endsAt} - ${shift} * interval '1 millisecond'` }).where(eq(eventSessions.eventId, eventId));
  return { eventId, lead };
}

/** 101 lines: 86 UMKM, 15 of them listed twice (one row each in the preview). */
function csv101() {
  const lines = ["nama,jenis,kecamatan,dibuat"];
  for (let i = 1; i <= 101; i++) lines.push(`Toko Ajung ${i <= 86 ? i : i - 86},umkm,Ajung,${i <= 86 ? "marketplace" : "qris"}`);
  return { name: "umkm-ajung.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) };
}

async function onlineRows(db: Db, eventId: number) {
  const [report] = await db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  if (!report) return null;
  return db.select({ kinds: onboardings.kinds }).from(onboardings).where(eq(onboardings.reportId, report.id));
}

test.describe("an uploaded go-online list is never dropped, without JavaScript", () => {
  test("preview, then file: the 86 UMKM of the uploaded CSV are in the report", async ({ db, browser }) => {
    const { eventId, lead } = await endedEvent(db);
    const l = await noScript(browser, db, lead.id);
    await l.goto(`/events/${eventId}/report`);
    await l.getByLabel("Jumlah peserta").fill("95");
    await l.getByLabel(/unggah berkas CSV/).setInputFiles([csv101()]);
    await l.getByRole("button", { name: "Pratinjau daftar" }).click();
    await expect(l.getByText("86 baris siap, 0 baris perlu diperbaiki.")).toBeVisible();
    await expect(l.getByText("Berkas CSV yang sudah diunggah tetap ikut dikirim.", { exact: false })).toBeVisible();
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.getByText("Laporan terkirim", { exact: false })).toBeVisible();
    const rows = await onlineRows(db, eventId);
    expect(rows).toHaveLength(86);
    expect(rows?.filter((r) => r.kinds.includes("qris"))).toHaveLength(15);
    await expect(l.getByLabel("Daftar go-online (tempel dari spreadsheet)")).toHaveValue(/Toko Ajung 86;umkm;Ajung;marketplace/);
  });

  test("a photo refused, the photo fixed, then file: the uploaded list still goes in; a dropped file does not", async ({ db, browser }) => {
    const { eventId, lead } = await endedEvent(db);
    const l = await noScript(browser, db, lead.id);
    await l.goto(`/events/${eventId}/report`);
    await l.getByLabel("Jumlah peserta").fill("95");
    await l.getByLabel(/unggah berkas CSV/).setInputFiles([csv101()]);
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
    await l.getByLabel("Foto kegiatan").setInputFiles([{ name: "spanduk.gif", mimeType: "image/gif", buffer: gif }]);
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.locator("#f-photos-error")).toContainText("Jenis berkas tidak didukung");
    expect(await onlineRows(db, eventId)).toBeNull();
    await expect(l.getByLabel("Jumlah peserta")).toHaveValue("95");
    await l.getByLabel("Foto kegiatan").setInputFiles([]);
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.getByText("Laporan terkirim", { exact: false })).toBeVisible();
    expect(await onlineRows(db, eventId)).toHaveLength(86);

    // the person can still choose not to send a file carried forward
    const { eventId: other, lead: lead2 } = await endedEvent(db);
    const m = await noScript(browser, db, lead2.id);
    await m.goto(`/events/${other}/report`);
    await m.getByLabel("Jumlah peserta").fill("95");
    await m.getByLabel(/unggah berkas CSV/).setInputFiles([csv101()]);
    await m.getByRole("button", { name: "Pratinjau daftar" }).click();
    await expect(m.getByText("86 baris siap, 0 baris perlu diperbaiki.")).toBeVisible();
    await m.getByLabel("Jangan pakai berkas yang sudah diunggah").check();
    await m.getByRole("button", { name: "Pratinjau daftar" }).click();
    await expect(m.getByText("Berkas CSV yang sudah diunggah tetap ikut dikirim.", { exact: false })).toHaveCount(0);
  });
});

test("a report of 100 UMKM brought online: the checklist names them once, as a count linked to their list, and a save keeps them reached", async ({ db, browser }) => {
  const { eventId, lead } = await endedEvent(db);
  const l = await noScript(browser, db, lead.id);
  await l.goto(`/events/${eventId}/report`);
  await l.getByLabel("Jumlah peserta").fill("100");
  const list = Array.from({ length: 100 }, (_, i) => `Warung Ajung ${i + 1};umkm;Ajung;marketplace`).join("\n");
  await l.getByLabel("Daftar go-online (tempel dari spreadsheet)").fill(list);
  await l.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(l.getByText("Laporan terkirim", { exact: false })).toBeVisible();
  const reachedCount = async () => {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(outcomeInstitutions)
      .innerJoin(outcomeReports, eq(outcomeReports.id, outcomeInstitutions.reportId))
      .where(eq(outcomeReports.eventId, eventId));
    return r?.n ?? 0;
  };
  const before = await reachedCount();
  expect(before).toBeGreaterThanOrEqual(100);

  await l.goto(`/events/${eventId}/report`);
  // not a hundred checkboxes: one line with the count, linked to the go-online list
  await expect(l.getByRole("checkbox", { name: /Warung Ajung/ })).toHaveCount(0);
  const note = l.getByRole("link", { name: /100 lembaga dari daftar go-online terhitung dijangkau/ });
  await expect(note).toBeVisible();
  await note.click();
  await expect(l).toHaveURL(/#f-onlineList$/);
  await expect(l.getByLabel("Daftar go-online (tempel dari spreadsheet)")).toHaveValue(/Warung Ajung 100;umkm;Ajung;marketplace/);

  // saved again without touching the list: still reached, still brought online
  await l.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(l.getByText("Laporan terkirim", { exact: false })).toBeVisible();
  expect(await reachedCount()).toBe(before);
  expect(await onlineRows(db, eventId)).toHaveLength(100);

  // the next go-online event in Ajung: the hundred UMKM now in the kecamatan's registry are not listed one by one
  // either; a line says how many, and the search finds any of them
  const next = await endedEvent(db, "35.09.17");
  const m = await noScript(browser, db, next.lead.id);
  await m.goto(`/events/${next.eventId}/report`);
  await expect(m.getByRole("checkbox", { name: /Warung Ajung/ })).toHaveCount(0);
  await expect(m.getByRole("link", { name: /\d+ UMKM lain di kecamatan ini tidak ditampilkan/ })).toBeVisible();
  await m.getByLabel("Cari lembaga").fill("Warung Ajung 7");
  await m.getByRole("button", { name: "Cari", exact: true }).click();
  await expect(m.getByRole("checkbox", { name: /Warung Ajung 7\b/ })).toHaveCount(1);
});

test("approving from a stale second tab after the report was sent back says so", async ({ db, browser }) => {
  const { eventId, lead } = await endedEvent(db);
  const a = await noScript(browser, db, lead.id);
  await a.goto(`/events/${eventId}/report`);
  await a.getByLabel("Jumlah peserta").fill("40");
  await a.getByLabel("Daftar go-online (tempel dari spreadsheet)").fill("Toko Satu;umkm;Ajung;qris");
  await a.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(a.getByText("Laporan terkirim", { exact: false })).toBeVisible();
  // tab B, same person: sends the report back
  const b = await a.context().newPage();
  await b.goto(`/events/${eventId}/report`);
  await b.getByText("Kembalikan untuk diperbaiki").click();
  await b.getByLabel("Apa yang perlu diperbaiki?").fill("Foto kurang");
  await b.getByRole("button", { name: "Kembalikan laporan" }).click();
  await expect(b.getByText("Laporan dikembalikan", { exact: false }).first()).toBeVisible();
  // tab A still shows the report waiting
  await a.getByRole("button", { name: "Setujui laporan" }).click();
  await expect(a.getByRole("alert")).toContainText("Tidak disetujui: laporan sudah berubah");
  const [r] = await db.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  expect(r?.status).toBe("returned");
});

test("a report whose event was cancelled meanwhile is not approved, and the lead is told why, without JavaScript at 393 px", async ({ db, browser }) => {
  const { eventId, lead } = await endedEvent(db);
  const a = await noScript(browser, db, lead.id);
  await a.goto(`/events/${eventId}/report`);
  await a.getByLabel("Jumlah peserta").fill("40");
  await a.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(a.getByText("Laporan terkirim", { exact: false })).toBeVisible();
  // the event did not take place after all: it is cancelled while the report waits (as the event page's cancel does)
  const [e] = await db.select({ chapterId: events.chapterId }).from(events).where(eq(events.id, eventId));
  expect(await cancelEvent(db, { eventId, chapterId: e!.chapterId })).toBe(true);
  await a.getByRole("button", { name: "Setujui laporan" }).click();
  await expect(a.getByText("Kegiatan ini dibatalkan, jadi laporannya tidak bisa disetujui")).toBeVisible();
  const [r] = await db.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  expect(r?.status).toBe("submitted");
  // the page now says why at the top and offers no approval that could only be refused again
  await expect(a.getByTestId("report-cancelled")).toBeVisible();
  await expect(a.getByRole("button", { name: "Setujui laporan" })).toHaveCount(0);
  await expect(a.getByLabel(/Setujui sekarang/)).toHaveCount(0);
});

test("a cancelled event's report page says so at the top, and a report can still be filed as a record, without JavaScript at 393 px", async ({ db, browser }) => {
  const { eventId, lead } = await endedEvent(db);
  const [e] = await db.select({ chapterId: events.chapterId }).from(events).where(eq(events.id, eventId));
  // it was stopped halfway (the hall flooded) and cancelled before anyone filed
  expect(await cancelEvent(db, { eventId, chapterId: e!.chapterId })).toBe(true);
  const a = await noScript(browser, db, lead.id);
  await a.goto(`/events/${eventId}/report`);
  const notice = a.getByTestId("report-cancelled");
  await expect(notice).toHaveText(/^Kegiatan ini dibatalkan: laporannya tidak akan disetujui dan tidak dihitung dalam capaian\. Laporan tetap bisa diisi sebagai catatan/);
  await expect(notice).toBeInViewport();
  // a report that is never approved is not offered "approve now"
  await expect(a.getByLabel(/Setujui sekarang/)).toHaveCount(0);
  await a.getByLabel("Jumlah peserta").fill("12");
  await a.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(a.getByText("Laporan terkirim", { exact: false })).toBeVisible();
  await expect(a.getByTestId("report-cancelled")).toBeVisible();
  // the filed record waits with no approve button; sending it back for a correction stays
  await expect(a.getByRole("button", { name: "Setujui laporan" })).toHaveCount(0);
  await expect(a.getByText("Kembalikan untuk diperbaiki")).toBeVisible();
  const [r] = await db.select({ status: outcomeReports.status, total: outcomeReports.participantsTotal }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  expect(r).toEqual({ status: "submitted", total: 12 });
  // an event that went ahead says nothing of the kind
  const other = await endedEvent(db);
  const b = await noScript(browser, db, other.lead.id);
  await b.goto(`/events/${other.eventId}/report`);
  await expect(b.getByRole("button", { name: "Kirim laporan" })).toBeVisible();
  await expect(b.getByTestId("report-cancelled")).toHaveCount(0);
  await expect(b.getByLabel(/Setujui sekarang/)).toBeVisible();
});

test("certificates are offered only for events whose report is approved; the others say why", async ({ db, browser }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const day = new Date(Date.now() - 3 * 86400_000).toISOString().slice(0, 10);
  const waiting = await insertEvent(db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Kelas Menunggu", date: day, time: "08:00", status: "submitted", participants: 30 });
  const approved = await insertEvent(db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Kelas Disetujui", date: day, time: "10:00", participants: 30 });
  await insertAttendance(db, waiting, vol.id, 3);
  await insertAttendance(db, approved, vol.id, 3);
  const l = await noScript(browser, db, lead.id);
  await l.goto(`/chapters/${chapter.slug}/capaian/sertifikat`);
  await expect(l.getByRole("button", { name: "Terbitkan untuk semua yang hadir: Kelas Disetujui" })).toBeVisible();
  await expect(l.getByRole("button", { name: "Terbitkan untuk semua yang hadir: Kelas Menunggu" })).toHaveCount(0);
  await expect(l.getByRole("listitem").filter({ hasText: "Kelas Menunggu" })).toContainText("Laporan kegiatan belum disetujui");
});
