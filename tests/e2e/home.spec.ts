import { createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

test("home page speaks Indonesian by default and switches to English", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Simpul");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expectAccessible(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
});

// Each page route carries its own strings in both languages (app/i18n/registry.ts): after a switch, pages reached by
// client-side navigation (no document load) render in the chosen language, and back again.
test("the chosen language holds across client-side navigations", async ({ page, db }) => {
  const u = await createUser(db, { name: "Wayan" });
  await loginAs(page, db, u.id);
  await page.goto("/events");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kegiatan");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events");
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const nav = page.getByRole("navigation", { name: "Main menu" });
  await nav.getByRole("link", { name: "Requests near me" }).click();
  await expect(page).toHaveURL(/\/tutoring$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Requests for help near me");
  await nav.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Volunteer profile");
  await nav.getByRole("link", { name: "Events", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events");
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);

  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Permintaan di sekitar saya" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permintaan bantuan belajar di sekitar saya");
  await expectAccessible(page);
});
