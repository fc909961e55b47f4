import { and, eq } from "drizzle-orm";
import { eventParticipants, events } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, loginAs, soonInJakarta, test } from "./support";

/**
 * An Internet Sehat talk at a junior high school: pupils register on their own phones, without JavaScript, at 360 px.
 * A pupil under 18 is refused until a parent's or guardian's name, contact and consent are given (UU PDP art. 25),
 * with each message next to its field and nothing typed lost; the lead sees who consented.
 */
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

test("a pupil under 18 registers ahead and at the door only with a guardian's consent; the lead sees the guardian", async ({ page, db, browser }) => {
  const stamp = Date.now() % 1_000_000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Wali ${stamp}` });
  const lead = await createUser(db, { name: "Lead Wali" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Internet Sehat SMPN 2 ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });

  await page.goto(`/e/${eventId}/daftar`);
  await page.getByLabel("Nama", { exact: true }).fill("Nabila Putri");
  await page.getByLabel("Asal lembaga").fill("SMP Negeri 2 Jember");
  // the question unanswered
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page.locator("#minor-error")).toHaveText("Pilih apakah Anda berusia di bawah 18 tahun.");
  await expect(page.getByLabel("Asal lembaga")).toHaveValue("SMP Negeri 2 Jember");
  // under 18, nothing about the guardian
  await page.getByLabel("Ya, di bawah 18 tahun").check();
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page.locator("#f-guardianName-error")).toHaveText("Tulis nama orang tua/wali.");
  await expect(page.locator("#f-guardianContact-error")).toHaveText("Tulis WhatsApp atau email orang tua/wali.");
  await expect(page.locator("#guardianConsent-error")).toHaveText("Untuk anak di bawah 18 tahun, orang tua/wali harus menyetujui.");
  await expect(page.getByLabel("Ya, di bawah 18 tahun")).toBeChecked();
  await expect(page.getByLabel("Nama", { exact: true })).toHaveValue("Nabila Putri");
  // the guardian's name and number, the box not ticked: still refused, what was typed stays
  await page.getByLabel("Nama orang tua/wali").fill("Ibu Sulastri");
  await page.getByLabel("WhatsApp atau email orang tua/wali").fill("0812-3456-7001");
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page.locator("#guardianConsent-error")).toBeVisible();
  await expect(page.locator("#f-guardianName-error")).toHaveCount(0);
  await expect(page.getByLabel("Nama orang tua/wali")).toHaveValue("Ibu Sulastri");
  await expect(page.getByLabel("WhatsApp atau email orang tua/wali")).toHaveValue("0812-3456-7001");
  expect(await db.select({ id: eventParticipants.id }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId))).toHaveLength(0);
  // ticked: registered, no phone of her own needed
  await page.getByRole("checkbox", { name: /^Orang tua\/wali saya sudah menyetujui/ }).check();
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
  // the ticket shows her family what was given for the guardian, and that consent was recorded
  await expect(page.getByTestId("ticket-guardian")).toContainText("Di bawah 18 tahun. Persetujuan orang tua/wali tercatat");
  await expect(page.getByTestId("ticket-guardian")).toContainText(": Ibu Sulastri (+62 812-3456-7001).");
  const [nabila] = await db.select().from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.name, "Nabila Putri")));
  expect([nabila?.isMinor, nabila?.guardianName, nabila?.guardianContact, nabila?.phone, !!nabila?.guardianConsentAt]).toEqual([true, "Ibu Sulastri", "+6281234567001", null, true]);

  // at the door, a classmate under 18 with the guardian's consent; an adult teacher answers "no"
  const l = await (await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta" })).newPage();
  await loginAs(l, db, lead.id);
  await l.goto(`/events/${eventId}`);
  const doorCode = (await l.getByTestId("checkin-code").textContent()) ?? "";
  await page.goto(`/e/${eventId}/hadir?code=${doorCode}`);
  await page.getByLabel("Nama", { exact: true }).fill("Dimas Arya");
  await page.getByLabel("Ya, di bawah 18 tahun").check();
  await page.getByLabel("Nama orang tua/wali").fill("Pak Yanto");
  await page.getByRole("button", { name: "Saya hadir" }).click();
  await expect(page.locator("#f-guardianContact-error")).toBeVisible();
  await expect(page.locator("#guardianConsent-error")).toBeVisible();
  await expect(page.getByLabel("Nama orang tua/wali")).toHaveValue("Pak Yanto");
  await page.getByLabel("WhatsApp atau email orang tua/wali").fill("yanto@contoh.test");
  await page.getByRole("checkbox", { name: /^Orang tua\/wali saya sudah menyetujui/ }).check();
  await page.getByRole("button", { name: "Saya hadir" }).click();
  await expect(page.getByText("Terima kasih, kehadiran Anda tercatat.", { exact: false })).toBeVisible();
  // the next person gets an empty form
  await expect(page.getByLabel("Nama orang tua/wali")).toHaveValue("");
  await page.getByLabel("Nama", { exact: true }).fill("Bu Endang");
  await page.getByLabel("Tidak, 18 tahun atau lebih").check();
  await page.getByRole("button", { name: "Saya hadir" }).click();
  await expect(page.getByText("Terima kasih, kehadiran Anda tercatat.", { exact: false })).toBeVisible();

  // the lead's list shows who consented for each child, and nothing for the adult
  await l.goto(`/events/${eventId}/participants`);
  const card = (name: string) => l.getByTestId("participant").filter({ hasText: name });
  await expect(card("Nabila Putri")).toContainText("Di bawah 18 tahun — persetujuan dari Ibu Sulastri (+6281234567001)");
  await expect(card("Dimas Arya")).toContainText("Di bawah 18 tahun — persetujuan dari Pak Yanto (yanto@contoh.test)");
  await expect(card("Bu Endang")).not.toContainText("18 tahun");
});

test("a double tap on a slow line, the first answer never arriving, leads to the ticket of the one registration made", async ({ page, db }) => {
  const stamp = Date.now() % 1_000_000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Sinyal ${stamp}` });
  const lead = await createUser(db, { name: "Lead Sinyal" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Literasi Digital Desa ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });
  await page.goto(`/e/${eventId}/daftar`);
  await page.getByLabel("Nama", { exact: true }).fill("Siti Rahayu 🌸");
  await page.getByLabel("Tidak, 18 tahun atau lebih").check();
  // the first press reaches the server, which registers her; its answer is lost on the way
  let first = true;
  await page.route(`**/e/${eventId}/daftar*`, async (route) => {
    if (route.request().method() !== "POST" || !first) return route.continue();
    first = false;
    await route.fetch({ maxRedirects: 0 });
    await new Promise((r) => setTimeout(r, 3000));
    await route.abort("internetdisconnected").catch(() => undefined);
  });
  await page.getByRole("button", { name: "Daftar", exact: true }).click({ noWaitAfter: true });
  await expect.poll(async () => (await db.select().from(eventParticipants).where(eq(eventParticipants.eventId, eventId))).length).toBe(1);
  // nothing seems to happen: she presses again, on the same page (the button still has the focus)
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
  await expect(page.getByTestId("ticket-code")).toHaveText(/^[A-Z0-9]{6}$/);
  const rows = await db.select().from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
  expect(rows.map((r) => [r.name, r.repeats])).toEqual([["Siti Rahayu 🌸", 0]]);
});

test("the registration and door pages of a cancelled event say it is cancelled, the registration page of one already over that it is over", async ({ page, db }) => {
  const stamp = Date.now() % 1_000_000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Batal ${stamp}` });
  const lead = await createUser(db, { name: "Lead Batal" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const cancelled = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Kelas Batal ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });
  await db.update(events).set({ status: "cancelled" }).where(eq(events.id, cancelled));
  const over = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Kelas Lalu ${stamp}`, date: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10) });
  await page.goto(`/e/${cancelled}/daftar`);
  await expect(page.getByRole("status")).toHaveText("Kegiatan ini dibatalkan oleh panitia. Anda tidak perlu datang.");
  await expect(page.getByRole("button", { name: "Daftar", exact: true })).toHaveCount(0);
  // its QR code at the door too
  await page.goto(`/e/${cancelled}/hadir?code=ABC234`);
  await expect(page.getByRole("status")).toHaveText("Kegiatan ini dibatalkan oleh panitia. Anda tidak perlu datang.");
  await expect(page.getByRole("button", { name: "Saya hadir" })).toHaveCount(0);
  await page.goto(`/e/${over}/daftar`);
  await expect(page.getByRole("status")).toHaveText("Kegiatan ini sudah selesai.");
});
