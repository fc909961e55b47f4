import type { Browser, Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { signups } from "../../db/schema/events";
import { getEvent } from "../../app/models/events/events.server";
import { signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

async function asUser(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

/**
 * The Pekalongan network bimtek for 94 OPD: three days, Angkatan 1–3, four technicians per day. The lead plans it in
 * one form; the fifth technician for day 2 is waitlisted (without JavaScript); a technician holding day 1 and day 3
 * gets exactly those two days in their calendar feed.
 */
test("a 3-day bimtek in daily batches: places per day, waitlist per day, calendar with only the days held", async ({ page, db, browser, request }) => {
  test.setTimeout(180_000);
  const chapter = await createChapter(db, { regionCode: "33.75", name: `RTIK Kota Pekalongan ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Rina Pekalongan" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const techs = [];
  for (let i = 0; i < 6; i++) {
    const u = await createUser(db, { name: `Teknisi ${["Agus", "Bayu", "Citra", "Dimas", "Eka", "Fajar"][i]}` });
    await addMembership(db, { userId: u.id, chapterId: chapter.id });
    techs.push(u);
  }

  // the lead plans the three days in one form
  await loginAs(page, db, lead.id);
  await page.goto("/events");
  await page.getByRole("link", { name: `Kegiatan baru — ${chapter.name}` }).click();
  await page.getByLabel("Judul kegiatan").fill("Bimtek Jaringan OPD");
  await page.getByLabel("Program").selectOption({ index: 1 });
  await page.getByLabel("Nama tempat baru").fill("Aula Dinas Kominfo Kota Pekalongan");
  await page.getByLabel("Jenis lembaga").selectOption("opd");
  await page.getByLabel("Kecamatan").selectOption({ index: 1 });
  await page.getByLabel("Tanggal (hari pertama)").fill(inDays(8));
  await page.getByLabel("Jam mulai").fill("08:00");
  await page.getByLabel("Jam selesai").fill("16:00");
  await page.getByLabel("Jumlah hari").fill("3");
  await page.getByLabel("Keterangan per hari (satu baris per hari)").fill("Angkatan 1\nAngkatan 2\nAngkatan 3");
  await page.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran").fill("Teknisi");
  await page.getByRole("group", { name: "Peran 1" }).getByLabel("Kapasitas").fill("4");
  await page.getByRole("button", { name: "Simpan kegiatan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bimtek Jaringan OPD");
  const eventId = Number(new URL(page.url()).pathname.split("/")[2]);
  const event = await getEvent(db, eventId);
  expect(event?.sessions).toHaveLength(3);
  const [day1, day2, day3] = event?.sessions.map((s) => s.id) ?? [];
  const roleId = event?.roles[0]?.id ?? 0;
  await expect(page.getByRole("listitem").filter({ hasText: /^Hari 2: .* · Angkatan 2$/ })).toBeVisible();

  // four technicians already hold day 2
  for (const v of techs.slice(0, 4)) expect((await signUp(db, { eventId, roleId, userId: v.id, sessionIds: [day2 ?? 0] })).ok).toBe(true);

  // the fifth, on a phone without JavaScript, asks for day 2 only: waitlisted there
  const eka = await asUser(browser, db, techs[4]!.id, false);
  await eka.goto(`/events/${eventId}`);
  await expect(eka.getByTestId(`places-${roleId}-2`)).toHaveText("Hari 2: 4 dari 4 terisi");
  const form = eka.getByRole("group", { name: "Pilih hari: Teknisi" });
  await form.getByLabel(/Hari 1 · Angkatan 1/).uncheck();
  await form.getByLabel(/Hari 3 · Angkatan 3/).uncheck();
  await expect(form.getByLabel(/Hari 2 · Angkatan 2/)).toBeChecked();
  await eka.getByRole("button", { name: "Daftar untuk hari terpilih: Teknisi" }).click();
  await expect(eka.getByText("Anda masuk daftar tunggu", { exact: false })).toBeVisible();
  await expect(eka.getByTestId("my-days")).toContainText("Hari 2 · Angkatan 2 · Teknisi: Daftar tunggu no. 1");
  const [ekaDay2] = await db.select({ status: signups.status, pos: signups.waitlistPosition }).from(signups).where(and(eq(signups.userId, techs[4]!.id), eq(signups.sessionId, day2 ?? 0)));
  expect(ekaDay2).toEqual({ status: "waitlisted", pos: 1 });
  expect(await db.select({ id: signups.id }).from(signups).where(eq(signups.userId, techs[4]!.id))).toHaveLength(1);

  // the sixth takes day 1 and day 3 (both with room), then subscribes to the personal calendar
  const fajar = await asUser(browser, db, techs[5]!.id);
  await fajar.goto(`/events/${eventId}`);
  await expectAccessible(fajar);
  const fform = fajar.getByRole("group", { name: "Pilih hari: Teknisi" });
  await fform.getByLabel(/Hari 2 · Angkatan 2/).uncheck();
  await fajar.getByRole("button", { name: "Daftar untuk hari terpilih: Teknisi" }).click();
  await expect(fajar.getByTestId("my-days")).toContainText("Hari 1 · Angkatan 1 · Teknisi: terdaftar");
  await expect(fajar.getByTestId("my-days")).toContainText("Hari 3 · Angkatan 3 · Teknisi: terdaftar");
  await expect(fajar.getByTestId("my-days")).not.toContainText("Hari 2");
  await expectAccessible(fajar);
  await fajar.goto("/events/mine");
  await expect(fajar.getByText(/Hari 1 dari 3 \(Angkatan 1\)/)).toBeVisible();
  await expect(fajar.getByText(/Hari 3 dari 3 \(Angkatan 3\)/)).toBeVisible();
  await fajar.getByRole("button", { name: "Buat tautan kalender" }).click();
  const feedUrl = await fajar.getByTestId("feed-url").inputValue();
  const feed = await request.get(new URL(feedUrl).pathname);
  const comp = new ICAL.Component(ICAL.parse(await feed.text()));
  const vevents = comp.getAllSubcomponents("vevent");
  expect(vevents).toHaveLength(2);
  expect(vevents.map((v) => v.getFirstPropertyValue("summary"))).toEqual(["Bimtek Jaringan OPD (1/3 · Angkatan 1)", "Bimtek Jaringan OPD (3/3 · Angkatan 3)"]);
  const starts = vevents.map((v) => v.getFirstPropertyValue("dtstart")?.toString() ?? "");
  expect(starts[0]).toBe(`${inDays(8)}T08:00:00`);
  expect(starts[1]).toBe(`${inDays(10)}T08:00:00`);
  expect(vevents.every((v) => v.getFirstProperty("dtstart")?.getParameter("tzid") === "Asia/Jakarta")).toBe(true);

  // the lead sees each day's places and the roster per day; one cancellation on day 2 promotes the waitlisted one
  await page.goto(`/events/${eventId}`);
  await expect(page.getByTestId(`places-${roleId}-1`)).toHaveText("Hari 1: 1 dari 4 terisi");
  await expect(page.getByTestId(`places-${roleId}-2`)).toHaveText("Hari 2: 4 dari 4 terisi · 1 di daftar tunggu");
  await expectAccessible(page);
  await page.getByRole("row").filter({ hasText: techs[0]!.name }).filter({ hasText: "Angkatan 2" }).getByRole("button", { name: /^Keluarkan: / }).click();
  await expect(page.getByText("Relawan dikeluarkan", { exact: false })).toBeVisible();
  const after = await db.select({ status: signups.status }).from(signups).where(and(eq(signups.userId, techs[4]!.id), eq(signups.sessionId, day2 ?? 0)));
  expect(after[0]?.status).toBe("confirmed");
  expect(day1 && day3).toBeTruthy();
});
