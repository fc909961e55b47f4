import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema/accounts";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, linkFromMailbox, loginAs, test } from "./support";

const EVIL = "%2F%09%2Fevil.example%2Flogin";

async function logInFrom(page: import("@playwright/test").Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

test("after log-in a crafted redirectTo stays on this site; a newline gives no 500 (item 5)", async ({ page, db }) => {
  const u = await createUser(db, { password: "gotong royong pagi" });
  await logInFrom(page, `/login?redirectTo=${EVIL}`, u.email, "gotong royong pagi");
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await page.context().clearCookies();
  const res = await page.goto("/login?redirectTo=%2F%0A%2Fevil.example");
  expect(res?.status()).toBe(200);
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Kata sandi", { exact: true }).fill("gotong royong pagi");
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Masuk" }).click();
  expect((await answer).status()).toBeLessThan(500);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the crafted redirectTo stays on this site too (item 5)", async ({ page, db }) => {
    const u = await createUser(db, { password: "gotong royong pagi" });
    await logInFrom(page, `/login?redirectTo=${EVIL}`, u.email, "gotong royong pagi");
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});

test("a strict nonce CSP that the hydrated app satisfies, security headers on static files, no-store on personal pages (item 8)", async ({ page, db }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/login");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-inline'; script");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()["cache-control"]).toBe("private, no-store");
  // hydration works under the policy: a client-side navigation happens without a document request
  const u = await createUser(db);
  await loginAs(page, db, u.id);
  await page.goto("/profile");
  expect((await page.request.get("/profile")).headers()["cache-control"]).toBe("private, no-store");
  const data = await page.request.get("/profile.data");
  expect(data.headers()["cache-control"]).toBe("private, no-store");
  await page.getByRole("link", { name: "Kegiatan" }).first().click();
  await expect(page).toHaveURL(/\/events$/);
  expect(violations).toEqual([]);
  const inline = await page.locator("script:not([src])").count();
  expect(inline).toBeGreaterThan(0);

  // the site's stylesheet is written into the page under the same policy; a built script stands for the static files
  await expect(page.locator("head style#site-css")).toHaveCount(1);
  const asset = /\/build\/[^"]+\.js/.exec(await (await page.request.get("/profile")).text())?.[0] ?? "";
  expect(asset).not.toBe("");
  for (const path of [asset, "/favicon.svg"]) {
    const r = await page.request.get(path);
    expect(r.status(), path).toBe(200);
    expect(r.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(r.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(r.headers()["x-frame-options"], path).toBe("DENY");
  }
});

test("sessions are stored only as a hash of the cookie (item 11)", async ({ page, db }) => {
  const u = await createUser(db, { password: "gotong royong pagi" });
  await logInFrom(page, "/login", u.email, "gotong royong pagi");
  await expect(page).toHaveURL(/\/$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "simpul_session")?.value ?? "";
  expect(cookie.length).toBeGreaterThan(20);
  const stored = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, u.id));
  expect(stored.map((s) => s.id)).toEqual([createHash("sha256").update(cookie).digest("hex")]);
  // a database reader's id in a cookie opens nothing
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "simpul_session", value: stored[0]?.id ?? "", url: page.url() }]);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
});

test("a new account confirms its address from the email before it can apply (item 14)", async ({ page, db }) => {
  const stamp = Date.now();
  const chapter = await createChapter(db, { name: `RTIK Verifikasi ${stamp}`, regionCode: "35.09" });
  const lead = await createUser(db);
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const email = `bukan-milik-saya-${stamp}@example.test`;
  await page.goto("/register");
  await page.getByLabel("Nama lengkap").fill("Orang Lain");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill("sinau-bareng-2026");
  await page.getByLabel("Ulangi kata sandi").fill("sinau-bareng-2026");
  await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await page.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(page).toHaveURL(/\/chapters$/);
  await page.goto(`/chapters/${chapter.slug}`);
  await expect(page.getByText(`kami mengirim tautan ke ${email}`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Daftar ke ${chapter.name}` })).toHaveCount(0);
  // a hand-made POST is refused as well
  const post = await page.request.post(`/chapters/${chapter.slug}`, { form: { motivation: "x" }, headers: { Origin: new URL(page.url()).origin } });
  expect(post.status()).toBe(409);
  const [row] = await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
  expect(row?.at).toBeNull();

  await page.getByRole("button", { name: "Kirim ulang tautan konfirmasi" }).click();
  await expect(page.getByRole("status")).toContainText("Tautan konfirmasi baru sudah dikirim");
  await page.goto(await linkFromMailbox(page, email, /\/verifikasi-email\//));
  await expect(page.getByRole("status")).toHaveText("Alamat email Anda sudah dikonfirmasi. Sekarang Anda bisa mendaftar ke chapter.");
  await page.goto(`/chapters/${chapter.slug}`);
  await page.getByRole("button", { name: `Daftar ke ${chapter.name}` }).click();
  await expect(page.getByTestId("my-status")).toHaveText("Status Anda: Menunggu keputusan");
});

test("a lost phone: 'Akhiri sesi di semua perangkat lain' ends every other session of the account, not this one nor anyone else's", async ({ page, db, browser }) => {
  const u = await createUser(db, { name: "Wulan Dua Ponsel", password: "gotong royong pagi" });
  const other = await createUser(db, { name: "Teman Wulan" });
  // the lost phone, without JavaScript, and a friend signed in on their own phone
  const lost = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })).newPage();
  await loginAs(lost, db, u.id);
  const friend = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await loginAs(friend, db, other.id);
  await lost.goto("/account");
  await expect(lost.getByRole("heading", { level: 1 })).toHaveText("Akun saya");

  await logInFrom(page, "/login?redirectTo=%2Faccount", u.email, "gotong royong pagi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Akun saya");
  await page.getByRole("button", { name: "Akhiri sesi di semua perangkat lain" }).click();
  await expect(page.getByRole("status")).toHaveText("Semua sesi di perangkat lain sudah diakhiri.");
  await expectAccessible(page);
  expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(1);

  // the lost phone is signed out; this phone and the friend are not
  await lost.goto("/account");
  await expect(lost).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Akun saya");
  await friend.goto("/account");
  await expect(friend.getByRole("heading", { level: 1 })).toHaveText("Akun saya");
  await lost.context().close();
  await friend.context().close();
});

test.describe("without JavaScript, in English", () => {
  test.use({ javaScriptEnabled: false });
  test("the other sessions end from the account page too", async ({ page, db, browser }) => {
    const u = await createUser(db, { name: "Wulan Tanpa JS", locale: "en" });
    const lost = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await loginAs(lost, db, u.id);
    await loginAs(page, db, u.id);
    await page.goto("/account");
    await page.getByRole("button", { name: "End the sessions on all other devices" }).click();
    await expect(page.getByRole("status")).toHaveText("All sessions on other devices have been ended.");
    await lost.goto("/account");
    await expect(lost).toHaveURL(/\/login/);
    await lost.context().close();
  });
});

test("an address cut short in a chat (a broken %-escape) gets a 400 page with the security headers, not a 500", async ({ request }) => {
  for (const path of ["/e/%E0%A4%A/daftar", "/lacak/%C0", "/chapters/%ZZ"]) {
    const res = await request.get(path, { headers: { "Accept-Language": "id" } });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("Alamat tidak dapat dibaca");
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["cache-control"]).toBe("no-store");
  }
});
