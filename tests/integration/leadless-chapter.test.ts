import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { auditLog } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { chaptersLedAlone, eraseAccount } from "../../app/models/accounts/personal-data.server";
import { applyToChapter } from "../../app/models/chapters/chapters.server";
import { contactChapter, contactSchema, newContactKey } from "../../app/models/chapters/public-page.server";
import { chapterRecipients } from "../../app/models/chapters/recipients.server";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { renderEmail } from "../../emails/index";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addMembership, createChapter, createUser, formOf } from "../factories";

describe("a chapter whose only lead erased their account: the national admins hear what was meant for its leads", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => t?.close());

  const to = async (template: string, emails: string[]) =>
    (await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(and(eq(outbox.template, template), inArray(outbox.toEmail, emails)))).map((r) => r.to).sort();

  it("erasure is not refused; the admins are told in the same transaction; applications, requests and messages go to them until a lead is appointed", async () => {
    const jember = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const banyuwangi = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Banyuwangi" });
    // one person leads two chapters: alone in Jember, with a colleague in Banyuwangi
    const lead = await createUser(t.db, { name: "Rahmat Hidayat", password: "koordinator lama 1" });
    const colleague = await createUser(t.db, { name: "Ayu Lestari" });
    await addMembership(t.db, { userId: lead.id, chapterId: jember.id, role: "lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: banyuwangi.id, role: "lead" });
    await addMembership(t.db, { userId: colleague.id, chapterId: banyuwangi.id, role: "lead" });
    // an inactive lead of Jember does not count
    const former = await createUser(t.db, { name: "Mantan Koordinator" });
    await addMembership(t.db, { userId: former.id, chapterId: jember.id, role: "lead", status: "inactive" });
    const admin = await createUser(t.db, { name: "Admin Nasional", isAdmin: true });
    const adminEn = await createUser(t.db, { name: "National Admin", isAdmin: true, locale: "en" });
    const erasedAdmin = await createUser(t.db, { name: "Admin Terhapus", isAdmin: true });
    await t.db.update(users).set({ erasedAt: new Date() }).where(eq(users.id, erasedAdmin.id));
    const admins = [admin.email, adminEn.email, erasedAdmin.email];

    assert.deepEqual(await chaptersLedAlone(t.db, lead.id), [{ id: jember.id, name: "RTIK Kabupaten Jember" }]);
    assert.deepEqual(await chaptersLedAlone(t.db, colleague.id), []);
    assert.equal((await chapterRecipients(t.db, jember.id)).leadless, false);

    assert.deepEqual(await eraseAccount(t.db, lead.id, "koordinator lama 1"), { ok: true });
    assert.deepEqual(await to("chapter-without-lead", admins), [admin.email, adminEn.email].sort());
    const [mail] = await t.db.select({ payload: outbox.payload, locale: outbox.locale }).from(outbox).where(and(eq(outbox.template, "chapter-without-lead"), eq(outbox.toEmail, adminEn.email)));
    const text = renderEmail("chapter-without-lead", mail?.payload as Record<string, unknown>, "en").text;
    assert.ok(text.includes("RTIK Kabupaten Jember no longer has a lead") && text.includes(`/admin/chapters/${jember.id}`), text);
    assert.equal(mail?.locale, "en");
    // Banyuwangi kept a lead: nobody is told about it
    assert.ok(!(await t.db.select({ p: outbox.payload }).from(outbox).where(eq(outbox.template, "chapter-without-lead"))).some((r) => JSON.stringify(r.p).includes("Banyuwangi")));
    assert.equal((await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.chapterId, jember.id), eq(auditLog.action, "lead.erased")))).length, 1);

    const recipients = await chapterRecipients(t.db, jember.id);
    assert.equal(recipients.leadless, true);
    assert.deepEqual(recipients.people.map((p) => p.email).sort(), [admin.email, adminEn.email].sort());

    // a volunteer applies: the admins hear of it
    const volunteer = await createUser(t.db, { name: "Siti Aminah" });
    assert.equal((await applyToChapter(t.db, { userId: volunteer.id, chapterId: jember.id, motivation: "Ingin membantu UMKM" })).ok, true);
    assert.deepEqual(await to("membership-applied", admins), [admin.email, adminEn.email].sort());

    // a member of the public asks for help in Jember
    const parsed = parseTutoringForm(
      formOf({ name: "Bu Sri", whatsapp: "0812-1111-2222", topics: ["marketplace"], forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no" }),
      "35.09.01.2003",
    );
    assert.ok(parsed.ok);
    assert.equal((await createTutoringRequest(t.db, parsed.data, { ip: "10.77.0.1", locale: "id", appUrl: "https://simpul.test" })).ok, true);
    assert.deepEqual(await to("tutoring-new-request", admins), [admin.email, adminEn.email].sort());

    // the public contact form: delivered (to the admins), not "no lead"
    const form = contactSchema.parse({ name: "Pak Guru", reply: "0813 1111 2222", message: "Mohon pelatihan untuk guru SMAN 2 Jember.", website: "", contactKey: newContactKey() });
    assert.deepEqual(await contactChapter(t.db, { slug: jember.slug, form, ip: "10.77.0.2" }), { ok: true });
    assert.deepEqual(await to("chapter-contact", admins), [admin.email, adminEn.email].sort());

    // Banyuwangi's application goes to its remaining lead only
    const other = await createUser(t.db, { name: "Dewi Lestari" });
    assert.equal((await applyToChapter(t.db, { userId: other.id, chapterId: banyuwangi.id })).ok, true);
    assert.deepEqual(await to("membership-applied", [colleague.email]), [colleague.email]);
    assert.equal((await to("membership-applied", admins)).length, 2);

    // a lead appointed again: the chapter's mail is theirs, the admins no longer get it
    const successor = await createUser(t.db, { name: "Bayu Pratama" });
    await addMembership(t.db, { userId: successor.id, chapterId: jember.id, role: "lead" });
    const third = await createUser(t.db, { name: "Hasan Basri" });
    assert.equal((await applyToChapter(t.db, { userId: third.id, chapterId: jember.id })).ok, true);
    assert.deepEqual(await to("membership-applied", [successor.email]), [successor.email]);
    assert.equal((await to("membership-applied", admins)).length, 2);
  });
});
