import fs from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { addMembership, createChapter, createUser } from "../factories";
import { pdfText } from "../support/pdf-text";
import { insertAttendance, insertEvent, insertInstitution } from "../support/reports-fixture";
import { expect, expectAccessible, loginAs, test } from "./support";

/** yyyy-mm-dd in WIB, `days` ago (kept inside the current year so the dashboard's default period includes it). */
function wibDay(days: number): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(now.getTime() - days * 86400_000);
  const day = d.getUTCFullYear() === now.getUTCFullYear() ? d : new Date(Date.UTC(now.getUTCFullYear(), 0, 1, 12));
  return day.toISOString().slice(0, 10);
}

async function as(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string | null): Promise<Page> {
  const context = await browser.newContext({ locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 393, height: 851 } });
  const page = await context.newPage();
  if (userId) await loginAs(page, db, userId);
  return page;
}

test("lead sets targets, sees progress move after approving a report, downloads the report; other chapters only as aggregates", async ({ page, db }) => {
  test.setTimeout(120_000); // axe on seven pages: slow on a busy 2-core machine
  const stamp = Date.now() % 100000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${stamp}` });
  const other = await createChapter(db, { regionCode: "35.14", name: `RTIK Pasuruan ${stamp}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const school = await insertInstitution(db, `SMP Negeri ${stamp}`, "school", "35.09");
  const ev = await insertEvent(db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Internet Sehat SMP", date: wibDay(2), time: "08:00", status: "submitted", participants: 40, reached: [school], venueId: school });
  await insertAttendance(db, ev, vol.id, 3);

  await loginAs(page, db, lead.id);
  // targets: a bad number comes back next to its field with what was typed
  await page.goto(`/chapters/${chapter.slug}/capaian`);
  await page.getByRole("link", { name: "Atur target" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Target ${chapter.name}`);
  await page.getByLabel("Peserta dijangkau", { exact: true }).fill("seratus");
  await page.getByLabel("Kegiatan terlaksana", { exact: true }).fill("4");
  await page.getByRole("button", { name: "Simpan target" }).click();
  await expect(page.getByText("Isi angka bulat (0 atau lebih), atau kosongkan.")).toBeVisible();
  await expect(page.getByLabel("Peserta dijangkau", { exact: true })).toHaveValue("seratus");
  await expect(page.getByLabel("Kegiatan terlaksana", { exact: true })).toHaveValue("4");
  await expectAccessible(page);
  await page.getByLabel("Peserta dijangkau", { exact: true }).fill("100");
  await page.getByRole("button", { name: "Simpan target" }).click();
  await expect(page.getByText("Target tersimpan.")).toBeVisible();

  await page.getByRole("link", { name: "Kembali ke dasbor capaian" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Capaian ${chapter.name}`);
  await expect(page.getByTestId("value-participants")).toHaveText("0");
  await expect(page.getByRole("img", { name: /Capaian 0 dari target 100/ })).toBeVisible();
  await expectAccessible(page);

  // approving the outcome report moves the figures
  await page.goto(`/events/${ev.id}/report`);
  await page.getByRole("button", { name: "Setujui laporan" }).click();
  await expect(page.getByText("Laporan disetujui").first()).toBeVisible();
  await page.goto(`/chapters/${chapter.slug}/capaian`);
  await expect(page.getByTestId("value-participants")).toHaveText("40");
  await expect(page.getByTestId("value-events_held")).toHaveText("1");
  await expect(page.getByTestId("value-schools_internet_sehat")).toHaveText("1");
  // the month-by-month figures travel with the chart (its description), for a screen reader
  await expect(page.getByRole("img", { name: "Tren per bulan: Peserta dijangkau" })).toHaveAccessibleDescription(/^Angka per bulan: Peserta dijangkau — Jan \d{4}: \d+;.*: 40(;|$)/);

  // every figure leads to its records
  await page.getByTestId("value-schools_internet_sehat").click();
  await expect(page.getByRole("cell", { name: `SMP Negeri ${stamp}` })).toBeVisible();
  await expect(page.getByRole("link", { name: /Internet Sehat SMP/ })).toBeVisible();
  // days as people read them ("7 Feb 2026"), not as stored ("2026-02-07")
  await expect(page.getByRole("link", { name: /Internet Sehat SMP.*\(\d{1,2} [A-Z][a-z]{2} \d{4}\)/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^\d{4}-\d{2}-\d{2}$/ })).toHaveCount(0);
  await expectAccessible(page);

  // the Laporan Capaian, as a page and as downloads
  await page.goto(`/chapters/${chapter.slug}/capaian/laporan`);
  await expect(page.getByTestId("report-summary")).toContainText("1 kegiatan");
  await expect(page.getByTestId("report-summary")).toContainText("40 peserta");
  await expect(page.getByRole("cell", { name: /^\d{1,2} [A-Z][a-z]{2} \d{4}$/ })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: /^\d{4}-\d{2}-\d{2}$/ })).toHaveCount(0);
  await expectAccessible(page);
  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF", exact: true }).first().click()]);
  expect(pdfDownload.suggestedFilename()).toMatch(/^laporan-capaian-.*\.pdf$/);
  const pdf = await pdfText(await fs.readFile((await pdfDownload.path()) ?? ""));
  expect(pdf.text).toContain("Laporan Capaian");
  expect(pdf.text).toContain(chapter.name);
  expect(pdf.text).toMatch(/Peserta dijangkau 40 100 40%/);
  expect(pdf.text).toContain("Budi Santoso");
  // signed by the lead who downloads it, as the page is when printed
  expect(pdf.text.replace(/\s+/g, " ")).toContain(`Koordinator ${chapter.name} Dewi Lestari`);
  await expect(page.getByText("Dewi Lestari", { exact: true })).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(`Koordinator ${chapter.name}`)).toBeVisible();
  await expect(page.getByText("Dewi Lestari", { exact: true })).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV (Excel)" }).click()]);
  const csv = await fs.readFile((await csvDownload.path()) ?? "", "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("Peserta dijangkau,40,100,40%");

  // another chapter's detail is closed to this lead; the roll-ups show it only as aggregates
  expect((await page.request.get(`/chapters/${other.slug}/capaian`)).status()).toBe(403);
  expect((await page.request.get(`/chapters/${other.slug}/capaian/laporan.pdf`)).status()).toBe(403);
  expect((await page.request.get(`/chapters/${other.slug}/capaian/participants`)).status()).toBe(403);
  for (const sub of ["capaian/laporan.csv", "capaian/sertifikat", "capaian/sertifikat/terbit", "targets"])
    expect((await page.request.get(`/chapters/${other.slug}/${sub}`)).status(), sub).toBe(403);
  const revoke = await page.request.post(`/chapters/${other.slug}/capaian/sertifikat/terbit`, {
    form: { intent: "revoke", code: "AAAAAAAAAAAA", reason: "bukan chapter saya" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(revoke.status()).toBe(403);
  await page.goto("/capaian/provinsi/35");
  const ranking = page.getByTestId("ranking");
  await expect(ranking.getByRole("link", { name: chapter.name })).toBeVisible();
  // the ranking goes in pages of 50: a chapter with no figures yet sorts after those with some, so it may be further on
  let shown = false;
  for (let n = 1; n <= 20 && !shown; n++) {
    if (n > 1) await page.goto(`/capaian/provinsi/35?page=${n}`);
    shown = (await ranking.getByText(other.name).count()) > 0;
  }
  expect(shown, `${other.name} in the ranking`).toBe(true);
  await expect(ranking.getByText(other.name)).toBeVisible();
  await expect(ranking.getByRole("link", { name: other.name })).toHaveCount(0);
  await expect(page.getByTestId("value-participants")).not.toHaveText("");
  await expect(page.getByRole("img", { name: "Tren per bulan: Peserta dijangkau" })).toHaveAccessibleDescription(/Jan \d{4}: [\d.]+; Feb/);
  await expectAccessible(page);
  await page.goto("/capaian");
  await expect(page.getByRole("heading", { level: 1, name: "Capaian nasional" })).toBeVisible();
  await expectAccessible(page);

});

test("lead issues certificates to all attendees; the volunteer downloads one; anyone can verify it", async ({ page, db, browser }) => {
  const chapter = await createChapter(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Andi Lead" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const ev = await insertEvent(db, { chapterId: chapter.id, regionCode: "73.71", timeZone: "Asia/Makassar", title: "Internet Sehat SMP", date: wibDay(3), time: "08:00", participants: 30 });
  await insertAttendance(db, ev, vol.id, 3);
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/capaian/sertifikat`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Terbitkan untuk semua yang hadir: Internet Sehat SMP" }).click();
  await expect(page.getByText("1 sertifikat baru diterbitkan (0 sudah ada sebelumnya).")).toBeVisible();
  await page.getByRole("link", { name: "Semua sertifikat yang sudah terbit (cari, cabut)" }).click();
  await page.getByText("Cabut…").click();
  await expectAccessible(page);
  const volPage = await as(browser, db, vol.id);
  await volPage.goto("/sertifikat");
  await expectAccessible(volPage);
  const verifyHref = (await volPage.getByRole("link", { name: "Lihat halaman verifikasi" }).getAttribute("href")) ?? "";
  const [certDownload] = await Promise.all([volPage.waitForEvent("download"), volPage.getByRole("link", { name: "Unduh PDF" }).click()]);
  const cert = await pdfText(await fs.readFile((await certDownload.path()) ?? ""));
  expect(cert.text).toContain("Budi Santoso");
  expect(cert.links.some((l) => l.endsWith(verifyHref))).toBe(true);
  const anon = await as(browser, db, null);
  await anon.goto(verifyHref);
  await expect(anon.getByTestId("cert-status")).toHaveText("Sertifikat ini asli, diterbitkan melalui Simpul.");
  await expect(anon.getByTestId("cert-recipient")).toHaveText("Budi Santoso");
  await expectAccessible(anon);
  await volPage.context().close();
  await anon.context().close();
});

test("admin sets national targets and edits an indicator's definition", async ({ page, db }) => {
  const admin = await createUser(db, { name: "Admin Nasional", isAdmin: true });
  await loginAs(page, db, admin.id);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Target nasional dan provinsi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Target nasional");
  await page.getByLabel("Peserta dijangkau", { exact: true }).fill("250000");
  await page.getByRole("button", { name: "Simpan target" }).click();
  await expect(page.getByText("Target tersimpan.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/capaian");
  await expect(page.locator('[data-indicator="participants"]')).toContainText("dari target 250.000");

  await page.goto("/admin/indicators");
  await page.getByRole("link", { name: "Ubah: Peserta dijangkau" }).click();
  await page.getByLabel("Definisi (Bahasa Indonesia)").fill("Terlalu pendek");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText("Tulis definisi yang jelas (minimal 20 huruf).")).toBeVisible();
  await expect(page.getByLabel("Definisi (Bahasa Indonesia)")).toHaveValue("Terlalu pendek");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the lead revokes a certificate with a reason; the verification page says so and why", async ({ page, db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Andi Lead" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const vol = await createUser(db, { name: "Citra Lestari" });
    await addMembership(db, { userId: vol.id, chapterId: chapter.id });
    const ev = await insertEvent(db, { chapterId: chapter.id, regionCode: "73.71", timeZone: "Asia/Makassar", title: "Bimtek Operator Desa", date: wibDay(2), time: "09:00", participants: 12 });
    await insertAttendance(db, ev, vol.id, 2);
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/capaian/sertifikat`);
    await page.getByRole("button", { name: "Terbitkan untuk semua yang hadir: Bimtek Operator Desa" }).click();
    await page.getByRole("link", { name: "Semua sertifikat yang sudah terbit (cari, cabut)" }).click();
    await expect(page.getByTestId("cert-count")).toHaveText("1 sertifikat");
    await page.getByText("Cabut…").click();
    await page.getByLabel("Alasan (tampil di halaman verifikasi dan dikirim ke relawan)").fill("abc");
    // the browser's own minlength check is what a JS-less phone shows first; the server's message is tested by removing it
    await page.locator("textarea[name=reason]").evaluate((el) => el.removeAttribute("minlength"));
    await page.getByRole("button", { name: "Cabut sertifikat ini: Citra Lestari, Bimtek Operator Desa" }).click();
    await expect(page.getByText("Tuliskan alasannya (paling sedikit 5 huruf).")).toBeVisible();
    await expect(page.getByLabel("Alasan (tampil di halaman verifikasi dan dikirim ke relawan)")).toHaveValue("abc");
    await page.getByLabel("Alasan (tampil di halaman verifikasi dan dikirim ke relawan)").fill("Jam tercatat ganda");
    await page.getByRole("button", { name: "Cabut sertifikat ini: Citra Lestari, Bimtek Operator Desa" }).click();
    await expect(page.getByRole("status")).toContainText("sudah dicabut");
    await expect(page.getByText("Dicabut: Jam tercatat ganda")).toBeVisible();
    const verifyHref = (await page.locator('a[href^="/sertifikat/"]').first().getAttribute("href")) ?? "";
    const anon = await as(browser, db, null);
    await anon.goto(verifyHref);
    await expect(anon.getByTestId("cert-status")).toContainText("Sertifikat ini sudah dicabut.");
    await expect(anon.getByTestId("cert-status")).toContainText("Alasan pencabutan: Jam tercatat ganda");
    // the link copied out of a message with the sentence's full stop, or inside brackets
    for (const tail of [".", ").", "%20"]) {
      await anon.goto(`${verifyHref}${tail}`);
      await expect(anon).toHaveURL(new RegExp(`${verifyHref}$`));
      await expect(anon.getByTestId("cert-status")).toContainText("Sertifikat ini sudah dicabut.");
    }
    await expect(anon.getByRole("link", { name: "Unduh PDF" })).toHaveCount(0);
    expect((await anon.request.get(`${verifyHref}/pdf`)).status()).toBe(404);
    await anon.context().close();
  });
  test("the period picker and the targets form work as plain forms", async ({ page, db }) => {
    const chapter = await createChapter(db, { regionCode: "91.71", name: `RTIK Jayapura ${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Yosef Lead" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await loginAs(page, db, lead.id);
    const year = new Date(Date.now() + 9 * 3_600_000).getUTCFullYear();
    await page.goto(`/chapters/${chapter.slug}/targets`);
    await page.getByLabel("Periode").selectOption(`${year}-S2`);
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page).toHaveURL(new RegExp(`period=${year}-S2`));
    await page.getByLabel("Relawan aktif", { exact: true }).fill("12");
    await page.getByRole("button", { name: "Simpan target" }).click();
    await expect(page.getByText("Target tersimpan.")).toBeVisible();
    await expect(page.getByLabel("Relawan aktif", { exact: true })).toHaveValue("12");
    await page.goto(`/chapters/${chapter.slug}/capaian?period=${year}-S2`);
    await expect(page.locator('[data-indicator="active_volunteers"]')).toContainText("0 dari target 12");
  });
});
