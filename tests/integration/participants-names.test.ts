import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc, eq } from "drizzle-orm";
import { eventParticipants } from "../../db/schema/events";
import { getEvent } from "../../app/models/events/events.server";
import { aheadSchema, participantSchema, registerAhead, registerParticipant } from "../../app/models/events/participants.server";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { parseForm } from "../../app/utils/forms.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

describe("participants: names in every script, and names that are no name", () => {
  let t: TestDatabase;
  let chapterId = 0;
  let leadId = "";

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" }));
  });
  after(async () => {
    await t?.close();
  });

  const newEvent = (title: string) => createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(7), title });
  const rowsOf = (eventId: number) =>
    t.db
      .select({ name: eventParticipants.name, email: eventParticipants.email, phone: eventParticipants.phone, personKey: eventParticipants.personKey, repeats: eventParticipants.repeats })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId))
      .orderBy(asc(eventParticipants.id));
  const ahead = (eventId: number, form: Record<string, string>) => registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", ...form }) });

  it("two Arabic, two Chinese and two emoji-only names ahead are six people; no e-mail moves to another's row", async () => {
    const eventId = await newEvent("Literasi Digital Santri");
    const pairs: Record<string, string>[][] = [
      [{ name: "محمد" }, { name: "فاطمة", email: "fatimah@contoh.test" }],
      [{ name: "王小明" }, { name: "李华", email: "lihua@contoh.test" }],
      [{ name: "😀😀" }, { name: "🙏", email: "doa@contoh.test" }],
    ];
    for (const [first, second] of pairs) {
      for (const form of [first, second]) {
        const r = await ahead(eventId, form ?? { name: "" });
        assert.ok(r.ok && !r.already && r.token, form?.name);
      }
    }
    const rows = await rowsOf(eventId);
    assert.deepEqual(
      rows.map((r) => [r.name, r.email, r.repeats]),
      [
        ["محمد", null, 0],
        ["فاطمة", "fatimah@contoh.test", 0],
        ["王小明", null, 0],
        ["李华", "lihua@contoh.test", 0],
        ["😀😀", null, 0],
        ["🙏", "doa@contoh.test", 0],
      ],
    );
    assert.equal(rows[0]?.personKey, "محمد|");
    assert.equal(rows[2]?.personKey, "王小明|");
  });

  it("an emoji-only name never matches by name alone, even the same emoji; its phone still does", async () => {
    const eventId = await newEvent("Kelas Emoji");
    assert.ok((await ahead(eventId, { name: "😀😀", email: "satu@contoh.test" })).ok);
    const again = await ahead(eventId, { name: "😀😀", email: "dua@contoh.test" });
    assert.ok(again.ok && !again.already, "the same emoji without a phone is someone else");
    const punct = await ahead(eventId, { name: "...", institutionName: "SMPN 1 Jember" });
    const punct2 = await ahead(eventId, { name: "-", institutionName: "SMP Negeri 1 Jember" });
    assert.ok(punct.ok && !punct.already && punct2.ok && !punct2.already);
    assert.ok((await ahead(eventId, { name: "🙏", phone: "0812-3456-7001" })).ok);
    const byPhone = await ahead(eventId, { name: "🙏🙏", phone: "+62 812 3456 7001", email: "doa@contoh.test" });
    assert.ok(byPhone.ok && byPhone.already, "the same phone in another spelling is the same person");
    const rows = await rowsOf(eventId);
    assert.equal(rows.length, 5);
    assert.deepEqual(
      rows.map((r) => r.email),
      ["satu@contoh.test", "dua@contoh.test", null, null, "doa@contoh.test"],
    );
  });

  it("the same Arabic name twice with one phone (typed two ways, with and without vowel points) is one person; another phone is another", async () => {
    const eventId = await newEvent("Pelatihan Guru Madrasah");
    const first = await ahead(eventId, { name: "محمد", phone: "081234567002" });
    assert.ok(first.ok && !first.already);
    const repeat = await ahead(eventId, { name: "مُحَمَّد", phone: "+62 812-3456-7002", email: "muhammad@contoh.test" });
    assert.ok(repeat.ok && repeat.already && repeat.token === null);
    const noPhone = await ahead(eventId, { name: "محمد" });
    assert.ok(noPhone.ok && noPhone.already, "the same name without a phone is the same person, as for Latin names");
    const other = await ahead(eventId, { name: "محمد", phone: "081234567999" });
    assert.ok(other.ok && !other.already, "two different phones are two people");
    const rows = await rowsOf(eventId);
    assert.deepEqual(
      rows.map((r) => [r.name, r.phone, r.email, r.repeats]),
      [
        ["محمد", "+6281234567002", "muhammad@contoh.test", 2],
        ["محمد", "+6281234567999", null, 0],
      ],
    );
  });

  it("at the door too: محمد and فاطمة, 王小明 and 李华, 😀😀 and 🙏 are each recorded", async () => {
    const eventId = await newEvent("Sosialisasi di Pintu");
    const ev = await getEvent(t.db, eventId);
    assert.ok(ev);
    for (const name of ["محمد", "فاطمة", "王小明", "李华", "😀😀", "🙏"]) {
      const r = await registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: ev.checkinCode, name }), now: ev.startsAt });
      assert.deepEqual(r, { ok: true, already: false }, name);
    }
    const again = await registerParticipant(t.db, { eventId, form: participantSchema.parse({ minor: "no", code: ev.checkinCode, name: "  王小明 " }), now: ev.startsAt });
    assert.deepEqual(again, { ok: true, already: true });
    assert.equal((await rowsOf(eventId)).length, 6);
  });

  it("Latin names keep the keys stored before: honorifics, apostrophes, spaces and accents as always", async () => {
    const eventId = await newEvent("Kunci Lama");
    assert.ok((await ahead(eventId, { name: "Ma'ruf Amin" })).ok);
    assert.ok((await ahead(eventId, { name: "Bu Siti Aminah", institutionName: "SMP Negeri 1 Jember" })).ok);
    assert.ok((await ahead(eventId, { name: "José Núñez" })).ok);
    const rows = await rowsOf(eventId);
    assert.deepEqual(
      rows.map((r) => r.personKey),
      ["ma ruf amin|", "siti aminah|smpn1jember", "jose nunez|"],
    );
    for (const [name, institutionName] of [["ma'ruf  AMIN"], ["siti aminah", "SMPN 1 Jember"], ["Ibu Bapak Siti  Aminah", "smp negeri 1 jember"], ["Jose Nunez"]]) {
      const r = await ahead(eventId, { name: name ?? "", ...(institutionName ? { institutionName } : {}) });
      assert.ok(r.ok && r.already, name);
    }
    assert.equal((await rowsOf(eventId)).length, 3);
  });

  it("a wrong e-mail on the public form shows a message from the dictionary, in both languages", () => {
    for (const email of ["not-an-email", "rina@@contoh"]) {
      const form = new FormData();
      form.set("name", "Budi");
      form.set("email", email);
      const r = parseForm(aheadSchema, form);
      assert.ok(!r.ok);
      const key = r.errors.email?.[0] ?? "";
      for (const locale of ["id", "en"] as const) {
        const text = dictionaryFor(locale)[key];
        assert.ok(text && text !== key && /e-?mail/i.test(text), `${locale}: ${key}`);
      }
    }
  });
});
