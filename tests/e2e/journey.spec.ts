import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, expectAccessible, linkFromMailbox, loginAs, test } from "./support";

// The foundation's main journey, as people do it: sign up → apply to a chapter → the lead approves →
// the new volunteer completes the profile → the lead finds them in the roster.
test("register → apply → lead approves → volunteer edits profile → lead finds them in the roster", async ({ page, browser, db }) => {
  const stamp = Date.now();
  const chapter = await createChapter(db, { name: `RTIK Jember Uji ${stamp}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: "Koordinator Jember" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });

  await page.goto("/register");
  await page.getByLabel("Nama lengkap").fill("Rahayu Ningsih");
  await page.getByLabel("Email").fill(`rahayu-${stamp}@example.test`);
  await page.getByLabel("Kata sandi", { exact: true }).fill("sinau-bareng-2026");
  await page.getByLabel("Ulangi kata sandi").fill("sinau-bareng-2026");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page).toHaveURL(/\/chapters$/);

  // the address must be confirmed before applying: the chapter page says so, the email has the link
  await page.getByRole("link", { name: `Daftar ke ${chapter.name}` }).click();
  await expect(page.getByRole("heading", { name: "Konfirmasi email" })).toBeVisible();
  await page.goto(await linkFromMailbox(page, `rahayu-${stamp}@example.test`, /\/verifikasi-email\//));
  await expect(page.getByRole("status")).toHaveText("Alamat email Anda sudah dikonfirmasi. Sekarang Anda bisa mendaftar ke chapter.");
  await page.goto(`/chapters/${chapter.slug}#apply`);
  await page.getByLabel("Motivasi (opsional)").fill("Saya ingin membantu UMKM berjualan online.");
  await page.getByRole("button", { name: `Daftar ke ${chapter.name}` }).click();
  await expect(page.getByTestId("my-status")).toHaveText("Status Anda: Menunggu keputusan");

  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await loginAs(leadPage, db, lead.id);
  await leadPage.goto(`/chapters/${chapter.slug}/applications`);
  await leadPage.getByRole("button", { name: "Setujui Rahayu Ningsih" }).click();
  await expect(leadPage.getByRole("status")).toContainText("Pendaftaran disetujui");

  await page.goto(`/chapters/${chapter.slug}`);
  await expect(page.getByTestId("my-status")).toHaveText("Status Anda: Anggota aktif");
  await page.goto("/profile");
  await page.getByLabel("Nomor WhatsApp").fill("0813 2222 3333");
  await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Kencong" });
  await page.getByLabel("Marketplace").check();
  await page.getByLabel("Sabtu Pagi").check();
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page.getByRole("status")).toHaveText("Profil sudah disimpan.");

  await leadPage.goto(`/chapters/${chapter.slug}/roster`);
  await leadPage.getByLabel("Kecamatan").selectOption({ label: "Kencong" });
  await leadPage.getByLabel("Hari tersedia").selectOption({ label: "Sabtu" });
  await leadPage.getByRole("button", { name: "Terapkan" }).click();
  await expect(leadPage.getByRole("status")).toHaveText("1 relawan ditemukan");
  const row = leadPage.getByRole("row", { name: /Rahayu Ningsih/ });
  await expect(row).toContainText("+62 813-2222-3333");
  await expect(row).toContainText("Marketplace");
  // the name opens the member's page in the app (no full page load: the window keeps its marker)
  await leadPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await row.getByRole("link", { name: /Rahayu Ningsih/ }).click();
  await expect(leadPage).toHaveURL(new RegExp(`/chapters/${chapter.slug}/members/`));
  await expect(leadPage.getByRole("heading", { level: 1 })).toContainText("Rahayu Ningsih");
  expect(await leadPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await leadContext.close();
});

test("roster: filters in the URL, CSV export and an all-or-nothing import with a preview", async ({ page, db }) => {
  const stamp = Date.now();
  const chapter = await createChapter(db, { name: `RTIK Roster ${stamp}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: "Lead Roster" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  for (const [name, kec] of [["Wahyu Hidayat", "35.09.01"], ["Wulan Sari", "35.09.02"], ["Bagus Pratama", "35.09.01"]] as const) {
    const u = await createUser(db, { name });
    await createVolunteerProfile(db, { userId: u.id, regionCode: kec, skills: ["literasi-digital"] });
    await addMembership(db, { userId: u.id, chapterId: chapter.id });
  }
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/roster`);
  await expect(page.getByRole("status")).toHaveText("3 relawan ditemukan");
  await expectAccessible(page);
  await page.getByLabel("Nama, email atau nomor HP").fill("W");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/q=W/);
  await expect(page.getByRole("status")).toHaveText("2 relawan ditemukan");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^relawan-${chapter.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text).toContain("Wahyu Hidayat");
  expect(text).toContain("Wulan Sari");
  expect(text).not.toContain("Bagus Pratama");

  await page.getByRole("link", { name: "Impor dari spreadsheet" }).click();
  await page.getByLabel("File CSV").setInputFiles({
    name: "relawan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`nama;email;whatsapp;kecamatan;keahlian\nNur Azizah;nur-${stamp}@example.test;0812 9999 8888;Kencong;marketplace\nSalah Baris;bukan-email;;;\n`),
  });
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await expect(page.getByText("1 baris siap, 1 baris bermasalah.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Salah Baris/ })).toContainText("email tidak valid");
  await expect(page.getByRole("button", { name: /^Impor/ })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("File CSV").setInputFiles({
    name: "relawan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`nama;email;whatsapp;kecamatan;keahlian\nNur Azizah;nur-${stamp}@example.test;0812 9999 8888;Kencong;marketplace\n`),
  });
  await page.getByRole("button", { name: "Periksa dulu" }).click();
  await page.getByRole("button", { name: "Impor 1 relawan" }).click();
  await expect(page.getByRole("status")).toContainText("1 baris diproses");
  await page.goto(`/chapters/${chapter.slug}/roster?q=azizah`);
  await expect(page.getByRole("row", { name: /Nur Azizah/ })).toContainText("Kencong");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the roster filters and the import preview work as plain forms", async ({ page, db }) => {
    const stamp = Date.now();
    const chapter = await createChapter(db, { name: `RTIK NoJS ${stamp}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: "Lead NoJS" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const u = await createUser(db, { name: "Eko Prasetyo" });
    await addMembership(db, { userId: u.id, chapterId: chapter.id, status: "inactive" });
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/roster`);
    await expect(page.getByRole("status")).toHaveText("0 relawan ditemukan");
    await page.getByLabel("Status").selectOption({ label: "Nonaktif" });
    await page.getByRole("button", { name: "Terapkan" }).click();
    await expect(page.getByRole("status")).toHaveText("1 relawan ditemukan");
    await page.goto(`/chapters/${chapter.slug}/roster/import`);
    await page.getByRole("button", { name: "Periksa dulu" }).click();
    await expect(page.getByText("Pilih file CSV.")).toBeVisible();
  });
});
