import { and, eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema/accounts";
import { eventParticipants } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, linkFromMailbox, loginAs, PHONE, soonInJakarta, test } from "./support";

/**
 * Pages opened from a secret link keep the link out of Referer headers, yet their buttons must still pass the
 * same-origin check: a `no-referrer` policy made Chromium send `Origin: null` and every press was refused (403).
 */

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a volunteer confirms a new email through the link in the mailbox", async ({ page, db }) => {
      const stamp = `${Date.now()}${javaScriptEnabled ? "j" : "n"}`;
      const vol = await createUser(db, { name: "Dewi Ganti Email", email: `dewi-${stamp}@example.test` });
      const newEmail = `dewi-baru-${stamp}@example.test`;
      await loginAs(page, db, vol.id);
      // she is also logged in on her old phone
      await db.insert(sessions).values({ id: `old-phone-${stamp}`, userId: vol.id, expiresAt: new Date(Date.now() + 86400_000) });
      await page.goto("/akun/data");
      await page.getByLabel("Email baru").fill(newEmail);
      await page.getByRole("button", { name: "Kirim tautan konfirmasi" }).click();
      await expect(page.getByText("Tautan konfirmasi sudah dikirim ke email baru.", { exact: false })).toBeVisible();
      const link = new URL(await linkFromMailbox(page, newEmail, /\/akun\/email\//));
      await page.goto(link.pathname);
      await page.getByRole("button", { name: "Konfirmasi email baru" }).click();
      await expect(page.getByText("Email Anda sudah diganti.", { exact: false })).toBeVisible();
      const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, vol.id));
      expect(row?.email).toBe(newEmail);
      // the other session ended; this browser stays logged in
      expect((await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, vol.id))).map((s) => s.id)).not.toContain(`old-phone-${stamp}`);
      expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, vol.id))).toHaveLength(1);
      await page.goto("/akun/data");
      await expect(page.getByText(`Email sekarang: ${newEmail}`)).toBeVisible();
      // still no path in a Referer to other sites
      await page.goto(link.pathname);
      await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "same-origin");
    });

    test("a participant cancels their registration from the ticket link", async ({ page, db }) => {
      const stamp = Date.now() % 100000;
      const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Tiket ${stamp}${javaScriptEnabled ? "j" : "n"}` });
      const lead = await createUser(db, { name: "Lead Tiket" });
      await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
      const when = soonInJakarta();
      const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Literasi Digital ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });
      await page.goto(`/e/${eventId}/daftar`);
      await page.getByLabel("Nama", { exact: true }).fill("Siti Batal");
      await page.getByLabel("Tidak, 18 tahun atau lebih").check();
      await page.getByRole("button", { name: "Daftar", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
      const before = await db.select({ id: eventParticipants.id }).from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.name, "Siti Batal")));
      expect(before).toHaveLength(1);
      const ticketUrl = page.url();
      // a stray tap cancels nothing: the confirmation is asked next to the button
      await page.getByRole("button", { name: "Batalkan pendaftaran saya" }).click();
      await expect(page.locator("#confirm-error")).toHaveText("Centang konfirmasi untuk membatalkan.");
      expect(await db.select({ id: eventParticipants.id }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId))).toHaveLength(1);
      await page.getByLabel("Ya, batalkan: saya tidak jadi datang.").check();
      await page.getByRole("button", { name: "Batalkan pendaftaran saya" }).click();
      await expect(page).toHaveURL(new RegExp(`/e/${eventId}\\?batal=1$`));
      await expect(page.getByRole("status")).toHaveText("Pendaftaran Anda sudah dibatalkan. Berubah pikiran? Anda bisa mendaftar lagi selama pendaftaran masih dibuka.");
      const after = await db.select({ id: eventParticipants.id }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
      expect(after).toHaveLength(0);
      // the same press sent again (the first answer lost on a slow line) says the same, not "not found"
      const again = await page.request.post(ticketUrl, { form: { confirm: "yes" }, headers: { Origin: new URL(ticketUrl).origin }, maxRedirects: 0 });
      expect(again.status()).toBe(302);
      expect(again.headers()["location"]).toBe(`/e/${eventId}?batal=1`);
      // the link kept and opened later (or on the way back from a dropped answer) says what became of it
      await page.goto(ticketUrl);
      await expect(page).toHaveURL(new RegExp(`/e/${eventId}\\?batal=tiket$`));
      await expect(page.getByRole("status")).toHaveText(
        "Pendaftaran pada tautan itu sudah tidak ada: sudah dibatalkan, atau dihapus oleh panitia. Ingin datang? Anda bisa mendaftar lagi selama pendaftaran masih dibuka.",
      );
    });
  });
}

test.describe("a ticket page lost on a phone without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("registering again with the same address sends the link there; it opens the ticket on another phone", async ({ page, browser, db }) => {
    const stamp = Date.now() % 100000;
    const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Tiket Hilang ${stamp}` });
    const lead = await createUser(db, { name: "Lead Tiket Hilang" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const when = soonInJakarta();
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Aman Bertransaksi ${stamp}`, date: when.date, startTime: when.start, endTime: when.end });
    const email = `nur.aini.${stamp}@contoh.test`;
    const fill = async (name: string, mail: string) => {
      await page.goto(`/e/${eventId}/daftar`);
      await page.getByLabel("Nama", { exact: true }).fill(name);
      await page.getByLabel("Email (boleh dikosongkan)").fill(mail);
      await page.getByLabel("Tidak, 18 tahun atau lebih").check();
      await page.getByRole("button", { name: "Daftar", exact: true }).click();
    };
    await fill("Nur Aini", email);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
    const code = await page.getByTestId("ticket-code").textContent();
    // the tab is closed before the link was saved; the form again, the address typed in capitals
    await fill("NUR AINI", email.toUpperCase());
    await expect(page).toHaveURL(new RegExp(`/e/${eventId}/daftar\\?sudah=email$`));
    await expect(page.getByRole("status")).toHaveText(
      "Anda sudah terdaftar sebelumnya; pendaftaran tidak digandakan. Tautan pendaftaran Anda kami kirim lagi ke email yang sama: buka dari sana untuk melihat kode Anda atau membatalkan.",
    );
    const link = await linkFromMailbox(page, email, new RegExp(`/e/${eventId}/tiket/`));
    const other = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const phone = await other.newPage();
    await phone.goto(link);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
    await expect(phone.getByTestId("ticket-code")).toHaveText(code ?? "");
    await other.close();
    expect(await db.select({ id: eventParticipants.id }).from(eventParticipants).where(eq(eventParticipants.eventId, eventId))).toHaveLength(1);
  });
});
