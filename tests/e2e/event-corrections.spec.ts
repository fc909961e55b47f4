import type { Browser, Page } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { signups } from "../../db/schema/events";
import { markAttendance, signUp } from "../../app/models/events/signups.server";
import { getEvent } from "../../app/models/events/events.server";
import { addMembership, createChapterWithLead, createOutreachEvent, createUser, todayIn } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

/** A date n days from today on the calendar of Makassar (WITA). */
function witaDay(n: number): string {
  const [y, m, d] = todayIn("Asia/Makassar").split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

async function onPhone(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Makassar", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

/** A three-day bimtek in Makassar that began yesterday; one facilitator was marked present on day 1. */
async function bimtekUnderWay(db: Parameters<typeof loginAs>[1]) {
  const { chapterId, leadId } = await createChapterWithLead(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
  const vol = await createUser(db, { name: "Sitti Rahmawati" });
  await addMembership(db, { userId: vol.id, chapterId });
  const eventId = await createOutreachEvent(db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date: witaDay(-1), days: 3, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
  const e = await getEvent(db, eventId);
  if (!e) throw new Error("no event");
  await signUp(db, { eventId, roleId: e.roles[0]!.id, userId: vol.id, sessionIds: [e.sessions[0]!.id], assignedBy: leadId });
  const [row] = await db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId)).orderBy(asc(signups.id));
  await markAttendance(db, { eventId, signupId: row!.id, attended: true });
  return { eventId, leadId, signupId: row!.id };
}

for (const javaScriptEnabled of [true, false]) {
  test(`a lead moving the days of an event under way keeps the day held, and is told so next to the date (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const { eventId, leadId, signupId } = await bimtekUnderWay(db);
    const page = await onPhone(browser, db, leadId, javaScriptEnabled);
    await page.goto(`/events/${eventId}/edit`);
    await page.getByLabel("Judul kegiatan").fill("Bimtek Literasi Digital Guru (diundur)");
    await page.getByLabel("Tanggal (hari pertama)").fill(witaDay(1));
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page.getByText(`Hari 1 sudah berlangsung (${witaDay(-1)}); tanggalnya tetap, hanya jamnya yang bisa dikoreksi.`)).toBeVisible();
    // what was typed is still there
    await expect(page.getByLabel("Tanggal (hari pertama)")).toHaveValue(witaDay(1));
    await expect(page.getByLabel("Judul kegiatan")).toHaveValue("Bimtek Literasi Digital Guru (diundur)");
    if (javaScriptEnabled) await expectAccessible(page);
    // the correction of the times alone saves, and day 1's hours follow it
    await page.getByLabel("Tanggal (hari pertama)").fill(witaDay(-1));
    await page.getByLabel("Jam selesai").fill("12:00");
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${eventId}\\?saved=1`));
    const [row] = await db.select({ hours: signups.hoursCredited }).from(signups).where(eq(signups.id, signupId));
    expect(row?.hours).toBe(4);

    // removing her from day 1 says to unmark the attendance first
    await page.getByRole("button", { name: /^Keluarkan: Sitti Rahmawati/ }).click();
    await expect(page.getByText("Sudah tercatat hadir hari itu. Batalkan tanda hadirnya dulu, lalu keluarkan.")).toBeVisible();
    await page.context().close();
  });
}
