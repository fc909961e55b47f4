import { eq } from "drizzle-orm";
import { volunteerProfiles } from "../../db/schema/profiles";
import { createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

// A phone that loses its signal while the volunteer saves (app/utils/offline-forms.client.ts).
test("a form sent offline stays with what was typed and says why; pressed again once online it is saved once", async ({ page, context, db }) => {
  const u = await createUser(db, { name: "Bayu" });
  await loginAs(page, db, u.id);
  await page.goto("/profile");
  await expect(page.getByRole("button", { name: "Tampilkan pilihan berikutnya" })).toHaveCount(0); // hydrated
  await page.waitForLoadState("networkidle"); // and the code loaded after hydration has arrived
  const bio = "Programmer web, membuat situs desa wisata. Bisa Sabtu pagi.";
  await page.getByLabel("Tentang saya").fill(bio);
  await page.getByLabel("Nomor WhatsApp").fill("+62 812 3456 7890");
  await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Jombang" });

  await context.setOffline(true);
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tidak ada sambungan internet. Isian Anda masih di sini: tekan tombolnya lagi setelah tersambung.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profil relawan"); // not the error page
  await expect(page.getByLabel("Tentang saya")).toHaveValue(bio);
  await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("+62 812 3456 7890");
  await expect(page.getByLabel("Kecamatan", { exact: true })).toHaveValue("35.09.01");
  await expectAccessible(page);
  expect(await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id))).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page.getByRole("status")).toHaveText("Profil sudah disimpan.");
  const rows = await db.select({ bio: volunteerProfiles.bio, whatsapp: volunteerProfiles.whatsapp, kecamatan: volunteerProfiles.kecamatanCode }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id));
  expect(rows).toEqual([{ bio, whatsapp: "+6281234567890", kecamatan: "35.09.01" }]);
});

test("a request that never reaches the server ends on a page that says so; reloading puts what was sent back in the form", async ({ page, db }) => {
  const u = await createUser(db, { name: "Rina" });
  await loginAs(page, db, u.id);
  await page.goto("/profile");
  await expect(page.getByRole("button", { name: "Tampilkan pilihan berikutnya" })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  // the browser believes it is online, but the answer never comes (a weak signal)
  await page.route(/\/profile\.data/, (route) => route.abort("internetdisconnected"));
  const bio = "Relawan baru, bisa mengajar literasi digital untuk ibu-ibu PKK.";
  await page.getByLabel("Tentang saya").fill(bio);
  await page.getByLabel("Nomor WhatsApp").fill("0812-3456-7890");
  await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Jember" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Jombang" });
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sambungan terputus");
  await expectAccessible(page);

  // signal back: the page reloaded as the error page says, with what was sent and a note to check it
  await page.unroute(/\/profile\.data/);
  await page.reload();
  await expect(page.getByRole("alert")).toHaveText("Kiriman Anda tadi mungkin belum sampai. Isiannya dikembalikan di sini: periksa, lalu kirim lagi.");
  await expect(page.getByLabel("Tentang saya")).toHaveValue(bio);
  await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("0812-3456-7890");
  await expect(page.getByLabel("Kecamatan", { exact: true })).toHaveValue("35.09.01");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Simpan profil" }).click();
  await expect(page.getByRole("status")).toHaveText("Profil sudah disimpan.");
  const rows = await db.select({ bio: volunteerProfiles.bio, kecamatan: volunteerProfiles.kecamatanCode }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id));
  expect(rows).toEqual([{ bio, kecamatan: "35.09.01" }]);
  // put back once: a later reload shows the page as saved
  await page.reload();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel("Tentang saya")).toHaveValue(bio);
});
