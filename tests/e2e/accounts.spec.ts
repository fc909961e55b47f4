import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { sessions, users } from "../../db/schema/accounts";
import { outbox } from "../../db/schema/outbox";
import { createUser } from "../factories";
import { expect, expectAccessible, test } from "./support";

function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@contoh.id`;
}

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  // wait for the answer, so a message left over from the previous try is never mistaken for this one's
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
  await page.getByRole("button", { name: "Masuk" }).click();
  await answered;
}

test("register: errors next to the fields keep what was typed, then the new volunteer lands logged in", async ({ page, db }) => {
  const email = uniqueEmail("Sri.Wahyuni");
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Daftar sebagai relawan");
  await expectAccessible(page);

  await page.getByLabel("Nama lengkap").fill("Sri Wahyuni");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill("pendek");
  await page.getByLabel("Ulangi kata sandi").fill("pendek");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Kata sandi minimal 10 karakter.")).toBeVisible();
  await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nama lengkap")).toHaveValue("Sri Wahyuni");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveValue("");
  await expectAccessible(page);

  await page.getByLabel("Kata sandi", { exact: true }).fill("gotong royong pagi");
  await page.getByLabel("Ulangi kata sandi").fill("gotong royong siang");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Kedua kata sandi tidak sama.")).toBeVisible();

  await page.getByLabel("Kata sandi", { exact: true }).fill("gotong royong pagi");
  await page.getByLabel("Ulangi kata sandi").fill("gotong royong pagi");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/chapters$/);

  const [row] = await db.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email.toLowerCase()));
  expect(row?.locale).toBe("id");
  const active = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, row?.id ?? ""));
  expect(active).toHaveLength(1);

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Akun saya");
  await expect(page.getByText(email.toLowerCase())).toBeVisible();
  await expectAccessible(page);

  // the same email again is refused
  await page.getByText("Lainnya").click();
  await page.getByRole("button", { name: "Keluar" }).click();
  // signed out once on the home page (the next navigation must not overtake the log-out)
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/register");
  await page.getByLabel("Nama lengkap").fill("Orang Lain");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Kata sandi", { exact: true }).fill("kata sandi lain sekali");
  await page.getByLabel("Ulangi kata sandi").fill("kata sandi lain sekali");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Email ini tidak bisa dipakai untuk mendaftar", { exact: false })).toBeVisible();
});

test("log in: a wrong password gets one message for both fields; the right one goes back where the visitor was", async ({ page, db }) => {
  const u = await createUser(db, { email: uniqueEmail("bayu"), name: "Bayu Pratama", password: "nasi goreng pedas" });
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk");
  await expectAccessible(page);

  await logIn(page, u.email, "nasi goreng manis");
  await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");
  await expect(page.getByLabel("Email")).toHaveValue(u.email);
  await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveValue("");
  await expectAccessible(page);

  await logIn(page, "belum.terdaftar@contoh.id", "nasi goreng manis");
  await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");

  await logIn(page, u.email.toUpperCase(), "nasi goreng pedas");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Bayu Pratama")).toBeVisible();
});

test("forgot password: the emailed link sets a new password once, and the new password logs in", async ({ page, db }) => {
  const u = await createUser(db, { email: uniqueEmail("wulan"), name: "Wulan Sari", password: "sandi lama sekali" });
  await page.goto("/login");
  await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lupa kata sandi");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(u.email);
  await page.getByRole("button", { name: "Kirim tautan" }).click();
  await expect(page.getByRole("status")).toContainText("Jika ada akun dengan email tersebut");
  await expectAccessible(page);

  // an unknown email gets exactly the same page
  const ghost = uniqueEmail("tidak-ada");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(ghost);
  await page.getByRole("button", { name: "Kirim tautan" }).click();
  await expect(page.getByRole("status")).toContainText("Jika ada akun dengan email tersebut");
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("row").filter({ hasText: u.email })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: ghost })).toHaveCount(0);

  const link = await resetLinkFromMailbox(page, u.email);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buat kata sandi baru");
  await expectAccessible(page);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru yang panjang");
  await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru yang panjang");
  await page.getByRole("button", { name: "Simpan kata sandi baru" }).click();
  await expect(page).toHaveURL(/\/account\?reset=1$/);
  await expect(page.getByRole("status")).toHaveText("Kata sandi baru sudah disimpan dan Anda sudah masuk.");

  // the link is spent
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tautan tidak berlaku");
  await expectAccessible(page);

  await page.getByText("Lainnya").click();
  await page.getByRole("button", { name: "Keluar" }).click();
  // signed out once on the home page (the next navigation must not overtake the log-out)
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/login");
  await logIn(page, u.email, "sandi lama sekali");
  await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");
  await logIn(page, u.email, "sandi baru yang panjang");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halo, Wulan Sari");
});

/** The reset link as the user reads it: in the development mailbox, opened from the list by its subject. */
async function resetLinkFromMailbox(page: Page, email: string): Promise<string> {
  await page.goto("/dev/mailbox");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expectAccessible(page);
  await row.getByRole("link", { name: "Atur ulang kata sandi Simpul Anda" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Atur ulang kata sandi Simpul Anda");
  const text = await page.locator("pre").innerText();
  expect(text).toContain("Tautan ini berlaku 60 menit dan hanya bisa dipakai sekali.");
  const url = /(http\S+\/reset-password\/[A-Za-z0-9_-]{43})\b/.exec(text)?.[1];
  expect(url).toBeTruthy();
  return new URL(url ?? "").pathname;
}

test("account: changing the password ends the other sessions; the language choice is remembered", async ({ page, db }) => {
  const u = await createUser(db, { email: uniqueEmail("hendra"), name: "Hendra Gunawan", password: "sandi lama sekali" });
  const other = randomBytes(20).toString("hex");
  await db.insert(sessions).values({ id: other, userId: u.id, expiresAt: new Date(Date.now() + 86400_000) });
  await page.goto("/login");
  await logIn(page, u.email, "sandi lama sekali");
  await page.goto("/account");

  await page.getByLabel("Kata sandi saat ini").fill("bukan sandi saya");
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru sekali");
  await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru sekali");
  await page.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(page.getByText("Kata sandi saat ini salah.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Kata sandi saat ini").fill("sandi lama sekali");
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru sekali");
  await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru sekali");
  await page.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(page.getByRole("status")).toContainText("Kata sandi sudah diganti");
  const left = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, u.id));
  expect(left).toHaveLength(1);
  expect(left[0]?.id).not.toBe(other);

  await page.getByLabel("English").check();
  await page.getByRole("button", { name: "Simpan bahasa" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, u.id));
  expect(row?.locale).toBe("en");
  await expectAccessible(page);
});

test("too many failed log-ins: a clear message in the visitor's language", async ({ page }) => {
  const email = uniqueEmail("penebak");
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(`guess number ${i}`);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
    await page.getByRole("button", { name: "Log in" }).click();
    expect((await answered).status()).toBe(400);
    await expect(page.getByRole("alert")).toHaveText("Email or password is wrong.");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("guess number 6");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    /^Too many log-in attempts\. For your security, try again in 1[45] minutes, or reset your password with “Forgot your password\?” below: you are logged in as soon as the new password is saved\.$/,
  );
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign up with a mistake first, then successfully", async ({ page }) => {
    const email = uniqueEmail("tanpa-js-daftar");
    await page.goto("/register");
    await page.getByLabel("Nama lengkap").fill("Putu Ayu");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi", { exact: true }).fill(email);
    await page.getByLabel("Ulangi kata sandi").fill(email);
    await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page.getByText("Kata sandi tidak boleh sama dengan email.")).toBeVisible();
    await expect(page.getByLabel("Nama lengkap")).toHaveValue("Putu Ayu");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveValue("");
    await page.getByLabel("Kata sandi", { exact: true }).fill("pantai kuta sore hari");
    await page.getByLabel("Ulangi kata sandi").fill("pantai kuta sore hari");
    await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page).toHaveURL(/\/chapters$/);
    await page.goto("/account");
    await expect(page.getByText(email)).toBeVisible();
  });

  test("log in, see an error, then change the password", async ({ page, db }) => {
    const u = await createUser(db, { email: uniqueEmail("tanpa-js"), password: "sandi lama sekali" });
    await page.goto("/login?redirectTo=/account");
    await logIn(page, u.email, "salah salah salah");
    await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");
    await logIn(page, u.email, "sandi lama sekali");
    await expect(page).toHaveURL(/\/account$/);
    await page.getByLabel("Kata sandi saat ini").fill("sandi lama sekali");
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("pendek");
    await page.getByLabel("Ulangi kata sandi baru").fill("pendek");
    await page.getByRole("button", { name: "Ganti kata sandi" }).click();
    await expect(page.getByText("Kata sandi minimal 10 karakter.")).toBeVisible();
    await page.getByLabel("Kata sandi saat ini").fill("sandi lama sekali");
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru tanpa js");
    await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru tanpa js");
    await page.getByRole("button", { name: "Ganti kata sandi" }).click();
    await expect(page.getByRole("status")).toContainText("Kata sandi sudah diganti");
  });

  test("the password form's answer lost on 3G: sent again, it arrives at the same change, logged in", async ({ page, db }) => {
    const u = await createUser(db, { email: uniqueEmail("sinyal"), password: "sandi lama sekali" });
    await page.goto("/login?redirectTo=/account");
    await logIn(page, u.email, "sandi lama sekali");
    await expect(page).toHaveURL(/\/account$/);
    await page.getByLabel("Kata sandi saat ini").fill("sandi lama sekali");
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru di bus");
    await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru di bus");
    const origin = new URL(page.url()).origin;
    // the server saves the change, but its answer (with the new session's cookie) never reaches the phone
    let lost = false;
    await page.route("**/account", async (route) => {
      if (lost || route.request().method() !== "POST") return route.continue();
      lost = true;
      await route.fetch({ maxRedirects: 0 });
      await route.abort("internetdisconnected");
    });
    await page.getByRole("button", { name: "Ganti kata sandi" }).click().catch(() => undefined);
    await expect.poll(() => lost).toBe(true);
    // the change is saved (its email queued); the session this page holds has ended
    const notices = () => db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, u.email), eq(outbox.template, "password-changed")));
    await expect.poll(async () => (await notices()).length).toBe(1);
    // the browser sends the same form again (a resend, or a second tap), still with the ended session's cookie
    const sent = await page.request.post("/account", {
      form: { intent: "password", currentPassword: "sandi lama sekali", newPassword: "sandi baru di bus", newPasswordConfirm: "sandi baru di bus" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(sent.status()).toBe(302);
    expect(sent.headers()["location"]).toBe("/account?changed=1");
    await page.unroute("**/account");
    await page.goto("/account?changed=1");
    await expect(page.getByRole("status")).toContainText("Kata sandi sudah diganti");
    await expect(page.getByText(u.email)).toBeVisible();
    expect(await notices()).toHaveLength(1);
  });
});

test("log-in, registration and password pages ship no JavaScript and still work: no script, no module preload", async ({ page, db }) => {
  for (const path of ["/login", "/login?redirectTo=/account", "/register", "/forgot-password", "/reset-password/not-a-valid-token"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("h1")).toBeVisible();
    expect(await page.locator("script[src]").count(), `${path}: <script src>`).toBe(0);
    expect(await page.locator("script").count(), `${path}: inline <script>`).toBe(0);
    expect(await page.locator('link[rel="modulepreload"]').count(), `${path}: modulepreload`).toBe(0);
    const html = (await response?.text()) ?? "";
    expect(html, path).not.toMatch(/<script[\s>]/);
  }
  // the form still logs in (a plain form post, full page load)
  const email = uniqueEmail("tanpa.js");
  await createUser(db, { email, name: "Tanpa Skrip", password: "sandi tanpa javascript" });
  await page.goto("/login?redirectTo=/account");
  await logIn(page, email, "sandi tanpa javascript");
  await expect(page).toHaveURL(/\/account$/);
  // and the signed-in page it lands on does load its scripts (module preloads and an inline module script; the
  // document as served: once hydrated, Remix drops them from the DOM)
  const signedIn = await (await page.request.get("/account")).text();
  expect(signedIn).toMatch(/<link rel="modulepreload"/);
  expect(signedIn).toMatch(/<script [^>]*type="module"/);
});
