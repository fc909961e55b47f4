import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { institutions } from "../../db/schema/events";
import { surveyAssignments, surveyResponses, telecenters } from "../../db/schema/telecenters";
import { questionPoints } from "../../app/models/telecenters/survey-scoring";
import { parseForm } from "../../app/utils/forms.server";
import { assignSurveyors, createCampaign, reopenResponse, setCampaignStatus } from "../../app/models/telecenters/campaigns.server";
import { campaignCsv } from "../../app/models/telecenters/campaign-csv.server";
import { addQuestion, addSection, createInstrument, getVersion, questionFromForm, questionSchema } from "../../app/models/telecenters/instruments.server";
import { getHandedOverAssignment, getMyAssignment, responseAnswers, saveSection, saveSectionFromForm, sectionFingerprint, storeSurveyPhotos, submitResponse, surveyPhotoDir, typedSectionOf } from "../../app/models/telecenters/responses.server";
import { checkPhotos } from "../../app/models/events/outcomes.server";
import { fileOperationsReport, monthlyTotals, recentReports, telecenterToday } from "../../app/models/telecenters/operations.server";
import { telecenterReports, telecenterReportUsage } from "../../db/schema/telecenters";
import { createTelecenter, latestClassification } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const formOf = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

describe("scoring thresholds typed the Indonesian way", () => {
  it("reads '1.000' as a thousand and '2,5' as two and a half; an unreadable threshold is refused next to the field", () => {
    const parsed = parseForm(questionSchema, formOf({ sectionId: "1", kind: "number", prompt: "Pengunjung per bulan", maxPoints: "5", bands: "0 = 0\n500 = 2\n1.000 = 5\n2,5 = 1" }));
    assert.ok(parsed.ok);
    const q = questionFromForm(parsed.data);
    assert.deepEqual(q.config.bands, [
      { min: 0, points: 0 },
      { min: 500, points: 2 },
      { min: 1000, points: 5 },
      { min: 2.5, points: 1 },
    ]);
    const scoring = { id: 1, sectionId: 1, kind: "number" as const, maxPoints: q.maxPoints, config: q.config };
    assert.equal(questionPoints(scoring, "3", 0), 1, "3 visitors: the 2,5 band, not the top one");
    assert.equal(questionPoints(scoring, "700", 0), 2);
    assert.equal(questionPoints(scoring, "1500", 0), 5);
    for (const bands of ["banyak = 3", "1.0.0 = 2", "5 ribu = 1"]) {
      const bad = parseForm(questionSchema, formOf({ sectionId: "1", kind: "number", prompt: "x", bands }));
      assert.deepEqual(bad.ok ? null : bad.errors, { bands: ["surveys.editor.bandsInvalid"] }, bands);
    }
  });
});

describe("telecenter fixes", () => {
  let t: TestDatabase;
  let chapter: { id: number; regionCode: string };
  let lead: { id: string; email: string; name: string };
  let surveyor: { id: string; email: string; name: string };
  let tcId: number;
  const tcForm = (name: string, regionCode: string) => ({ name, regionCode, services: [], address: "Jl. Desa 1", managingBody: "Pemdes" });

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Perbaikan" });
    lead = await createUser(t.db, { name: "Lead Jember" });
    surveyor = await createUser(t.db, { name: "Siti Surveyor" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(t.db, { userId: surveyor.id, chapterId: chapter.id });
    const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Mandiri", "35.09.01.2001") });
    assert.ok(r.ok, JSON.stringify(r));
    tcId = r.id;
  });
  after(async () => {
    await t.close();
  });

  it("refuses a second registration of the same telecenter in the kecamatan, whatever the desa or spelling", async () => {
    const venuesBefore = (await t.db.select({ id: institutions.id }).from(institutions)).length;
    for (const [name, region] of [
      ["Telecenter Mandiri", "35.09.01"],
      ["Telecentre Mandiri", "35.09.01.2002"],
      ["TC Mandiri", "35.09.01"],
      ["tele-center  MANDIRI", "35.09.01.2001"],
    ] as const) {
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm(name, region) });
      assert.deepEqual(r, { ok: false, errors: { name: ["telecenters.form.duplicate"] }, existing: { id: tcId, name: "Telecenter Mandiri" } }, `${name} in ${region}`);
    }
    assert.equal((await t.db.select({ id: institutions.id }).from(institutions)).length, venuesBefore, "no venue row left behind");
    assert.equal((await t.db.select({ id: telecenters.id }).from(telecenters).where(eq(telecenters.chapterId, chapter.id))).length, 1);
    // another kecamatan, or another name, is another telecenter
    const elsewhere = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Mandiri", "35.09.02") });
    assert.ok(elsewhere.ok);
    const other = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Mandiri Jaya", "35.09.01") });
    assert.ok(other.ok);
  });

  it("refuses \"TC Ajung\" when \"Telecenter Desa Ajung\" is registered in the kecamatan", async () => {
    const first = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Desa Ajung", "35.09.04.2001") });
    assert.ok(first.ok);
    for (const name of ["TC Ajung", "Telecenter Kelurahan Ajung", "tc ds. ajung"]) {
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm(name, "35.09.04") });
      assert.deepEqual(r, { ok: false, errors: { name: ["telecenters.form.duplicate"] }, existing: { id: first.id, name: "Telecenter Desa Ajung" } }, name);
    }
    assert.ok((await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Ajung Kidul", "35.09.04") })).ok, "another name");
  });

  it("refuses an impossible or future report date next to the field, on the telecenter's own calendar", async () => {
    const manager = await createUser(t.db, { name: "Dewi Pengelola" });
    // 16:30 UTC on 4 December: 23:30 WIB (still the 4th), 01:30 WIT (already the 5th)
    const now = new Date("2026-12-04T16:30:00Z");
    assert.equal(telecenterToday("35.09.01", now), "2026-12-04");
    assert.equal(telecenterToday("51.71.01", now), "2026-12-05");
    assert.equal(telecenterToday("94.71.01", now), "2026-12-05");
    const file = (period: string, date: string, regionCode = "35.09.01.2001") =>
      fileOperationsReport(t.db, { telecenterId: tcId, regionCode, userId: manager.id, now, form: formOf({ period, date, income: "Rp 50.000", visitors: "12" }) });
    for (const date of ["2026-02-31", "0000-01-01", "2026-13-01"]) assert.deepEqual(await file("day", date), { ok: false, errors: { date: ["telecenters.reports.dateInvalid"] } }, date);
    assert.deepEqual(await file("month", "2026-13"), { ok: false, errors: { date: ["telecenters.reports.dateInvalid"] } });
    assert.deepEqual(await file("day", "2099-01-01"), { ok: false, errors: { date: ["telecenters.reports.dateFuture"] } });
    assert.deepEqual(await file("month", "2027-01"), { ok: false, errors: { date: ["telecenters.reports.dateFuture"] } });
    assert.deepEqual(await file("day", "2026-12-05"), { ok: false, errors: { date: ["telecenters.reports.dateFuture"] } }, "the 5th has not begun in WIB");
    assert.deepEqual(await recentReports(t.db, tcId), [], "nothing stored");
    assert.deepEqual(await file("day", "2026-12-05", "94.71.01"), { ok: true }, "in WIT it is the 5th already");
    assert.deepEqual(await file("month", "2026-12"), { ok: true }, "the current month");
    assert.deepEqual((await recentReports(t.db, tcId)).map((r) => [r.period, r.periodStart]), [["day", "2026-12-05"], ["month", "2026-12-01"]]);
  });

  it("surveys: photos deleted from disk, empty photo refused, decimals in the semicolon CSV, no send-back once closed", async () => {
    const { versionId } = await createInstrument(t.db, { chapterId: chapter.id, name: "Instrumen perbaikan", userId: lead.id });
    assert.ok((await addSection(t.db, { versionId, title: "Fasilitas", weight: 1 })).ok);
    const sectionId = (await getVersion(t.db, versionId))?.sections[0]?.id ?? 0;
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "yesno", prompt: "Ada printer?", required: true, maxPoints: 1, config: {} })).ok);
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "number", prompt: "Jam buka per hari", required: false, maxPoints: 2, config: { bands: [{ min: 2, points: 2 }] } })).ok);
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "photo", prompt: "Foto ruangan", required: false, maxPoints: 1, config: {} })).ok);
    const [yes, hours, photo] = (await getVersion(t.db, versionId))?.questions ?? [];
    assert.ok(yes && hours && photo);
    const c = await createCampaign(t.db, { name: "Survei perbaikan", chapterId: chapter.id, versionId, telecenterIds: [tcId], userId: lead.id });
    assert.ok(c.ok);
    const [a] = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    assert.ok(a);
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] })).ok);
    const who = { assignmentId: a.id, userId: surveyor.id, versionId };

    // a chosen photo of 0 bytes: a message next to the photo, the typed answers kept; an empty file input is no photo
    const empty = formOf({ sectionId: String(sectionId), [`q_${yes.id}`]: "yes", [`q_${hours.id}`]: "2,5" });
    empty.append(`q_${photo.id}`, new File([], "IMG_0001.jpg", { type: "image/jpeg" }));
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: empty }), {
      ok: false,
      errors: { [`q_${photo.id}`]: ["surveys.fill.photoEmpty"] },
      values: { [`q_${yes.id}`]: "yes", [`q_${hours.id}`]: "2,5" },
    });
    assert.equal((await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id))).length, 0, "nothing saved");
    const none = formOf({ sectionId: String(sectionId), [`q_${yes.id}`]: "yes", [`q_${hours.id}`]: "2,5" });
    none.append(`q_${photo.id}`, new File([], "", { type: "application/octet-stream" }));
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: none }), { ok: true, index: 1 });

    // a photo, then "Hapus foto": the row and the file go
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#48a" } }).jpeg().toBuffer();
    const stored = await storeSurveyPhotos([{ questionId: photo.id, file: new File([jpeg], "ruang.jpg", { type: "image/jpeg" }) }]);
    assert.ok(stored.ok);
    assert.ok((await saveSection(t.db, { ...who, sectionId, values: { [`q_${yes.id}`]: "yes", [`q_${hours.id}`]: "2,5" }, photos: stored.stored })).ok);
    const saved = await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id));
    const { photos } = await responseAnswers(t.db, saved[0]?.id ?? null);
    const file = path.join(surveyPhotoDir(), stored.stored[0]?.fileName ?? "-");
    assert.equal(photos.length, 1);
    assert.ok(await exists(file));
    assert.ok((await saveSection(t.db, { ...who, sectionId, values: { [`q_${yes.id}`]: "yes", [`q_${hours.id}`]: "2,5" }, photos: [], deletePhotoIds: [photos[0]?.id ?? 0] })).ok);
    assert.equal((await responseAnswers(t.db, saved[0]?.id ?? null)).photos.length, 0);
    assert.equal(await exists(file), false, "the file is gone from uploads/surveys");

    const done = await submitResponse(t.db, { assignmentId: a.id, userId: surveyor.id });
    assert.ok(done.ok);
    // the Indonesian Excel flavour writes the decimal answer with a comma; the comma flavour with a point
    const semicolon = await campaignCsv(t.db, c.campaignId, { delimiter: ";" });
    assert.match(semicolon, /;Ya;2,5;0\r?\n/);
    assert.match(await campaignCsv(t.db, c.campaignId), /,Ya,2\.5,0\r?\n/);

    // closed: the published result stays; sending back is refused and changes nothing
    await setCampaignStatus(t.db, { campaignId: c.campaignId, chapterId: chapter.id, status: "closed" });
    const published = await latestClassification(t.db, tcId);
    assert.ok(published?.classification);
    assert.deepEqual(await reopenResponse(t.db, { campaignId: c.campaignId, chapterId: chapter.id, assignmentId: a.id }), { ok: false, error: "surveys.fill.closed" });
    const [still] = await t.db.select({ status: surveyResponses.status, score: surveyResponses.score }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id));
    assert.deepEqual(still, { status: "submitted", score: done.score });
    assert.deepEqual(await latestClassification(t.db, tcId), published);
    // open again: it may be sent back
    await setCampaignStatus(t.db, { campaignId: c.campaignId, chapterId: chapter.id, status: "open" });
    assert.deepEqual(await reopenResponse(t.db, { campaignId: c.campaignId, chapterId: chapter.id, assignmentId: a.id }), { ok: true });
    const [back] = await t.db.select({ status: surveyResponses.status }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id));
    assert.equal(back?.status, "in_progress");
  });

  it("a section form sent again, or from a second tab or phone loaded before a save, is refused: no photo twice, no answer overwritten", async () => {
    const { versionId } = await createInstrument(t.db, { chapterId: chapter.id, name: "Instrumen dua tab", userId: lead.id });
    assert.ok((await addSection(t.db, { versionId, title: "Ruang", weight: 1 })).ok);
    const sectionId = (await getVersion(t.db, versionId))?.sections[0]?.id ?? 0;
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "yesno", prompt: "Ada AC?", required: true, maxPoints: 1, config: {} })).ok);
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "photo", prompt: "Foto ruang", required: false, maxPoints: 1, config: {} })).ok);
    const [yes, photo] = (await getVersion(t.db, versionId))?.questions ?? [];
    assert.ok(yes && photo);
    const tc = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Dua Tab", "35.09.03") });
    assert.ok(tc.ok);
    const c = await createCampaign(t.db, { name: "Survei dua tab", chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
    assert.ok(c.ok);
    const [a] = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    assert.ok(a);
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] })).ok);
    const who = { assignmentId: a.id, userId: surveyor.id, versionId };
    const responseId = async () => (await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id)))[0]?.id ?? null;
    const fingerprint = async () => sectionFingerprint(t.db, await responseId(), [yes.id, photo.id]);
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#6a4" } }).jpeg().toBuffer();
    // the page as both phones (or a phone and its re-sent form) loaded it
    const loadedBefore = await fingerprint();
    const form = (answer: string, loaded: string, withPhoto: boolean) => {
      const f = formOf({ sectionId: String(sectionId), loaded, [`q_${yes.id}`]: answer });
      if (withPhoto) f.append(`q_${photo.id}`, new File([jpeg], "IMG_20261204.jpg", { type: "image/jpeg" }));
      return f;
    };
    const filesOnDisk = async () => (await fs.readdir(surveyPhotoDir()).catch(() => [] as string[])).length;
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: form("yes", loadedBefore, true) }), { ok: true, index: 1 });
    const disk = await filesOnDisk();
    // the same form sent again after the signal dropped: refused, the photo is not stored twice
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: form("yes", loadedBefore, true) }), {
      ok: false,
      errors: { _form: ["surveys.fill.stale"] },
      values: { [`q_${yes.id}`]: "yes" },
    });
    // a second tab opened before the save: its answer does not overwrite the saved one, and what was typed comes back
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: form("no", loadedBefore, false) }), {
      ok: false,
      errors: { _form: ["surveys.fill.stale"] },
      values: { [`q_${yes.id}`]: "no" },
    });
    const kept = await responseAnswers(t.db, await responseId());
    assert.equal(kept.answers.get(yes.id), "yes");
    assert.equal(kept.photos.length, 1, "one photo, not two");
    assert.equal(await filesOnDisk(), disk, "the refused photo's file is not left on disk");
    // reloaded, the page saves again
    assert.deepEqual(await saveSectionFromForm(t.db, { ...who, form: form("no", await fingerprint(), false) }), { ok: true, index: 1 });
    assert.equal((await responseAnswers(t.db, await responseId())).answers.get(yes.id), "no");
  });
  it("a survey handed to another surveyor: the first one is told and gets back what they typed; strangers still get nothing", async () => {
    const { versionId } = await createInstrument(t.db, { chapterId: chapter.id, name: "Instrumen serah", userId: lead.id });
    assert.ok((await addSection(t.db, { versionId, title: "Pengelolaan", weight: 1 })).ok);
    const sectionId = (await getVersion(t.db, versionId))?.sections[0]?.id ?? 0;
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "yesno", prompt: "Ada pengelola?", required: true, maxPoints: 1, config: {} })).ok);
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "text", prompt: "Catatan", required: false, maxPoints: 0, config: {} })).ok);
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "photo", prompt: "Foto", required: false, maxPoints: 1, config: {} })).ok);
    const version = await getVersion(t.db, versionId);
    const [yes, text, photo] = version?.questions ?? [];
    assert.ok(version && yes && text && photo);
    const tc = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Serah Terima", "35.09.04") });
    assert.ok(tc.ok);
    const c = await createCampaign(t.db, { name: "Survei serah", chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
    assert.ok(c.ok);
    const [a] = await t.db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    assert.ok(a);
    const second = await createUser(t.db, { name: "Dewi Pengganti" });
    await addMembership(t.db, { userId: second.id, chapterId: chapter.id });
    const stranger = await createUser(t.db, { name: "Orang Luar" });
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] })).ok);
    assert.equal(await getHandedOverAssignment(t.db, { assignmentId: a.id, userId: surveyor.id }), null, "still theirs");
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: second.id }] })).ok);
    assert.equal(await getMyAssignment(t.db, { assignmentId: a.id, userId: surveyor.id }), null);
    const gone = await getHandedOverAssignment(t.db, { assignmentId: a.id, userId: surveyor.id });
    assert.equal(gone?.telecenterName, "Telecenter Serah Terima");
    assert.equal(await getHandedOverAssignment(t.db, { assignmentId: a.id, userId: stranger.id }), null, "not a member of the chapter: a 404 as before");
    assert.equal(await getHandedOverAssignment(t.db, { assignmentId: a.id, userId: second.id }), null, "the new surveyor fills it in");
    const form = formOf({ sectionId: String(sectionId), [`q_${yes.id}`]: "yes", [`q_${text.id}`]: "  Atap bocor\n=HYPERLINK(\"x\")  " });
    form.append(`q_${photo.id}`, new File([Buffer.from("jpeg")], "IMG_1.jpg", { type: "image/jpeg" }));
    form.append(`q_${photo.id}`, new File([], "", { type: "application/octet-stream" }));
    assert.deepEqual(
      typedSectionOf(version, form, (k) => (k === "surveys.fill.yes" ? "Ya" : k)),
      { title: "Pengelolaan", position: 1, items: [{ prompt: "Ada pengelola?", value: "Ya" }, { prompt: "Catatan", value: 'Atap bocor\n=HYPERLINK("x")' }], photos: 1 },
    );
  });

  it("a HEIC photo is refused with what an iPhone user can do; a JPEG sent without a type is taken", async () => {
    const heic = new File([Buffer.from("\0\0\0\x18ftypheic")], "IMG_4032.HEIC", { type: "image/heic" });
    const heicNoType = new File([Buffer.from("\0\0\0\x18ftypheic")], "IMG_4033.heic", { type: "" });
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#48a" } }).jpeg().toBuffer();
    const jpegNoType = new File([jpeg], "IMG_4034.JPG", { type: "application/octet-stream" });
    for (const f of [heic, heicNoType]) {
      assert.deepEqual(await storeSurveyPhotos([{ questionId: 7, file: f }]), { ok: false, error: "surveys.fill.photoHeic", field: "q_7" });
      assert.deepEqual(checkPhotos([f]), { ok: false, error: "events.report.photoHeic" });
    }
    assert.deepEqual(checkPhotos([new File([Buffer.from("%PDF")], "surat.pdf", { type: "application/pdf" })]), { ok: false, error: "events.report.photoType" });
    const stored = await storeSurveyPhotos([{ questionId: 7, file: jpegNoType }]);
    assert.ok(stored.ok);
    assert.equal(stored.stored.length, 1);
    await fs.rm(path.join(surveyPhotoDir(), stored.stored[0]?.fileName ?? "none"), { force: true });
  });
  it("operations reports as operators type them: a month without a report shows as one, counts written three ways, two operators saving one month at once", async () => {
    const tc = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: tcForm("Telecenter Laporan Bolong", "35.09.05") });
    assert.ok(tc.ok);
    const now = new Date("2026-12-15T05:00:00Z");
    const file = (o: Record<string, string>) => fileOperationsReport(t.db, { telecenterId: tc.id, regionCode: "35.09.05", userId: lead.id, form: formOf(o), now });
    assert.deepEqual(await file({ period: "month", date: "2026-08", visitors: "1.200", complaints: "2", income: "Rp 1.250.000", use_internet: "1,200" }), { ok: true });
    assert.deepEqual(await file({ period: "month", date: "2026-10", visitors: "1,200", complaints: "0", income: "0" }), { ok: true });
    // "±50" is not a count: said next to the field, nothing stored
    const rough = await file({ period: "month", date: "2026-11", visitors: "±50", complaints: "±5", income: "0", use_printing: "±50" });
    assert.equal(rough.ok, false);
    assert.ok(!rough.ok && rough.errors.visitors && rough.errors.complaints && rough.errors.use_printing, JSON.stringify(rough));
    const totals = await monthlyTotals(t.db, tc.id, 12, now);
    assert.deepEqual(
      totals.map((m) => [m.month, m.source, m.visitors, m.users]),
      [
        ["2026-11", "none", 0, 0],
        ["2026-10", "month", 1200, 0],
        ["2026-09", "none", 0, 0],
        ["2026-08", "month", 1200, 1200],
      ],
      "September and November had no report: rows of their own, not skipped; December is still under way",
    );
    // two operators send November at the same moment: one report, whole, with its own uses (never a mix of both)
    const [a, b] = await Promise.all([
      file({ period: "month", date: "2026-11", visitors: "40", complaints: "1", income: "0", use_internet: "30" }),
      file({ period: "month", date: "2026-11", visitors: "55", complaints: "0", income: "0", use_printing: "12" }),
    ]);
    assert.deepEqual([a, b], [{ ok: true }, { ok: true }]);
    const nov = await t.db.select({ id: telecenterReports.id, visitors: telecenterReports.visitors }).from(telecenterReports).where(eq(telecenterReports.telecenterId, tc.id));
    const novRow = nov.find((r) => r.visitors === 40 || r.visitors === 55);
    assert.equal(nov.length, 3);
    assert.ok(novRow);
    const uses = await t.db.select({ service: telecenterReportUsage.service }).from(telecenterReportUsage).where(eq(telecenterReportUsage.reportId, novRow.id));
    assert.deepEqual(uses.map((u) => u.service), [novRow.visitors === 40 ? "internet" : "printing"]);
  });
});
