import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { users } from "../../db/schema/accounts";
import { createChapter, createUser } from "../factories";
import { expect, expectAccessible, linkFromMailbox, loginAs, PHONE, test } from "./support";

// the invitee's steps work on a phone with scripts off, as the emailed link is often opened
test.use({ javaScriptEnabled: false, viewport: PHONE });

test("an admin appoints a lead who has no account yet: the invitation's link, sign-up, confirmation, and the new lead's pages", async ({ page, db, browser }) => {
  const chapter = await createChapter(db, { name: "RTIK Kabupaten Lumajang", regionCode: "35.08" });
  const admin = await createUser(db, { name: "Admin Nasional", isAdmin: true });
  // a long address as schools' and pesantren's addresses are: the page keeps the phone's width (the fixture checks)
  const email = `nuraini.rahmawati.${Date.now()}@pesantren-nurul-jadid.sch.id`;
  await loginAs(page, db, admin.id);
  await page.goto(`/admin/chapters/${chapter.id}`);
  const appoint = page.getByRole("form", { name: `Angkat koordinator ${chapter.name}` });
  // typed as people type it: capitals and a space around
  await appoint.getByLabel("Email koordinator").fill(`  ${email.replace("nuraini", "Nuraini")} `);
  await appoint.getByRole("button", { name: "Angkat koordinator" }).click();
  await expect(page.getByRole("status")).toContainText("Alamat ini belum punya akun: undangan sudah dikirim ke sana.");
  await expect(page.getByRole("list", { name: "Undangan yang belum diterima" })).toContainText(email);
  // the admin's own mailbox view is the development mailbox: the link as the invitee receives it
  const link = await linkFromMailbox(page, email, /\/undangan\/[\w-]+/);

  // the page as a screen reader meets it (axe needs scripts in its own context; the page itself ships none)
  const look = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`, locale: "id-ID", javaScriptEnabled: true, viewport: PHONE });
  const lookPage = await look.newPage();
  await lookPage.goto(new URL(link).pathname);
  await expectAccessible(lookPage);
  await look.close();

  const invitee = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`, locale: "id-ID", javaScriptEnabled: false, viewport: PHONE });
  const phone = await invitee.newPage();
  await phone.goto(new URL(link).pathname);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(`Undangan menjadi koordinator ${chapter.name}`);
  await expect(phone.getByText(`Admin Relawan TIK mengangkat pemilik alamat nu***@pesantren-nurul-jadid.sch.id menjadi koordinator ${chapter.name}.`)).toBeVisible();
  await phone.getByRole("link", { name: "Daftar dengan alamat ini" }).click();
  await expect(phone.getByLabel("Email")).toHaveValue(email);
  await phone.getByLabel("Nama lengkap").fill("Nuraini Rahma");
  await phone.getByLabel("Kata sandi", { exact: true }).fill("lumajang gotong royong");
  await phone.getByLabel("Ulangi kata sandi").fill("lumajang gotong royong");
  await phone.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
  await phone.getByRole("button", { name: "Daftar" }).click();
  await expect(phone).toHaveURL(/\/chapters$/);
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  expect(account).toBeTruthy();
  // not a lead before the address is confirmed
  expect((await phone.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(403);
  // the link opened now: it asks for the confirmation
  await phone.goto(new URL(link).pathname);
  await expect(phone.getByText("Konfirmasi alamat email Anda dulu")).toBeVisible();

  const verify = await linkFromMailbox(page, email, /\/verifikasi-email\/[\w-]+/);
  await phone.goto(new URL(verify).pathname);
  await expect(phone.getByRole("status")).toBeVisible();
  const leads = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, account!.id), eq(memberships.chapterId, chapter.id), eq(memberships.role, "lead"), eq(memberships.status, "active")));
  expect(leads).toHaveLength(1);
  // the new lead's pages
  expect((await phone.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(200);
  expect((await phone.goto(`/chapters/${chapter.slug}/roster`))?.status()).toBe(200);
  // the link is spent and says so
  await phone.goto(new URL(link).pathname);
  await expect(phone.getByText("Undangan ini sudah dipakai")).toBeVisible();
  await invitee.close();

  // the admin is told, and the chapter page lists the lead instead of the invitation
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("row").filter({ hasText: admin.email }).filter({ hasText: `Nuraini Rahma sekarang koordinator ${chapter.name}` })).toBeVisible();
  await page.goto(`/admin/chapters/${chapter.id}`);
  await expect(page.getByText(`Nuraini Rahma (${email})`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Undangan yang belum diterima" })).toHaveCount(0);
});

test("a link opened by someone logged in with another address appoints nobody", async ({ page, db }) => {
  const chapter = await createChapter(db, { name: "RTIK Kabupaten Probolinggo", regionCode: "35.13" });
  const admin = await createUser(db, { isAdmin: true });
  const email = `hasan.${Date.now()}@example.test`;
  await loginAs(page, db, admin.id);
  await page.goto(`/admin/chapters/${chapter.id}`);
  await page.getByLabel("Email koordinator").fill(email);
  await page.getByRole("button", { name: "Angkat koordinator" }).click();
  const link = await linkFromMailbox(page, email, /\/undangan\/[\w-]+/);
  const other = await createUser(db, { name: "Bayu Saputra" });
  await page.context().clearCookies();
  await loginAs(page, db, other.id);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("status")).toContainText("Undangan ini untuk alamat lain (ha***@example.test)");
  await expect(page.getByRole("button", { name: "Terima, jadi koordinator" })).toHaveCount(0);
  expect((await page.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(403);
});

test("someone who already has an account with the invited address logs in from the link and accepts", async ({ page, db }) => {
  const chapter = await createChapter(db, { name: "RTIK Kabupaten Situbondo", regionCode: "35.12" });
  const admin = await createUser(db, { isAdmin: true });
  const email = `dewi.${Date.now()}@example.test`;
  await loginAs(page, db, admin.id);
  await page.goto(`/admin/chapters/${chapter.id}`);
  await page.getByLabel("Email koordinator").fill(email);
  await page.getByRole("button", { name: "Angkat koordinator" }).click();
  const link = new URL(await linkFromMailbox(page, email, /\/undangan\/[\w-]+/)).pathname;
  // the account came after the invitation (the address confirmed); she opens the link logged out
  await createUser(db, { name: "Dewi Anggraini", email, password: "situbondo pagi hari" });
  await page.context().clearCookies();
  await page.goto(link);
  await page.getByRole("link", { name: "Masuk" }).last().click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill("situbondo pagi hari");
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  await page.getByRole("button", { name: "Terima, jadi koordinator" }).click();
  await expect(page.getByRole("status")).toHaveText(`Anda sekarang koordinator ${chapter.name}.`);
  expect((await page.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(200);
  // the same press again (a resend on 3G): the link is spent and says so
  await page.goto(link);
  await expect(page.getByText("Undangan ini sudah dipakai")).toBeVisible();
});
