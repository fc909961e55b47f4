import { eq } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, loginAs, soonInJakarta, test } from "./support";

/**
 * An Internet Sehat talk at a pesantren: the santri's family phone is handed along the row, at 360 px without
 * JavaScript. Brothers whose names differ in one short first name are each counted; the same one pressing again is not.
 */
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

test("brothers and sisters on one family phone at a pesantren's door are each counted; a repeat is told so", async ({ page, db, browser }) => {
  const stamp = Date.now() % 1_000_000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Pesantren ${stamp}` });
  const lead = await createUser(db, { name: "Lead Pesantren" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", venueType: "pesantren", venueName: `Pondok Pesantren Nurul Huda ${stamp}`, title: `Internet Sehat Santri ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });
  const l = await (await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta" })).newPage();
  await loginAs(l, db, lead.id);
  await l.goto(`/events/${eventId}`);
  const doorCode = (await l.getByTestId("checkin-code").textContent()) ?? "";

  await page.goto(`/e/${eventId}/hadir?code=${doorCode}`);
  const present = async (name: string) => {
    await page.getByLabel("Nama", { exact: true }).fill(name);
    await page.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("0813-5555-0101");
    await page.getByLabel("Tidak, 18 tahun atau lebih").check();
    await page.getByRole("button", { name: "Saya hadir" }).click();
  };
  for (const name of ["Adi bin Yusuf", "Ari bin Yusuf", "Siti binti Yusuf", "Sari binti Yusuf"]) {
    await present(name);
    await expect(page.getByText("Terima kasih, kehadiran Anda tercatat.", { exact: false })).toBeVisible();
    await expect(page.getByText("Anda sudah terdaftar")).toHaveCount(0);
  }
  await present("ARI BIN YUSUF");
  await expect(page.getByText("Anda sudah terdaftar — kehadiran Anda tercatat satu kali. Terima kasih!")).toBeVisible();

  const rows = await db.select({ name: eventParticipants.name, repeats: eventParticipants.repeats }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
  expect(rows.map((r) => [r.name, r.repeats]).sort()).toEqual([["Adi bin Yusuf", 0], ["Ari bin Yusuf", 1], ["Sari binti Yusuf", 0], ["Siti binti Yusuf", 0]]);
  await l.goto(`/events/${eventId}/participants`);
  // four cards, one per person (a card may name its look-alikes: the lead merges if two are one person)
  await expect(l.getByTestId("participant")).toHaveCount(4);
  for (const name of ["Adi bin Yusuf", "Ari bin Yusuf", "Siti binti Yusuf", "Sari binti Yusuf"]) await expect(l.getByTestId("participant").filter({ hasText: name }).first()).toBeVisible();
});
