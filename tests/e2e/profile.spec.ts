import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { users } from "../../db/schema/accounts";
import { skills, userLanguages, userSkills, volunteerProfiles } from "../../db/schema/profiles";
import { maskFromKeys } from "../../app/models/accounts/availability";
import { createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

async function saved(db: Db, userId: string) {
  const [profile] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  const s = await db
    .select({ slug: skills.slug })
    .from(userSkills)
    .innerJoin(skills, eq(skills.id, userSkills.skillId))
    .where(eq(userSkills.userId, userId));
  const l = await db.select({ code: userLanguages.languageCode }).from(userLanguages).where(eq(userLanguages.userId, userId));
  return { name: user?.name, profile, skills: s.map((r) => r.slug).sort(), languages: l.map((r) => r.code).sort() };
}

const nextButton = (page: Page) => page.getByRole("button", { name: "Tampilkan pilihan berikutnya" });
// Without JS the step reloads the page; wait for the whole document, or the next step submits a half-parsed form
// (the fields below the region picker would be missing: what a slow phone would also do if tapped too early).
async function nextStep(page: Page) {
  await nextButton(page).click();
  await page.waitForLoadState("load");
}

test.describe("with JavaScript", () => {
  test("a volunteer fills in the profile: the region lists cascade, the time zone follows, the save is confirmed", async ({ page, db }) => {
    const u = await createUser(db, { name: "Dewi" });
    await loginAs(page, db, u.id);
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profil relawan");
    await expect(nextButton(page)).toHaveCount(0); // enhanced: the lists load by themselves
    await expectAccessible(page);

    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(u.email);
    await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("readonly", "");
    await page.getByLabel("Nama lengkap").fill("Dewi Lestari");
    await page.getByLabel("Nomor WhatsApp").fill("0812-3456-7890");

    await expect(page.getByText("Zona waktu mengikuti provinsi yang dipilih.")).toBeVisible();
    await expect(page.getByLabel("Kabupaten/Kota")).toBeDisabled();
    await page.getByLabel("Provinsi").selectOption({ label: "Bali" });
    await expect(page.getByText("Zona waktu: WITA")).toBeVisible();
    await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Badung" });
    // changing the province empties the lists below it
    await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
    await expect(page.getByText("Zona waktu: WIB")).toBeVisible();
    await expect(page.getByLabel("Kecamatan", { exact: true })).toBeDisabled();
    await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Jombang" });
    await page.getByLabel("Desa/Kelurahan").selectOption({ label: "Keting" });

    await page.getByLabel("Literasi digital").check();
    await page.getByLabel("Keamanan internet").check();
    await page.getByLabel("Jawa", { exact: true }).check();
    await page.getByLabel("Madura").check();
    await page.getByLabel("Sabtu Pagi").check();
    await page.getByLabel("Sabtu Siang").check();
    await page.getByLabel("Rabu Malam").check();
    await page.getByLabel("Tentang saya").fill("Guru TIK, suka mengajar literasi digital di desa.");
    await page.getByRole("button", { name: "Simpan profil" }).click();

    await expect(page).toHaveURL(/\/profile\?saved=1$/);
    await expect(page.getByRole("status")).toHaveText("Profil sudah disimpan.");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("+62 812-3456-7890");
    await expect(page.getByLabel("Desa/Kelurahan")).toHaveValue(/^35\.09\.01\.\d{4}$/);
    await expect(page.getByLabel("Sabtu Pagi")).toBeChecked();
    await expect(page.getByLabel("Minggu Pagi")).not.toBeChecked();
    await expectAccessible(page);

    const row = await saved(db, u.id);
    expect(row.name).toBe("Dewi Lestari");
    expect(row.profile?.whatsapp).toBe("+6281234567890");
    expect(row.profile?.kecamatanCode).toBe("35.09.01");
    expect(row.profile?.kabupatenCode).toBe("35.09");
    expect(row.profile?.availability).toBe(maskFromKeys(["sabtu-pagi", "sabtu-siang", "rabu-malam"]).mask);
    expect(row.skills).toEqual(["keamanan-internet", "literasi-digital"]);
    expect(row.languages).toEqual(["jv", "mad"]);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Volunteer profile");
    await expect(page.getByLabel("Digital literacy")).toBeChecked();
    await expect(page.getByLabel("Javanese")).toBeChecked();
    await expect(page.getByLabel("Saturday Morning")).toBeChecked();
    await expect(page.getByText("Time zone: WIB")).toBeVisible();
    await expectAccessible(page);
  });

  test("a bad WhatsApp number is explained next to the field and everything typed stays", async ({ page, db }) => {
    const u = await createUser(db, { name: "Agus" });
    await loginAs(page, db, u.id);
    await page.goto("/profile");
    await expect(nextButton(page)).toHaveCount(0);
    await page.getByLabel("Nama lengkap").fill("Agus Salim");
    await page.getByLabel("Nomor WhatsApp").fill("0812-34");
    await page.getByLabel("Provinsi").selectOption({ label: "Papua" });
    await expect(page.getByText("Zona waktu: WIT")).toBeVisible();
    await page.getByLabel("Kabupaten/Kota").selectOption({ index: 1 });
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ index: 1 });
    await page.getByLabel("Pemrograman").check();
    await page.getByLabel("Sunda").check();
    await page.getByLabel("Minggu Malam").check();
    await page.getByLabel("Tentang saya").fill("Programmer lepas.");
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/profile"));
    await page.getByRole("button", { name: "Simpan profil" }).click();
    expect((await answered).status()).toBe(400);

    await expect(page.getByText("Nomor WhatsApp tidak valid.", { exact: false })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveText("Periksa kembali isian yang ditandai.");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Nomor WhatsApp")).toBeFocused();
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("0812-34");
    await expect(page.getByLabel("Nama lengkap")).toHaveValue("Agus Salim");
    await expect(page.getByLabel("Provinsi")).toHaveValue("91");
    await expect(page.getByLabel("Kecamatan", { exact: true })).not.toHaveValue("");
    await expect(page.getByLabel("Pemrograman")).toBeChecked();
    await expect(page.getByLabel("Sunda")).toBeChecked();
    await expect(page.getByLabel("Minggu Malam")).toBeChecked();
    await expect(page.getByLabel("Tentang saya")).toHaveValue("Programmer lepas.");
    await expectAccessible(page);
    expect((await saved(db, u.id)).profile).toBeUndefined();

    // a kabupaten alone is not enough
    await page.getByLabel("Nomor WhatsApp").fill("+62 812 3456 7890");
    await page.getByLabel("Kecamatan", { exact: true }).selectOption("");
    const second = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/profile"));
    await page.getByRole("button", { name: "Simpan profil" }).click();
    expect((await second).status()).toBe(400);
    await expect(page.getByText("Pilih sampai tingkat kecamatan.")).toBeVisible();
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("+62 812 3456 7890");
    expect((await saved(db, u.id)).profile).toBeUndefined();
  });
});

test("when the region lists cannot be fetched, the step button comes back and works", async ({ page, db }) => {
  const u = await createUser(db, { name: "Sinyal Lemah" });
  await loginAs(page, db, u.id);
  await page.goto("/profile");
  await expect(nextButton(page)).toHaveCount(0);
  await page.route("**/regions/**", (route) => route.abort("internetdisconnected"));
  await page.getByLabel("Nama lengkap").fill("Sinyal Lemah Sekali");
  await page.getByLabel("Provinsi").selectOption({ label: "Bali" });
  await expect(nextButton(page)).toBeVisible();
  await nextStep(page);
  await expect(page.getByLabel("Kabupaten/Kota")).toBeEnabled();
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Badung" });
  await expect(page.getByLabel("Nama lengkap")).toHaveValue("Sinyal Lemah Sekali");
  expect((await saved(db, u.id)).profile).toBeUndefined();
});

test("a province chosen before the region picker's code has come still opens the next list", async ({ page, db }) => {
  const u = await createUser(db, { name: "Ponsel Lambat" });
  await loginAs(page, db, u.id);
  // the picker's own chunk held back, as on a slow phone: the page is there and its lists can be used first
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/RegionPicker\.lazy-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/profile", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await expect(page.getByLabel("Kabupaten/Kota")).toBeDisabled();
  release();
  await expect(page.getByLabel("Kabupaten/Kota")).toBeEnabled();
  await expect(page.getByLabel("Provinsi")).toHaveValue("35");
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
  await expect(page.getByLabel("Kecamatan", { exact: true })).toBeEnabled();
  await expect(nextButton(page)).toHaveCount(0);
});

test("a province chosen the moment the page's script takes the page over still brings the page to life", async ({ page, db }) => {
  const u = await createUser(db, { name: "Ponsel Lambat" });
  await loginAs(page, db, u.id);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // a slow phone: the list is chosen right as React starts listening to the page, before it has hydrated anything
  await page.addInitScript(() => {
    const add = EventTarget.prototype.addEventListener;
    let chosen = false;
    EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof add>) {
      add.apply(this, args);
      if (chosen || this !== document || args[0] !== "change") return;
      chosen = true;
      queueMicrotask(() => {
        const province = document.getElementById("region_1") as HTMLSelectElement;
        province.value = "35";
        province.dispatchEvent(new Event("change", { bubbles: true }));
      });
    };
  });
  await page.goto("/profile");
  await expect(page.getByLabel("Kabupaten/Kota")).toBeEnabled();
  await expect(page.getByLabel("Provinsi")).toHaveValue("35");
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
  await expect(page.getByLabel("Kecamatan", { exact: true })).toBeEnabled();
  await expect(nextButton(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the region is chosen step by step with the button, typed values survive each step, and the profile saves", async ({ page, db }) => {
    const u = await createUser(db, { name: "Putu" });
    await loginAs(page, db, u.id);
    await page.goto("/profile");
    await expect(nextButton(page)).toBeVisible();

    await page.getByLabel("Nama lengkap").fill("Putu Ayu Lestari");
    await page.getByLabel("Nomor WhatsApp").fill("62 878 1234 5678");
    await page.getByLabel("Desain grafis").check();
    await page.getByLabel("Bali", { exact: true }).check();
    await page.getByLabel("Jumat Malam").check();
    await page.getByLabel("Tentang saya").fill("Desainer di Denpasar.");

    await page.getByLabel("Provinsi").selectOption({ label: "Bali" });
    await nextStep(page);
    await expect(page.getByText("Zona waktu: WITA")).toBeVisible();
    await expect(page.getByLabel("Kabupaten/Kota")).toBeFocused();
    await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kota Denpasar" });
    await nextStep(page);
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ index: 1 });
    const kecamatan = await page.getByLabel("Kecamatan", { exact: true }).inputValue();
    await nextStep(page);
    await expect(page.getByLabel("Desa/Kelurahan")).toBeEnabled();

    // nothing was saved by the steps, and everything typed is still there
    expect((await saved(db, u.id)).profile).toBeUndefined();
    await expect(page.getByLabel("Nama lengkap")).toHaveValue("Putu Ayu Lestari");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("62 878 1234 5678");
    await expect(page.getByLabel("Desain grafis")).toBeChecked();
    await expect(page.getByLabel("Bali", { exact: true })).toBeChecked();
    await expect(page.getByLabel("Jumat Malam")).toBeChecked();
    await expect(page.getByLabel("Tentang saya")).toHaveValue("Desainer di Denpasar.");

    // the desa is optional: save with the kecamatan only
    await page.getByRole("button", { name: "Simpan profil" }).click();
    await expect(page).toHaveURL(/\/profile\?saved=1$/);
    await expect(page.getByRole("status")).toHaveText("Profil sudah disimpan.");
    await expect(page.getByText("Zona waktu: WITA")).toBeVisible();
    const row = await saved(db, u.id);
    expect(row.name).toBe("Putu Ayu Lestari");
    expect(row.profile?.whatsapp).toBe("+6287812345678");
    expect(row.profile?.regionCode).toBe(kecamatan);
    expect(row.profile?.kabupatenCode).toBe("51.71");
    expect(row.skills).toEqual(["desain-grafis"]);
    expect(row.languages).toEqual(["ban"]);

    // changing the province without the step: the stale kabupaten is dropped and the form says why
    await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
    await page.getByRole("button", { name: "Simpan profil" }).click();
    await expect(page.getByText("Pilih sampai tingkat kecamatan.")).toBeVisible();
    await expect(page.getByLabel("Provinsi")).toHaveValue("35");
    await expect(page.getByLabel("Kabupaten/Kota")).toHaveValue("");
    expect((await saved(db, u.id)).profile?.regionCode).toBe(kecamatan);
  });
});

test("admins manage the skill list; volunteers may not", async ({ page, db }) => {
  const admin = await createUser(db, { name: "Admin Nasional", isAdmin: true });
  const volunteer = await createUser(db);
  await loginAs(page, db, volunteer.id);
  const forbidden = await page.goto("/admin/skills");
  expect(forbidden?.status()).toBe(403);

  await page.context().clearCookies();
  await loginAs(page, db, admin.id);
  await page.goto("/admin/skills");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Daftar keahlian");
  await expectAccessible(page);
  const name = `Radio komunitas ${Date.now()}`;
  await page.getByLabel("Nama (Bahasa Indonesia)").fill(name);
  await page.getByLabel("Nama (English)").fill("Community radio");
  await page.getByRole("button", { name: "Tambah", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Keahlian sudah ditambahkan.");
  const card = () => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(card()).toContainText("Aktif");

  await card().getByRole("link", { name: `Ubah nama ${name}` }).click();
  // the rename form replaces the page after the navigation: fill it only once it is there
  const renameForm = page.getByRole("region", { name: `Ubah nama ${name}` });
  await expect(renameForm).toBeVisible();
  await renameForm.getByLabel("Nama (English)").fill("Community radio broadcasting");
  await page.getByRole("button", { name: "Simpan nama" }).click();
  await expect(page.getByRole("status")).toHaveText("Nama keahlian sudah diubah.");
  await expect(card()).toContainText("Community radio broadcasting");

  await card().getByRole("button", { name: `Nonaktifkan: ${name}` }).click();
  await expect(page.getByRole("status")).toHaveText("Keahlian dinonaktifkan.");
  await expect(card()).toContainText("Nonaktif");

  await page.goto("/profile");
  await expect(page.getByLabel(name)).toHaveCount(0);

  await page.goto("/admin/languages");
  await expect(page.getByRole("row").filter({ hasText: "Minang" })).toContainText("min");
  await expectAccessible(page);
});
