import { readFile } from "node:fs/promises";
import { and, asc, eq } from "drizzle-orm";
import { chapters } from "../../db/schema/chapters";
import type { Browser, Page } from "@playwright/test";
import { users } from "../../db/schema/accounts";
import { tutoringRequests } from "../../db/schema/tutoring";
import { outbox } from "../../db/schema/outbox";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { insertAttendance, insertEvent } from "../support/reports-fixture";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

/** A local date a few days ago (the event lies in the current year's report unless the year just began). */
function recentDay(): { date: string; year: number } {
  const d = new Date(Date.now() + 7 * 3600_000 - 3 * 86400_000);
  return { date: d.toISOString().slice(0, 10), year: d.getUTCFullYear() };
}

async function reportFigures(page: Page, slug: string, year: number) {
  await page.goto(`/chapters/${slug}/capaian/laporan?period=${year}`);
  return { summary: await page.getByTestId("report-summary").innerText(), indicators: await page.locator("table").first().innerText() };
}

test("the privacy notice is linked from every page's footer and states the configured retention periods", async ({ page }) => {
  await page.goto("/telecenter");
  await page.getByRole("contentinfo").getByRole("link", { name: "Pemberitahuan Privasi" }).click();
  await expect(page).toHaveURL(/\/privasi$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pemberitahuan Privasi");
  await expect(page.locator("#retention-learners")).toContainText("6 bulan setelah permintaannya ditutup");
  await expect(page.locator("#retention-emails")).toContainText("30 hari");
  await expect(page.locator("#retention-access-log")).toContainText("disimpan 24 bulan, lalu dihapus");
  await expect(page.locator("#retention-participants")).toContainText("dihapus 3 bulan setelah kegiatan selesai");
  await expect(page.locator("#retention-rate-limits")).toContainText("paling lama 1 hari");
  await expect(page.locator("#retention-devices")).toContainText("1 tahun tidak dipakai");
  await expect(page.getByText("Admin nasional Relawan TIK: semua data", { exact: false })).toBeVisible();
  await expect(page.locator("script[src]")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/register");
  await expect(page.getByRole("main").getByRole("link", { name: "Pemberitahuan Privasi" })).toHaveAttribute("href", "/privasi");
});

test("a volunteer downloads their data, then deletes the account; the chapter's Laporan Capaian shows the same figures", async ({ page, browser, db }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const chapter = await createChapter(db, { name: `RTIK Jember Privasi ${stamp}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: "Koordinator Privasi" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Rina Hapus Akun", email: `rina-${stamp}@example.test`, password: "sate ayam madura" });
  const other = await createUser(db, { name: "Budi Tetap" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  await addMembership(db, { userId: other.id, chapterId: chapter.id });
  await createVolunteerProfile(db, { userId: vol.id, regionCode: "35.09.01", whatsapp: "+6281298760001", skills: ["marketplace"], languages: ["id"], availability: ["sabtu-pagi"] });
  const { date, year } = recentDay();
  const ev = await insertEvent(db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", date, time: "08:00", participants: 33, title: `Internet Sehat ${stamp}` });
  await insertAttendance(db, ev, vol.id, 4);
  await insertAttendance(db, ev, other.id, 2);

  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await loginAs(leadPage, db, lead.id);
  // the lead opens the volunteer's profile: logged, and shown to the volunteer
  await leadPage.goto(`/chapters/${chapter.slug}/members/${vol.id}`);
  const before = await reportFigures(leadPage, chapter.slug, year);
  expect(before.indicators).toContain("6"); // hours 4 + 2

  await loginAs(page, db, vol.id);
  await page.goto("/akun/data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data saya");
  await expect(page.locator("#seen-by")).toContainText("Koordinator Privasi membuka profil anggota");
  // what the download holds, section by section (DECISIONS 126)
  await expect(page.locator("#download-holds")).toContainText("Kegiatan 1");
  await expect(page.locator("#download-holds")).toContainText("Data orang lain yang saya buka 0");
  await expectAccessible(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh (JSON, untuk dibaca mesin)" }).click();
  const file = await (await downloading).path();
  const json = JSON.parse(await readFile(file, "utf8")) as { account: { email: string; name: string }; profile: { whatsapp: string }; signups: unknown[]; seenBy: { kind: string }[] };
  expect(json.account).toMatchObject({ email: vol.email, name: "Rina Hapus Akun" });
  expect(json.profile.whatsapp).toBe("+6281298760001");
  expect(json.signups).toHaveLength(1);
  expect(json.seenBy.map((s) => s.kind)).toContain("member_profile");
  await page.getByRole("link", { name: "Lihat dan cetak (halaman yang mudah dibaca)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data pribadi saya di Simpul");
  await expect(page.getByText("+62 812-9876-0001")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kegiatan (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tawaran pendampingan (0)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Catatan chapter tentang saya (0)" })).toBeVisible();
  await expectAccessible(page);
  // the lead's own page names the list they opened, not whose it was
  await leadPage.goto("/akun/data/cetak");
  await expect(leadPage.getByRole("heading", { name: "Data orang lain yang saya buka (1)" })).toBeVisible();
  await expect(leadPage.getByRole("listitem").filter({ hasText: "membuka profil anggota" })).toContainText(chapter.name);
  await expect(leadPage.getByText("Rina Hapus Akun")).toHaveCount(0);

  await page.goto("/akun/data");
  await page.getByLabel("Kata sandi Anda").fill("salah sekali");
  await page.getByRole("button", { name: "Hapus akun saya" }).click();
  await expect(page.getByText("Kata sandi salah.")).toBeVisible();
  await page.getByLabel("Kata sandi Anda").fill("sate ayam madura");
  await page.getByRole("button", { name: "Hapus akun saya" }).click();
  await expect(page).toHaveURL(/\/akun\/dihapus$/);
  await expect(page.getByRole("status")).toHaveText("Akun Anda sudah dihapus. Terima kasih telah menjadi relawan.");
  await page.goto("/akun/data");
  await expect(page).toHaveURL(/\/login/);
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, vol.id));
  expect(row?.name).toBe("—");
  expect(row?.email).not.toContain("rina");

  const afterFigures = await reportFigures(leadPage, chapter.slug, year);
  expect(afterFigures).toEqual(before);
  await leadPage.goto(`/chapters/${chapter.slug}/roster`);
  await expect(leadPage.getByText("Rina Hapus Akun")).toHaveCount(0);
  const csv = await leadPage.request.get(`/chapters/${chapter.slug}/capaian/laporan.csv?period=${year}`);
  expect(csv.status()).toBe(200);
  await leadPage.goto(`/chapters/${chapter.slug}/akses-data`);
  await expect(leadPage.locator("#access-log")).toContainText("membuka profil anggota");
  await expect(leadPage.locator("#access-log")).toContainText("mengunduh Laporan Capaian");
  await expectAccessible(leadPage);
  await leadContext.close();
});

async function fileRequest(db: Db, over: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries({ name: "Pak Harjo", whatsapp: "0813-4444-9001", topics: "marketplace", forWhom: "self", language: "id", mode: "home", consent: "yes", minor: "no", ...over })) f.append(k, v);
  const parsed = parseTutoringForm(f, "35.10.01.2001");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = await createTutoringRequest(db, parsed.data, { ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, locale: "id" });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
}


/** axe-core needs script in the page: the same (JavaScript-free) page, opened in a context that allows it. */
async function accessibleWithAxe(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const p = await context.newPage();
  await p.goto(path);
  await expectAccessible(p);
  await context.close();
}

test("a chapter's only lead is told plainly before erasing, and erasing still works: the national admins are emailed", async ({ page, db }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const chapter = await createChapter(db, { name: "RTIK Kabupaten Lumajang", regionCode: "35.08" });
  const shared = await createChapter(db, { name: "RTIK Kota Probolinggo", regionCode: "35.74" });
  const lead = await createUser(db, { name: "Koordinator Tunggal", password: "lumajang sendirian 1" });
  const colleague = await createUser(db, { name: "Rekan Koordinator" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await addMembership(db, { userId: lead.id, chapterId: shared.id, role: "lead" });
  await addMembership(db, { userId: colleague.id, chapterId: shared.id, role: "lead" });
  const admin = await createUser(db, { name: "Admin Pusat", isAdmin: true });
  await loginAs(page, db, lead.id);
  await page.goto("/akun/data");
  const note = page.locator("#only-lead");
  await expect(note).toHaveText(/^Anda satu-satunya koordinator RTIK Kabupaten Lumajang\. Jika akun dihapus, chapter itu tidak punya koordinator/);
  // the chapter that keeps another lead is not named
  await expect(note).not.toContainText("Probolinggo");
  await expectAccessible(page);
  await page.getByLabel("Kata sandi Anda").fill("lumajang sendirian 1");
  await page.getByRole("button", { name: "Hapus akun saya" }).click();
  await expect(page).toHaveURL(/\/akun\/dihapus$/);
  await expect
    .poll(async () => (await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.template, "chapter-without-lead"), eq(outbox.toEmail, admin.email)))).length)
    .toBe(1);
});

test("a volunteer in Jayapura reads who saw their data at Jayapura's time, named WIT", async ({ page, browser, db }) => {
  const stamp = Date.now();
  const chapter = await createChapter(db, { name: `RTIK Jayapura Privasi ${stamp}`, regionCode: "91.71" });
  const lead = await createUser(db, { name: "Koordinator Jayapura" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Yohana Wenda" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  await createVolunteerProfile(db, { userId: vol.id, regionCode: "91.71.01", whatsapp: "+6281298760091" });
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await loginAs(leadPage, db, lead.id);
  await leadPage.goto(`/chapters/${chapter.slug}/members/${vol.id}`);
  const opened = new Date();
  await leadContext.close();

  await loginAs(page, db, vol.id);
  await page.goto("/akun/data");
  const seen = page.locator("#seen-by li").filter({ hasText: "Koordinator Jayapura" });
  await expect(seen).toHaveCount(1);
  const text = await seen.innerText();
  expect(text).toMatch(/ WIT — /);
  // the hour on Jayapura's clock (UTC+9), not Jakarta's
  const hourWit = String((opened.getUTCHours() + 9) % 24).padStart(2, "0");
  const minute = opened.getUTCMinutes();
  expect([minute, (minute + 1) % 60].some((m) => text.includes(`${hourWit}.${String(m).padStart(2, "0")} WIT`))).toBe(true);
});

async function sendMinorWithoutGuardian(page: Page, name: string, whatsapp: string) {
    await page.goto("/bantu");
    await page.getByLabel("Nama Anda").fill(name);
    await page.getByLabel("Nomor WhatsApp").fill(whatsapp);
    await page.getByLabel("Berjualan di marketplace").check();
    await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
    await page.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await page.waitForLoadState("load");
    await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Banyuwangi" });
    await page.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await page.waitForLoadState("load");
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Pesanggaran" });
    await page.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await page.waitForLoadState("load");
    await page.getByLabel("Ya, di bawah 18 tahun").check();
    await page.getByLabel("Saya setuju data saya dipakai seperti dijelaskan di atas.").check();
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
}

test("the /bantu form with a minor's missing guardian shows accessible errors", async ({ page }) => {
  test.setTimeout(180_000);
  await sendMinorWithoutGuardian(page, "Dik Axe", "0813-0000-0001");
  await expect(page.getByText("Untuk anak di bawah 18 tahun, orang tua/wali harus menyetujui.")).toBeVisible();
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a learner sees who opened their contact, then erases the request; the lead's page no longer shows the contact", async ({ page, browser, db }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const lead = await createUser(db, { name: "Hesti Koordinator" });
    const [chapter] = await db.select().from(chapters).where(eq(chapters.regionCode, "35.10")).orderBy(asc(chapters.id)).limit(1);
    const ch = chapter ?? (await createChapter(db, { name: "RTIK Banyuwangi", regionCode: "35.10" }));
    await addMembership(db, { userId: lead.id, chapterId: ch.id, role: "lead" });
    const whatsapp = `0813${String(stamp).slice(-8)}`;
    const r = await fileRequest(db, { name: `Pak Harjo ${stamp}`, whatsapp });

    const leadContext = await browser.newContext({ javaScriptEnabled: false });
    const leadPage = await leadContext.newPage();
    await loginAs(leadPage, db, lead.id);
    await leadPage.goto(`/chapters/${ch.slug}/tutoring/${r.requestId}`);
    await expect(leadPage.locator("#learner-name")).toHaveText(`Pak Harjo ${stamp}`);

    await page.goto(`/lacak/${r.token}`);
    await expect(page.locator("#seen-by")).toContainText("Hesti");
    await expect(page.locator("#learner-name")).toHaveText(`Pak Harjo ${stamp}`);
    // everything held, in words: for whom, where, the language (not "self", "home", "id")
    const held = page.getByRole("region", { name: "Data Anda" });
    for (const [term, value] of [["Untuk siapa", "Untuk saya sendiri"], ["Tempat belajar", "Di rumah saya"], ["Bahasa", "Indonesia"]] as const)
      await expect(held.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("+ dd")).toHaveText(value);
    await accessibleWithAxe(browser, `/lacak/${r.token}`);
    // correct the name first
    await page.getByRole("textbox", { name: "Nama Anda" }).fill(`Pak Harjono ${stamp}`);
    await page.getByRole("button", { name: "Simpan perbaikan" }).click();
    await expect(page.getByRole("status")).toHaveText("Nama dan kontak Anda sudah diperbaiki.");
    await expect(page.locator("#learner-name")).toHaveText(`Pak Harjono ${stamp}`);
    // erase: the confirmation is required
    await page.getByRole("button", { name: "Hapus data saya" }).click();
    await expect(page.getByText("Centang konfirmasi untuk menghapus.")).toBeVisible();
    await page.getByLabel("Ya, hapus data saya").check();
    await page.getByRole("button", { name: "Hapus data saya" }).click();
    await expect(page.getByRole("status")).toHaveText("Data pribadi Anda sudah dihapus.");
    await expect(page.locator("#erased-notice")).toBeVisible();
    await expect(page.getByText(`Pak Harjono ${stamp}`)).toHaveCount(0);
    await expect(page.locator("#tutoring-status")).toHaveText("Dibatalkan");
    await accessibleWithAxe(browser, `/lacak/${r.token}`);

    await leadPage.reload();
    await expect(leadPage.locator("#learner-erased")).toHaveText("Data pribadi pelajar sudah dihapus.");
    await expect(leadPage.getByText(`Pak Harjono ${stamp}`)).toHaveCount(0);
    await expect(leadPage.locator(`a[href^="https://wa.me"]`)).toHaveCount(0);
    const [row] = await db.select({ whatsapp: tutoringRequests.whatsapp, name: tutoringRequests.learnerName }).from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    expect(row).toEqual({ whatsapp: null, name: "" });
    await leadContext.close();
  });

  test("a minor's request cannot be sent without a parent's or guardian's consent", async ({ page, db }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const whatsapp = `0813${String(stamp).slice(-8)}`;
    await sendMinorWithoutGuardian(page, `Dik Bayu ${stamp}`, whatsapp);
    await expect(page.getByText("Tulis nama orang tua/wali.")).toBeVisible();
    await expect(page.getByText("Tulis WhatsApp atau email orang tua/wali.")).toBeVisible();
    await expect(page.getByText("Untuk anak di bawah 18 tahun, orang tua/wali harus menyetujui.")).toBeVisible();
    await expect(page.getByLabel("Nama Anda")).toHaveValue(`Dik Bayu ${stamp}`);
    await expect(page.getByLabel("Ya, di bawah 18 tahun")).toBeChecked();
    const normalized = `+62${whatsapp.slice(1)}`;
    const mine = and(eq(tutoringRequests.whatsapp, normalized));
    expect(await db.select().from(tutoringRequests).where(mine)).toHaveLength(0);

    await page.getByLabel("Nama orang tua/wali").fill("Ibu Sumiati");
    await page.getByLabel("WhatsApp atau email orang tua/wali").fill("0812-3456-7001");
    await page.getByLabel("Saya orang tua/wali dan menyetujui", { exact: false }).check();
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permintaan Anda sudah terkirim");
    const [row] = await db.select({ minor: tutoringRequests.isMinor, g: tutoringRequests.guardianName, c: tutoringRequests.guardianContact }).from(tutoringRequests).where(mine);
    expect(row).toEqual({ minor: true, g: "Ibu Sumiati", c: "+6281234567001" });
  });
});
