import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { indicators, targets } from "../../db/schema/reports";
import { reportPdf } from "../../app/models/reports/pdf.server";
import { chapterDashboard, chapterReport, getChapterRef } from "../../app/models/reports/reports.server";
import { parseTargetForm, saveTargets } from "../../app/models/reports/targets.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";
import { insertAttendance, insertEvent } from "../support/reports-fixture";

const Y: { year: number; semester: 0 } = { year: 2026, semester: 0 };
const MID_YEAR = new Date("2026-07-02T12:00:00+07:00");

describe("a target of 0 is no target, everywhere", () => {
  let t: TestDatabase;
  let chapter: { id: number; slug: string };
  let lead: { id: string };
  let ind: Record<string, number> = {};

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    lead = await createUser(t.db, { name: "Dewi Lead" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const vol = await createUser(t.db, { name: "Siti Aminah" });
    await addMembership(t.db, { userId: vol.id, chapterId: chapter.id });
    ind = Object.fromEntries((await t.db.select({ id: indicators.id, key: indicators.key }).from(indicators)).map((r) => [r.key, r.id]));
    const e = await insertEvent(t.db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Internet Sehat", date: "2026-03-10", time: "08:00", participants: 120 });
    await insertAttendance(t.db, e, vol.id, 4);
  });
  after(async () => {
    await t.close();
  });

  it("the targets form refuses 0 next to the field and keeps what was typed; empty stays no target", () => {
    const f = new FormData();
    f.set("target_1", "0");
    f.set("target_2", "");
    f.set("target_3", "50");
    const r = parseTargetForm(f, [1, 2, 3]);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(r.errors, { target_1: ["errors.tooSmall?min=1"] });
      assert.equal(r.values.target_1, "0");
    }
  });

  it("a 0 stored earlier is read as no target by the dashboard, the summary and the PDF", async () => {
    const owner = { scope: "chapter" as const, chapterId: chapter.id };
    await saveTargets(t.db, { owner, period: Y, userId: lead.id, values: new Map([[ind.participants!, 300], [ind.events_held!, 1]]) });
    // as the form stored them before it refused 0
    await t.db.insert(targets).values([ind.active_volunteers!, ind.learners_helped!].map((indicatorId) => ({ scopeKey: `chapter:${chapter.id}`, scope: "chapter" as const, chapterId: chapter.id, provinceCode: null, year: 2026, semester: 0, indicatorId, value: 0, setBy: lead.id })));
    const ref = (await getChapterRef(t.db, chapter.slug))!;
    const dash = await chapterDashboard(t.db, { chapter: ref, period: Y, locale: "id", now: MID_YEAR });
    const volunteers = dash.rows.find((r) => r.key === "active_volunteers");
    assert.equal(volunteers?.target, null);
    assert.equal(volunteers?.status, "noTarget");
    assert.deepEqual(dash.rows.filter((r) => r.target !== null).map((r) => r.key).sort(), ["events_held", "participants"]);
    const report = await chapterReport(t.db, { chapter: ref, period: Y, locale: "id", now: MID_YEAR });
    assert.match(report.summary, /Dari 2 indikator bertarget/);
    const pdf = await reportPdf({ chapter: ref, period: Y, report, locale: "id", generatedAt: MID_YEAR });
    const { text } = await pdfText(pdf);
    assert.match(text.replace(/\s+/g, " "), /Dari 2 indikator bertarget/);
  });
});
