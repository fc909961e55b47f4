import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, asc, eq, sql } from "drizzle-orm";
import { isChapterLead } from "../../app/auth/guards.server";
import { ASSIGN_LIST, CAPACITY_MAX, eventPage, leadAddRole, leadAssign, leadCancelEvent, leadQrSvg, leadSaveRole, leadSetCapacity } from "../../app/models/events/event-page.server";
import { translator } from "../../app/i18n/dictionaries.server";
import { cancelEvent, eventFormDefaults, getEvent, isActiveMember, parseEventForm, updateRole } from "../../app/models/events/events.server";
import { getReport } from "../../app/models/events/outcomes.server";
import { doorQrSvg, doorUrl, listParticipants, registerAhead, registerParticipant } from "../../app/models/events/participants.server";
import { renderEmail } from "../../emails";
import {
  cancelSignup,
  checkinQrSvg,
  getMySignups,
  listSignups,
  markAttendance,
  overlappingSignups,
  setRoleCapacity,
  signUp,
  suggestVolunteers,
} from "../../app/models/events/signups.server";
import { memberships } from "../../db/schema/chapters";
import { eventRoles, events, outcomeReports, signups as signupTable } from "../../db/schema/events";
import { outbox } from "../../db/schema/outbox";
import { users } from "../../db/schema/accounts";
import { skills, userSkills } from "../../db/schema/profiles";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { rowsOf } from "../../db/rows";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

type Who = { id: string; email: string; name: string; isAdmin?: boolean };

/** Active members of the chapter not signed up for any session of the event, by name: one more than the list shows. */
function assignableMembers(db: TestDatabase["db"], eventId: number, chapterId: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.chapterId, chapterId),
        eq(memberships.status, "active"),
        sql`not exists (select 1 from ${signupTable} s where s.event_id = ${eventId} and s.user_id = "app_user"."id" and s.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(ASSIGN_LIST + 1);
}

/** Rows whose names are equal come in no particular order from a plain ORDER BY name: put those in id order. */
function tiesById<T extends { id: string; name: string }>(rows: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]?.name === rows[i]?.name) j++;
    out.push(...rows.slice(i, j).sort((a, b) => (a.id < b.id ? -1 : 1)));
    i = j;
  }
  return out;
}

describe("the event page in one statement", () => {
  let t: TestDatabase;

  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  /**
   * What the page showed when its loader read each part on its own (getEvent, isChapterLead, then isActiveMember,
   * getMySignups, overlappingSignups, getReport and, for a lead, listSignups, assignableMembers, suggestVolunteers,
   * listParticipants): the reads eventPage replaces, in the shape the page now gets.
   */
  async function readSeparately(eventId: number, who: Who, locale: "id" | "en", now: Date) {
    const event = await getEvent(t.db, eventId);
    if (!event) return null;
    const lead = await isChapterLead(t.db, { id: who.id, email: who.email, name: who.name, locale, isAdmin: who.isAdmin ?? false }, event.chapterId);
    const [member, mine, overlaps, report] = await Promise.all([
      isActiveMember(t.db, who.id, event.chapterId),
      getMySignups(t.db, event.id, who.id),
      overlappingSignups(t.db, { eventId: event.id, userId: who.id, startsAt: event.startsAt, endsAt: event.endsAt }),
      getReport(t.db, event.id),
    ]);
    const cutoff = event.startsAt.getTime() - (event.signupCutoff ?? event.startsAt).getTime();
    const sessions = event.sessions.map((s, i) => ({
      id: s.id,
      n: i + 1,
      label: s.label && !/^\d+$/.test(s.label) ? s.label : null,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      open: event.status === "published" && s.startsAt.getTime() - cutoff > now.getTime(),
    }));
    let panels = null;
    if (lead) {
      const [signups, assignable, suggestions, participants] = await Promise.all([
        listSignups(t.db, event.id),
        assignableMembers(t.db, event.id, event.chapterId),
        suggestVolunteers(t.db, { eventId: event.id, chapterId: event.chapterId }),
        listParticipants(t.db, event.id),
      ]);
      panels = {
        code: event.checkinCode,
        signups: signups.map((s) => ({
          id: s.id,
          roleId: s.roleId,
          sessionId: s.sessionId,
          userId: s.userId,
          name: s.name,
          status: s.status,
          waitlistPosition: s.waitlistPosition,
          attendedAt: s.attendedAt?.toISOString() ?? null,
          hoursCredited: s.hoursCredited,
        })),
        assignable: tiesById(assignable).slice(0, ASSIGN_LIST),
        assignMore: assignable.length > ASSIGN_LIST,
        assignSearch: "",
        assignLookAlikes: [],
        suggestions: Object.fromEntries(suggestions),
        doorUrl: doorUrl(event.id, event.checkinCode),
        participants: participants.map((p) => ({ id: p.id, name: p.name, institutionName: p.institutionName, gender: p.gender })),
      };
    }
    return {
      event: {
        id: event.id,
        title: event.title,
        description: event.description,
        status: event.status,
        timeZone: event.timeZone,
        open: sessions.some((s) => s.open),
        chapterName: event.chapterName,
        program: locale === "en" ? event.programNameEn : event.programNameId,
        venueName: event.venueName,
        regionName: event.regionName,
        sessions,
        roles: event.roles,
        places: [...event.places].sort((a, b) => a.sessionId - b.sessionId || a.roleId - b.roleId),
      },
      member,
      mine: mine.map((m) => ({ id: m.id, roleId: m.roleId, sessionId: m.sessionId, status: m.status, waitlistPosition: m.waitlistPosition, attendedAt: m.attendedAt?.toISOString() ?? null })),
      overlaps: overlaps
        .map((o) => ({ id: o.id, title: o.title, startsAt: o.startsAt.toISOString(), timeZone: o.timeZone }))
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id),
      reportStatus: report?.status ?? null,
      lead: panels,
    };
  }

  async function readTogether(eventId: number, who: Who, locale: "id" | "en", now: Date) {
    const page = await eventPage(t.db, { eventId, user: { id: who.id, isAdmin: who.isAdmin ?? false }, locale, now });
    if (!page) return null;
    // places per day come in no particular order either way
    return { ...page, event: { ...page.event, places: [...page.event.places].sort((a, b) => a.sessionId - b.sessionId || a.roleId - b.roleId) } };
  }

  it("reads what the separate reads gave, for leads, members, former members and outsiders, on messy data", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const other = await createChapter(t.db, { regionCode: "35.10", name: "RTIK Kabupaten Banyuwangi" });
    const lead = await createUser(t.db, { name: "Ketua Jember" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "volunteer" });
    const formerLead = await createUser(t.db, { name: "Mantan Ketua" });
    await addMembership(t.db, { userId: formerLead.id, chapterId: chapter.id, role: "lead", status: "inactive" });
    const otherLead = await createUser(t.db, { name: "Ketua Banyuwangi" });
    await addMembership(t.db, { userId: otherLead.id, chapterId: other.id, role: "lead" });
    const admin = { ...(await createUser(t.db, { name: "Admin Nasional", isAdmin: true })), isAdmin: true };
    const stranger = await createUser(t.db, { name: "Tanpa Chapter" });
    const pending = await createUser(t.db, { name: "Calon Relawan" });
    await addMembership(t.db, { userId: pending.id, chapterId: chapter.id, status: "pending" });
    const declined = await createUser(t.db, { name: "Ditolak" });
    await addMembership(t.db, { userId: declined.id, chapterId: chapter.id, status: "declined" });
    const left = await createUser(t.db, { name: "Sudah Keluar" });
    await addMembership(t.db, { userId: left.id, chapterId: chapter.id, status: "inactive" });
    // volunteers: names written twice the same way (the assign list orders by name) and one of another chapter
    const vols: Who[] = [];
    for (const name of ["Siti Aminah", "Siti Aminah", "Budi Santoso", "Ahmad Fauzi", "Ahmad Fauzi", "Dewi Lestari", "Rizal", "Nur Aini", "Bayu"]) {
      const u = await createUser(t.db, { name });
      await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
      vols.push(u);
    }
    const outsider = await createUser(t.db, { name: "Relawan Banyuwangi" });
    await addMembership(t.db, { userId: outsider.id, chapterId: other.id });
    const v = (i: number) => vols[i]?.id ?? "";

    // skills for "who is missing": two match the role's wanted skills, one matches twice
    const skillRows = await t.db.select({ id: skills.id, nameId: skills.nameId, slug: skills.slug }).from(skills).limit(2);
    const [s1, s2] = skillRows;
    assert.ok(s1 && s2, "skills are seeded");
    await t.db.insert(userSkills).values([
      { userId: v(5), skillId: s1.id },
      { userId: v(5), skillId: s2.id },
      { userId: v(6), skillId: s1.id },
      { userId: v(0), skillId: s1.id },
      { userId: outsider.id, skillId: s1.id },
      { userId: left.id, skillId: s1.id },
    ]);

    // a three-day event: places full on a day, waiting lists, a day with fewer places, cancellations, attendance
    const id = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "35.09.01",
      date: inDays(10),
      days: 3,
      sessionLabels: "Angkatan 1\n2\nPenutupan",
      cutoffHours: 24,
      roles: [
        { name: "Narasumber", capacity: 2, hours: 3 },
        { name: "Pendamping", capacity: 1 },
        { name: "Dokumentasi", capacity: 1 },
      ],
    });
    const e = await getEvent(t.db, id);
    assert.ok(e);
    const [nara, pend, doku] = e.roles;
    const [d1, d2, d3] = e.sessions;
    assert.ok(nara && pend && doku && d1 && d2 && d3);
    assert.ok(await updateRole(t.db, { eventId: id, chapterId: chapter.id, roleId: nara.id, name: "Narasumber", skills: `${s1.nameId}, ${s2.slug}`, hours: 3 }));
    assert.ok(await setRoleCapacity(t.db, { eventId: id, roleId: pend.id, capacity: 2, sessionId: d2.id }));
    await signUp(t.db, { eventId: id, roleId: nara.id, userId: v(0) });
    await signUp(t.db, { eventId: id, roleId: pend.id, userId: v(1) });
    await signUp(t.db, { eventId: id, roleId: pend.id, userId: v(2) }); // waitlisted on days 1 and 3, in on day 2
    await signUp(t.db, { eventId: id, roleId: pend.id, userId: v(3), sessionIds: [d1.id] }); // second on the waitlist
    await signUp(t.db, { eventId: id, roleId: doku.id, userId: v(4), sessionIds: [d3.id] });
    await signUp(t.db, { eventId: id, roleId: doku.id, userId: lead.id, sessionIds: [d1.id, d2.id] });
    await signUp(t.db, { eventId: id, roleId: nara.id, userId: v(7), sessionIds: [d2.id] });
    await cancelSignup(t.db, { eventId: id, userId: v(7) });
    await signUp(t.db, { eventId: id, roleId: nara.id, userId: v(8), sessionIds: [d1.id, d3.id] });
    await cancelSignup(t.db, { eventId: id, userId: v(8), sessionId: d3.id });
    const roster = await listSignups(t.db, id);
    const held = roster.find((s) => s.userId === v(0) && s.sessionId === d1.id);
    assert.ok(held);
    assert.ok(await markAttendance(t.db, { eventId: id, signupId: held.id, attended: true }));
    // participants at the door: the same name at two schools, and a repeat (merged into the first row)
    const onSite = new Date((e.sessions[0]?.startsAt.getTime() ?? 0) + 1800_000);
    for (const [i, p] of [
      { name: "Maria Ulfa", institutionName: "SMPN 1 Jember", gender: "female" as const },
      { name: "Maria  Ulfa", institutionName: "SMP Negeri 1 Jember", gender: "female" as const },
      { name: "Maria Ulfa", institutionName: "SMA Negeri 2 Jember" },
      { name: "Yosua" },
    ].entries())
      assert.equal((await registerParticipant(t.db, { eventId: id, form: { code: e.checkinCode, ...p }, ip: `198.51.100.${i + 1}`, now: onSite })).ok, true);
    await t.db.insert(outcomeReports).values({ eventId: id, status: "returned", participantsTotal: 3 });

    // another event the same days (overlapping sign-ups), one cancelled, one on other days, and a draft
    const same = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", date: inDays(11), roles: [{ name: "Narasumber", capacity: 1 }] });
    const sameRole = (await getEvent(t.db, same))?.roles[0]?.id ?? 0;
    await signUp(t.db, { eventId: same, roleId: sameRole, userId: v(1) });
    await signUp(t.db, { eventId: same, roleId: sameRole, userId: v(2) }); // waitlisted: counts as an overlap
    const gone = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", date: inDays(12), roles: [{ name: "Narasumber", capacity: 3 }] });
    await signUp(t.db, { eventId: gone, roleId: (await getEvent(t.db, gone))?.roles[0]?.id ?? 0, userId: v(1) });
    assert.ok(await cancelEvent(t.db, { eventId: gone, chapterId: chapter.id }));
    const later = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", date: inDays(30) });
    await signUp(t.db, { eventId: later, roleId: (await getEvent(t.db, later))?.roles[0]?.id ?? 0, userId: v(1) });
    const draft = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", date: inDays(11), draft: true });
    const elsewhere = await createOutreachEvent(t.db, { chapterId: other.id, leadId: otherLead.id, venueRegion: "35.10.01", date: inDays(11) });

    const people: Who[] = [lead, formerLead, otherLead, admin, stranger, pending, declined, left, outsider, ...vols];
    const now = new Date();
    const afterCutoff = new Date((e.sessions[1]?.startsAt.getTime() ?? 0) - 3600_000); // with the 24-hour cutoff: days 1 and 2 closed, day 3 open
    for (const eventId of [id, same, gone, later, draft, elsewhere])
      for (const who of people)
        for (const [locale, at] of [["id", now], ["en", afterCutoff]] as const) {
          const together = await readTogether(eventId, who, locale, at);
          assert.deepEqual(together, await readSeparately(eventId, who, locale, at), `event ${eventId}, ${who.name}, ${locale}`);
        }

    // the lead panels come to the chapter's active leads and national admins only
    const page = async (who: Who, eventId = id) => eventPage(t.db, { eventId, user: { id: who.id, isAdmin: who.isAdmin ?? false }, locale: "id" });
    assert.ok((await page(lead))?.lead);
    assert.ok((await page(admin))?.lead);
    for (const who of [formerLead, otherLead, stranger, pending, declined, left, outsider, ...vols]) assert.equal((await page(who))?.lead, null, who.name);
    assert.equal((await page(lead, elsewhere))?.lead, null, "a lead of another chapter");
    // what the lead sees: the waitlists, attendance, the look-alike participants, who may be assigned, who is missing
    const full = await page(lead);
    assert.ok(full?.lead);
    assert.deepEqual(full.lead.signups.filter((s) => s.status === "waitlisted").map((s) => [s.userId, s.sessionId, s.waitlistPosition]), [
      [v(2), d1.id, 1],
      [v(3), d1.id, 2],
      [v(2), d3.id, 1],
    ]);
    assert.equal(full.lead.signups.filter((s) => s.attendedAt).length, 1);
    assert.deepEqual(full.lead.participants.map((p) => p.name), ["Maria Ulfa", "Maria Ulfa", "Yosua"]);
    assert.ok(full.lead.assignable.some((m) => m.id === v(5)) && !full.lead.assignable.some((m) => m.id === outsider.id || m.id === left.id || m.id === pending.id));
    assert.deepEqual(full.lead.suggestions[nara.id]?.map((s) => s.userId), [v(5), v(6)], "most matching skills first; signed-up, former and other chapters' members not");
    assert.equal(full.reportStatus, "returned");
    assert.equal(full.event.program, "Internet Sehat");
    assert.equal((await eventPage(t.db, { eventId: id, user: { id: lead.id, isAdmin: false }, locale: "en" }))?.event.program, "Healthy Internet");
    // a volunteer's own places, and the other events they hold the same days
    const mine = await page({ ...vols[2], id: v(2), email: "", name: "" } as Who);
    assert.deepEqual(mine?.mine.map((m) => [m.sessionId, m.status]), [
      [d1.id, "waitlisted"],
      [d2.id, "confirmed"],
      [d3.id, "waitlisted"],
    ]);
    assert.deepEqual(mine?.overlaps.map((o) => o.id), [same]);
    assert.deepEqual((await page({ id: v(1), email: "", name: "" }))?.overlaps.map((o) => o.id), [same], "a cancelled event and other days are no overlap");
    assert.equal(await eventPage(t.db, { eventId: 987654321, user: { id: lead.id, isAdmin: true }, locale: "id" }), null);
    assert.equal(await readSeparately(987654321, lead, "id", now), null);
    // unknown user: an outsider's view
    assert.deepEqual(await readTogether(id, { id: "no-such-user", email: "", name: "" }, "id", now), await readSeparately(id, { id: "no-such-user", email: "", name: "" }, "id", now));
    assert.equal((await t.db.select().from(outcomeReports).where(eq(outcomeReports.eventId, id))).length, 1);
  });

  it("lists a large chapter's members to assign a few at a time, and finds any of them by name or email", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09" });
    const other = await createChapter(t.db, { regionCode: "35.10" });
    const lead = await createUser(t.db, { name: "Ketua Besar" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const volunteer = await createUser(t.db, { name: "Zainal Relawan" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    // 300 members as a roster import writes them: names repeat, cases differ, a few carry LIKE's wildcards
    const first = ["Agus", "Budi", "Dewi", "siti", "Yusuf", "ZAINAL", "Rina", "Agus", "Budi", "Dewi", "Siti", "Yusuf", "Zainal", "Rina"];
    const p = `big-${chapter.id}-`;
    await t.db.execute(sql`
      insert into app_user (id, email, name)
      select ${p} || g, 'anggota' || g || '.' || ${String(chapter.id)} || '@contoh.test',
        case g when 7 then 'Diskon 100% Aman' when 8 then 'Nama_Bergaris' when 9 then 'Nama Biasa' else
          (array[${sql.join(first.map((f) => sql`${f}`), sql`, `)}]::text[])[1 + g % 14] || ' ' || (array['Santoso', 'Wijaya', 'Lestari'])[1 + (g / 14) % 3] end
      from generate_series(1, 300) g`);
    await t.db.execute(sql`
      insert into membership (user_id, chapter_id, role, status)
      select ${p} || g, case when g = 300 then ${other.id}::int else ${chapter.id}::int end, 'volunteer',
        case when g % 50 = 13 then 'inactive' when g % 50 = 27 then 'pending' else 'active' end
      from generate_series(1, 300) g`);
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: inDays(9), roles: [{ name: "Pendamping", capacity: 400 }] });
    const e = await getEvent(t.db, id);
    assert.ok(e?.roles[0]);
    await signUp(t.db, { eventId: id, roleId: e.roles[0].id, userId: volunteer.id });
    await signUp(t.db, { eventId: id, roleId: e.roles[0].id, userId: `${p}5` }); // an active Zainal, already on the event

    const asLead = async (assignSearch?: string) => (await eventPage(t.db, { eventId: id, user: { id: lead.id, isAdmin: false }, locale: "id", assignSearch }))?.lead;
    const active = await t.db.execute(sql`
      select u.id, u.name from membership m join app_user u on u.id = m.user_id
      where m.chapter_id = ${chapter.id} and m.status = 'active'
        and not exists (select 1 from signup s where s.event_id = ${id} and s.user_id = u.id and s.status <> 'cancelled')
      order by u.name, u.id`);
    const everyone = rowsOf<{ id: string; name: string }>(active).map((r) => ({ id: r.id, name: r.name }));
    assert.ok(everyone.length > 200);

    // no search: the first ASSIGN_LIST by name, and word that there are more
    const plain = await asLead();
    assert.ok(plain);
    assert.deepEqual(plain.assignable, everyone.slice(0, ASSIGN_LIST));
    assert.equal(plain.assignMore, true);
    assert.equal(plain.assignSearch, "");
    assert.deepEqual(await asLead("   "), plain, "blanks are no search");

    // a name far down the alphabet: every active Zainal not yet on the event, however it is written, and no one else
    const zainal = everyone.filter((m) => m.name.toLowerCase().startsWith("zainal"));
    assert.ok(zainal.length > 20 && zainal.length <= ASSIGN_LIST);
    for (const q of ["zainal", "  ZAINAL ", "Zainal", "\tzainal\n"]) {
      const found = await asLead(q);
      assert.deepEqual(found?.assignable, zainal, q);
      assert.equal(found?.assignMore, false);
      assert.equal(found?.assignSearch, q.trim());
    }
    assert.ok(!zainal.some((m) => m.id === `${p}5` || m.id === volunteer.id), "members already on the event are not offered");
    // two words, an email, LIKE's wildcards neither wildcards nor words, a name of another chapter, a search too broad
    assert.deepEqual((await asLead("zainal wijaya"))?.assignable, zainal.filter((m) => m.name.toLowerCase() === "zainal wijaya"));
    assert.deepEqual((await asLead(`anggota42.${chapter.id}@`))?.assignable.map((m) => m.id), [`${p}42`]);
    assert.deepEqual((await asLead("100%"))?.assignable.map((m) => m.name), ["Diskon 100% Aman"]);
    assert.deepEqual((await asLead("%"))?.assignable.map((m) => m.name), [], "punctuation alone is no word, and no wildcard in an email");
    assert.deepEqual((await asLead("a_b"))?.assignable.map((m) => m.name), [], "_ is no wildcard");
    assert.deepEqual((await asLead("nama_b"))?.assignable.map((m) => m.name), ["Nama Biasa", "Nama_Bergaris"], "punctuation parts words, as a space does");
    assert.deepEqual((await asLead("wijaya ZAINAL"))?.assignable, zainal.filter((m) => m.name.toLowerCase() === "zainal wijaya"), "words in any order");
    assert.deepEqual((await asLead("anggota300."))?.assignable, [], "a member of another chapter");
    const broad = await asLead("a");
    assert.equal(broad?.assignable.length, ASSIGN_LIST);
    assert.equal(broad?.assignMore, true);
    assert.equal((await asLead("x".repeat(200)))?.assignSearch.length, 80);
    assert.deepEqual(plain.assignLookAlikes, []);
    assert.deepEqual((await asLead("zainal"))?.assignLookAlikes, [], "a search that finds someone offers no look-alikes");
    // a typo finds nobody: the names of active members not yet on the event most like it, each name once
    const typo = await asLead("Zainul Wijaya");
    assert.deepEqual(typo?.assignable, []);
    assert.deepEqual(typo?.assignLookAlikes.map((n) => n.toLowerCase()), ["zainal wijaya"]);
    assert.deepEqual((await asLead("Zainal Relawn"))?.assignLookAlikes, [], "Zainal Relawan is on the event already");
    assert.deepEqual((await asLead("Qwertyuiop"))?.assignLookAlikes, []);
    // a volunteer's page reads no member list, searched or not
    assert.equal((await eventPage(t.db, { eventId: id, user: { id: volunteer.id, isAdmin: false }, locale: "id", assignSearch: "zainal" }))?.lead, null);
  });

  it("serves the lead's two QR codes apart from the page, each the code's own, and nothing for another kind or event", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember QR" });
    const lead = await createUser(t.db, { name: "Ketua QR" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const id = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", title: "Bimtek operator desa", date: inDays(5), roles: [{ name: "Narasumber", capacity: 1 }] });
    const [e] = await t.db.select({ code: events.checkinCode }).from(events).where(eq(events.id, id));
    const checkin = await leadQrSvg(t.db, id, "checkin");
    const door = await leadQrSvg(t.db, id, "door");
    assert.deepEqual(checkin, { chapterId: chapter.id, svg: await checkinQrSvg(id, e!.code) });
    assert.deepEqual(door, { chapterId: chapter.id, svg: await doorQrSvg(id, e!.code) });
    assert.notEqual(checkin!.svg, door!.svg);
    assert.match(checkin!.svg, /^<svg [^>]*viewBox=/);
    assert.equal(await leadQrSvg(t.db, id, "photo"), null);
    assert.equal(await leadQrSvg(t.db, id + 100_000, "checkin"), null);
    // the page itself no longer carries them
    const page = await eventPage(t.db, { eventId: id, user: { id: lead.id, isAdmin: false }, locale: "id" });
    assert.ok(page?.lead);
    assert.ok(!JSON.stringify(page).includes("<svg"));
  });

  /** A lead's form as the browser sends it. */
  const formOf = (fields: Record<string, string | number>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, String(v));
    return f;
  };

  async function leadsEvent(title: string, roles = [{ name: "Narasumber", capacity: 2 }], days = 1) {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: `RTIK Jember ${title}` });
    const lead = await createUser(t.db, { name: `Ketua ${title}` });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.02", title, date: inDays(6), days, roles });
    const e = await getEvent(t.db, eventId);
    assert.ok(e);
    return { chapter, lead, e, scope: { eventId, chapterId: chapter.id, status: e.status } };
  }

  it("cancels an event only with the warning's confirmation: a bare post changes nothing and mails nobody", async () => {
    const { chapter, e, scope } = await leadsEvent("Kelas batal");
    const vol = await createUser(t.db, { name: "Relawan batal" });
    await addMembership(t.db, { userId: vol.id, chapterId: chapter.id });
    const role = e.roles[0];
    assert.ok(role);
    assert.ok((await signUp(t.db, { eventId: e.id, roleId: role.id, userId: vol.id })).ok);
    const status = async () => (await t.db.select({ status: events.status, sequence: events.sequence }).from(events).where(eq(events.id, e.id)))[0];
    const mails = () => t.db.select({ template: outbox.template }).from(outbox).where(and(eq(outbox.toEmail, vol.email), eq(outbox.template, "event-changed")));
    // two members of the public registered ahead, one with an e-mail address
    assert.ok((await registerAhead(t.db, { eventId: e.id, form: { name: "Bu Warsini", email: "warsini@contoh.test" } })).ok);
    assert.ok((await registerAhead(t.db, { eventId: e.id, form: { name: "Pak Slamet", phone: "0812-3456-7001" } })).ok);
    const participantMails = () => t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "participant-cancelled"));
    const before = await status();
    assert.equal(before?.status, "published");

    // the first press (or a stray post from an old page) carries no confirmation
    for (const form of [formOf({ intent: "cancelEvent" }), formOf({ intent: "cancelEvent", confirm: "yes" }), formOf({ intent: "cancelEvent", confirm: "" })]) {
      assert.deepEqual(await leadCancelEvent(t.db, scope, form), { ok: false, error: "events.lead.cancelUnconfirmed" });
    }
    assert.deepEqual(await status(), before);
    assert.equal((await mails()).length, 0);
    assert.equal((await getMySignups(t.db, e.id, vol.id)).length, 1);

    // the warning's own button
    assert.deepEqual(await leadCancelEvent(t.db, scope, formOf({ intent: "cancelEvent", confirm: "cancelEvent" })), { ok: true, notice: "eventCancelled" });
    assert.equal((await status())?.status, "cancelled");
    assert.equal((await mails()).length, 1);
    // the public who registered ahead are told too, where they gave an address (in the same transaction)
    const told = await participantMails();
    assert.deepEqual(told.map((m) => m.to), ["warsini@contoh.test"]);
    const mail = renderEmail("participant-cancelled", told[0]!.payload as Record<string, unknown>, "id");
    assert.match(mail.subject, /^Dibatalkan: Kelas batal/);
    assert.match(mail.text, /Anda tidak perlu datang/);
  });

  it("answers a bad new role with a message per field and what was typed, and adds nothing", async () => {
    const { e, scope } = await leadsEvent("Kelas peran");
    const roleCount = async () => (await t.db.select({ id: eventRoles.id }).from(eventRoles).where(eq(eventRoles.eventId, e.id))).length;
    const id = translator("id");
    const en = translator("en");

    const empty = await leadAddRole(t.db, scope, formOf({ intent: "addRole", name: "  ", capacity: "-2", skills: "desain" }));
    assert.deepEqual(empty, {
      ok: false,
      error: "events.lead.fieldsInvalid",
      errors: { name: ["errors.required"], capacity: ["events.capacityMin"] },
      values: { intent: "addRole", name: "  ", capacity: "-2", skills: "desain" },
    });

    const huge = await leadAddRole(t.db, scope, formOf({ intent: "addRole", name: "Registrasi", capacity: "100000", skills: "" }));
    assert.equal(huge.ok, false);
    assert.ok(!huge.ok);
    assert.deepEqual(huge.errors, { capacity: [`events.capacityMax?max=${CAPACITY_MAX}`] });
    assert.deepEqual(huge.values, { intent: "addRole", name: "Registrasi", capacity: "100000", skills: "" });
    assert.equal(id("events.capacityMax?max=1000"), "Kapasitas paling banyak 1000.");
    assert.equal(en("events.capacityMax?max=1000"), "Capacity can be at most 1000.");
    assert.equal(id("events.capacityMin"), "Kapasitas minimal 1.");
    assert.equal(await roleCount(), 1);

    // the bounds themselves are accepted ("1.000" is a thousand, as typed in Indonesian)
    assert.deepEqual(await leadAddRole(t.db, scope, formOf({ intent: "addRole", name: "Registrasi", capacity: "1.000" })), { ok: true, notice: "saved" });
    const over = await leadAddRole(t.db, scope, formOf({ intent: "addRole", name: "Registrasi 2", capacity: "1001" }));
    assert.ok(!over.ok);
    assert.deepEqual(over.errors, { capacity: ["events.capacityMax?max=1000"] });
    assert.equal(await roleCount(), 2);
  });

  it("reads a role's hours as leads type them: \"3 jam\" is 3; \"2,5\" and \"2 jam 30 menit\" are asked again in whole hours", async () => {
    const { e, scope } = await leadsEvent("Kelas jam", [{ name: "Narasumber", capacity: 2 }]);
    const role = e.roles[0];
    assert.ok(role);
    const save = (hours: string) => leadSaveRole(t.db, scope, formOf({ intent: "saveRole", roleId: role.id, name: "Narasumber", capacity: "2", hours, skills: "" }));
    for (const hours of ["2,5", "2.5", "2 jam 30 menit", "2,5 jam", "0"]) {
      const r = await save(hours);
      assert.ok(r && !r.ok, hours);
      assert.deepEqual(r.errors, { hours: ["events.hoursInvalid"] }, hours);
      assert.equal(r.values?.hours, hours, "what was typed is kept");
    }
    const t2 = translator("id");
    assert.equal(t2("events.hoursInvalid"), "Jam relawan ditulis dalam jam bulat 1–100, misalnya 3.");
    assert.equal(translator("en")("events.hoursInvalid"), "Volunteer hours are whole hours from 1 to 100, e.g. 3.");
    for (const [hours, want] of [["3 jam", 3], ["4 Jam", 4], ["5 hours", 5], ["6", 6]] as const) {
      assert.ok((await save(hours))?.ok, hours);
      assert.equal((await getEvent(t.db, e.id))?.roles[0]?.hours, want, hours);
    }
    // the event form's role rows alike: never "not a number" for 2,5
    const form = (hours: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ ...eventFormDefaults(e), venueId: String(e.venueId), "role.0.name": "Fasilitator", "role.0.capacity": "3", "role.0.hours": hours })) f.set(k, v);
      return parseEventForm(f);
    };
    for (const hours of ["2,5", "2 jam 30 menit", "101"]) {
      const parsed = form(hours);
      assert.ok(!parsed.success, hours);
      assert.deepEqual(
        parsed.error.issues.map((i) => [i.path.join("."), i.message]),
        [["roles.0.hours", "events.hoursInvalid"]],
        hours,
      );
    }
    const ok = form("4 jam");
    assert.ok(ok.success);
    assert.equal(ok.data.roles[0]?.hours, 4);
  });

  it("answers a bad role edit, day capacity or assignment with the field's message and the form's ids, and changes nothing", async () => {
    const { chapter, lead, e, scope } = await leadsEvent("Kelas ubah", [{ name: "Narasumber", capacity: 1 }], 2);
    const role = e.roles[0];
    const [d1] = e.sessions;
    assert.ok(role && d1);
    const saved = await leadSaveRole(t.db, scope, formOf({ intent: "saveRole", roleId: role.id, name: "Pemateri", capacity: "0", hours: "200", skills: "" }));
    assert.ok(saved && !saved.ok);
    assert.deepEqual(saved.errors, { capacity: ["events.capacityMin"], hours: ["events.hoursInvalid"] });
    assert.deepEqual(saved.values, { intent: "saveRole", roleId: String(role.id), name: "Pemateri", capacity: "0", hours: "200", skills: "" });
    const day = await leadSetCapacity(t.db, scope, formOf({ intent: "capacity", roleId: role.id, sessionId: d1.id, capacity: "100000" }));
    assert.ok(day && !day.ok);
    assert.deepEqual(day, {
      ok: false,
      error: "events.lead.fieldsInvalid",
      errors: { capacity: ["events.capacityMax?max=1000"] },
      values: { intent: "capacity", roleId: String(role.id), sessionId: String(d1.id), capacity: "100000" },
    });
    const after = await getEvent(t.db, e.id);
    assert.deepEqual(after?.roles.map((r) => [r.name, r.capacity]), [["Narasumber", 1]]);

    // a full role: the message by the role's select, the chosen member and role kept
    const [a, b] = [await createUser(t.db, { name: "Relawan A" }), await createUser(t.db, { name: "Relawan B" })];
    for (const u of [a, b]) await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: a.id, roleId: role.id })), { ok: true, notice: "assigned" });
    const full = await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: b.id, roleId: role.id }));
    assert.deepEqual(full, { ok: false, error: "events.signup.full", errors: { roleId: ["events.signup.full"] }, values: { intent: "assign", userId: b.id, roleId: String(role.id) } });
  });

  it("tells a lead assigning someone already on another event at that time, and assigns on a second press", async () => {
    // a school visit 08:00–11:00 and a two-day bimtek from 10:00 the same day: day 1 clashes, day 2 does not
    const { chapter, lead, e: visit, scope: visitScope } = await leadsEvent("Internet Sehat SMAN 2 Jember", [{ name: "Pemateri", capacity: 5 }]);
    const bimtekId = await createOutreachEvent(t.db, {
      chapterId: chapter.id,
      leadId: lead.id,
      venueRegion: "35.09.02",
      title: "Bimtek operator desa",
      date: inDays(6),
      startTime: "10:00",
      endTime: "12:00",
      days: 2,
      roles: [{ name: "Pendamping", capacity: 5 }],
    });
    const bimtek = await getEvent(t.db, bimtekId);
    assert.ok(bimtek);
    const scope = { eventId: bimtek.id, chapterId: chapter.id, status: bimtek.status };
    const role = bimtek.roles[0];
    const [day1, day2] = bimtek.sessions;
    assert.ok(role && day1 && day2);
    const [siti, dewi, rizal, bayu] = [
      await createUser(t.db, { name: "Siti Nurhaliza" }),
      await createUser(t.db, { name: "Dewi Anggraini" }),
      await createUser(t.db, { name: "Moh. Rizal Hidayat" }),
      await createUser(t.db, { name: "Bayu Setiawan" }),
    ];
    for (const u of [siti, dewi, rizal, bayu]) await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    const visitRole = visit.roles[0];
    assert.ok(visitRole);
    for (const u of [siti, dewi, rizal]) {
      assert.deepEqual(await leadAssign(t.db, visitScope, lead.id, formOf({ intent: "assign", userId: u.id, roleId: visitRole.id })), { ok: true, notice: "assigned" });
    }
    const heldIn = async (userId: string) =>
      (await t.db.select({ sessionId: signupTable.sessionId }).from(signupTable).where(and(eq(signupTable.eventId, bimtek.id), eq(signupTable.userId, userId), eq(signupTable.status, "confirmed")))).map((r) => r.sessionId).sort();

    // every day: refused next to the name, with the other event and its time, the choices kept; nothing stored
    const told = await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: siti.id, roleId: role.id, sessionId: "" }), "id");
    assert.ok(!told.ok);
    const key = told.errors?.userId?.[0] ?? "";
    assert.match(key, /^events\.lead\.assignOverlap\?/);
    assert.equal(told.error, key);
    assert.deepEqual(told.values, { intent: "assign", userId: siti.id, roleId: String(role.id), sessionId: "", overlapOk: siti.id });
    const said = translator("id")(key);
    assert.match(said, /Siti Nurhaliza/);
    assert.match(said, /Internet Sehat SMAN 2 Jember/);
    assert.match(said, /08\.00 WIB/);
    assert.doesNotMatch(said, /\{/);
    const inEnglish = await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: siti.id, roleId: role.id }), "en");
    assert.ok(!inEnglish.ok);
    assert.match(translator("en")(inEnglish.error), /already holds a place in “Internet Sehat SMAN 2 Jember” at the same time \(.*08:00 WIB\)/);
    assert.deepEqual(await heldIn(siti.id), []);
    // day 1 alone clashes too; day 2 alone does not
    assert.ok(!(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: dewi.id, roleId: role.id, sessionId: day1.id }))).ok);
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: dewi.id, roleId: role.id, sessionId: day2.id })), { ok: true, notice: "assigned" });
    assert.deepEqual(await heldIn(dewi.id), [day2.id]);
    // the second press (the form sends back who was warned about) assigns
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: siti.id, roleId: role.id, sessionId: "", overlapOk: siti.id })), { ok: true, notice: "assigned" });
    assert.deepEqual(await heldIn(siti.id), [day1.id, day2.id].sort());
    // a warning about someone else does not let another name through
    assert.ok(!(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: rizal.id, roleId: role.id, overlapOk: siti.id }))).ok);
    // someone free at that time is assigned at once; so is someone whose place there was given up, or whose event was cancelled
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: bayu.id, roleId: role.id })), { ok: true, notice: "assigned" });
    await cancelSignup(t.db, { eventId: visit.id, userId: rizal.id, byLead: true });
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: rizal.id, roleId: role.id, sessionId: day1.id })), { ok: true, notice: "assigned" });
    assert.ok(await cancelEvent(t.db, { eventId: visit.id, chapterId: chapter.id }));
    assert.deepEqual(await leadAssign(t.db, scope, lead.id, formOf({ intent: "assign", userId: dewi.id, roleId: role.id, sessionId: day1.id })), { ok: true, notice: "assigned" });
  });
});
