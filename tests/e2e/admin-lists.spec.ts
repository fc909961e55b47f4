import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { passwordResets } from "../../db/schema/accounts";
import { outbox } from "../../db/schema/outbox";
import { learningTopics } from "../../db/schema/tutoring";
import { createUser } from "../factories";
import { expect, loginAs, test } from "./support";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a topic renamed to another topic's name written differently is refused next to the field, what was typed kept", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    await db.insert(learningTopics).values([
      { slug: `dasar-komputer-${tag}`, nameId: `Dasar Komputer ${tag}`, nameEn: `Computer basics ${tag}`, skills: [] },
      { slug: `internet-aman-${tag}`, nameId: `Internet Aman ${tag}`, nameEn: `Safe internet ${tag}`, skills: [] },
    ]);
    const [other] = await db.select({ id: learningTopics.id }).from(learningTopics).where(eq(learningTopics.slug, `internet-aman-${tag}`));
    const admin = await createUser(db, { isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.goto(`/admin/tutoring-topics?edit=${other?.id}`);
    const typed = `dasar  komputer ${tag.toUpperCase()}`;
    await page.getByLabel("Nama (Bahasa Indonesia)").fill(typed);
    await page.getByRole("button", { name: "Simpan topik" }).click();
    await expect(page.locator("#f-nameId-error")).toHaveText("Sudah ada topik dengan nama ini.");
    await expect(page.getByLabel("Nama (Bahasa Indonesia)")).toHaveValue(typed);
    const [still] = await db.select({ nameId: learningTopics.nameId }).from(learningTopics).where(eq(learningTopics.slug, `internet-aman-${tag}`));
    expect(still?.nameId).toBe(`Internet Aman ${tag}`);
  });

  test("a dead password-reset email whose link has expired is not sent again; the outbox says why", async ({ page, db }) => {
    const tag = randomBytes(4).toString("hex");
    const person = await createUser(db, { email: `lupa-${tag}@example.test` });
    const hash = `e2e-${tag}`;
    await db.insert(passwordResets).values({ tokenHash: hash, userId: person.id, expiresAt: new Date(Date.now() - 3600_000) });
    const [dead] = await db
      .insert(outbox)
      .values({ dedupKey: `password-reset:${hash}`, toEmail: person.email, template: "password-reset", locale: "id", payload: { name: "x", url: "http://127.0.0.1/reset-password/x", expiresInMinutes: 60 }, status: "dead", attempts: 8, lastError: "550 5.1.1 mailbox full" })
      .returning({ id: outbox.id });
    const admin = await createUser(db, { isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.goto("/admin/outbox");
    const row = page.getByRole("row").filter({ hasText: person.email });
    await expect(row).toContainText("550 5.1.1 mailbox full");
    await expect(row).toContainText("Tautannya sudah kedaluwarsa: minta orangnya meminta ulang.");
    await expect(row.getByRole("button")).toHaveCount(0);
    // a retry sent from a page opened before the link expired
    const r = await page.request.post("/admin/outbox", { form: { intent: "retry", id: String(dead?.id) }, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
    expect(r.status()).toBe(302);
    expect(r.headers()["location"]).toBe("/admin/outbox?retried=expired");
    await page.goto("/admin/outbox?retried=expired");
    await expect(page.getByRole("status")).toContainText("Tidak dikirim ulang: tautan di email itu sudah kedaluwarsa");
    const [after] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, dead?.id ?? 0));
    expect(after?.status).toBe("dead");
  });
});
