import type { Browser, Page } from "@playwright/test";
import { institutions } from "../../db/schema/events";
import { institutionDedupKey } from "../../app/models/events/institution-names";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

async function asUser(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

for (const js of [true, false]) {
  test(`a lead cannot merge a school into an UMKM of a similar name, and is told why (JavaScript ${js ? "on" : "off"})`, async ({ db, browser }) => {
    const tag = `${Date.now() % 100000}${js ? "j" : "n"}`;
    const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember gabung ${tag}` });
    const lead = await createUser(db, { name: "Dewi Lestari" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const school = `SMK Bina Karya ${tag}`;
    const umkm = `Bina Karya ${tag}`;
    const ids: number[] = [];
    for (const [type, name] of [["school", school], ["umkm", umkm]] as const) {
      const [row] = await db.insert(institutions).values({ type, name, regionCode: "35.09.07", dedupKey: institutionDedupKey(type, "35.09.07", name) }).returning({ id: institutions.id });
      ids.push(row?.id ?? 0);
    }
    const page = await asUser(browser, db, lead.id, js);
    await page.goto(`/chapters/${chapter.slug}/venues?q=${encodeURIComponent(`Bina Karya ${tag}`)}`);
    await page.getByLabel("Entri ganda (dihapus)").selectOption(String(ids[0]));
    await page.getByLabel("Entri yang dipertahankan").selectOption(String(ids[1]));
    await page.getByRole("button", { name: "Gabungkan", exact: true }).click();
    await expect(page.getByText("Kedua entri berbeda jenis (misalnya sekolah dan UMKM): tidak digabung")).toBeVisible();
    await page.goto(`/chapters/${chapter.slug}/venues?q=${encodeURIComponent(`Bina Karya ${tag}`)}`);
    await expect(page.getByRole("cell", { name: school, exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: umkm, exact: true })).toBeVisible();
    await page.context().close();
  });
}
