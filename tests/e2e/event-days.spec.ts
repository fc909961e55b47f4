import type { Browser, Page } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { eventSessions, outcomeReports, signups } from "../../db/schema/events";
import { markAttendance, signUp } from "../../app/models/events/signups.server";
import { getEvent, utcToLocal } from "../../app/models/events/events.server";
import { formatDays } from "../../app/i18n/format";
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

for (const javaScriptEnabled of [true, false]) {
  test(`a lead gives day 3 of a bimtek under way its own times, and day 1's hours follow its correction (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const { chapterId, leadId } = await createChapterWithLead(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
    const vol = await createUser(db, { name: "Sitti Rahmawati" });
    await addMembership(db, { userId: vol.id, chapterId });
    const eventId = await createOutreachEvent(db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date: witaDay(-1), days: 3, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
    const e = await getEvent(db, eventId);
    if (!e) throw new Error("no event");
    await signUp(db, { eventId, roleId: e.roles[0]!.id, userId: vol.id, sessionIds: [e.sessions[0]!.id], assignedBy: leadId });
    const [row] = await db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId)).orderBy(asc(signups.id));
    await markAttendance(db, { eventId, signupId: row!.id, attended: true });

    const page = await onPhone(browser, db, leadId, javaScriptEnabled);
    await page.goto(`/events/${eventId}/edit`);
    await page.getByRole("link", { name: "Jam berbeda tiap hari? Atur jam tiap hari" }).click();
    await expect(page.getByRole("heading", { name: "Jam tiap hari" })).toBeVisible();
    const day = (n: number) => page.getByRole("form", { name: `Hari ${n}` });

    // day 3 onto day 2's afternoon: refused next to the start, what was typed kept
    await day(3).getByLabel("Tanggal").fill(witaDay(0));
    await day(3).getByLabel("Jam mulai").fill("13:00");
    await day(3).getByLabel("Keterangan (boleh kosong)").fill("Penutupan dan evaluasi");
    await day(3).getByRole("button", { name: "Simpan hari 3" }).click();
    await expect(day(3).getByText("Bertabrakan dengan hari 2 kegiatan ini.")).toBeVisible();
    await expect(day(3).getByLabel("Jam mulai")).toHaveValue("13:00");
    await expect(day(3).getByLabel("Keterangan (boleh kosong)")).toHaveValue("Penutupan dan evaluasi");
    if (javaScriptEnabled) await expectAccessible(page);

    // day 3 on its own date, 08:00–12:00
    await day(3).getByLabel("Tanggal").fill(witaDay(1));
    await day(3).getByLabel("Jam mulai").fill("08:00");
    await day(3).getByLabel("Jam selesai").fill("12:00");
    await day(3).getByRole("button", { name: "Simpan hari 3" }).click();
    await expect(page.getByText("Hari 3 disimpan.")).toBeVisible();
    await expect(day(3).getByLabel("Jam selesai")).toHaveValue("12:00");
    await expect(day(2).getByLabel("Jam selesai")).toHaveValue("16:00");

    // day 1 ran 08:00–12:00: its hours follow; its date cannot move
    await day(1).getByLabel("Tanggal").fill(witaDay(2));
    await day(1).getByRole("button", { name: "Simpan hari 1" }).click();
    await expect(day(1).getByText(`Hari 1 sudah berlangsung (${witaDay(-1)}); tanggalnya tetap, hanya jamnya yang bisa dikoreksi.`)).toBeVisible();
    await day(1).getByLabel("Tanggal").fill(witaDay(-1));
    await day(1).getByLabel("Jam selesai").fill("12:00");
    await day(1).getByRole("button", { name: "Simpan hari 1" }).click();
    await expect(page.getByText("Hari 1 disimpan.")).toBeVisible();
    const [after] = await db.select({ hours: signups.hoursCredited }).from(signups).where(eq(signups.id, row!.id));
    expect(after?.hours).toBe(4);

    // the event form saved with its times left alone keeps every day's own
    await page.goto(`/events/${eventId}/edit`);
    await page.getByLabel("Judul kegiatan").fill("Bimtek Literasi Digital Guru SD");
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${eventId}\\?saved=1`));
    const days = await db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt));
    expect(days.map((d) => `${utcToLocal(d.startsAt, "Asia/Makassar").time}–${utcToLocal(d.endsAt, "Asia/Makassar").time}`)).toEqual(["08:00–12:00", "08:00–16:00", "08:00–12:00"]);
    await page.context().close();
  });
}

test("a volunteer who came on days 1 and 3 sees both days on /sertifikat and on the certificate's page, without JavaScript", async ({ db, browser }) => {
  const { chapterId, leadId } = await createChapterWithLead(db, { regionCode: "73.71", name: `RTIK Makassar ${Date.now() % 100000}` });
  const vol = await createUser(db, { name: "Andi Baso" });
  await addMembership(db, { userId: vol.id, chapterId });
  const eventId = await createOutreachEvent(db, { chapterId, leadId, venueRegion: "73.71.01", title: "Bimtek Literasi Digital Guru", date: witaDay(-5), days: 3, startTime: "08:00", endTime: "16:00", roles: [{ name: "Fasilitator", capacity: 4 }] });
  const e = await getEvent(db, eventId);
  if (!e) throw new Error("no event");
  await signUp(db, { eventId, roleId: e.roles[0]!.id, userId: vol.id, sessionIds: [e.sessions[0]!.id, e.sessions[2]!.id], assignedBy: leadId });
  for (const r of await db.select({ id: signups.id }).from(signups).where(eq(signups.eventId, eventId))) await markAttendance(db, { eventId, signupId: r.id, attended: true });
  await db.insert(outcomeReports).values({ eventId, status: "approved", participantsTotal: 30, approvedAt: new Date() });
  const days = formatDays([witaDay(-5), witaDay(-3)], "id");
  const page = await onPhone(browser, db, vol.id, false);
  await page.goto("/sertifikat");
  await expect(page.getByText(`${days} · `)).toBeVisible();
  await page.getByRole("button", { name: /Bimtek Literasi Digital Guru/ }).first().click();
  await expect(page).toHaveURL(/\/sertifikat\/[\w-]+$/);
  await expect(page.getByTestId("cert-days")).toHaveText(days);
  expect(days).toContain(" dan ");
  await page.context().close();
});
