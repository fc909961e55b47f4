import type { Browser, Page } from "@playwright/test";
import { and, asc, eq } from "drizzle-orm";
import { eventSessions, signups } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { getEvent, utcToLocal } from "../../app/models/events/events.server";
import { signUp } from "../../app/models/events/signups.server";
import { expect, expectAccessible, loginAs, test } from "./support";

async function onPhone(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a lead assigning a volunteer already at a school visit that morning is told where, and a second press assigns (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Koordinator Jember" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 6 * 86400_000).toISOString().slice(0, 10);
    const visitId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", venueName: "SMAN 2 Jember", title: "Internet Sehat SMAN 2 Jember", date, startTime: "08:00", endTime: "11:00", roles: [{ name: "Pemateri", capacity: 2 }] });
    const bimtekId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", title: "Bimtek operator desa", date, startTime: "10:00", endTime: "12:00", days: 3, roles: [{ name: "Pendamping", capacity: 4 }] });
    const siti = await createUser(db, { name: "Siti Nurhaliza" });
    await addMembership(db, { userId: siti.id, chapterId: chapter.id });
    const visit = await getEvent(db, visitId);
    expect((await signUp(db, { eventId: visitId, roleId: visit?.roles[0]?.id ?? 0, userId: siti.id, assignedBy: lead.id })).ok).toBe(true);

    const page = await onPhone(browser, db, lead.id, javaScriptEnabled);
    await page.goto(`/events/${bimtekId}`);
    const form = page.locator("#assign");
    await form.getByLabel("Nama").selectOption({ label: "Siti Nurhaliza" });
    await form.getByRole("button", { name: "Tugaskan" }).click();
    await expect(form.getByText(/Siti Nurhaliza sudah terdaftar di “Internet Sehat SMAN 2 Jember” pada waktu yang sama \(.*08\.00 WIB\)\. Tekan Tugaskan sekali lagi/)).toBeVisible();
    await expect(form.getByLabel("Nama")).toHaveValue(siti.id);
    const held = () => db.select({ id: signups.id }).from(signups).where(and(eq(signups.eventId, bimtekId), eq(signups.userId, siti.id), eq(signups.status, "confirmed")));
    expect(await held()).toHaveLength(0);
    if (javaScriptEnabled) await expectAccessible(page);
    await form.getByRole("button", { name: "Tugaskan" }).click();
    await expect(page.getByText("Relawan ditugaskan.")).toBeVisible();
    expect(await held()).toHaveLength(3);
    await page.context().close();
  });
}

/** A date n days from today in Jember (WIB). */
const wibDay = (n: number) => utcToLocal(new Date(Date.now() + n * 86400_000), "Asia/Jakarta").date;

for (const javaScriptEnabled of [true, false]) {
  test(`a bimtek whose day 3 moved past a rest day is moved a week later from the event form, the rest day kept (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Koordinator Jember" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", title: "Bimtek operator desa", date: wibDay(10), startTime: "08:00", endTime: "16:00", days: 3, roles: [{ name: "Pendamping", capacity: 4 }] });

    const page = await onPhone(browser, db, lead.id, javaScriptEnabled);
    await page.goto(`/events/${eventId}/days`);
    const day3 = page.getByRole("form", { name: "Hari 3" });
    await day3.getByLabel("Tanggal").fill(wibDay(13));
    await day3.getByRole("button", { name: "Simpan hari 3" }).click();
    await expect(page.getByText("Hari 3 disimpan.")).toBeVisible();

    await page.goto(`/events/${eventId}/edit`);
    await page.getByLabel("Tanggal (hari pertama)").fill(wibDay(17));
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${eventId}\\?saved=1`));
    const days = await db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
    expect(days.map((d) => utcToLocal(d.startsAt, "Asia/Jakarta").date)).toEqual([wibDay(17), wibDay(18), wibDay(20)]);
    await page.context().close();
  });
}
