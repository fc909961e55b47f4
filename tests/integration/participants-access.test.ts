import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { and, eq, sql } from "drizzle-orm";
import { dataAccessLog } from "../../db/schema/privacy";
import { translator } from "../../app/i18n/dictionaries.server";
import { checkInParticipant, participantsCsv, participantsPage, registerAhead, setParticipantCapacity } from "../../app/models/events/participants.server";
import { listChapterAccess } from "../../app/models/privacy/access-log.server";
import { addMembership, createChapter, createChapterWithLead, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const CHECKED_IN = new Date("2026-12-04T10:00:05.114Z"); // 17.00 WIB, 18.00 WITA

const rowsOf = (csv: string, delimiter = ","): string[][] => parse(csv.replace(/^\uFEFF/, ""), { delimiter, relaxColumnCount: true });

describe("participants: the list and its CSV are logged, times on the event's clock, statuses in words", () => {
  let t: TestDatabase;
  let leadId = "";
  let chapterId = 0;
  let eventId = 0;
  let otherChapterId = 0;

  const logOf = (kind: "participants_view" | "participants_export", chapter = chapterId) =>
    t.db
      .select({ actorId: dataAccessLog.actorId, chapterId: dataAccessLog.chapterId, detail: dataAccessLog.detail })
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.kind, kind), eq(dataAccessLog.chapterId, chapter)));

  before(async () => {
    t = await createTestDatabase();
    ({ chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "13.10", name: "RTIK Kabupaten Dharmasraya" }));
    otherChapterId = (await createChapter(t.db, { regionCode: "13.10" })).id;
    eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "13.10.01", date: inDays(8), title: "Sosialisasi Internet Sehat Pulau Punjung" });
    assert.ok(await setParticipantCapacity(t.db, { eventId, chapterId, capacity: 2 }));
    for (const form of [
      { name: "Siti Aminah", institutionName: "SMP Negeri 1 Pulau Punjung", phone: "+6281277770001", email: "siti@example.test" },
      { name: "=HYPERLINK(\"http://x.test\",\"klik\")", phone: "+6281277770002" },
      { name: "Rahmat Hidayat", phone: "+6281277770003" },
    ]) {
      const r = await registerAhead(t.db, { eventId, form });
      assert.ok(r.ok, JSON.stringify(r));
    }
    const page = await participantsPage(t.db, { eventId, actorId: leadId });
    const siti = page?.list.find((p) => p.name === "Siti Aminah");
    assert.ok(siti && (await checkInParticipant(t.db, { eventId, participantId: siti.id, now: CHECKED_IN })));
    await t.db.delete(dataAccessLog).where(eq(dataAccessLog.chapterId, chapterId)); // the set-up's own viewing
  });
  after(async () => {
    await t?.close();
  });

  it("opening the list logs a viewing by the lead for the event's chapter, once while the page reloads after each check-in", async () => {
    const page = await participantsPage(t.db, { eventId, actorId: leadId });
    assert.equal(page?.list.length, 3);
    assert.deepEqual(await logOf("participants_view"), [{ actorId: leadId, chapterId, detail: `event:${eventId}` }]);
    await participantsPage(t.db, { eventId, actorId: leadId, q: "siti" });
    assert.equal((await logOf("participants_view")).length, 1, "a reload right after a check-in is the same viewing");
    // a later viewing is a new entry
    await t.db.execute(sql`update data_access_log set at = now() - interval '20 minutes' where kind = 'participants_view' and chapter_id = ${chapterId}`);
    await participantsPage(t.db, { eventId, actorId: leadId });
    assert.equal((await logOf("participants_view")).length, 2);
    // another lead's viewing is their own entry
    const coLead = await createUser(t.db);
    await addMembership(t.db, { userId: coLead.id, chapterId, role: "lead" });
    await participantsPage(t.db, { eventId, actorId: coLead.id });
    assert.deepEqual((await logOf("participants_view")).filter((r) => r.actorId === coLead.id).length, 1);
    assert.equal((await logOf("participants_view", otherChapterId)).length, 0);
    // nothing is logged for an event that does not exist
    assert.equal(await participantsPage(t.db, { eventId: 999_999, actorId: leadId }), null);
    assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(dataAccessLog).where(eq(dataAccessLog.detail, "event:999999")))[0]?.n, 0);
  });

  it("every CSV download is logged, and the chapter's access page lists both kinds with a label in each language", async () => {
    await participantsCsv(t.db, { eventId, actorId: leadId, locale: "id" });
    await participantsCsv(t.db, { eventId, actorId: leadId, locale: "en", delimiter: ";" });
    assert.deepEqual(await logOf("participants_export"), [
      { actorId: leadId, chapterId, detail: `event:${eventId}` },
      { actorId: leadId, chapterId, detail: `event:${eventId}` },
    ]);
    assert.equal(await participantsCsv(t.db, { eventId: 999_999, actorId: leadId, locale: "id" }), null);
    const shown = await listChapterAccess(t.db, chapterId);
    assert.ok(shown.some((r) => r.kind === "participants_export" && r.detail === `event:${eventId}`));
    assert.ok(shown.some((r) => r.kind === "participants_view"));
    for (const locale of ["id", "en"] as const)
      for (const kind of ["participants_view", "participants_export"]) assert.notEqual(translator(locale)(`privacy.access.kind.${kind}`), `privacy.access.kind.${kind}`);
    assert.equal(translator("id")("privacy.access.kind.participants_export"), "mengunduh daftar peserta kegiatan");
  });

  it("the CSV shows the check-in on the event's clock (WIB) and the status in the reader's language, cells neutralised", async () => {
    const csv = await participantsCsv(t.db, { eventId, actorId: leadId, locale: "id" });
    assert.ok(csv);
    assert.ok(!csv.includes("2026-12-04T10:00"), "no UTC ISO time");
    const [head, ...rows] = rowsOf(csv);
    assert.ok(head);
    const col = (name: string) => head.indexOf(name);
    assert.ok(col("Hadir (WIB)") >= 0, head.join("|"));
    const byName = (n: string) => rows.find((r) => r[col("Nama")] === n);
    assert.equal(byName("Siti Aminah")?.[col("Hadir (WIB)")], "2026-12-04 17:00");
    assert.equal(byName("Siti Aminah")?.[col("Status")], "Terdaftar");
    assert.equal(byName("Rahmat Hidayat")?.[col("Status")], "Daftar tunggu");
    assert.equal(byName("Rahmat Hidayat")?.[col("Hadir (WIB)")], "");
    assert.ok(rows.every((r) => !["confirmed", "waitlisted"].includes(r[col("Status")] ?? "")));
    assert.ok(byName(`'=HYPERLINK("http://x.test","klik")`), "a formula typed as a name stays text");
    const en = await participantsCsv(t.db, { eventId, actorId: leadId, locale: "en", delimiter: ";" });
    assert.ok(en);
    const [enHead, ...enRows] = rowsOf(en, ";");
    assert.ok(enHead);
    const siti = enRows.find((r) => r[enHead.indexOf("Name")] === "Siti Aminah");
    assert.equal(siti?.[enHead.indexOf("Checked in (WIB)")], "2026-12-04 17:00");
    assert.equal(siti?.[enHead.indexOf("Status")], "Confirmed");
  });

  it("an event in Makassar shows the check-in in WITA", async () => {
    const makassar = await createChapterWithLead(t.db, { regionCode: "73.71", name: "RTIK Kota Makassar" });
    const id = await createOutreachEvent(t.db, { chapterId: makassar.chapterId, leadId: makassar.leadId, venueRegion: "73.71.01", date: inDays(8) });
    const r = await registerAhead(t.db, { eventId: id, form: { name: "Andi Baso" } });
    assert.ok(r.ok);
    const page = await participantsPage(t.db, { eventId: id, actorId: makassar.leadId });
    assert.ok(await checkInParticipant(t.db, { eventId: id, participantId: page?.list[0]?.id ?? 0, now: CHECKED_IN }));
    const csv = await participantsCsv(t.db, { eventId: id, actorId: makassar.leadId, locale: "id" });
    assert.ok(csv);
    const [head, row] = rowsOf(csv);
    assert.equal(row?.[head?.indexOf("Hadir (WITA)") ?? -1], "2026-12-04 18:00");
    assert.equal((await logOf("participants_export", makassar.chapterId)).length, 1);
  });
});
