import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema/outbox";
import { queueEmail } from "../../app/services/outbox.server";
import { renderEmail } from "../../emails/index";
import { createUser, createVolunteerProfile } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

test("a queued email is delivered to the development mailbox and can be read", async ({ page, db }) => {
  const tag = randomBytes(4).toString("hex");
  const to = `siti-${tag}@example.test`;
  const subject = `Pendaftaran diterima ${tag}`;
  await db.transaction(async (tx) => {
    await queueEmail(tx, {
      to,
      template: "notice",
      locale: "id",
      payload: { title: subject, body: "Halo Siti,\n\nSelamat bergabung dengan RTIK Kabupaten Jember.", link: "http://127.0.0.1/chapters/1" },
      dedupKey: `e2e-mailbox:${tag}`,
    });
  });

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kotak surat pengembangan");
  const row = page.getByRole("row").filter({ hasText: to });
  // the server's worker (every 250 ms) marks it sent into the mailbox
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("terkirim", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(row.getByRole("link", { name: subject })).toBeVisible();
  await expectAccessible(page);

  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(page.locator(".mail-meta")).toContainText(to);
  await expect(page.locator("pre")).toContainText("Selamat bergabung dengan RTIK Kabupaten Jember.");
  await expect(page.locator("pre")).toContainText("Buka Simpul: http://127.0.0.1/chapters/1");
  const frame = page.frameLocator("iframe.mail-frame");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(frame.getByRole("link", { name: "Buka Simpul" })).toHaveAttribute("href", "http://127.0.0.1/chapters/1");
  await expect(page.locator("iframe.mail-frame")).toHaveAttribute("sandbox", "allow-scripts");
  await expect(page.locator("iframe.mail-frame")).toHaveAttribute("srcdoc", /script-src 'none'/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Kembali ke kotak surat" }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox$/);
});

test("the email HTML itself passes the accessibility check, in both languages", async ({ page }) => {
  for (const locale of ["id", "en"] as const) {
    const mail = renderEmail("notice", { title: "Pendaftaran diterima", body: "Halo.\n\nSelamat bergabung.", link: "http://127.0.0.1/" }, locale);
    await page.setContent(mail.html);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
  }
});

test("an unknown mailbox entry is a 404", async ({ page }) => {
  const res = await page.goto("/dev/mailbox/999999999");
  expect(res?.status()).toBe(404);
});

async function insertDeadLetter(db: Db, tag: string, to: string) {
  const [dead] = await db
    .insert(outbox)
    .values({
      dedupKey: `e2e-dead:${tag}`,
      toEmail: to,
      template: "notice",
      locale: "id",
      payload: { title: `Surat mati ${tag}`, body: "x" },
      status: "dead",
      attempts: 8,
      lastError: "EENVELOPE: 451 Try again later",
    })
    .returning({ id: outbox.id });
  if (!dead) throw new Error("not inserted");
  return dead;
}

test("an admin sees dead letters on /admin/outbox and sends one again", async ({ page, db }) => {
  const tag = randomBytes(4).toString("hex");
  const to = `gagal-${tag}@example.test`;
  const dead = await insertDeadLetter(db, tag, to);

  const volunteer = await createUser(db);
  await loginAs(page, db, volunteer.id);
  const forbidden = await page.goto("/admin/outbox");
  expect(forbidden?.status()).toBe(403);

  await page.context().clearCookies();
  const admin = await createUser(db, { isAdmin: true });
  await loginAs(page, db, admin.id);
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Antrean email");
  const row = page.getByRole("row").filter({ hasText: to });
  await expect(row).toContainText("451 Try again later");
  await expectAccessible(page);

  await row.getByRole("button", { name: `Kirim ulang email ke ${to}` }).click();
  await expect(page.getByRole("status")).toHaveText("Email dijadwalkan untuk dikirim ulang.");
  await expect(page.getByRole("row").filter({ hasText: to }).getByRole("button")).toHaveCount(0);
  await expect(async () => {
    const [r] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, dead.id));
    expect(r?.status).toBe("sent");
  }).toPass({ timeout: 15_000 });
});

test("an admin living in Makassar reads the outbox's times at Makassar's time, named WITA", async ({ page, db }) => {
  const tag = randomBytes(4).toString("hex");
  const to = `wita-${tag}@example.test`;
  await insertDeadLetter(db, tag, to);
  const admin = await createUser(db, { isAdmin: true });
  await createVolunteerProfile(db, { userId: admin.id, regionCode: "73.71.01" });
  await loginAs(page, db, admin.id);
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: to });
  await expect(row).toContainText(/\d{2}[.:]\d{2} WITA/);
  await expect(row).not.toContainText("WIB");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the retry button still works", async ({ page, db }) => {
    const tag = randomBytes(4).toString("hex");
    const to = `nojs-${tag}@example.test`;
    await insertDeadLetter(db, tag, to);
    const admin = await createUser(db, { isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.goto("/admin/outbox");
    await page.getByRole("row").filter({ hasText: to }).getByRole("button", { name: `Kirim ulang email ke ${to}` }).click();
    await expect(page).toHaveURL(/\/admin\/outbox\?retried=1$/);
    await expect(page.getByRole("status")).toHaveText("Email dijadwalkan untuk dikirim ulang.");
  });
});
