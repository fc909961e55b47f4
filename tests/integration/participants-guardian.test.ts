import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { eventParticipants, events, eventSessions } from "../../db/schema/events";
import {
  aheadSchema,
  listParticipants,
  mergeParticipants,
  participantSchema,
  participantsCsv,
  registerAhead,
  registerParticipant,
  registrationTicket,
} from "../../app/models/events/participants.server";
import { runRetention } from "../../app/models/privacy/retention.server";
import { PRIVACY_VERSION } from "../../app/models/privacy/notice";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { parseForm } from "../../app/utils/forms.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const rowsOf = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ""), { relaxColumnCount: true });

function formData(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const CHILD = { name: "Nabila Putri", institutionName: "SMP Negeri 2 Jember", minor: "yes", guardianName: "Ibu Sulastri", guardianContact: "0812-3456-7001", guardianConsent: "yes" };

/** UU PDP art. 25 at events: a participant under 18 only with a parent's or guardian's consent (DECISIONS 125). */
describe("event participants under 18: the guardian's consent", () => {
  let t: TestDatabase;
  let childTicket = "";
  let leadId = "";
  let eventId = 0;

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Wali" });
    const lead = await createUser(t.db, { name: "Lead Jember Wali" });
    leadId = lead.id;
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: "Internet Sehat SMPN 2", date: inDays(7) });
  });
  after(async () => {
    await t.close();
  });

  it("both public forms require the under-18 answer and, under 18, the guardian's name, contact and consent, each message next to its field in both languages", () => {
    for (const [schema, extra] of [
      [aheadSchema, {}],
      [participantSchema, { code: "ABC234" }],
    ] as const) {
      const none = parseForm(schema, formData({ name: "Rizky", ...extra }));
      assert.ok(!none.ok);
      assert.deepEqual(none.errors.minor, ["events.minor.required"]);

      const bare = parseForm(schema, formData({ name: "Rizky", minor: "yes", ...extra }));
      assert.ok(!bare.ok);
      assert.deepEqual(bare.errors.guardianName, ["privacy.minor.guardianNameRequired"]);
      assert.deepEqual(bare.errors.guardianContact, ["privacy.minor.guardianContactRequired"]);
      assert.deepEqual(bare.errors.guardianConsent, ["privacy.minor.guardianConsentRequired"]);
      assert.equal(bare.values.name, "Rizky", "what was typed comes back");

      // a name and a number but the box not ticked: still refused
      const unticked = parseForm(schema, formData({ ...CHILD, guardianConsent: "", ...extra }));
      assert.ok(!unticked.ok);
      assert.deepEqual(Object.keys(unticked.errors), ["guardianConsent"]);

      const typo = parseForm(schema, formData({ ...CHILD, guardianContact: "0812-34", ...extra }));
      assert.ok(!typo.ok);
      assert.deepEqual(typo.errors.guardianContact, ["privacy.minor.guardianContactInvalid"]);

      // the child's own phone and email stay optional; the guardian's contact is normalised
      const ok = parseForm(schema, formData({ ...CHILD, ...extra }));
      assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.errors));
      assert.equal(ok.data.minor, true);
      assert.deepEqual(ok.data.guardian, { name: "Ibu Sulastri", contact: "+6281234567001" });

      // an adult: nothing about a guardian is kept, even if typed
      const adult = parseForm(schema, formData({ name: "Pak Darmaji", minor: "no", guardianName: "Siapa Saja", guardianContact: "x", ...extra }));
      assert.ok(adult.ok);
      assert.equal(adult.data.minor, false);
      assert.equal(adult.data.guardian, null);
    }
    for (const locale of ["id", "en"] as const)
      for (const key of ["events.minor.required", "events.minor.question", "events.minor.guardianHint", "events.minor.guardianConsent", "privacy.minor.guardianConsentRequired"]) {
        const text = dictionaryFor(locale)[key];
        assert.ok(text && text !== key, `${locale}: ${key}`);
      }
    assert.match(dictionaryFor("id")["events.minor.guardianConsent"] ?? "", /^Orang tua\/wali saya sudah menyetujui/);
  });

  it("stores under 18, the guardian, the consent's time and the notice's version, ahead and at the door; a repeat keeps them", async () => {
    const parsed = aheadSchema.parse({ ...CHILD });
    const now = new Date();
    const r = await registerAhead(t.db, { eventId, form: parsed, now });
    assert.ok(r.ok && !r.already);
    const [row] = await t.db.select().from(eventParticipants).where(eq(eventParticipants.id, r.participantId));
    assert.equal(row?.isMinor, true);
    assert.equal(row?.guardianName, "Ibu Sulastri");
    assert.equal(row?.guardianContact, "+6281234567001");
    assert.equal(row?.guardianConsentAt?.getTime(), now.getTime());
    assert.equal(row?.guardianConsentVersion, PRIVACY_VERSION);
    assert.equal(row?.phone, null, "no phone of the child's own was needed");

    // the ticket's holder (the ticket link is the secret) sees the guardian and when consent was recorded
    assert.ok(r.token);
    childTicket = r.token;
    const ticket = await registrationTicket(t.db, { eventId, token: r.token });
    assert.deepEqual(ticket?.guardian, { name: "Ibu Sulastri", contact: "+62 812-3456-7001", consentAt: now });

    // the same child registers again, written another way, answering "no" by mistake: still under 18, consent kept
    const again = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ name: "nabila putri", institutionName: "SMPN 2 Jember", minor: "no" }) });
    assert.ok(again.ok && again.already && again.participantId === r.participantId);
    const [kept] = await t.db.select().from(eventParticipants).where(eq(eventParticipants.id, r.participantId));
    assert.equal(kept?.isMinor, true);
    assert.equal(kept?.guardianName, "Ibu Sulastri");

    const adult = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ name: "Pak Darmaji", minor: "no", phone: "0813-1111-2222" }) });
    assert.ok(adult.ok);
    const [a] = await t.db.select().from(eventParticipants).where(eq(eventParticipants.id, adult.participantId));
    assert.equal(a?.isMinor, false);
    assert.equal(a?.guardianName, null);
    assert.equal(a?.guardianConsentAt, null);
    assert.ok(adult.token);
    assert.equal((await registrationTicket(t.db, { eventId, token: adult.token }))?.guardian, null);
    // another event's id with the child's ticket: nothing
    assert.equal(await registrationTicket(t.db, { eventId: eventId + 1000, token: r.token }), null);

    // at the door, on the day
    const [ev] = await t.db.select({ code: events.checkinCode, startsAt: events.startsAt }).from(events).where(eq(events.id, eventId));
    assert.ok(ev);
    const door = await registerParticipant(t.db, {
      eventId,
      form: participantSchema.parse({ code: ev.code, name: "Dimas Arya", institutionName: "SMP Negeri 2 Jember", minor: "yes", guardianName: "Pak Yanto", guardianContact: "yanto@contoh.test", guardianConsent: "yes" }),
      now: ev.startsAt,
    });
    assert.deepEqual(door, { ok: true, already: false });
    const [d] = await t.db.select().from(eventParticipants).where(eq(eventParticipants.name, "Dimas Arya"));
    assert.equal(d?.isMinor, true);
    assert.equal(d?.guardianContact, "yanto@contoh.test");
    assert.ok(d?.checkedInAt);

    // nothing stores a child without a guardian's consent, whatever calls the model
    await assert.rejects(registerAhead(t.db, { eventId, form: { name: "Tanpa Wali", minor: true, guardian: null } }));
    assert.equal((await t.db.select().from(eventParticipants).where(eq(eventParticipants.name, "Tanpa Wali"))).length, 0);
  });

  it("the lead's list and CSV show the guardian (cells neutralised); someone registered before the question shows nothing", async () => {
    // registered before DECISIONS 125: not asked
    await t.db.insert(eventParticipants).values({ eventId, name: "Peserta Lama", personKey: "peserta lama|", source: "ahead", status: "confirmed" });
    await registerAhead(t.db, { eventId, form: aheadSchema.parse({ ...CHILD, name: "Rara Anjani", guardianName: '=HYPERLINK("http://x.test","wali")' }) });
    const list = await listParticipants(t.db, eventId);
    const nabila = list.find((p) => p.name === "Nabila Putri");
    assert.equal(nabila?.guardianName, "Ibu Sulastri");
    assert.equal(list.find((p) => p.name === "Peserta Lama")?.isMinor, null);

    const csv = await participantsCsv(t.db, { eventId, actorId: leadId, locale: "id" });
    assert.ok(csv);
    const [head, ...rows] = rowsOf(csv);
    assert.ok(head);
    const col = (n: string) => head.indexOf(n);
    for (const n of ["Di bawah 18 tahun", "Orang tua/wali", "Kontak orang tua/wali", "Persetujuan orang tua/wali (WIB)"]) assert.ok(col(n) >= 0, head.join("|"));
    const byName = (n: string) => rows.find((r) => r[col("Nama")] === n);
    assert.equal(byName("Nabila Putri")?.[col("Di bawah 18 tahun")], "ya");
    assert.equal(byName("Nabila Putri")?.[col("Orang tua/wali")], "Ibu Sulastri");
    assert.equal(byName("Nabila Putri")?.[col("Kontak orang tua/wali")], "+62 812 3456 7001", "in groups: a spreadsheet keeps it as text");
    assert.match(byName("Nabila Putri")?.[col("Persetujuan orang tua/wali (WIB)")] ?? "", /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(byName("Pak Darmaji")?.[col("Di bawah 18 tahun")], "tidak");
    assert.equal(byName("Peserta Lama")?.[col("Di bawah 18 tahun")], "");
    assert.equal(byName("Rara Anjani")?.[col("Orang tua/wali")], `'=HYPERLINK("http://x.test","wali")`);
    const en = await participantsCsv(t.db, { eventId, actorId: leadId, locale: "en" });
    assert.ok(en);
    const [enHead, ...enRows] = rowsOf(en);
    assert.ok(enHead);
    assert.equal(enRows.find((r) => r[0] === "Nabila Putri")?.[enHead.indexOf("Under 18")], "yes");
    assert.equal(enRows.find((r) => r[0] === "Nabila Putri")?.[enHead.indexOf("Parent or guardian")], "Ibu Sulastri");
  });

  it("a merge keeps the child and the guardian's consent of either row", async () => {
    const a = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ name: "Salsa Bila", minor: "no", phone: "0857-0000-1111" }) });
    const b = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ ...CHILD, name: "Salsabila", institutionName: "MTs Nurul Huda" }) });
    assert.ok(a.ok && b.ok && a.participantId !== b.participantId);
    assert.ok(await mergeParticipants(t.db, { eventId, fromId: b.participantId, intoId: a.participantId }));
    const [m] = await t.db.select().from(eventParticipants).where(eq(eventParticipants.id, a.participantId));
    assert.equal(m?.isMinor, true);
    assert.equal(m?.guardianName, "Ibu Sulastri");
    assert.ok(m?.guardianConsentAt);
  });

  it("retention erases the guardian's name and contact with the participant's contacts; under 18 and the consent's time stay", async () => {
    const shift = sql`make_interval(days => 130)`;
    await t.db.update(events).set({ startsAt: sql`starts_at - ${shift}`, endsAt: sql`ends_at - ${shift}` }).where(eq(events.id, eventId));
    await t.db.update(eventSessions).set({ startsAt: sql`starts_at - ${shift}`, endsAt: sql`ends_at - ${shift}` }).where(eq(eventSessions.eventId, eventId));
    const r = await runRetention(t.db, new Date(), { learnerContactMonths: 6, outboxDays: 30, sessionIdleDays: 14, accessLogMonths: 24, participantContactMonths: 3 });
    assert.ok(r.participants >= 4, JSON.stringify(r));
    const rows = await t.db.select().from(eventParticipants).where(eq(eventParticipants.eventId, eventId));
    assert.ok(rows.every((p) => p.guardianName === null && p.guardianContact === null && p.phone === null && p.email === null));
    const nabila = rows.find((p) => p.name === "Nabila Putri");
    assert.equal(nabila?.isMinor, true);
    assert.ok(nabila?.guardianConsentAt, "the record that consent was given stays");
    // the ticket link went with the contacts; the consent's date is what stays to be shown
    assert.equal(await registrationTicket(t.db, { eventId, token: childTicket }), null);
  });
});
