import type { Page } from "@playwright/test";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

/**
 * Jember's year entered through the UI as a lead would: targets, 7 past events, their reports (20 schools — SMP/MTs and
 * SMA — at Internet Sehat, 3 pesantren, 3 Desa Go-Online, 30 schools and foundations, 100 UMKM, 7 communities),
 * counting every form submission; then the Laporan Capaian must equal the list.
 */

/** yyyy-mm-dd in WIB, `days` ago, kept inside the current year (the Laporan's default period). */
function wibDay(days: number): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(now.getTime() - days * 86400_000);
  const day = d.getUTCFullYear() === now.getUTCFullYear() ? d : new Date(Date.UTC(now.getUTCFullYear(), 0, 1, 12));
  return day.toISOString().slice(0, 10);
}

const SMP = ["SMP Negeri 1 Jember", "SMP Negeri 2 Jember", "SMPN 3 Jember", "SMP Negeri 4 Jember", "MTs Negeri 1 Jember", "MTs Negeri 2 Jember", "SMP Islam Al-Falah Jember", "SMP Muhammadiyah 1 Jember", "Madrasah Tsanawiyah Nurul Huda Ajung", "SMP Katolik Santo Paulus Jember"];
// the second Internet Sehat day names one school of the first again, written differently: it must count once
const SMA = ["SMAN 1 Jember", "SMA Negeri 2 Jember", "SMA Negeri 3 Jember", "SMK Negeri 1 Jember", "SMK Negeri 2 Jember", "MAN 1 Jember", "MA Unggulan Nuris Jember", "SMA Muhammadiyah 3 Jember", "SMK Al-Qodiri Jember", "SMA Katolik Santo Paulus Jember", "SMPN 1 Jember"];
const PESANTREN = ["Pondok Pesantren Al-Qodiri", "Ponpes Nurul Islam Antirogo", "Pondok Pesantren Darus Sholah"];

function listOf(rows: string[][]): string {
  return rows.map((r) => r.join(";")).join("\n");
}

test("Jember's year in at most 15 forms; the Laporan Capaian equals the list", async ({ page, db }) => {
  test.setTimeout(240_000);
  const stamp = Date.now() % 100000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Tahunan ${stamp}` });
  const lead = await createUser(db, { name: "Ahmad Fauzi" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await loginAs(page, db, lead.id);

  let forms = 0;
  page.on("request", (r) => {
    if (r.method() === "POST") forms++;
  });

  // 1 form: the year's targets
  await page.goto(`/chapters/${chapter.slug}/targets`);
  const targets: [string, string][] = [
    ["Sekolah dijangkau Internet Sehat", "20"],
    ["Pesantren dijangkau", "3"],
    ["UMKM Go-Online", "100"],
    ["Desa Go-Online", "3"],
    ["Sekolah dan yayasan Go-Online", "30"],
    ["Komunitas Go-Online", "7"],
    ["Kegiatan terlaksana", "7"],
  ];
  for (const [label, value] of targets) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Simpan target" }).click();
  await expect(page.getByRole("status").first()).toBeVisible();

  // 7 forms: the events (held in the past weeks)
  async function planEvent(title: string, program: string, days: number): Promise<number> {
    await page.goto(`/events/new?chapter=${chapter.id}`);
    await page.getByLabel("Judul kegiatan").fill(title);
    await page.getByLabel("Program").selectOption({ label: program });
    await page.getByLabel("Nama tempat baru").fill("Aula Diskominfo Jember");
    await page.getByLabel("Jenis lembaga").selectOption("opd");
    await page.getByLabel("Kecamatan").selectOption({ label: "Kaliwates" });
    await page.getByLabel("Tanggal (hari pertama)").fill(wibDay(days));
    await page.getByLabel("Jam mulai").fill("08:00");
    await page.getByLabel("Jam selesai").fill("12:00");
    await page.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran").fill("Narasumber");
    await page.getByRole("group", { name: "Peran 1" }).getByLabel("Kapasitas").fill("3");
    await page.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    return Number(new URL(page.url()).pathname.split("/")[2]);
  }
  const e1 = await planEvent("Internet Sehat SMP/MTs", "Internet Sehat", 70);
  const e2 = await planEvent("Internet Sehat SMA/SMK/MA", "Internet Sehat", 63);
  const e3 = await planEvent("Internet Sehat Pesantren", "Internet Sehat", 56);
  const e4 = await planEvent("Desa Go-Online", "UMKM Go-Online", 49);
  const e5 = await planEvent("Sekolah dan Yayasan Go-Online", "UMKM Go-Online", 42);
  const e6 = await planEvent("Klinik 100 UMKM Go-Online", "UMKM Go-Online", 35);
  const e7 = await planEvent("Komunitas Go-Online", "UMKM Go-Online", 28);

  // 7 forms: each report filed and approved at once by the lead (the events have ended)
  async function fileReport(eventId: number, participants: string, fill: (p: Page) => Promise<void>) {
    await page.goto(`/events/${eventId}/report`);
    await page.getByLabel("Jumlah peserta").fill(participants);
    await fill(page);
    await page.getByLabel(/Setujui sekarang/).check();
    await page.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(page.getByText("Laporan disetujui")).toBeVisible();
  }
  const schools = (names: string[], type = "school") => async (p: Page) => {
    await p.getByLabel("Lembaga lain yang dijangkau (satu per baris)").fill(names.join("\n"));
    await p.locator("#f-newInstitutionType").selectOption(type);
  };
  await fileReport(e1, "400", schools(SMP));
  await fileReport(e2, "450", async (p) => {
    // the registry is searched as the lead types: "madrasah tsanawiyah negeri 1" finds "MTs Negeri 1 Jember"
    await p.getByLabel("Cari lembaga di registri chapter").fill("madrasah tsanawiyah negeri 1 jember");
    await expect(p.getByRole("region", { name: /Hasil pencarian/ }).getByLabel(/MTs Negeri 1 Jember/)).toBeVisible();
    await schools(SMA)(p);
  });
  await fileReport(e3, "150", schools(PESANTREN, "pesantren"));
  const online = (rows: string[][]) => async (p: Page) => {
    await p.getByLabel("Daftar go-online (tempel dari spreadsheet)").fill(listOf(rows));
  };
  await fileReport(e4, "45", online([["nama", "jenis", "kecamatan", "dibuat"], ["Desa Sukorejo", "desa", "Bangsalsari", "website, sosial"], ["Desa Rembangan", "desa", "Arjasa", "website, gbp"], ["Kelurahan Kebonsari", "desa", "Sumbersari", "website"]]));
  await fileReport(
    e5,
    "60",
    online([
      ...Array.from({ length: 20 }, (_, i) => [`SD Negeri ${i + 1} Sumbersari`, "sekolah", "Sumbersari", "website, sosial"]),
      ...Array.from({ length: 10 }, (_, i) => [`Yayasan Pendidikan Bina Umat ${i + 1}`, "yayasan", "", "website"]),
    ]),
  );
  await fileReport(e6, "120", async (p) => {
    const csv = ["name,kind,region,set up", ...Array.from({ length: 100 }, (_, i) => `Kopi Rakyat Jember ${i + 1},umkm,${i % 2 ? "Kaliwates" : "Patrang"},marketplace;qris`)].join("\n");
    await p.getByLabel(/Atau unggah berkas CSV/).setInputFiles({ name: "umkm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  });
  await fileReport(e7, "70", online(Array.from({ length: 7 }, (_, i) => [`Komunitas Digital Jember ${i + 1}`, "komunitas", "", "sosial"])));

  console.log(`Jember year: ${forms} form submissions`);
  expect(forms).toBeLessThanOrEqual(15);

  // the Laporan Capaian equals the list; its pages fit a 390 px phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/chapters/${chapter.slug}/capaian/laporan`);
  const expected: Record<string, string> = { schools_internet_sehat: "20", pesantren_reached: "3", villages_online: "3", schools_online: "30", umkm_online: "100", communities_online: "7", events_held: "7" };
  for (const [key, value] of Object.entries(expected)) await expect(page.getByTestId(`report-value-${key}`)).toHaveText(value);
  await expect(page.getByTestId("school-levels")).toHaveText("Sekolah dijangkau Internet Sehat menurut jenjang: 10 SMP/MTs, 10 SMA/SMK/MA.");
  for (const path of ["/capaian/laporan", "/capaian", "/capaian/schools_internet_sehat"]) {
    await page.goto(`/chapters/${chapter.slug}${path}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} fits 390 px`).toBeLessThanOrEqual(390);
  }
});

test("without JavaScript: the registry search keeps what was typed; a go-online list with a bad line is previewed and nothing is saved", async ({ browser, db }) => {
  test.setTimeout(120_000);
  const { createOutreachEvent } = await import("../factories");
  const { findOrCreateInstitution } = await import("../../app/models/events/events.server");
  const { outcomeReports } = await import("../../db/schema/events");
  const { eq } = await import("drizzle-orm");
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember NoJS ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Koordinator Tanpa JS" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await findOrCreateInstitution(db, { type: "school", name: "SMA Negeri 7 Jember", regionCode: "35.09.03" });
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", programSlug: "umkm-go-online", date: wibDay(3) });
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await loginAs(page, db, lead.id);
  await page.goto(`/events/${eventId}/report`);
  await page.getByLabel("Jumlah peserta").fill("33");
  await page.getByLabel("Cari lembaga di registri chapter").fill("sman 7 jember");
  await page.getByRole("button", { name: "Cari", exact: true }).click();
  await expect(page.getByRole("region", { name: /Hasil pencarian/ }).getByLabel(/SMA Negeri 7 Jember/)).toBeVisible();
  await expect(page.getByLabel("Jumlah peserta")).toHaveValue("33");
  await page.getByLabel("Daftar go-online (tempel dari spreadsheet)").fill("Batik Tanjung;umkm;;marketplace\nTape Bu Ani;tape;;teleport");
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page.getByText("Ada baris yang perlu diperbaiki (lihat pratinjau); belum ada yang disimpan.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Tape Bu Ani/ })).toContainText("Jenis tidak dikenal");
  await expect(page.getByLabel("Jumlah peserta")).toHaveValue("33");
  expect(await db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId))).toHaveLength(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
