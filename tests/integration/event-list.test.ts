import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { events } from "../../db/schema/events";
import { EVENT_LIST_PAGE, eventCursorParam, eventListScreen, parseEventCursor, type EventListScope } from "../../app/models/events/event-list.server";
import { cancelEvent, eventListContext, eventsNeedingReport, getEvent, listUpcomingEvents } from "../../app/models/events/events.server";
import { signUp } from "../../app/models/events/signups.server";
import { addMembership, createChapter, createOutreachEvent, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

/** The list page as it read itself before: eventListContext, then the list, the drafts and the reports to file. */
async function separately(reader: { id: string; isAdmin: boolean }, scope: EventListScope, programId: number | undefined, locale: "id" | "en") {
  const { mine, programs, home } = await eventListContext(t.db, reader.id);
  const leadOf = mine.filter((c) => c.role === "lead" || reader.isAdmin);
  const chapterIds = [...new Set(mine.map((c) => c.id))];
  const list = await listUpcomingEvents(t.db, {
    chapterIds: scope === "mine" ? chapterIds : undefined,
    regionPrefix: scope === "near" ? (home ?? mine[0]?.regionCode ?? "-") : undefined,
    programId,
    includeDrafts: false,
    userId: reader.id,
  });
  const drafts = leadOf.length ? await listUpcomingEvents(t.db, { chapterIds: leadOf.map((c) => c.id), includeDrafts: true }) : [];
  const toReport = await eventsNeedingReport(t.db, leadOf.map((c) => c.id));
  // the separate reads left events starting at the same moment in any order; the page orders them by id
  const byStart = <T extends { startsAt: Date; id: number }>(xs: T[]) => [...xs].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  return {
    leadOf: [...new Map(leadOf.map((c) => [c.id, { id: c.id, name: c.name, slug: c.slug }])).values()],
    programs: programs.map((p) => ({ id: p.id, name: locale === "en" ? p.nameEn : p.nameId })),
    hasHome: Boolean(home),
    events: byStart(list).map((e) => ({
      id: e.id,
      title: e.title,
      status: e.status,
      startsAt: e.startsAt,
      timeZone: e.timeZone,
      chapterName: e.chapterName,
      programName: locale === "en" ? e.programNameEn : e.programNameId,
      venueName: e.venueName,
      regionName: e.regionName,
      places: e.places,
      confirmed: e.confirmed,
      myStatus: e.myStatus,
      myPosition: e.myPosition,
    })),
    drafts: byStart(drafts).filter((d) => d.status === "draft").map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, timeZone: e.timeZone })),
    toReport: byStart(toReport).map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, timeZone: e.timeZone, chapterName: e.chapterName, reportStatus: e.reportStatus })),
    next: null,
  };
}

describe("the event list in one statement", () => {
  it("reads what the separate reads gave, for every scope, program, language and reader", async () => {
    const jember = await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" });
    const pekalongan = await createChapter(t.db, { name: "RTIK Pekalongan", regionCode: "33.75" });
    const bali = await createChapter(t.db, { name: "RTIK Badung", regionCode: "51.03" });
    const lead = await createUser(t.db, { name: "Ketua Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: jember.id, role: "lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: pekalongan.id, role: "volunteer" });
    const leadP = await createUser(t.db, { name: "Ketua Pekalongan" });
    await addMembership(t.db, { userId: leadP.id, chapterId: pekalongan.id, role: "lead" });
    const leadB = await createUser(t.db, { name: "Ketua Badung" });
    await addMembership(t.db, { userId: leadB.id, chapterId: bali.id, role: "lead" });
    const vols = [];
    for (let i = 0; i < 12; i++) {
      const v = await createUser(t.db, { name: i % 2 ? "Siti Aminah" : "siti aminah" });
      await addMembership(t.db, { userId: v.id, chapterId: i % 3 === 0 ? pekalongan.id : jember.id, status: i % 5 === 4 ? "inactive" : "active" });
      if (i % 2) await createVolunteerProfile(t.db, { userId: v.id, regionCode: i % 4 === 1 ? "33.75.01" : "35.09.01" });
      vols.push(v);
    }
    const noChapter = await createUser(t.db, { name: "Belum Bergabung" });
    const admin = await createUser(t.db, { name: "Admin", isAdmin: true });
    await addMembership(t.db, { userId: admin.id, chapterId: bali.id, role: "volunteer" });

    const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
    const ids: number[] = [];
    const chapters = [[jember, lead, "35.09.01"], [pekalongan, leadP, "33.75.01"], [bali, leadB, "51.03.01"]] as const;
    for (let i = 0; i < 24; i++) {
      const [c, l, region] = chapters[i % 3]!;
      const id = await createOutreachEvent(t.db, {
        chapterId: c.id,
        leadId: l.id,
        venueRegion: region,
        venueName: i % 4 ? `SMA Negeri ${i}` : `SMAN ${i}`,
        programSlug: i % 2 ? "internet-sehat" : undefined,
        title: `Kegiatan ${i} 'uji'`,
        date: day((i % 8) - 3),
        startTime: `0${8 + (i % 2)}:00`,
        draft: i % 7 === 6,
        roles: [{ name: "Narasumber", capacity: 1 + (i % 2) }, { name: "Dokumentasi", capacity: 1 }],
      });
      ids.push(id);
    }
    // sign-ups: confirmed, waitlisted (capacity full), cancelled; a cancelled event
    for (const [k, id] of ids.entries()) {
      const e = await getEvent(t.db, id);
      if (!e || e.status !== "published" || e.startsAt.getTime() < Date.now()) continue;
      for (let j = 0; j < 4; j++) await signUp(t.db, { eventId: id, roleId: e.roles[0]?.id ?? 0, userId: vols[(k + j) % vols.length]!.id });
      await signUp(t.db, { eventId: id, roleId: e.roles[0]?.id ?? 0, userId: lead.id });
    }
    const firstPublished = (await t.db.select({ id: events.id }).from(events).where(eq(events.status, "published")))[0];
    assert.ok(firstPublished);
    const cancelled = await getEvent(t.db, firstPublished.id);
    assert.ok(cancelled && (await cancelEvent(t.db, { eventId: cancelled.id, chapterId: cancelled.chapterId })));
    const programIds = [undefined, ...new Set((await t.db.select({ p: events.programId }).from(events)).map((r) => r.p))];
    const readers = [lead, leadP, ...vols.slice(0, 4), noChapter].map((u) => ({ id: u.id, isAdmin: false })).concat([{ id: admin.id, isAdmin: true }]);
    let seen = 0;
    for (const reader of readers)
      for (const scope of ["mine", "near", "all"] as const)
        for (const programId of programIds)
          for (const locale of ["id", "en"] as const) {
            const together = await eventListScreen(t.db, { reader, scope, programId, locale });
            assert.deepEqual(together, await separately(reader, scope, programId, locale), `${reader.id} ${scope} ${programId} ${locale}`);
            seen += together.events.length + together.drafts.length + together.toReport.length;
          }
    assert.ok(seen > 100, "the data exercises the lists");
    const leadView = await eventListScreen(t.db, { reader: { id: lead.id, isAdmin: false }, scope: "mine", locale: "id" });
    assert.ok(leadView.drafts.length && leadView.toReport.length && leadView.events.some((e) => e.myStatus === "waitlisted"), "drafts, reports to file and a waitlist are in the data");
  });
});

describe("the event list in pages", () => {
  it("shows every upcoming event once over its pages, however many start at the same moment", async () => {
    const chapter = await createChapter(t.db, { regionCode: "36.03", name: "RTIK Kabupaten Tangerang" });
    const lead = await createUser(t.db, { name: "Ketua Tangerang" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const ids: number[] = [];
    // 130 events: 70 of them at the same hour of the same day (a province's "Internet Sehat" week), the rest later
    for (let i = 0; i < 130; i++)
      ids.push(await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "36.03.01", title: `Kegiatan ${i}`, date: day(i < 70 ? 30 : 31 + i), startTime: "09:00", endTime: "11:00" }));
    const reader = { id: lead.id, isAdmin: false };
    const seen: number[] = [];
    let after = null;
    let pages = 0;
    do {
      const page = await eventListScreen(t.db, { reader, scope: "mine", locale: "id", after });
      assert.ok(page.events.length <= EVENT_LIST_PAGE);
      seen.push(...page.events.map((e) => e.id));
      // the cursor travels in the address and comes back the same
      after = page.next ? parseEventCursor(eventCursorParam(page.next)) : null;
      if (page.next) assert.deepEqual(after, page.next);
      pages++;
    } while (after && pages < 10);
    const mine = seen.filter((id) => ids.includes(id));
    assert.equal(pages, 2);
    assert.equal(new Set(seen).size, seen.length, "no event twice");
    assert.deepEqual([...mine].sort((a, b) => a - b), [...ids].sort((a, b) => a - b), "every event once");
    // an address with a broken cursor is the first page
    for (const bad of ["", "abc", "1-", "-1-2", "99999999999999999-1", "1-99999999999", "1.5-2"]) assert.equal(parseEventCursor(bad), null, bad);
  });
});
