import { eq } from "drizzle-orm";
import { institutions, onboardings, outcomeReports } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);

test("a go-online list comes back for editing with its regions by name, and saving it again keeps every region (no JavaScript)", async ({ db, browser }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember daftar ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.07", programSlug: "umkm-go-online", date: daysAgo(3) });
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, lead.id);
  const regions = async () => {
    const rows = await db
      .select({ name: institutions.name, region: institutions.regionCode })
      .from(onboardings)
      .innerJoin(institutions, eq(institutions.id, onboardings.institutionId))
      .innerJoin(outcomeReports, eq(outcomeReports.id, onboardings.reportId))
      .where(eq(outcomeReports.eventId, eventId));
    return Object.fromEntries(rows.map((r) => [r.name, r.region]));
  };

  await page.goto(`/events/${eventId}/report`);
  await page.getByLabel("Jumlah peserta").fill("25");
  await page.getByLabel("Daftar go-online (tempel dari spreadsheet)").fill(["Nama UMKM;Jenis;Kecamatan;Dibuat", "Batik Kode;umkm;35.09;gbp", "Kopi 24041945;umkm;35.09.07.2004;qris", "Toko Ajung;umkm;Ajung, Kalisat;marketplace"].join("\n"));
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page).toHaveURL(/saved=1/);
  const first = await regions();
  expect(first).toEqual({ "Batik Kode": "35.09", "Kopi 24041945": "35.09.07.2004", "Toko Ajung": "35.09.27.2008" });

  await page.goto(`/events/${eventId}/report`);
  const text = await page.getByLabel("Daftar go-online (tempel dari spreadsheet)").inputValue();
  expect(text).toContain("Batik Kode;umkm;Kabupaten Jember;gbp");
  expect(text).toContain("Kopi 24041945;umkm;Semboro, Semboro;qris");
  expect(text).toContain("Toko Ajung;umkm;Ajung, Kalisat;marketplace");
  expect(text).not.toMatch(/\d{2}\.\d{2}/);
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page).toHaveURL(/saved=1/);
  expect(await regions()).toEqual(first);
  await context.close();
});
