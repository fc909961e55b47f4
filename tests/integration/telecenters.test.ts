import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { passwords, users } from "../../db/schema/accounts";
import { institutions } from "../../db/schema/events";
import { env } from "../../app/env.server";
import { outbox } from "../../db/schema/outbox";
import { renderEmail } from "../../emails";
import { surveyAssignments, surveyQuestions, surveyVersions } from "../../db/schema/telecenters";
import { createDemoInstrument } from "../../db/seed-telecenters";
import { classify, scoreResponse, type ScoringQuestion } from "../../app/models/telecenters/survey-scoring";
import { parseForm } from "../../app/utils/forms.server";
import { assignSurveyors, byKecamatan, campaignRows, campaignSchema, createCampaign, dueOnText, previousCampaign, progressOf, setCampaignStatus } from "../../app/models/telecenters/campaigns.server";
import { campaignCsv } from "../../app/models/telecenters/campaign-csv.server";
import { addQuestion, addSection, createInstrument, deleteQuestion, editQuestionText, getVersion, moveQuestion, parseClasses, questionFromForm, questionSchema, newVersion, setClasses } from "../../app/models/telecenters/instruments.server";
import { getMyAssignment, listMyAssignments, responseAnswers, saveSection, storeSurveyPhotos, submitResponse, surveyPhotoDir } from "../../app/models/telecenters/responses.server";
import { monthlyTotals, recentReports, reportSchema, saveOperationsReport, usageFromForm } from "../../app/models/telecenters/operations.server";
import { addStaff, createTelecenter, getTelecenter, latestClassification, listTelecenters, setTelecenterActive, telecenterAccess, updateTelecenter } from "../../app/models/telecenters/registry.server";
import { listInstitutions } from "../../app/models/events/events.server";
import { addMembership, createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const sessionUser = (u: { id: string; email: string; name: string }, isAdmin = false) => ({ ...u, locale: "id" as const, isAdmin });

describe("scoring rules (hand-computed fixture)", () => {
  // S1 weight 2: yes (4/4) + number 7 in bands 5→2,10→4 (2/4) + one photo (2/2) = 8/10 = 80 %
  // S2 weight 1: choice "sebagian" (1/3) + scale 4 on 1..5 (4·3/4 = 3 of 4) + text (0/0) = 4/7 = 57.14 %
  // total = (2·80 + 1·57.142857) / 3 = 72.38 → "Kreatif" (Optimal ≥ 75, Kreatif ≥ 50)
  const sections = [
    { id: 1, weight: 2 },
    { id: 2, weight: 1 },
  ];
  const questions: ScoringQuestion[] = [
    { id: 11, sectionId: 1, kind: "yesno", maxPoints: 4, config: {} },
    { id: 12, sectionId: 1, kind: "number", maxPoints: 4, config: { bands: [{ min: 0, points: 0 }, { min: 10, points: 4 }, { min: 5, points: 2 }] } },
    { id: 13, sectionId: 1, kind: "photo", maxPoints: 2, config: {} },
    { id: 21, sectionId: 2, kind: "choice", maxPoints: 3, config: { options: [{ value: "tidak", label: "Tidak", points: 0 }, { value: "sebagian", label: "Sebagian", points: 1 }, { value: "lengkap", label: "Lengkap", points: 3 }] } },
    { id: 22, sectionId: 2, kind: "scale", maxPoints: 4, config: { min: 1, max: 5 } },
    { id: 23, sectionId: 2, kind: "text", maxPoints: 0, config: {} },
  ];
  const classes = [
    { name: "Perlu pendampingan", min: 0 },
    { name: "Optimal", min: 75 },
    { name: "Kreatif", min: 50 },
  ];

  it("scores each section and the weighted total, then classifies", () => {
    const answers = new Map<number, string>([
      [11, "yes"],
      [12, "7"],
      [21, "sebagian"],
      [22, "4"],
      [23, "catatan"],
    ]);
    const r = scoreResponse(sections, questions, answers, new Map([[13, 1]]));
    assert.deepEqual(r.sections, [
      { sectionId: 1, points: 8, maxPoints: 10, percent: 80 },
      { sectionId: 2, points: 4, maxPoints: 7, percent: 57.14 },
    ]);
    assert.equal(r.total, 72.38);
    assert.equal(classify(r.total, classes), "Kreatif");
  });

  it("gives nothing for unanswered questions and puts 0 in the lowest class; thresholds are inclusive", () => {
    const r = scoreResponse(sections, questions, new Map(), new Map());
    assert.equal(r.total, 0);
    assert.equal(classify(r.total, classes), "Perlu pendampingan");
    assert.equal(classify(75, classes), "Optimal");
    assert.equal(classify(74.99, classes), "Kreatif");
    assert.equal(classify(null, classes), null);
  });
});

describe("the instrument editor's forms", () => {
  const form = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return f;
  };
  it("turns typed choices and bands into scoring config; max points follow from them", () => {
    const c = parseForm(questionSchema, form({ sectionId: "1", kind: "choice", prompt: "Koneksi internet", options: "Tidak ada = 0\nLambat = 1\nStabil = 3", maxPoints: "9" }));
    assert.ok(c.ok);
    assert.deepEqual(questionFromForm(c.data), {
      kind: "choice",
      maxPoints: 3,
      config: { options: [{ value: "tidak-ada", label: "Tidak ada", points: 0 }, { value: "lambat", label: "Lambat", points: 1 }, { value: "stabil", label: "Stabil", points: 3 }] },
    });
    const n = parseForm(questionSchema, form({ sectionId: "1", kind: "number", prompt: "Komputer", bands: "1 = 1\n5 = 3" }));
    assert.ok(n.ok);
    assert.deepEqual(questionFromForm(n.data), { kind: "number", maxPoints: 3, config: { bands: [{ min: 1, points: 1 }, { min: 5, points: 3 }] } });
    const bad = parseForm(questionSchema, form({ sectionId: "1", kind: "choice", prompt: "x", options: "Hanya satu = 1" }));
    assert.deepEqual(!bad.ok && bad.errors, { options: ["surveys.editor.optionsInvalid"] });
    const scale = parseForm(questionSchema, form({ sectionId: "1", kind: "scale", prompt: "x", scaleMin: "5", scaleMax: "1" }));
    assert.deepEqual(!scale.ok && scale.errors, { scaleMax: ["surveys.editor.scaleInvalid"] });
  });
  it("reads classes highest first and refuses equal or out-of-range thresholds", () => {
    assert.deepEqual(parseClasses("Perlu pendampingan = 0\nOptimal = 80\nKreatif = 55"), [
      { name: "Optimal", min: 80 },
      { name: "Kreatif", min: 55 },
      { name: "Perlu pendampingan", min: 0 },
    ]);
    assert.equal(parseClasses("A = 50\nB = 50"), null);
    assert.equal(parseClasses("A = 150"), null);
  });
});

describe("telecenters and assessment campaigns", () => {
  let t: TestDatabase;
  let chapter: { id: number; regionCode: string };
  let other: { id: number; regionCode: string };
  let lead: { id: string; email: string; name: string };
  let surveyor: { id: string; email: string; name: string };
  let stranger: { id: string; email: string; name: string };
  let tcA: number;
  let tcB: number;
  let tcC: number;
  const form = (name: string, regionCode: string, services: string[] = []) => ({ name, regionCode, services, address: "Jl. Desa 1", managingBody: "Pemdes" });

  before(async () => {
    t = await createTestDatabase();
    chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Jember Uji" });
    other = await createChapter(t.db, { regionCode: "33.75", name: "RTIK Pekalongan Uji" });
    lead = await createUser(t.db, { name: "Lead Jember" });
    surveyor = await createUser(t.db, { name: "Surveyor Satu" });
    stranger = await createUser(t.db, { name: "Surveyor Dua" });
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(t.db, { userId: surveyor.id, chapterId: chapter.id });
    await addMembership(t.db, { userId: stranger.id, chapterId: chapter.id });
    const ids: number[] = [];
    for (const [name, region, services] of [
      ["Telecenter Sumbersari", "35.09.01", ["internet", "printing"]],
      ["Telecenter Kaliwates", "35.09.02", ["internet"]],
      ["Telecenter Patrang", "35.09.03", ["typing"]],
    ] as const) {
      const r = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: form(name, region, [...services]) });
      assert.ok(r.ok, JSON.stringify(r));
      ids.push(r.id);
    }
    [tcA = 0, tcB = 0, tcC = 0] = ids;
  });
  after(async () => {
    await t.close();
  });

  it("registers a telecenter with its venue row; filters by region and service; refuses a region outside the chapter", async () => {
    const tc = await getTelecenter(t.db, tcA);
    assert.ok(tc);
    const [venue] = await t.db.select().from(institutions).where(eq(institutions.id, tc.institutionId));
    assert.equal(venue?.type, "telecenter");
    assert.equal(venue?.name, "Telecenter Sumbersari");
    const venues = await listInstitutions(t.db, "35.09", ["telecenter"]);
    assert.ok(venues.some((v) => v.id === tc.institutionId), "events can pick it as a venue");
    // renaming the telecenter renames its venue
    const up = await updateTelecenter(t.db, { id: tcA, chapterId: chapter.id, form: form("Telecenter Sumbersari Jaya", "35.09.01", ["internet", "printing"]) });
    assert.ok(up.ok);
    const [renamed] = await t.db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, tc.institutionId));
    assert.equal(renamed?.name, "Telecenter Sumbersari Jaya");
    assert.deepEqual((await listTelecenters(t.db, { service: "internet" })).map((x) => x.id).sort(), [tcA, tcB].sort());
    assert.deepEqual((await listTelecenters(t.db, { regionCode: "35.09.03" })).map((x) => x.id), [tcC]);
    assert.deepEqual((await listTelecenters(t.db, { regionCode: "35.09.01", service: "typing" })).map((x) => x.id), []);
    await setTelecenterActive(t.db, { id: tcC, chapterId: other.id, active: false });
    assert.deepEqual((await listTelecenters(t.db, { regionCode: "35.09.03" })).map((x) => x.id), [tcC], "another chapter cannot close it");
    await setTelecenterActive(t.db, { id: tcC, chapterId: chapter.id, active: false });
    assert.deepEqual((await listTelecenters(t.db, { regionCode: "35.09.03" })).map((x) => x.id), [], "a closed telecenter leaves the public list");
    await setTelecenterActive(t.db, { id: tcC, chapterId: chapter.id, active: true });
    const outside = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: form("Telecenter Luar", "33.75.01") });
    assert.deepEqual(outside, { ok: false, errors: { regionCode: ["telecenters.form.regionOutside"] } });
    const dup = await createTelecenter(t.db, { chapterId: chapter.id, userId: lead.id, form: form("telecenter  patrang", "35.09.03") });
    assert.deepEqual(dup, { ok: false, errors: { name: ["telecenters.form.duplicate"] }, existing: { id: tcC, name: "Telecenter Patrang" } });
  });

  it("lets the manager file reports and totals them per month without counting days and month twice", async () => {
    const manager = await createUser(t.db, { name: "Pengelola" });
    assert.deepEqual(await telecenterAccess(t.db, sessionUser(manager), { id: tcA, chapterId: chapter.id }), { lead: false, manage: false, report: false });
    assert.ok((await addStaff(t.db, { telecenterId: tcA, role: "manager", email: manager.email })).ok);
    assert.deepEqual(await telecenterAccess(t.db, sessionUser(manager), { id: tcA, chapterId: chapter.id }), { lead: false, manage: true, report: true });
    assert.deepEqual(await telecenterAccess(t.db, sessionUser(manager), { id: tcB, chapterId: chapter.id }), { lead: false, manage: false, report: false });
    const day = (date: string, income: number, users: number) =>
      saveOperationsReport(t.db, {
        telecenterId: tcA,
        userId: manager.id,
        // each day 3 of the internet users also printed: they are counted once among the visitors
        form: { period: "day", date, periodStart: date, income, complaints: 1, visitors: users, complaintNotes: "", damageNotes: date.endsWith("02") ? "Printer macet" : "" },
        usage: [{ service: "internet", users }, { service: "printing", users: 3 }],
      });
    await day("2026-10-01", 50_000, 10);
    await day("2026-10-02", 70_000, 12);
    await day("2026-10-02", 80_000, 15); // filed again: replaces the same day
    await day("2026-11-03", 10_000, 4);
    await saveOperationsReport(t.db, {
      telecenterId: tcA,
      userId: manager.id,
      form: { period: "month", date: "2026-11", periodStart: "2026-11-01", income: 900_000, complaints: 2, visitors: 210, complaintNotes: "Antrean printer panjang", damageNotes: "" },
      usage: [{ service: "internet", users: 200 }, { service: "printing", users: 40 }],
    });
    const totals = await monthlyTotals(t.db, tcA, 12, new Date("2026-12-01T00:00:00Z"));
    assert.deepEqual(
      totals.map((m) => ({ month: m.month, source: m.source, income: m.income, users: m.users, visitors: m.visitors, complaints: m.complaints, damages: m.damages })),
      [
        { month: "2026-11", source: "month", income: 900_000, users: 240, visitors: 210, complaints: 2, damages: 0 },
        { month: "2026-10", source: "days", income: 130_000, users: 31, visitors: 25, complaints: 2, damages: 1 },
      ],
    );
    // the latest reports carry the complaint text
    assert.deepEqual((await recentReports(t.db, tcA)).map((r) => [r.periodStart, r.period, r.visitors, r.complaints, r.complaintNotes])[0], ["2026-11-03", "day", 4, 1, ""]);
    assert.ok((await recentReports(t.db, tcA)).some((r) => r.complaintNotes === "Antrean printer panjang"));

    // the report form: rupiah as people write it, any service (also one the telecenter did not list), visitors apart from uses
    const typed = new FormData();
    for (const [k, v] of Object.entries({ period: "day", date: "2026-11-20", income: "Rp 275.000", complaints: "1", visitors: "1.200", use_internet: "1.150", use_scanning: "70" })) typed.set(k, v);
    const parsed = parseForm(reportSchema, typed);
    assert.ok(parsed.ok);
    assert.deepEqual([parsed.data.income, parsed.data.visitors], [275_000, 1200]);
    const usage = usageFromForm(typed);
    assert.deepEqual(usage, { ok: true, usage: [{ service: "scanning", users: 70 }, { service: "internet", users: 1150 }] });
    const refused = new FormData();
    for (const [k, v] of Object.entries({ period: "day", date: "2026-11-20", income: "Rp 275.000,50", visitors: "banyak" })) refused.set(k, v);
    const bad = parseForm(reportSchema, refused);
    assert.deepEqual(!bad.ok && bad.errors, { income: ["telecenters.reports.incomeInvalid"], visitors: ["telecenters.reports.usersInvalid"] });
  });

  it("adds staff by email: an account at once, and someone without one gets an account and an invitation", async () => {
    const known = await createUser(t.db, { name: "Bu Rina" });
    assert.deepEqual(await addStaff(t.db, { telecenterId: tcB, role: "secretary", email: `  ${known.email.toUpperCase()} ` }), { ok: true, invited: false });
    assert.deepEqual(await addStaff(t.db, { telecenterId: tcB, role: "it", email: "pak.dedi@desa.example" }), { ok: false, field: "name", error: "telecenters.staff.nameForInvite" });
    assert.deepEqual(await addStaff(t.db, { telecenterId: tcB, role: "it", email: "bukan email", name: "Pak Dedi" }), { ok: false, field: "email", error: "telecenters.staff.emailInvalid" });
    assert.deepEqual(await addStaff(t.db, { telecenterId: tcB, role: "it", email: " Pak.Dedi@Desa.example", name: "Pak  Dedi" }), { ok: true, invited: true });
    const [dedi] = await t.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, "pak.dedi@desa.example"));
    assert.ok(dedi);
    assert.equal(dedi.name, "Pak Dedi");
    assert.equal((await t.db.select().from(passwords).where(eq(passwords.userId, dedi.id))).length, 0, "no password until they set one");
    assert.deepEqual(await telecenterAccess(t.db, sessionUser(dedi), { id: tcB, chapterId: chapter.id }), { lead: false, manage: false, report: true });
    const mails = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "telecenter-staff"));
    const invite = mails.find((m) => m.to === "pak.dedi@desa.example");
    assert.deepEqual(invite?.payload, { name: "Pak Dedi", telecenterName: "Telecenter Kaliwates", role: "it", invited: true, link: `${env.APP_URL}/forgot-password` });
    assert.match(renderEmail("telecenter-staff", invite?.payload as Record<string, unknown>, "id").text, /Buat kata sandi: .*\/forgot-password/);
    assert.equal(mails.find((m) => m.to === known.email)?.payload && (mails.find((m) => m.to === known.email)?.payload as { invited: boolean }).invited, false);
    // adding the same person to the same role again creates nothing and sends nothing
    assert.deepEqual(await addStaff(t.db, { telecenterId: tcB, role: "it", email: "pak.dedi@desa.example" }), { ok: true, invited: false });
    const forB = (await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.template, "telecenter-staff"))).filter((m) => (m.payload as { telecenterName: string }).telecenterName === "Telecenter Kaliwates");
    assert.equal(forB.length, 2);
    assert.equal((await t.db.select().from(users).where(eq(users.email, "pak.dedi@desa.example"))).length, 1);
  });

  it("refuses to edit a frozen version and copies it into a new one", async () => {
    const { instrumentId, versionId } = await createInstrument(t.db, { chapterId: chapter.id, name: "Uji beku", userId: lead.id });
    assert.ok((await addSection(t.db, { versionId, title: "Fasilitas", weight: 1 })).ok);
    const v = await getVersion(t.db, versionId);
    const sectionId = v?.sections[0]?.id ?? 0;
    assert.ok((await addQuestion(t.db, { versionId, sectionId, kind: "yesno", prompt: "Ada printer?", required: true, maxPoints: 1, config: {} })).ok);
    const c = await createCampaign(t.db, { name: "Kampanye beku", chapterId: chapter.id, versionId, telecenterIds: [tcC], userId: lead.id });
    assert.ok(c.ok);
    const [frozen] = await t.db.select({ frozenAt: surveyVersions.frozenAt }).from(surveyVersions).where(eq(surveyVersions.id, versionId));
    assert.ok(frozen?.frozenAt);
    const questionId = (await getVersion(t.db, versionId))?.questions[0]?.id ?? 0;
    assert.deepEqual(await addSection(t.db, { versionId, title: "Baru", weight: 1 }), { ok: false, error: "surveys.editor.frozen" });
    assert.deepEqual(await addQuestion(t.db, { versionId, sectionId, kind: "text", prompt: "Baru", required: false, maxPoints: 0, config: {} }), { ok: false, error: "surveys.editor.frozen" });
    assert.deepEqual(await deleteQuestion(t.db, { versionId, questionId }), { ok: false, error: "surveys.editor.frozen" });
    assert.deepEqual(await setClasses(t.db, { versionId, classes: [{ name: "A", min: 0 }] }), { ok: false, error: "surveys.editor.frozen" });
    assert.deepEqual(await editQuestionText(t.db, { versionId, questionId, prompt: "Typo", required: true }), { ok: false, error: "surveys.editor.frozen" });
    assert.deepEqual(await moveQuestion(t.db, { versionId, questionId, direction: "down" }), { ok: false, error: "surveys.editor.frozen" });
    assert.equal((await t.db.select().from(surveyQuestions).where(eq(surveyQuestions.id, questionId))).length, 1);
    const v2 = await newVersion(t.db, instrumentId);
    assert.notEqual(v2, versionId);
    const copy = await getVersion(t.db, v2);
    assert.equal(copy?.number, 2);
    assert.equal(copy?.frozenAt, null);
    assert.deepEqual(copy?.questions.map((q) => q.prompt), ["Ada printer?"]);
    // in the draft: add two, move the last one up, correct a wording; the kind and points stay
    const copySection = copy?.sections[0]?.id ?? 0;
    assert.ok((await addQuestion(t.db, { versionId: v2, sectionId: copySection, kind: "number", prompt: "Jumlah komputr", required: false, maxPoints: 2, config: {} })).ok);
    assert.ok((await addQuestion(t.db, { versionId: v2, sectionId: copySection, kind: "text", prompt: "Catatan", required: false, maxPoints: 0, config: {} })).ok);
    const drafted = (await getVersion(t.db, v2))!;
    const [printer, computers, notes] = drafted.questions;
    assert.ok((await moveQuestion(t.db, { versionId: v2, questionId: computers!.id, direction: "up" })).ok);
    assert.ok((await moveQuestion(t.db, { versionId: v2, questionId: computers!.id, direction: "up" })).ok, "already first: nothing to do");
    assert.ok((await editQuestionText(t.db, { versionId: v2, questionId: computers!.id, prompt: "Jumlah komputer", help: "yang berfungsi", required: true })).ok);
    const after = (await getVersion(t.db, v2))!;
    assert.deepEqual(after.questions.map((q) => q.id), [computers!.id, printer!.id, notes!.id]);
    assert.deepEqual(
      [after.questions[0]?.prompt, after.questions[0]?.help, after.questions[0]?.required, after.questions[0]?.kind, after.questions[0]?.maxPoints],
      ["Jumlah komputer", "yang berfungsi", true, "number", 2],
    );
    assert.deepEqual(await editQuestionText(t.db, { versionId: v2, questionId, prompt: "Bukan di versi ini", required: false }), { ok: false, error: "surveys.editor.notFound" }, "a question of another version");
    assert.ok((await deleteQuestion(t.db, { versionId: v2, questionId: computers!.id })).ok);
    assert.ok((await deleteQuestion(t.db, { versionId: v2, questionId: notes!.id })).ok);
    assert.ok((await deleteQuestion(t.db, { versionId: v2, questionId: copy?.questions[0]?.id ?? 0 })).ok);
    assert.equal((await getVersion(t.db, versionId))?.questions.length, 1, "the frozen version is untouched");
  });

  it("a surveyor sees and fills only assigned telecenters; a resumed survey keeps earlier answers; submit needs required answers", async () => {
    const { versionId } = await createDemoInstrument(t.db, { chapterId: chapter.id, userId: lead.id });
    // only this chapter's telecenters
    const wrong = await createCampaign(t.db, { name: "x", chapterId: other.id, versionId, telecenterIds: [tcA], userId: lead.id });
    // a deadline that is not on the calendar is refused next to its field, not a server error; one already past too
    const form = (dueOn: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ name: "Survei", chapterId: String(chapter.id), versionId: String(versionId), telecenterIds: String(tcA), dueOn })) f.set(k, v);
      return f;
    };
    for (const bad of ["2026-02-30", "2026-13-01", "31-12-2026"]) {
      const r = parseForm(campaignSchema, form(bad));
      assert.deepEqual(r.ok ? null : r.errors, { dueOn: ["errors.invalid"] }, bad);
    }
    assert.deepEqual(await createCampaign(t.db, { name: "Lewat", chapterId: chapter.id, versionId, telecenterIds: [tcA], dueOn: "2020-01-01", userId: lead.id }), { ok: false, error: "surveys.campaign.dueOnPast", field: "dueOn" });
    assert.equal(dueOnText("2027-01-07", "id"), "Kamis, 7 Januari 2027");
    assert.equal(dueOnText(null, "en"), null);
    assert.equal(wrong.ok, false);
    const c = await createCampaign(t.db, { name: "Survei 2026", chapterId: chapter.id, versionId, telecenterIds: [tcA, tcB], userId: lead.id });
    assert.ok(c.ok);
    const rows = await t.db.select().from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    const aA = rows.find((r) => r.telecenterId === tcA)?.id ?? 0;
    const aB = rows.find((r) => r.telecenterId === tcB)?.id ?? 0;
    const outsider = await createUser(t.db, { name: "Bukan anggota" });
    assert.deepEqual(await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: aA, surveyorId: outsider.id }] }), {
      ok: false,
      error: "surveys.assign.notMember",
      field: `s_${aA}`,
    });
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: aA, surveyorId: surveyor.id }, { assignmentId: aB, surveyorId: stranger.id }] })).ok);

    const mails = await t.db.select({ to: outbox.toEmail, payload: outbox.payload }).from(outbox).where(eq(outbox.template, "survey-assigned"));
    assert.deepEqual(mails.map((m) => m.to).sort(), [surveyor.email, stranger.email].sort(), "each surveyor is told once, in the assignment's transaction");
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: aA, surveyorId: surveyor.id }] })).ok);
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.template, "survey-assigned"))).length, 2, "saving the same assignment again sends nothing");
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: aB, surveyorId: surveyor.id }, { assignmentId: aB, surveyorId: stranger.id }] })).ok);
    const [stillB] = await t.db.select({ surveyorId: surveyAssignments.surveyorId }).from(surveyAssignments).where(eq(surveyAssignments.id, aB));
    assert.equal(stillB?.surveyorId, stranger.id, "a choice sent twice: the last one counts (here: unchanged, so no email)");
    assert.equal((await t.db.select().from(outbox).where(eq(outbox.template, "survey-assigned"))).length, 2);
    const payload = mails[0]?.payload;
    assert.ok(payload && typeof payload === "object");
    const mail = renderEmail("survey-assigned", Object.fromEntries(Object.entries(payload)), "en");
    assert.match(mail.text, /Telecenter (Sumbersari Jaya|Kaliwates)[\s\S]*\/telecenter\/survey/);

    const mine = await listMyAssignments(t.db, surveyor.id);
    assert.deepEqual(mine.map((m) => m.id), [aA]);
    assert.equal(await getMyAssignment(t.db, { assignmentId: aB, userId: surveyor.id }), null, "another surveyor's telecenter is invisible");
    await assert.rejects(saveSection(t.db, { assignmentId: aB, userId: surveyor.id, sectionId: 1, values: {}, photos: [] }), (e: unknown) => e instanceof Response && e.status === 404);

    const v = await getVersion(t.db, versionId);
    assert.ok(v);
    const [fac, social, , mgmt, daily] = v.sections;
    assert.ok(fac && social && mgmt && daily);
    const q = (s: typeof fac, i: number) => `q_${s.questions[i]?.id}`;
    // section 1 with a photo that carries GPS
    const withGps = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: "#48a" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 42/1 0/1" } })
      .toBuffer();
    const photoQ = fac.questions[5]?.id ?? 0;
    const stored = await storeSurveyPhotos([{ questionId: photoQ, file: new File([withGps], "ruang.jpg", { type: "image/jpeg" }) }]);
    assert.ok(stored.ok);
    const bad = await saveSection(t.db, { assignmentId: aA, userId: surveyor.id, sectionId: fac.id, values: { [q(fac, 0)]: "banyak" }, photos: [] });
    assert.deepEqual(bad, { ok: false, errors: { [q(fac, 0)]: ["surveys.fill.notNumber"] } });
    const s1 = await saveSection(t.db, {
      assignmentId: aA,
      userId: surveyor.id,
      sectionId: fac.id,
      values: { [q(fac, 0)]: "6", [q(fac, 1)]: "yes", [q(fac, 2)]: "no", [q(fac, 3)]: "yes", [q(fac, 4)]: fac.questions[4]?.config.options?.[2]?.value ?? "" },
      photos: stored.stored,
    });
    assert.ok(s1.ok);
    const file = await fs.readFile(path.join(surveyPhotoDir(), stored.stored[0]?.fileName ?? ""));
    const meta = await sharp(file).metadata();
    assert.equal(meta.exif, undefined, "location metadata stripped");
    assert.equal(Math.max(meta.width ?? 0, meta.height ?? 0), 1600);

    // the connection drops; later the surveyor comes back: section 1 is still there, and section 2 is saved on top
    const resumed = await getMyAssignment(t.db, { assignmentId: aA, userId: surveyor.id });
    assert.equal(resumed?.status, "in_progress");
    assert.deepEqual(resumed?.sectionsSaved, [fac.id]);
    const s2 = await saveSection(t.db, { assignmentId: aA, userId: surveyor.id, sectionId: social.id, values: { [q(social, 0)]: "yes", [q(social, 3)]: "2" }, photos: [] });
    assert.ok(s2.ok);
    const kept = await responseAnswers(t.db, resumed?.responseId ?? null);
    assert.equal(kept.answers.get(fac.questions[0]?.id ?? 0), "6");
    assert.equal(kept.answers.get(fac.questions[1]?.id ?? 0), "yes");
    assert.equal(kept.photos.length, 1);

    const early = await submitResponse(t.db, { assignmentId: aA, userId: surveyor.id });
    assert.equal(early.ok, false);
    assert.deepEqual(
      !early.ok && early.missing?.map((m) => m.prompt),
      ["Struktur pengelola (pengelola, sekretaris, pengembangan & layanan, TI, keamanan)", "Keaktifan pengelola (1 = tidak aktif, 5 = sangat aktif)", "Laporan harian (pemakaian, pendapatan, keluhan, kerusakan)"],
    );
    assert.ok((await saveSection(t.db, { assignmentId: aA, userId: surveyor.id, sectionId: mgmt.id, values: { [q(mgmt, 0)]: mgmt.questions[0]?.config.options?.[1]?.value ?? "", [q(mgmt, 1)]: "3" }, photos: [] })).ok);
    assert.ok((await saveSection(t.db, { assignmentId: aA, userId: surveyor.id, sectionId: daily.id, values: { [q(daily, 0)]: daily.questions[0]?.config.options?.[2]?.value ?? "" }, photos: [] })).ok);
    const done = await submitResponse(t.db, { assignmentId: aA, userId: surveyor.id });
    // fasilitas: 6 computers → 3/4, printer 2, camera 0, projector 1, stable 3, photo 2 = 11/13 = 84.62 %
    // sosial: 2 + 0 + 0 + 2 = 4/8 = 50 %; komersial 0/7 = 0 %; pengelolaan: 1/3 + 2/4 (scale 3) = 3/7 = 42.86 %
    // laporan: 3/4 = 75 %; total = (3·84.615 + 2·50 + 2·0 + 2·42.857 + 1·75) / 10 = 51.46 → Kreatif
    assert.deepEqual(done, { ok: true, score: 51.46, classification: "Kreatif" });
    const again = await saveSection(t.db, { assignmentId: aA, userId: surveyor.id, sectionId: fac.id, values: {}, photos: [] });
    assert.deepEqual(again, { ok: false, errors: { _form: ["surveys.fill.alreadySubmitted"] } });

    // a submitted survey keeps its surveyor: handing it to someone else changes nothing
    assert.ok((await assignSurveyors(t.db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: aA, surveyorId: stranger.id }] })).ok);

    const results = await campaignRows(t.db, c.campaignId);
    const p = progressOf(results);
    assert.deepEqual(p.overall, { total: 2, unassigned: 0, notStarted: 1, inProgress: 0, submitted: 1 });
    assert.deepEqual(p.surveyors.map((s) => [s.name, s.submitted, s.notStarted]), [["Surveyor Dua", 0, 1], ["Surveyor Satu", 1, 0]]);
    assert.equal(byKecamatan(results).length, 2);
    // in the reader's language: Indonesian by default, English on request; photos linked for the leads who may open them
    const photoIds = kept.photos.map((p) => p.id);
    assert.equal(photoIds.length, 1);
    const csv = await campaignCsv(t.db, c.campaignId);
    const lines = csv.trim().split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? "", /^\uFEFF?ID telecenter,Telecenter,Kode wilayah,Kecamatan,Surveyor,Status,Dikirim pada,Skor,Klasifikasi,/);
    assert.match(lines[0] ?? "", /S1\.1 Jumlah komputer\/laptop yang berfungsi/);
    assert.match(csv, /Telecenter Sumbersari Jaya,35\.09\.01,.*,Terkirim,.* WIB",51\.46,Kreatif,84\.62,50,0,42\.86,75,6,Ya,Tidak,Ya,Stabil,1/);
    assert.match(csv, /,Belum dimulai,/);
    assert.doesNotMatch(csv, /submitted|not_started|,yes,|,no,/);
    const en = await campaignCsv(t.db, c.campaignId, { locale: "en", photoLinks: true });
    assert.match(en, /^\uFEFF?Telecenter ID,Telecenter,Region code,/);
    assert.match(en, new RegExp(`,Submitted,.*,Yes,No,Yes,Stabil,http://[^,]+/telecenter/survey-photos/${photoIds[0]},`));
    assert.match(en, /,Not started,/);

    // a second campaign compares with this one once it is closed (while open, its scores can still be sent back)
    const c2 = await createCampaign(t.db, { name: "Survei 2027", chapterId: chapter.id, versionId, telecenterIds: [tcA], userId: lead.id });
    assert.ok(c2.ok);
    assert.deepEqual((await campaignRows(t.db, c2.campaignId)).map((r) => [r.telecenterId, r.previousScore, r.previousClass]), [[tcA, null, null]]);
    // the telecenter's page shows no result while its campaign runs (a response can still be sent back), then the closed one's
    assert.equal(await latestClassification(t.db, tcA), null);
    await setCampaignStatus(t.db, { campaignId: c.campaignId, chapterId: chapter.id, status: "closed" });
    const next = await campaignRows(t.db, c2.campaignId);
    assert.deepEqual(next.map((r) => [r.telecenterId, r.previousScore, r.previousClass]), [[tcA, 51.46, "Kreatif"]]);
    // a third one launched while the second still runs compares with the last closed one, not the open one in between
    const c3 = await createCampaign(t.db, { name: "Survei 2027 ulang", chapterId: chapter.id, versionId, telecenterIds: [tcA], userId: lead.id });
    assert.ok(c3.ok);
    assert.equal((await previousCampaign(t.db, c3.campaignId))?.name, "Survei 2026");
    assert.deepEqual((await campaignRows(t.db, c3.campaignId)).map((r) => [r.previousScore, r.previousClass]), [[51.46, "Kreatif"]]);
    assert.deepEqual(
      [await latestClassification(t.db, tcA)].map((r) => r && [r.classification, r.score, r.campaignName]),
      [["Kreatif", 51.46, "Survei 2026"]],
    );
    await fs.rm(path.join(surveyPhotoDir(), stored.stored[0]?.fileName ?? ""), { force: true });
  });
});
