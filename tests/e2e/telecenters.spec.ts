import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { surveyAssignments, surveyResponses, telecenterReports } from "../../db/schema/telecenters";
import { createDemoInstrument, fillDemoResponse } from "../../db/seed-telecenters";
import { addStaff, createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

/** A chapter in Kabupaten Jember with a lead, a surveyor and two telecenters. */
async function setup(db: Db, tag: string) {
  const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: `Lead ${tag}` });
  const surveyor = await createUser(db, { name: `Surveyor ${tag}` });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await addMembership(db, { userId: surveyor.id, chapterId: chapter.id });
  const ids: number[] = [];
  for (const [name, region, services] of [
    [`Telecenter Jombang ${tag}`, "35.09.01", ["internet", "printing", "social-ict-mentoring"]],
    [`Telecenter Sumberbaru ${tag}`, "35.09.03", ["typing"]],
  ] as const) {
    const r = await createTelecenter(db, { chapterId: chapter.id, userId: lead.id, form: { name, regionCode: region, services: [...services], address: "Jl. Kenanga 3", contactPhone: "0812-3456-7890" } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    ids.push(r.id);
  }
  await createDemoInstrument(db, { chapterId: chapter.id, userId: lead.id, name: `Instrumen ${tag}` });
  return { chapter, lead, surveyor, telecenterIds: ids };
}

const photo = () =>
  sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#5a8" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 42/1 0/1" } })
    .toBuffer();

test("a lead launches a campaign, a surveyor fills it on the phone with a photo and resumes, the lead sees the classification", async ({ page, db }) => {
  test.setTimeout(120_000); // a whole season's journey with axe on ten pages: slow on a busy 2-core machine
  const tag = `${Date.now() % 100000}`;
  const { chapter, lead, surveyor, telecenterIds } = await setup(db, tag);

  await loginAs(page, db, lead.id);
  await page.goto(`/telecenter/campaigns/new?chapter=${chapter.id}`);
  await expectAccessible(page);
  await page.getByLabel("Nama kampanye").fill(`Survei ${tag}`);
  await page.getByLabel("Instrumen").selectOption({ label: `Instrumen ${tag} · v1` });
  await page.getByLabel(`Telecenter Sumberbaru ${tag}`).uncheck();
  await page.getByRole("button", { name: "Mulai kampanye" }).click();
  await expect(page).toHaveURL(/\/telecenter\/campaigns\/\d+\?created=1$/);
  await expect(page.getByRole("status")).toHaveText(/Kampanye dimulai/);
  await page.getByLabel(`Telecenter Jombang ${tag}`).selectOption({ label: `Surveyor ${tag}` });
  await page.getByRole("button", { name: "Simpan penugasan" }).click();
  await expect(page.getByText("Penugasan tersimpan.")).toBeVisible();
  await expectAccessible(page);
  const campaignUrl = page.url().replace(/\?.*$/, "");

  // the surveyor, on a phone
  await page.context().clearCookies();
  await loginAs(page, db, surveyor.id);
  await page.goto("/telecenter/survey");
  await expectAccessible(page);
  await page.getByRole("link", { name: `Telecenter Jombang ${tag}` }).click();
  await expect(page.getByRole("heading", { name: "Bagian 1 dari 5: Fasilitas" })).toBeVisible();
  await expectAccessible(page);
  const formUrl = page.url();
  // a surveyor is not a lead: no campaign page, no export
  expect((await page.request.get(campaignUrl)).status()).toBe(403);
  expect((await page.request.get(`${campaignUrl}/answers.csv`)).status()).toBe(403);
  await page.getByLabel(/Jumlah komputer/).fill("6");
  await page.getByRole("radiogroup", { name: /Printer berfungsi/ }).getByLabel("Ya").check();
  await page.getByRole("radiogroup", { name: /Koneksi internet/ }).getByLabel("Stabil").check();
  await page.getByLabel(/Foto ruang dan perangkat/).setInputFiles({ name: "ruang.jpg", mimeType: "image/jpeg", buffer: await photo() });
  await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
  await expect(page.getByRole("heading", { name: "Bagian 2 dari 5: Layanan sosial" })).toBeVisible();

  // the signal drops; later the surveyor comes back: section 1 is kept, with its photo
  await page.goto("/telecenter/survey");
  await expect(page.getByText("1 dari 5 bagian tersimpan")).toBeVisible();
  await page.getByRole("link", { name: `Telecenter Jombang ${tag}` }).click();
  await expect(page.getByRole("heading", { name: "Bagian 2 dari 5: Layanan sosial" })).toBeVisible();
  await page.getByRole("link", { name: "Fasilitas" }).click();
  await expect(page.getByLabel(/Jumlah komputer/)).toHaveValue("6");
  await expect(page.getByRole("img", { name: /Foto 1: Foto ruang/ })).toBeVisible();
  await page.getByRole("link", { name: "Periksa dan kirim" }).click();
  await expect(page.getByText("Masih ada 3 jawaban wajib yang kosong:")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Kirim survei" }).click();
  await expect(page.getByText("Lengkapi jawaban wajib sebelum mengirim.")).toBeVisible();

  await page.getByRole("link", { name: /Struktur pengelola/ }).click();
  await expect(page.getByRole("heading", { name: "Bagian 4 dari 5: Pengelolaan" })).toBeVisible();
  await page.getByRole("radiogroup", { name: /Struktur pengelola/ }).getByLabel("Sebagian terisi").check();
  await page.getByRole("radiogroup", { name: /Keaktifan pengelola/ }).getByLabel("3").check();
  await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
  await page.getByRole("radiogroup", { name: /Laporan harian/ }).getByLabel("Rutin setiap hari").check();
  await page.getByRole("button", { name: "Simpan dan periksa" }).click();
  await expect(page.getByText("Semua jawaban wajib sudah terisi.")).toBeVisible();
  await page.getByRole("button", { name: "Kirim survei" }).click();
  await expect(page.getByText("Survei terkirim. Terima kasih!")).toBeVisible();
  // fasilitas 10/13, sosial 0/8, komersial 0/7, pengelolaan 3/7, laporan 3/4 → (3·76.92 + 2·42.86 + 75)/10 = 39.15
  await expect(page.getByText("Skor 39.15 · klasifikasi Perlu pendampingan")).toBeVisible();
  const [row] = await db
    .select({ status: surveyResponses.status })
    .from(surveyResponses)
    .innerJoin(surveyAssignments, eq(surveyAssignments.id, surveyResponses.assignmentId))
    .where(eq(surveyAssignments.surveyorId, surveyor.id));
  expect(row?.status).toBe("submitted");

  // the lead sees the classification (but the field form is the assigned surveyor's only)
  await page.context().clearCookies();
  await loginAs(page, db, lead.id);
  expect((await page.request.get(formUrl)).status()).toBe(404);
  await page.goto(campaignUrl);
  const results = page.getByRole("region", { name: "Hasil dan klasifikasi" });
  await expect(results.getByRole("row", { name: new RegExp(`Telecenter Jombang ${tag}`) })).toContainText("Perlu pendampingan");
  await expect(page.getByText("1 telecenter: 0 belum ditugaskan, 0 belum dimulai, 0 sedang diisi, 1 terkirim.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Per kecamatan" })).toContainText("Perlu pendampingan");
  await expectAccessible(page);
  for (const path of ["/telecenter", `/telecenter/${telecenterIds[0]}`, `/telecenter/${telecenterIds[0]}/reports`, `/telecenter/${telecenterIds[0]}/edit`, "/telecenter/manage", "/telecenter/instruments", "/telecenter/campaigns"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.goto(campaignUrl);
  const csv = await page.request.get(`${campaignUrl}/answers.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Perlu pendampingan");

  // the instrument version is now locked
  await page.getByRole("link", { name: `Instrumen ${tag} v1` }).click();
  await expect(page.getByText(/Versi ini sudah dipakai kampanye survei/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Tambah bagian" })).toHaveCount(0);
  await expectAccessible(page);
  // editing starts from a new version: an editable copy
  await page.getByRole("button", { name: "Buat versi baru" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Instrumen ${tag} · versi 2`);
  const daily = page.getByRole("region", { name: "5. Laporan harian" });
  await daily.getByLabel("Jenis jawaban").selectOption({ label: "Pilihan" });
  await daily.getByLabel("Pertanyaan", { exact: true }).fill("Buku tamu pengunjung");
  await daily.getByLabel("Pilihan (untuk jenis pilihan)").fill("Tidak ada");
  await daily.getByRole("button", { name: "Tambah pertanyaan" }).click();
  await expect(page.getByText("Tulis minimal dua pilihan, satu per baris: label = poin.")).toBeVisible();
  await expect(daily.getByLabel("Pertanyaan", { exact: true })).toHaveValue("Buku tamu pengunjung");
  await daily.getByLabel("Pilihan (untuk jenis pilihan)").fill("Tidak ada = 0\nAda, terisi rutin = 2");
  await daily.getByRole("button", { name: "Tambah pertanyaan" }).click();
  await expect(daily.getByText("Tidak ada (0) · Ada, terisi rutin (2)")).toBeVisible();
  // the new question moves up one place, and the wording of the first question is corrected
  const items = daily.getByRole("listitem");
  const count = await items.count();
  await daily.getByRole("button", { name: `Naikkan pertanyaan ${count}` }).click();
  await expect(items.nth(count - 2)).toContainText("Buku tamu pengunjung");
  await daily.getByText("Ubah teks pertanyaan 1", { exact: true }).click();
  await daily.getByLabel("Teks pertanyaan 1", { exact: true }).fill("Laporan harian tercatat (pemakaian, pendapatan, keluhan)");
  await daily.getByRole("button", { name: "Simpan pertanyaan" }).first().click();
  await expect(items.first()).toContainText("Laporan harian tercatat (pemakaian, pendapatan, keluhan)");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor finds a telecenter by service and area without personal data; its manager files a monthly report; a lead registers one", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const { telecenterIds, chapter, lead } = await setup(db, tag);
    const manager = await createUser(db, { name: `Pengelola ${tag}` });
    await addStaff(db, { telecenterId: telecenterIds[0] ?? 0, role: "manager", email: manager.email });

    await page.goto("/telecenter");
    await page.getByLabel("Layanan").selectOption({ label: "Pendampingan TIK" });
    await page.getByLabel("Wilayah").selectOption({ label: "Kec. Sumberbaru" });
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page.getByRole("link", { name: `Telecenter Sumberbaru ${tag}` })).toHaveCount(0);
    await page.getByLabel("Wilayah").selectOption({ label: "Kec. Jombang" });
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await page.getByRole("link", { name: `Telecenter Jombang ${tag}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Telecenter Jombang ${tag}`);
    await expect(page.getByText("Akses internet")).toBeVisible();
    await expect(page.getByText("0812-3456-7890")).toHaveCount(0);
    await expect(page.getByText(`Pengelola ${tag}`)).toHaveCount(0);

    await loginAs(page, db, manager.id);
    await page.reload();
    await expect(page.getByText(`Pengelola: Pengelola ${tag}`)).toBeVisible();
    await page.getByRole("link", { name: "Laporan operasional" }).click();
    await page.getByLabel("Bulanan").check();
    await page.getByLabel("Tanggal").fill("2026-11-15");
    await page.getByLabel("Akses internet").fill("banyak");
    await page.getByLabel("Pendapatan (Rp)").fill("1.250.000");
    await page.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(page.getByText("Isi angka bulat 0 atau lebih.")).toBeVisible();
    await expect(page.getByLabel("Pendapatan (Rp)")).toHaveValue("1.250.000");
    await page.getByLabel("Akses internet").fill("120");
    await page.getByLabel("Pencetakan").fill("30");
    await page.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(page.getByText("Laporan tersimpan.")).toBeVisible();
    const totals = page.getByRole("region", { name: "Rekap per bulan" });
    await expect(totals.getByRole("row", { name: /2026-11/ })).toContainText("150");
    await expect(totals.getByRole("row", { name: /2026-11/ })).toContainText("Rp1.250.000");
    // the lead registers a new telecenter: the region picker steps without JavaScript and keeps what was typed
    await page.context().clearCookies();
    await loginAs(page, db, lead.id);
    await page.goto(`/telecenter/new?chapter=${chapter.id}`);
    await page.getByLabel("Nama telecenter").fill(`PAK Kencong ${tag}`);
    await page.getByLabel("Lintang (latitude)").fill("-8,28");
    await page.getByLabel("Pendampingan TIK").check();
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page.getByRole("group", { name: "Lokasi" })).toContainText("Wajib diisi.");
    await expect(page.getByLabel("Nama telecenter")).toHaveValue(`PAK Kencong ${tag}`);
    await expect(page.getByLabel("Pendampingan TIK")).toBeChecked();
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Kencong" });
    await page.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await page.waitForLoadState("load"); // the whole document, before the next submit
    await expect(page.getByLabel("Desa/Kelurahan")).toBeEnabled();
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page.getByText("Isi lintang dan bujur sekaligus.")).toBeVisible();
    await expect(page.getByLabel("Lintang (latitude)")).toHaveValue("-8,28");
    await page.getByLabel("Bujur (longitude)").fill("113,37");
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page.getByText("Telecenter tersimpan.")).toBeVisible();
    await page.getByRole("link", { name: "Lihat halaman telecenter" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`PAK Kencong ${tag}`);
    await expect(page.getByText("Kencong, Kabupaten Jember")).toBeVisible();
    await expect(page.getByText("Pendampingan TIK")).toBeVisible();

    const stored = await db.select().from(telecenterReports).where(and(eq(telecenterReports.telecenterId, telecenterIds[0] ?? 0), eq(telecenterReports.periodStart, "2026-11-01")));
    expect(stored.map((r) => r.income)).toEqual([1_250_000]);
  });
});

for (const javaScriptEnabled of [true, false]) {
  test(`in a chapter of 300 members the lead searches for a surveyor without losing the choices made (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, db }) => {
    const tag = `${Date.now() % 100000}${javaScriptEnabled ? "j" : "n"}`;
    const { chapter, lead, telecenterIds } = await setup(db, tag);
    const p = `e2e-surveyor-${tag}-`;
    await db.execute(sql`insert into app_user (id, email, name)
      select ${p} || g, ${p} || g || '@contoh.test', case when g = 300 then 'Zulfa Rahmawati' else (array['Agus', 'Ahmad', 'Budi'])[1 + g % 3] || ' ' || g end
      from generate_series(1, 300) g`);
    await db.execute(sql`insert into membership (user_id, chapter_id, role, status) select ${p} || g, ${chapter.id}::int, 'volunteer', 'active' from generate_series(1, 300) g`);
    const { createCampaign } = await import("../../app/models/telecenters/campaigns.server");
    const { versionId } = await createDemoInstrument(db, { chapterId: chapter.id, userId: lead.id, name: `Instrumen besar ${tag}` });
    const c = await createCampaign(db, { name: `Survei besar ${tag}`, chapterId: chapter.id, versionId, telecenterIds, userId: lead.id });
    if (!c.ok) throw new Error("campaign");

    const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 393, height: 851 } });
    const page = await context.newPage();
    await loginAs(page, db, lead.id);
    await page.goto(`/telecenter/campaigns/${c.campaignId}`);
    const jombang = page.getByLabel(`Telecenter Jombang ${tag}`);
    await expect(jombang.locator("option")).toHaveCount(51); // "nobody" and the first 50 by name
    await expect(page.getByText("Daftar surveyor memuat 50 nama pertama menurut abjad")).toBeVisible();
    await jombang.selectOption({ label: "Agus 102" });
    await page.getByLabel("Cari anggota untuk ditugaskan (nama atau email)").fill("zulfa");
    await page.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(page.getByText("1 anggota yang cocok dengan “zulfa” kini ada di daftar surveyor.")).toBeVisible();
    await expect(jombang).toHaveValue(`${p}102`); // the choice made before the search
    await page.getByLabel(`Telecenter Sumberbaru ${tag}`).selectOption({ label: "Zulfa Rahmawati" });
    if (javaScriptEnabled) await expectAccessible(page);
    await page.getByRole("button", { name: "Simpan penugasan" }).click();
    await expect(page.getByText("Penugasan tersimpan.")).toBeVisible();
    const rows = await db.select({ telecenterId: surveyAssignments.telecenterId, surveyorId: surveyAssignments.surveyorId }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    expect(Object.fromEntries(rows.map((r) => [r.telecenterId, r.surveyorId]))).toEqual({ [telecenterIds[0]!]: `${p}102`, [telecenterIds[1]!]: `${p}300` });
    // the page afresh offers the campaign's two surveyors with the first 50
    await page.goto(`/telecenter/campaigns/${c.campaignId}`);
    await expect(page.getByLabel(`Telecenter Sumberbaru ${tag}`)).toHaveValue(`${p}300`);
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a campaign of 33 telecenters is assigned kecamatan by kecamatan, choices carried until saved; a survey sent back (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, db }) => {
    const tag = `${Date.now() % 100000}${javaScriptEnabled ? "j" : "n"}`;
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Lead ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const ayu = await createUser(db, { name: `Ayu ${tag}` });
    const bima = await createUser(db, { name: `Bima ${tag}` });
    for (const u of [ayu, bima]) await addMembership(db, { userId: u.id, chapterId: chapter.id });
    const idOf = new Map<string, number>();
    for (const [kec, region, n] of [
      ["Sumberbaru", "35.09.03", 10],
      ["Kencong", "35.09.02", 11],
      ["Jombang", "35.09.01", 12],
    ] as const) {
      for (let i = 1; i <= n; i++) {
        const r = await createTelecenter(db, { chapterId: chapter.id, userId: lead.id, form: { name: `TC ${kec} ${i} ${tag}`, regionCode: region, services: ["internet"] } });
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        idOf.set(`${kec} ${i}`, r.id);
      }
    }
    const { createCampaign } = await import("../../app/models/telecenters/campaigns.server");
    const { versionId } = await createDemoInstrument(db, { chapterId: chapter.id, userId: lead.id, name: `Instrumen kota ${tag}` });
    const c = await createCampaign(db, { name: `Survei kota ${tag}`, chapterId: chapter.id, versionId, telecenterIds: [...idOf.values()], userId: lead.id });
    if (!c.ok) throw new Error("campaign");
    const assignmentOf = async (key: string) => {
      const [a] = await db
        .select({ id: surveyAssignments.id, surveyorId: surveyAssignments.surveyorId })
        .from(surveyAssignments)
        .where(and(eq(surveyAssignments.campaignId, c.campaignId), eq(surveyAssignments.telecenterId, idOf.get(key) ?? 0)));
      if (!a) throw new Error(key);
      return a;
    };
    // Jombang 1 is already surveyed by Ayu
    const done = await assignmentOf("Jombang 1");
    await db.update(surveyAssignments).set({ surveyorId: ayu.id }).where(eq(surveyAssignments.id, done.id));
    await fillDemoResponse(db, { assignmentId: done.id, userId: ayu.id, versionId, level: 0.7 });

    const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 393, height: 851 } });
    const page = await context.newPage();
    await loginAs(page, db, lead.id);
    await page.goto(`/telecenter/campaigns/${c.campaignId}`);
    const kecamatan = page.getByLabel("Kecamatan yang ditampilkan");
    // the first kecamatan by name with a telecenter to assign; only its rows have a list
    await expect(kecamatan.locator("option:checked")).toHaveText("Jombang — 12 telecenter, 11 belum ditugaskan");
    const table = page.getByRole("region", { name: "Tabel penugasan surveyor" });
    await expect(table.getByRole("combobox")).toHaveCount(12);
    await expect(page.getByLabel(`TC Kencong 1 ${tag}`, { exact: true })).toHaveCount(0);
    await expect(page.getByLabel(`TC Jombang 1 ${tag}`, { exact: true })).toBeDisabled();
    await page.getByLabel(`TC Jombang 2 ${tag}`, { exact: true }).selectOption({ label: `Ayu ${tag}` });
    await page.getByLabel(`TC Jombang 12 ${tag}`, { exact: true }).selectOption({ label: `Bima ${tag}` });

    // on to Kencong: Jombang's two choices travel along, unsaved, and are said to
    await kecamatan.selectOption({ label: "Kencong — 11 telecenter, 11 belum ditugaskan" });
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page.getByText("2 pilihan di kecamatan lain belum disimpan.")).toBeVisible();
    await expect(table.getByRole("combobox")).toHaveCount(11);
    await page.getByLabel(`TC Kencong 11 ${tag}`, { exact: true }).selectOption({ label: `Bima ${tag}` });
    // and back to Jombang: the choices made there are shown again
    await page.getByLabel("Kecamatan yang ditampilkan").selectOption({ label: "Jombang — 12 telecenter, 11 belum ditugaskan" });
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page.getByText("1 pilihan di kecamatan lain belum disimpan.")).toBeVisible();
    await expect(page.getByLabel(`TC Jombang 2 ${tag}`, { exact: true })).toHaveValue(ayu.id);
    await expect(page.getByLabel(`TC Jombang 12 ${tag}`, { exact: true })).toHaveValue(bima.id);
    expect((await assignmentOf("Jombang 2")).surveyorId).toBeNull(); // nothing saved yet
    if (javaScriptEnabled) await expectAccessible(page);
    await page.getByRole("button", { name: "Simpan penugasan" }).click();
    await expect(page.getByText("Penugasan tersimpan.")).toBeVisible();
    expect(new URL(page.url()).searchParams.get("kec")).toBe("35.09.01");
    await expect(page.getByLabel("Kecamatan yang ditampilkan").locator("option:checked")).toHaveText("Jombang — 12 telecenter, 9 belum ditugaskan");
    expect((await assignmentOf("Jombang 2")).surveyorId).toBe(ayu.id);
    expect((await assignmentOf("Jombang 12")).surveyorId).toBe(bima.id);
    expect((await assignmentOf("Kencong 11")).surveyorId).toBe(bima.id);
    expect((await assignmentOf("Kencong 1")).surveyorId).toBeNull();
    expect((await assignmentOf("Jombang 1")).surveyorId).toBe(ayu.id);
    // the results table is wider than the phone and scrolls inside its frame; the page itself does not scroll sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(393);

    // the submitted survey is sent back to Ayu from the results table
    await page.getByRole("region", { name: "Hasil dan klasifikasi" }).getByRole("button", { name: `Kembalikan TC Jombang 1 ${tag}` }).click();
    await expect(page.getByText("Survei dikembalikan ke surveyornya.")).toBeVisible();
    await expect(page.getByText("Belum ada survei yang terkirim.")).toBeVisible();
    // the assignment form stays on the kecamatan it showed
    expect(new URL(page.url()).searchParams.get("kec")).toBe("35.09.01");
    const [response] = await db.select({ status: surveyResponses.status }).from(surveyResponses).where(eq(surveyResponses.assignmentId, done.id));
    expect(response?.status).toBe("in_progress");
    await expect(page.getByLabel(`TC Jombang 1 ${tag}`, { exact: true })).toBeEnabled();
    await context.close();
  });
}
