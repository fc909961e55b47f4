import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { surveyAssignments } from "../../db/schema/telecenters";
import { memberships } from "../../db/schema/chapters";
import { createDemoInstrument } from "../../db/seed-telecenters";
import { leaveChapter } from "../../app/models/accounts/personal-data.server";
import { assignSurveyors, campaignRows, createCampaign, progressOf } from "../../app/models/telecenters/campaigns.server";
import { getMyAssignment, getSurveyPhoto, listMyAssignments, responseAnswers, saveSection, saveSectionFromForm, storeSurveyPhotos } from "../../app/models/telecenters/responses.server";
import { getVersion } from "../../app/models/telecenters/instruments.server";
import { createTelecenter, hoursFromForm, telecenterSchema } from "../../app/models/telecenters/registry.server";
import { checkAnswer } from "../../app/models/telecenters/responses.server";
import { parseForm } from "../../app/utils/forms.server";
import sharp from "sharp";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("a surveyor who is no longer a member of the campaign's chapter", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("loses the survey, its answers and photos; the lead sees the telecenter as nobody's, counted as unassigned", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Pergi" });
    const lead = await createUser(t.db, { name: "Lead Pergi" });
    const gone = await createUser(t.db, { name: "Rizal Pindah" });
    const stays = await createUser(t.db, { name: "Dewi Tetap" });
    const left = await createUser(t.db, { name: "Bayu Nonaktif" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    for (const u of [gone, stays, left]) await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    const ids: number[] = [];
    for (const name of ["Telecenter Sukamaju", "Telecenter Mandiri", "Telecenter Al-Ikhlas"]) {
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name, regionCode: "35.09.01.2001", services: [] } });
      assert.ok(r.ok, JSON.stringify(r));
      ids.push(r.id);
    }
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id, name: "Instrumen Pergi" });
    const c = await createCampaign(t.db, { name: "Survei Pergi", chapterId: chapter.id, versionId, telecenterIds: ids, userId: lead.id });
    assert.ok(c.ok);
    const rows = await t.db.select({ id: surveyAssignments.id, telecenterId: surveyAssignments.telecenterId }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    const [a1, a2, a3] = ids.map((id) => rows.find((r) => r.telecenterId === id)!.id);
    const assigned = await assignSurveyors(t.db, {
      campaignId: c.campaignId,
      chapterId: chapter.id,
      choices: [
        { assignmentId: a1!, surveyorId: gone.id },
        { assignmentId: a2!, surveyorId: stays.id },
        { assignmentId: a3!, surveyorId: left.id },
      ],
    });
    assert.ok(assigned.ok);
    // the surveyor starts: a section with a photo
    const version = await getVersion(t.db, versionId);
    const photoQ = version!.questions.find((q) => q.kind === "photo")!;
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#8a8" } }).jpeg().toBuffer();
    const stored = await storeSurveyPhotos([{ questionId: photoQ.id, file: new File([jpeg], "depan.jpg", { type: "image/jpeg" }) }]);
    assert.ok(stored.ok);
    const saved = await saveSection(t.db, { assignmentId: a1!, userId: gone.id, sectionId: photoQ.sectionId, values: {}, photos: stored.stored });
    assert.ok(saved.ok, JSON.stringify(saved));
    const mine = await getMyAssignment(t.db, { assignmentId: a1!, userId: gone.id });
    assert.ok(mine, "while a member the survey is theirs");
    const [photo] = await t.db.query.surveyPhotos.findMany({ where: (p, { eq: e }) => e(p.questionId, photoQ.id) });
    assert.ok(photo);

    // Rizal leaves the chapter; Bayu is set inactive by the lead
    assert.ok(await leaveChapter(t.db, gone.id, chapter.id));
    await t.db.update(memberships).set({ status: "inactive" }).where(eq(memberships.userId, left.id));

    assert.equal(await getMyAssignment(t.db, { assignmentId: a1!, userId: gone.id }), null, "the survey page is no longer theirs");
    assert.equal(await getMyAssignment(t.db, { assignmentId: a3!, userId: left.id }), null);
    assert.deepEqual(await listMyAssignments(t.db, gone.id), [], "their list no longer offers it");
    await assert.rejects(
      saveSection(t.db, { assignmentId: a1!, userId: gone.id, sectionId: photoQ.sectionId, values: {}, photos: [] }),
      (e: unknown) => e instanceof Response && e.status === 404,
    );
    const p = await getSurveyPhoto(t.db, photo.id);
    assert.ok(p);
    assert.notEqual(p.surveyorId, gone.id, "the photo's address no longer opens for them as its surveyor");
    assert.ok(await getMyAssignment(t.db, { assignmentId: a2!, userId: stays.id }), "a member still has theirs");

    // the lead: the two telecenters have nobody now, and the progress says so
    const after = await campaignRows(t.db, c.campaignId);
    const byTc = new Map(after.map((r) => [r.assignmentId, r]));
    assert.equal(byTc.get(a1!)?.surveyorId, null);
    assert.equal(byTc.get(a1!)?.status, "in_progress", "what was saved stays with the telecenter for the next surveyor");
    assert.equal(byTc.get(a3!)?.surveyorId, null);
    assert.equal(byTc.get(a2!)?.surveyorId, stays.id);
    const progress = progressOf(after);
    assert.equal(progress.overall.unassigned, 2);
    assert.deepEqual(progress.surveyors.map((s) => s.name), ["Dewi Tetap"]);

    // the lead gives it to Dewi, who finds the saved photo
    const handed = await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a1!, surveyorId: stays.id }] });
    assert.ok(handed.ok);
    assert.ok(await getMyAssignment(t.db, { assignmentId: a1!, userId: stays.id }));
    assert.equal((await getSurveyPhoto(t.db, photo.id))?.surveyorId, stays.id);
  });
});

describe("a telecenter's coordinates and address as people type them", () => {
  const formOf = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ name: "Telecenter Sukamaju", regionCode: "35.09.01.2001", ...o })) f.set(k, v);
    return f;
  };
  it("reads a pair pasted into the latitude box and degrees, minutes and seconds; says what a coordinate looks like otherwise", () => {
    const read: [string, string, number, number][] = [
      ["-8,1723; 113,7001", "", -8.1723, 113.7001],
      ["-8.1723, 113.7001", "", -8.1723, 113.7001],
      ["-8.1723,113.7001", "", -8.1723, 113.7001],
      ["-8.1723 113.7001", "", -8.1723, 113.7001],
      [`8°10'20.3"S 113°42'0.4"E`, "", -8.172306, 113.700111],
      [`8°10'20" LS`, `113°42'0" BT`, -8.172222, 113.7],
      ["-8,1723", "113,7001", -8.1723, 113.7001],
    ];
    for (const [latitude, longitude, lat, lon] of read) {
      const r = parseForm(telecenterSchema, formOf({ latitude, longitude }));
      assert.ok(r.ok, `${latitude} | ${longitude}: ${JSON.stringify(r.ok ? null : r.errors)}`);
      assert.deepEqual([r.data.latitude, r.data.longitude], [lat, lon], latitude);
    }
    const bad = parseForm(telecenterSchema, formOf({ latitude: "delapan", longitude: "113.7" }));
    assert.deepEqual(bad.ok ? null : bad.errors, { latitude: ["telecenters.form.coordinateInvalid"] }, "not the money example of a number");
    const minutes = parseForm(telecenterSchema, formOf({ latitude: `8°75'0" LS`, longitude: "113.7" }));
    assert.deepEqual(minutes.ok ? null : minutes.errors, { latitude: ["telecenters.form.coordinateInvalid"] });
    const outside = parseForm(telecenterSchema, formOf({ latitude: "52.37, 4.89" }));
    assert.deepEqual(outside.ok ? null : outside.errors, { latitude: ["telecenters.form.coordinateRange"], longitude: ["telecenters.form.coordinateRange"] }, "Amsterdam, read as a pair");
  });

  it("counts a line break sent as CRLF (a form posted without JavaScript) once, as the box's maxlength did", () => {
    let address = "";
    while (address.length < 500) address += "Jl. Raya Sukamaju No. 12, RT 03 RW 05, belakang balai desa\n";
    address = address.slice(0, 500).trimEnd();
    const r = parseForm(telecenterSchema, formOf({ address: address.replace(/\n/g, "\r\n") }));
    assert.ok(r.ok, JSON.stringify(r.ok ? null : r.errors));
    assert.equal(r.data.address, address, "stored with plain line breaks");
    const text = "Ruang komputer bersih.\r\n".repeat(85);
    assert.ok(text.length > 2000 && text.replace(/\r/g, "").length <= 2000);
    const answer = checkAnswer({ id: 1, sectionId: 1, position: 1, kind: "text", prompt: "Catatan", help: "", required: false, maxPoints: 0, config: {} } as Parameters<typeof checkAnswer>[0], text);
    assert.deepEqual(answer, { ok: true, value: text.replace(/\r/g, "").trim() });
  });
});

describe("opening hours typed where the browser has no time picker", () => {
  it("reads 8.00, 8:30, 16 and 16.00 WIB, and both times written in the first box; says what is wrong otherwise", () => {
    const f = new FormData();
    f.set("open_1", "8.00");
    f.set("close_1", "16.00 WIB");
    f.set("open_2", "8:30");
    f.set("close_2", "16");
    f.set("open_3", "08.00-15.00");
    f.set("open_4", "8 s.d. 12");
    const r = hoursFromForm(f);
    assert.deepEqual(r, {
      ok: true,
      rows: [
        { weekday: 1, opensAt: "08:00", closesAt: "16:00" },
        { weekday: 2, opensAt: "08:30", closesAt: "16:00" },
        { weekday: 3, opensAt: "08:00", closesAt: "15:00" },
        { weekday: 4, opensAt: "08:00", closesAt: "12:00" },
      ],
    });
    const bad = new FormData();
    bad.set("open_1", "pagi");
    bad.set("close_1", "16.00");
    bad.set("open_2", "25.00");
    bad.set("close_2", "26.00");
    bad.set("open_3", "16.00");
    bad.set("close_3", "8.00");
    assert.deepEqual(hoursFromForm(bad), { ok: false, errors: { open_1: ["telecenters.hours.invalid"], open_2: ["telecenters.hours.invalid"], open_3: ["telecenters.hours.order"] } });
  });
});

describe("a section sent with a photo and an answer to correct", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("says every problem at once and tells the surveyor that the photo chosen was not kept; the same photo is kept once", async () => {
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Foto" });
    const lead = await createUser(t.db, { name: "Lead Foto" });
    const surveyor = await createUser(t.db, { name: "Siti Foto" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(t.db, { userId: surveyor.id, chapterId: chapter.id });
    const tc = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: { name: "Telecenter Foto", regionCode: "35.09.01.2001", services: [] } });
    assert.ok(tc.ok);
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id, name: "Instrumen Foto" });
    const c = await createCampaign(t.db, { name: "Survei Foto", chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
    assert.ok(c.ok);
    const [a] = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    assert.ok(a);
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] })).ok);
    const version = await getVersion(t.db, versionId);
    const section = version!.sections.find((s) => s.questions.some((q) => q.kind === "photo") && s.questions.some((q) => q.kind === "number"))!;
    const photoQ = section.questions.find((q) => q.kind === "photo")!;
    const numberQ = section.questions.find((q) => q.kind === "number")!;
    const png = await sharp({ create: { width: 60, height: 120, channels: 3, background: "#eef" } }).png().toBuffer();
    const big = new File([new Uint8Array(9 * 1024 * 1024)], "IMG_20261205.jpg", { type: "image/jpeg" });
    const formOf = (n: string, file: File) => {
      const f = new FormData();
      f.set("sectionId", String(section.id));
      f.set(`q_${numberQ.id}`, n);
      f.append(`q_${photoQ.id}`, file);
      return f;
    };
    const who = { assignmentId: a.id, userId: surveyor.id, versionId };
    // a screenshot and "dua" computers: the number is wrong, and the screenshot is not kept — said next to it
    const r1 = await saveSectionFromForm(t.db, { ...who, form: formOf("dua", new File([png], "Screenshot.png", { type: "image/png" })) });
    assert.deepEqual(r1.ok ? null : r1.errors, { [`q_${numberQ.id}`]: ["surveys.fill.notNumber"], [`q_${photoQ.id}`]: ["surveys.fill.photoAgain"] });
    // a photo too large and "dua": both said on the first try
    const r2 = await saveSectionFromForm(t.db, { ...who, form: formOf("dua", big) });
    assert.deepEqual(r2.ok ? null : r2.errors, { [`q_${numberQ.id}`]: ["surveys.fill.notNumber"], [`q_${photoQ.id}`]: ["surveys.fill.photoSize"] });
    const { photos } = await responseAnswers(t.db, (await getMyAssignment(t.db, { assignmentId: a.id, userId: surveyor.id }))?.responseId ?? null);
    assert.equal(photos.length, 0, "nothing stored");
    // the same screenshot chosen twice: kept once
    const twice = formOf("1.500", new File([png], "Screenshot.png", { type: "image/png" }));
    twice.append(`q_${photoQ.id}`, new File([png], "Screenshot (1).png", { type: "image/png" }));
    const r3 = await saveSectionFromForm(t.db, { ...who, form: twice });
    assert.deepEqual(r3, { ok: true, index: version!.sections.indexOf(section) + 1 });
    const responseId = (await getMyAssignment(t.db, { assignmentId: a.id, userId: surveyor.id }))?.responseId ?? null;
    assert.equal((await responseAnswers(t.db, responseId)).photos.length, 1);
    // and again the next day with another photo: the one already there is not added twice, the new one is
    const other = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#a55" } }).jpeg().toBuffer();
    const next = formOf("1.500", new File([png], "Screenshot.png", { type: "image/png" }));
    next.append(`q_${photoQ.id}`, new File([other], "IMG_2.jpg", { type: "image/jpeg" }));
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: next }), { ok: true, index: version!.sections.indexOf(section) + 1 });
    const held = (await responseAnswers(t.db, responseId)).photos;
    assert.equal(held.length, 2);
    // removed and chosen again in one save: still there
    const again = formOf("1.500", new File([png], "Screenshot.png", { type: "image/png" }));
    again.append("deletePhoto", String(held[0]!.id));
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: again }), { ok: true, index: version!.sections.indexOf(section) + 1 });
    assert.equal((await responseAnswers(t.db, responseId)).photos.length, 2);
  });
});
