import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, loginAs, test } from "./support";

// A count of 1 reads "1 volunteer" in English, on the page the server renders and on the one the browser renders
// after a search; Indonesian, which has no plural, reads the same for 1 as for 2, and its page has the key's form for 1.
test("the roster counts one volunteer in the singular in English, and in Indonesian after a search in the browser", async ({ page, db }) => {
  const tag = randomBytes(3).toString("hex");
  const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: `Koordinator ${tag}`, locale: "en" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  for (const name of [`Siti Aminah ${tag}`, `Dewi Lestari ${tag}`]) {
    const u = await createUser(db, { name });
    await createVolunteerProfile(db, { userId: u.id, regionCode: "35.09.01" });
    await addMembership(db, { userId: u.id, chapterId: chapter.id });
  }
  await loginAs(page, db, lead.id);

  await page.goto(`/chapters/${chapter.slug}/roster`);
  await expect(page.getByRole("status").filter({ hasText: "found" })).toHaveText("2 volunteers found");
  await page.getByLabel("Name, email or phone number").fill(`Siti Aminah ${tag}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "found" })).toHaveText("1 volunteer found");
  await page.getByLabel("Name, email or phone number").fill(`Tidak Ada ${tag}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "found" })).toHaveText("0 volunteers found");

  // Indonesian: the browser renders the count after the search with the page's own strings (no raw key)
  await db.update(users).set({ locale: "id" }).where(eq(users.id, lead.id));
  await page.context().clearCookies();
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/roster`);
  await expect(page.getByRole("status").filter({ hasText: "ditemukan" })).toHaveText("2 relawan ditemukan");
  await page.getByLabel("Nama, email atau nomor HP").fill(`Dewi Lestari ${tag}`);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ditemukan" })).toHaveText("1 relawan ditemukan");
  await expect(page.getByRole("row").filter({ hasText: `Dewi Lestari ${tag}` })).toBeVisible();
});
