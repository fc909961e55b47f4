import type { Browser, Page } from "@playwright/test";
import { and, asc, eq, sql } from "drizzle-orm";
import { events, eventSessions, signups } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { checkIn, signUp } from "../../app/models/events/signups.server";
import { getEvent } from "../../app/models/events/events.server";
import { expect, expectAccessible, loginAs, test } from "./support";

async function onPhone(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Makassar", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

/** A two-day bimtek in Makassar (WITA) whose day 2 began an hour ago: day 1 was yesterday. */
async function dayTwoOfBimtek(db: Parameters<typeof loginAs>[1]) {
  const chapter = await createChapter(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Andi Lead Makassar" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const date = new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 10);
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date, days: 2, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
  const days = await db.select({ startsAt: eventSessions.startsAt }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
  const shift = (days[1]?.startsAt.getTime() ?? 0) - (Date.now() - 3_600_000);
  await db.update(events).set({ startsAt: sql`${events.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${events.endsAt} - ${shift} * interval '1 millisecond'`, signupCutoff: sql`${events.signupCutoff} - ${shift} * interval '1 millisecond'` }).where(eq(events.id, eventId));
  await db.update(eventSessions).set({ startsAt: sql`${eventSessions.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${eventSessions.endsAt} - ${shift} * interval '1 millisecond'` }).where(eq(eventSessions.eventId, eventId));
  const e = await getEvent(db, eventId);
  if (!e) throw new Error("no event");
  return { chapter, eventId, roleId: e.roles[0]?.id ?? 0, code: e.checkinCode, days: e.sessions };
}

for (const javaScriptEnabled of [true, false]) {
  test(`day 2 of a bimtek: checked in yesterday, the phone asks for today's code; a day not held is said so (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const { chapter, eventId, roleId, code, days } = await dayTwoOfBimtek(db);
    const both = await createUser(db, { name: "Nurul Hidayah" });
    const firstOnly = await createUser(db, { name: "Rahmat Syarif" });
    for (const u of [both, firstOnly]) await addMembership(db, { userId: u.id, chapterId: chapter.id });
    await signUp(db, { eventId, roleId, userId: both.id, assignedBy: both.id });
    await signUp(db, { eventId, roleId, userId: firstOnly.id, sessionIds: [days[0]!.id], assignedBy: both.id });
    // yesterday, day 1, both checked in
    const yesterday = new Date(new Date(days[0]!.startsAt).getTime() + 3_600_000);
    for (const u of [both, firstOnly]) expect((await checkIn(db, { eventId, userId: u.id, code, now: yesterday })).ok).toBe(true);

    const v = await onPhone(browser, db, both.id, javaScriptEnabled);
    await v.goto(`/events/${eventId}/checkin`);
    await expect(v.getByText("Terima kasih, kehadiran Anda tercatat.")).toHaveCount(0);
    // typed as the lead reads it out: in two halves, in small letters
    await v.getByLabel("Kode check-in").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
    await v.getByRole("button", { name: "Saya hadir" }).click();
    await expect(v.getByText(/Terima kasih, kehadiran Anda tercatat\. 8 jam relawan dikreditkan\./)).toBeVisible();
    if (javaScriptEnabled) await expectAccessible(v);
    const rows = await db.select({ attendedAt: signups.attendedAt }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, both.id)));
    expect(rows.filter((r) => r.attendedAt !== null)).toHaveLength(2);
    await v.context().close();

    const w = await onPhone(browser, db, firstOnly.id, javaScriptEnabled);
    await w.goto(`/events/${eventId}/checkin?code=${code}`);
    await w.getByRole("button", { name: "Saya hadir" }).click();
    await expect(w.getByText("Anda tidak terdaftar untuk hari ini. Minta koordinator mencatat kehadiran Anda.")).toBeVisible();
    await expect(w.getByLabel("Kode check-in")).toHaveValue(code);
    await w.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`dropping day 1 of three says that day went and the others stay (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Andi Lead Makassar" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const vol = await createUser(db, { name: "Sitti Rahmawati" });
    await addMembership(db, { userId: vol.id, chapterId: chapter.id });
    const date = new Date(Date.now() + 8 * 86400_000).toISOString().slice(0, 10);
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "73.71.01", title: "Bimtek Website Sekolah", date, days: 3, startTime: "08:00", endTime: "15:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
    const v = await onPhone(browser, db, vol.id, javaScriptEnabled);
    await v.goto(`/events/${eventId}`);
    await v.getByRole("button", { name: "Daftar untuk hari terpilih" }).click();
    await expect(v.getByRole("button", { name: "Batalkan hari ini" })).toHaveCount(3);
    await v.getByRole("button", { name: "Batalkan hari ini" }).first().click();
    await expect(v.getByText("Hari itu dibatalkan. Hari lain tidak berubah.")).toBeVisible();
    await expect(v.getByText("Pendaftaran Anda dibatalkan.")).toHaveCount(0);
    await expect(v.getByRole("button", { name: "Batalkan hari ini" })).toHaveCount(2);
    // the whole sign-up given up is said as before
    await v.getByRole("button", { name: "Batalkan pendaftaran saya" }).click();
    await expect(v.getByText("Pendaftaran Anda dibatalkan.")).toBeVisible();
    await v.context().close();
  });
}

test("a lead planning a bimtek reads that a role's volunteer hours are per day", async ({ db, page }) => {
  const chapter = await createChapter(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Andi Lead Makassar" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await loginAs(page, db, lead.id);
  await page.goto("/events");
  await page.getByRole("link", { name: `Kegiatan baru — ${chapter.name}` }).click();
  const role = page.getByRole("group", { name: "Peran 1" });
  await expect(role.getByLabel("Jam relawan per hari")).toBeVisible();
  await expect(role.getByText("Kosongkan: dihitung dari lama tiap hari.")).toBeVisible();
});
