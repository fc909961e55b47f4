import { eq } from "drizzle-orm";
import { calendarTokens } from "../../db/schema/events";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, linkFromMailbox, loginAs, test } from "./support";

test.use({ viewport: { width: 360, height: 740 } });

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("ending the other sessions stops the calendar link too; the page says so and leads to a new one", async ({ page, db }) => {
    const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember Kalender ${Date.now() % 100000}` });
    const u = await createUser(db, { name: "Wulan Ponsel Hilang" });
    await addMembership(db, { userId: u.id, chapterId: chapter.id });
    await loginAs(page, db, u.id);
    await page.goto("/events/mine");
    await page.getByRole("button", { name: "Buat tautan kalender" }).click();
    // the link copied onto the phone that is now lost
    const copied = new URL(await page.getByTestId("feed-url").inputValue()).pathname;
    expect((await page.request.get(copied)).status()).toBe(200);

    await page.goto("/account");
    await page.getByRole("button", { name: "Akhiri sesi di semua perangkat lain" }).click();
    const status = page.getByRole("status");
    await expect(status).toContainText("Semua sesi di perangkat lain sudah diakhiri.");
    await expect(status).toContainText("Tautan kalender pribadi Anda juga dihentikan");
    expect((await page.request.get(copied)).status()).toBe(404);
    expect(await db.select().from(calendarTokens).where(eq(calendarTokens.userId, u.id))).toHaveLength(0);

    // the notice's link goes where a new one is made; the new one works
    await status.getByRole("link", { name: "Buat tautan baru di Jadwal saya" }).click();
    await expect(page).toHaveURL(/\/events\/mine#feed$/);
    await page.getByRole("button", { name: "Buat tautan kalender" }).click();
    const fresh = new URL(await page.getByTestId("feed-url").inputValue()).pathname;
    expect(fresh).not.toBe(copied);
    expect((await page.request.get(fresh)).status()).toBe(200);

    // without a calendar link the notice says nothing of calendars
    await page.getByRole("button", { name: "Cabut tautan" }).click();
    await page.goto("/account");
    await page.getByRole("button", { name: "Akhiri sesi di semua perangkat lain" }).click();
    await expect(page.getByRole("status")).toHaveText("Semua sesi di perangkat lain sudah diakhiri.");
  });
});

test("a password reset from 'forgot password' stops the calendar link, in English, and the email says to subscribe again", async ({ page, db }) => {
  const u = await createUser(db, { name: "Wulan Taken Over", locale: "en", password: "old password long" });
  await loginAs(page, db, u.id);
  await page.goto("/events/mine");
  await page.getByRole("button", { name: "Make a calendar link" }).click();
  const copied = new URL(await page.getByTestId("feed-url").inputValue()).pathname;
  expect((await page.request.get(copied)).status()).toBe(200);
  await page.context().clearCookies();

  // signed out, the pages are in Indonesian until the account is back
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(u.email);
  await page.getByRole("button", { name: "Kirim tautan" }).click();
  const link = await linkFromMailbox(page, u.email, /\/reset-password\//);
  await page.goto(link);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("a brand new password");
  await page.getByLabel("Ulangi kata sandi baru").fill("a brand new password");
  await page.getByRole("button", { name: "Simpan kata sandi baru" }).click();
  await expect(page).toHaveURL(/\/account\?reset=1&feed=ended$/);
  await expect(page.getByRole("status")).toContainText("Your personal calendar link has been stopped as well");
  await expect(page.getByRole("status").getByRole("link", { name: "Make a new link in My schedule" })).toHaveAttribute("href", "/events/mine#feed");
  await expectAccessible(page);
  expect((await page.request.get(copied)).status()).toBe(404);
  // the "password changed" email says it too, with the page's address
  await linkFromMailbox(page, u.email, /\/events\/mine/);
  await expect(page.locator("pre")).toContainText("calendar link has been stopped as well");
  // the reset link is spent
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Link no longer valid");
});

test("changing the password on the account page stops the calendar link and says so", async ({ page, db }) => {
  const u = await createUser(db, { name: "Wulan Ganti Sandi", password: "sandi lama panjang" });
  await loginAs(page, db, u.id);
  await page.goto("/events/mine");
  await page.getByRole("button", { name: "Buat tautan kalender" }).click();
  const copied = new URL(await page.getByTestId("feed-url").inputValue()).pathname;
  await page.goto("/account");
  await page.getByLabel("Kata sandi saat ini").fill("sandi lama panjang");
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru panjang sekali");
  await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru panjang sekali");
  await page.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(page).toHaveURL(/\/account\?changed=1&feed=ended$/);
  await expect(page.getByRole("status")).toContainText("Kata sandi sudah diganti.");
  await expect(page.getByRole("status")).toContainText("Tautan kalender pribadi Anda juga dihentikan");
  expect((await page.request.get(copied)).status()).toBe(404);
});
