import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { outbox } from "../../db/schema/outbox";
import { applyToChapter } from "../../app/models/chapters/chapters.server";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the member page goes back where the lead came from: the roster for members, the applications for applicants", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const member = await createUser(db, { name: `Siti Aminah ${tag}` });
    await addMembership(db, { userId: member.id, chapterId: chapter.id });
    const applicant = await createUser(db, { name: `Yusuf Maulana ${tag}` });
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, applicant.id));
    expect((await applyToChapter(db, { userId: applicant.id, chapterId: chapter.id, motivation: "Ingin membantu." })).ok).toBe(true);
    await loginAs(page, db, lead.id);

    // an active member opened from the roster
    await page.goto(`/chapters/${chapter.slug}/roster`);
    await page.getByRole("link", { name: `Siti Aminah ${tag}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Siti Aminah ${tag}`);
    await expect(page.getByRole("link", { name: "Kembali ke pendaftaran" })).toHaveCount(0);
    await page.getByTestId("member-back").click();
    await expect(page).toHaveURL(new RegExp(`/chapters/${chapter.slug}/roster$`));

    // an applicant opened from the applications
    await page.goto(`/chapters/${chapter.slug}/applications`);
    await page.getByRole("link", { name: `Yusuf Maulana ${tag}` }).click();
    await expect(page.getByTestId("member-back")).toHaveText("Kembali ke pendaftaran");
    await page.getByTestId("member-back").click();
    await expect(page).toHaveURL(new RegExp(`/chapters/${chapter.slug}/applications$`));

    // the same applicant found on the roster (pending filter) goes back to the roster, filtered as it was; a link with no
    // origin goes by status
    await page.goto(`/chapters/${chapter.slug}/roster?status=pending`);
    await page.getByRole("link", { name: `Yusuf Maulana ${tag}` }).click();
    await expect(page.getByTestId("member-back")).toHaveAttribute("href", `/chapters/${chapter.slug}/roster?status=pending`);
    await page.goto(`/chapters/${chapter.slug}/members/${member.id}`);
    await expect(page.getByTestId("member-back")).toHaveAttribute("href", `/chapters/${chapter.slug}/roster`);
    await page.goto(`/chapters/${chapter.slug}/members/${applicant.id}`);
    await expect(page.getByTestId("member-back")).toHaveAttribute("href", `/chapters/${chapter.slug}/applications`);
  });

  test("a visitor's message sent twice (a double tap, a resend on 3G) reaches the lead once", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await page.goto(`/chapters/${chapter.slug}`);
    await page.getByLabel("Nama Anda").fill("Bu Sri (SDN 1 Panti)");
    await page.getByLabel("Email atau WhatsApp untuk balasan").fill("0812-3456-7890");
    await page.getByLabel("Pesan").fill(`Mohon pelatihan internet sehat untuk guru kami ${tag}.`);
    const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="contact"]') });
    const fields: Record<string, string> = {};
    for (const el of await form.locator("input[name], textarea[name]").all()) fields[(await el.getAttribute("name"))!] = await el.inputValue();
    expect(fields.contactKey?.length ?? 0).toBeGreaterThanOrEqual(16);
    await page.getByRole("button", { name: "Kirim pesan" }).click();
    await expect(page.getByText("Pesan terkirim ke koordinator chapter. Terima kasih!")).toBeVisible();
    // the browser sends the same form again after the signal came back
    const again = await page.request.post(`/chapters/${chapter.slug}`, { form: fields, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    const sent = await db.select({ id: outbox.id }).from(outbox).where(and(like(outbox.dedupKey, "chapter-contact:%"), eq(outbox.toEmail, lead.email)));
    expect(sent).toHaveLength(1);
    // a fresh page is a new message
    await page.goto(`/chapters/${chapter.slug}`);
    await page.getByLabel("Nama Anda").fill("Bu Sri (SDN 1 Panti)");
    await page.getByLabel("Email atau WhatsApp untuk balasan").fill("0812-3456-7890");
    await page.getByLabel("Pesan").fill("Satu lagi: kami punya 30 laptop.");
    await page.getByRole("button", { name: "Kirim pesan" }).click();
    await expect(page.getByText("Pesan terkirim ke koordinator chapter. Terima kasih!")).toBeVisible();
    expect(await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.toEmail, lead.email))).toHaveLength(2);
  });
});
