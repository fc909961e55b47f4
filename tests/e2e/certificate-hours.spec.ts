import { tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

/** yyyy-mm-dd in WIB, `days` ago, kept inside the current year (the /sertifikat list offers this year's hours). */
function wibDay(days: number): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(now.getTime() - days * 86400_000);
  return (d.getUTCFullYear() === now.getUTCFullYear() ? d : new Date(Date.UTC(now.getUTCFullYear(), 0, 1, 12))).toISOString().slice(0, 10);
}

test("14.5 hours of tutoring: the volunteer's list, the certificate's page and the lead's list all say 14,5 jam, without JavaScript at 360 px", async ({ db, browser }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  const vol = await createUser(db, { name: "Siti Aminah" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const [r] = await db
    .insert(tutoringRequests)
    .values({ tokenHash: `cert-hours-${Date.now()}`, chapterId: chapter.id, regionCode: "35.09", learnerName: "Bu Sri", whatsapp: "+6281200001111", forWhom: "self", language: "id", mode: "home", consentAt: new Date(), consentVersion: "v1", status: "completed", closedAt: new Date() })
    .returning({ id: tutoringRequests.id });
  // 90 minutes and 13 hours: 14.5 hours
  for (const [heldOn, minutes] of [[wibDay(3), 90], [wibDay(2), 780]] as const) await db.insert(tutoringSessions).values({ requestId: r!.id, tutorId: vol.id, heldOn, minutes, topic: "WhatsApp" });

  const context = await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, vol.id);
  await page.goto("/sertifikat");
  await expect(page.getByText("14,5 jam", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Buat sertifikat: ${chapter.name} ${wibDay(0).slice(0, 4)}` }).click();
  await expect(page).toHaveURL(/\/sertifikat\/[\w-]+$/);
  await expect(page.getByTestId("cert-hours")).toHaveText("14,5");

  const leadContext = await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 360, height: 740 } });
  const l = await leadContext.newPage();
  await loginAs(l, db, lead.id);
  await l.goto(`/chapters/${chapter.slug}/capaian/sertifikat/terbit`);
  await expect(l.locator("li", { hasText: "Siti Aminah" })).toContainText("14,5 jam");
  // the Laporan's honour roll states the same figure
  await l.goto(`/chapters/${chapter.slug}/capaian/laporan?period=${wibDay(0).slice(0, 4)}`);
  await expect(l.getByRole("row", { name: /Siti Aminah/ })).toContainText("14,5");
  await context.close();
  await leadContext.close();
});
