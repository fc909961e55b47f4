import { expect, expectAccessible, test } from "./support";

test("home page speaks Indonesian by default and switches to English", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Simpul");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expectAccessible(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
});
