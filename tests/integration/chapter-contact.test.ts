import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { like } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { contactChapter, contactSchema, newContactKey } from "../../app/models/chapters/public-page.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("chapter contact form: the same form sent twice is one message (DECISIONS 118)", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    for (const name of ["Rahmat Hidayat", "Ayu Lestari"]) {
      const lead = await createUser(t.db, { name });
      await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    }
  });
  after(async () => t?.close());

  const mails = async () => (await t.db.select({ payload: outbox.payload, to: outbox.toEmail }).from(outbox).where(like(outbox.template, "chapter-contact"))).length;
  const formWith = (key: string, message: string) => {
    const parsed = contactSchema.safeParse({ name: "Bu Sri (SDN 1 Panti)", reply: "0812 3456 7890", message, website: "", contactKey: key });
    assert.ok(parsed.success);
    return parsed.data;
  };

  it("a double tap and a resend on 3G mail each lead once; another message, or another page, mails again", async () => {
    const before = await mails();
    const key = newContactKey();
    const form = formWith(key, "Mohon pelatihan internet sehat untuk guru kami.");
    // two taps arriving at once, then the browser resending after the signal came back
    const both = await Promise.all([contactChapter(t.db, { slug: chapter.slug, form, ip: "10.1.0.1" }), contactChapter(t.db, { slug: chapter.slug, form, ip: "10.1.0.1" })]);
    assert.deepEqual(both, [{ ok: true }, { ok: true }]);
    assert.deepEqual(await contactChapter(t.db, { slug: chapter.slug, form, ip: "10.1.0.1" }), { ok: true });
    assert.equal(await mails(), before + 2, "one email to each of the two leads");
    // the same page used again for a different message (after going back) is a new message
    await contactChapter(t.db, { slug: chapter.slug, form: formWith(key, "Satu lagi: kami punya 30 laptop."), ip: "10.1.0.1" });
    assert.equal(await mails(), before + 4);
    // the same words from a fresh page load are a message sent on purpose again
    await contactChapter(t.db, { slug: chapter.slug, form: formWith(newContactKey(), "Mohon pelatihan internet sehat untuk guru kami."), ip: "10.1.0.1" });
    assert.equal(await mails(), before + 6);
  });

  it("repeats do not use up the visitor's hourly limit; a form without a key still sends", async () => {
    const form = formWith(newContactKey(), "Apakah ada kelas untuk UMKM?");
    for (let i = 0; i < 8; i++) assert.deepEqual(await contactChapter(t.db, { slug: chapter.slug, form, ip: "10.2.0.2" }), { ok: true });
    const before = await mails();
    const { contactKey: _k, ...noKey } = formWith("x".repeat(20), "Tanpa kunci");
    assert.deepEqual(await contactChapter(t.db, { slug: chapter.slug, form: noKey, ip: "10.2.0.2" }), { ok: true });
    assert.equal(await mails(), before + 2);
    // a malformed key is ignored rather than refused
    assert.equal(contactSchema.safeParse({ name: "A", reply: "abc", message: "m", contactKey: "<script>" }).data?.contactKey, undefined);
  });
});
