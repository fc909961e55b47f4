import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("leaving a chapter asks for confirmation first; going back changes nothing", async ({ page, db }) => {
      const stamp = `${Date.now() % 100000}${javaScriptEnabled ? "j" : "n"}`;
      const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Kabupaten Jember ${stamp}` });
      const vol = await createUser(db, { name: "Sinta Keluar" });
      await addMembership(db, { userId: vol.id, chapterId: chapter.id });
      const member = () => db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, vol.id), eq(memberships.chapterId, chapter.id)));
      await loginAs(page, db, vol.id);
      await page.goto("/akun/data");

      // the first tap only shows the warning
      await page.getByRole("button", { name: `Keluar dari ${chapter.name}` }).click();
      const warning = page.getByRole("alert").filter({ hasText: `Keluar dari ${chapter.name}?` });
      await expect(warning).toBeVisible();
      expect(await member()).toHaveLength(1);
      if (javaScriptEnabled) await expectAccessible(page);
      await warning.getByRole("link", { name: "Kembali" }).click();
      await expect(warning).toHaveCount(0);
      expect(await member()).toHaveLength(1);

      await page.getByRole("button", { name: `Keluar dari ${chapter.name}` }).click();
      await page.getByRole("button", { name: "Ya, keluar" }).click();
      await expect(page.getByText("Anda sudah keluar dari chapter itu.")).toBeVisible();
      await expect(page.getByRole("button", { name: `Keluar dari ${chapter.name}` })).toHaveCount(0);
      expect(await member()).toHaveLength(0);
    });
  });
}
