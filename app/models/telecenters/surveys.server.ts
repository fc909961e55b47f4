import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { spreadsheetCsv, type CsvDelimiter } from "~/services/csv.server";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { chapters, memberships } from "../../../db/schema/chapters";
import { regions } from "../../../db/schema/regions";
import {
  surveyAnswers,
  surveyAssignments,
  surveyCampaigns,
  surveyInstruments,
  surveyPhotos,
  surveyQuestions,
  surveyResponses,
  surveySections,
  surveyVersions,
  telecenters,
  type QuestionConfig,
  type QuestionKind,
  type SurveyClass,
} from "../../../db/schema/telecenters";
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { PHOTO_MAX_BYTES, PHOTO_TYPES, processPhoto } from "~/services/photos.server";
import { queueEmail } from "~/services/outbox.server";
import { classify, derivedMaxPoints, scoreResponse, type ScoringQuestion } from "~/models/telecenters/survey-scoring";
import { answerField } from "~/models/telecenters/telecenter-form";
import { slugify } from "~/utils/slug";

export const DEFAULT_CLASSES: SurveyClass[] = [
  { name: "Optimal", min: 75 },
  { name: "Kreatif", min: 50 },
  { name: "Perlu pendampingan", min: 0 },
];

/** Photos per question and per section save (checked before anything is stored). */
export const SURVEY_PHOTO_MAX = 4;

type Fail = { ok: false; error: string; field?: string };

// ---------- who may do what ----------

/** Chapters the user leads (all chapters for an admin). */
export async function ledChapters(db: Db, user: SessionUser) {
  if (user.isAdmin) return db.select({ id: chapters.id, name: chapters.name, regionCode: chapters.regionCode }).from(chapters).orderBy(asc(chapters.name));
  return db
    .select({ id: chapters.id, name: chapters.name, regionCode: chapters.regionCode })
    .from(memberships)
    .innerJoin(chapters, eq(chapters.id, memberships.chapterId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, "lead"), eq(memberships.status, "active")))
    .orderBy(asc(chapters.name));
}

/** Instruments the user may use: national ones and those of chapters they lead (all for an admin). */
function instrumentScope(user: SessionUser, chapterIds: number[]) {
  if (user.isAdmin) return undefined;
  return chapterIds.length ? or(isNull(surveyInstruments.chapterId), inArray(surveyInstruments.chapterId, chapterIds)) : isNull(surveyInstruments.chapterId);
}

/** Editing needs an admin (national instruments) or a lead of the owning chapter. */
export async function canEditInstrument(db: Db, user: SessionUser, instrumentId: number): Promise<boolean> {
  if (user.isAdmin) return true;
  const led = (await ledChapters(db, user)).map((c) => c.id);
  if (!led.length) return false;
  const rows = await db
    .select({ id: surveyInstruments.id })
    .from(surveyInstruments)
    .where(and(eq(surveyInstruments.id, instrumentId), inArray(surveyInstruments.chapterId, led)));
  return rows.length > 0;
}

// ---------- instruments and versions ----------

export async function listInstruments(db: Db, user: SessionUser) {
  const led = (await ledChapters(db, user)).map((c) => c.id);
  const rows = await db
    .select({
      id: surveyInstruments.id,
      name: surveyInstruments.name,
      chapterId: surveyInstruments.chapterId,
      chapterName: chapters.name,
      latestVersion: sql<number>`(select max(v.number) from survey_version v where v.instrument_id = ${surveyInstruments.id})`.mapWith(Number),
      latestVersionId: sql<number>`(select max(v.id) from survey_version v where v.instrument_id = ${surveyInstruments.id})`.mapWith(Number),
    })
    .from(surveyInstruments)
    .leftJoin(chapters, eq(chapters.id, surveyInstruments.chapterId))
    .where(instrumentScope(user, led))
    .orderBy(asc(surveyInstruments.name));
  return rows.map((r) => ({ ...r, editable: user.isAdmin || (r.chapterId !== null && led.includes(r.chapterId)) }));
}

export const instrumentSchema = z.object({
  name: z.string().trim().min(1).max(160),
  description: z.string().trim().max(2000).optional(),
  chapterId: z.coerce.number().int().positive().optional(),
});

export async function createInstrument(
  db: Db,
  input: { chapterId: number | null; name: string; description?: string; userId: string; classes?: SurveyClass[] },
): Promise<{ instrumentId: number; versionId: number }> {
  return db.transaction(async (tx) => {
    const [i] = await tx
      .insert(surveyInstruments)
      .values({ chapterId: input.chapterId, name: input.name, description: input.description ?? "", createdBy: input.userId })
      .returning({ id: surveyInstruments.id });
    if (!i) throw new Error("instrument not stored");
    const [v] = await tx
      .insert(surveyVersions)
      .values({ instrumentId: i.id, number: 1, classes: input.classes ?? DEFAULT_CLASSES })
      .returning({ id: surveyVersions.id });
    if (!v) throw new Error("version not stored");
    return { instrumentId: i.id, versionId: v.id };
  });
}

export async function getInstrument(db: Db, instrumentId: number) {
  const [i] = await db
    .select({ id: surveyInstruments.id, name: surveyInstruments.name, description: surveyInstruments.description, chapterId: surveyInstruments.chapterId })
    .from(surveyInstruments)
    .where(eq(surveyInstruments.id, instrumentId));
  if (!i) return null;
  const versions = await db
    .select({ id: surveyVersions.id, number: surveyVersions.number, frozenAt: surveyVersions.frozenAt })
    .from(surveyVersions)
    .where(eq(surveyVersions.instrumentId, instrumentId))
    .orderBy(asc(surveyVersions.number));
  return { ...i, versions };
}

export type VersionDetail = NonNullable<Awaited<ReturnType<typeof getVersion>>>;

/** A version with its sections and questions in order. */
export async function getVersion(db: Db, versionId: number) {
  const [v] = await db
    .select({
      id: surveyVersions.id,
      instrumentId: surveyVersions.instrumentId,
      instrumentName: surveyInstruments.name,
      number: surveyVersions.number,
      classes: surveyVersions.classes,
      frozenAt: surveyVersions.frozenAt,
    })
    .from(surveyVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyVersions.instrumentId))
    .where(eq(surveyVersions.id, versionId));
  if (!v) return null;
  const sections = await db
    .select({ id: surveySections.id, position: surveySections.position, title: surveySections.title, description: surveySections.description, weight: surveySections.weight })
    .from(surveySections)
    .where(eq(surveySections.versionId, versionId))
    .orderBy(asc(surveySections.position), asc(surveySections.id));
  const questions = sections.length
    ? await db
        .select({
          id: surveyQuestions.id,
          sectionId: surveyQuestions.sectionId,
          position: surveyQuestions.position,
          kind: surveyQuestions.kind,
          prompt: surveyQuestions.prompt,
          help: surveyQuestions.help,
          required: surveyQuestions.required,
          maxPoints: surveyQuestions.maxPoints,
          config: surveyQuestions.config,
        })
        .from(surveyQuestions)
        .where(inArray(surveyQuestions.sectionId, sections.map((s) => s.id)))
        .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id))
    : [];
  return { ...v, sections: sections.map((s) => ({ ...s, questions: questions.filter((q) => q.sectionId === s.id) })), questions };
}

/** Locks the version row; refuses when a campaign has used it. */
async function lockEditable(tx: Db, versionId: number): Promise<Fail | null> {
  const [v] = await tx.select({ frozenAt: surveyVersions.frozenAt }).from(surveyVersions).where(eq(surveyVersions.id, versionId)).for("update");
  if (!v) return { ok: false, error: "surveys.editor.notFound" };
  if (v.frozenAt) return { ok: false, error: "surveys.editor.frozen" };
  return null;
}

export type EditResult = { ok: true } | Fail;

export const sectionSchema = z.object({
  title: z.string().trim().min(1).max(160),
  description: z.string().trim().max(1000).optional(),
  weight: z.coerce.number().int().min(0).max(100).default(1),
});

export async function addSection(db: Db, input: { versionId: number; title: string; description?: string; weight: number }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    const [m] = await tx
      .select({ max: sql<number>`coalesce(max(${surveySections.position}), 0)`.mapWith(Number) })
      .from(surveySections)
      .where(eq(surveySections.versionId, input.versionId));
    await tx.insert(surveySections).values({ versionId: input.versionId, position: (m?.max ?? 0) + 1, title: input.title, description: input.description ?? "", weight: input.weight });
    return { ok: true };
  });
}

export async function deleteSection(db: Db, input: { versionId: number; sectionId: number }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    await tx.delete(surveySections).where(and(eq(surveySections.id, input.sectionId), eq(surveySections.versionId, input.versionId)));
    return { ok: true };
  });
}

/** "Baik = 3" lines → options; values are the labels' slugs. */
function parseLines(text: string | undefined): { label: string; points: number }[] | null {
  const out: { label: string; points: number }[] = [];
  for (const raw of (text ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.*?)\s*=\s*(-?\d+(?:[.,]\d+)?)$/.exec(line);
    if (m) out.push({ label: (m[1] ?? "").trim(), points: Number((m[2] ?? "0").replace(",", ".")) });
    else out.push({ label: line, points: 0 });
  }
  return out.some((o) => !o.label) ? null : out;
}


export const questionSchema = z
  .object({
    sectionId: z.coerce.number().int().positive(),
    kind: z.enum(["yesno", "number", "choice", "scale", "text", "photo"]),
    prompt: z.string().trim().min(1).max(500),
    help: z.string().trim().max(500).optional(),
    required: z.string().optional(),
    maxPoints: z.coerce.number().int().min(0).max(100).default(0),
    options: z.string().max(4000).optional(),
    scaleMin: z.coerce.number().int().min(0).max(10).default(1),
    scaleMax: z.coerce.number().int().min(1).max(10).default(5),
    bands: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "choice") {
      const opts = parseLines(v.options);
      if (!opts || opts.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "surveys.editor.optionsInvalid" });
    }
    if (v.kind === "number" && v.bands && !parseLines(v.bands)?.every((b) => Number.isFinite(Number(b.label))))
      ctx.addIssue({ code: "custom", path: ["bands"], message: "surveys.editor.bandsInvalid" });
    if (v.kind === "scale" && v.scaleMax <= v.scaleMin) ctx.addIssue({ code: "custom", path: ["scaleMax"], message: "surveys.editor.scaleInvalid" });
  });
export type QuestionForm = z.infer<typeof questionSchema>;

export function questionFromForm(f: QuestionForm): { kind: QuestionKind; config: QuestionConfig; maxPoints: number } {
  const config: QuestionConfig = {};
  if (f.kind === "choice") {
    const seen = new Set<string>();
    config.options = (parseLines(f.options) ?? []).map((o) => {
      let v = slugify(o.label, "x", Infinity);
      while (seen.has(v)) v += "-";
      seen.add(v);
      return { value: v, label: o.label, points: o.points };
    });
  }
  if (f.kind === "scale") Object.assign(config, { min: f.scaleMin, max: f.scaleMax });
  if (f.kind === "number") config.bands = (parseLines(f.bands) ?? []).map((b) => ({ min: Number(b.label), points: b.points }));
  return { kind: f.kind, config, maxPoints: derivedMaxPoints(f.kind, config, f.maxPoints) };
}

export async function addQuestion(
  db: Db,
  input: { versionId: number; sectionId: number; kind: QuestionKind; prompt: string; help?: string; required: boolean; maxPoints: number; config: QuestionConfig },
): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    const [s] = await tx
      .select({ id: surveySections.id })
      .from(surveySections)
      .where(and(eq(surveySections.id, input.sectionId), eq(surveySections.versionId, input.versionId)));
    if (!s) return { ok: false, error: "surveys.editor.notFound" };
    const [m] = await tx
      .select({ max: sql<number>`coalesce(max(${surveyQuestions.position}), 0)`.mapWith(Number) })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.sectionId, s.id));
    await tx.insert(surveyQuestions).values({
      sectionId: s.id,
      position: (m?.max ?? 0) + 1,
      kind: input.kind,
      prompt: input.prompt,
      help: input.help ?? "",
      required: input.required,
      maxPoints: input.maxPoints,
      config: input.config,
    });
    return { ok: true };
  });
}

export async function deleteQuestion(db: Db, input: { versionId: number; questionId: number }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    const inVersion = tx.select({ id: surveySections.id }).from(surveySections).where(eq(surveySections.versionId, input.versionId));
    await tx.delete(surveyQuestions).where(and(eq(surveyQuestions.id, input.questionId), inArray(surveyQuestions.sectionId, inVersion)));
    return { ok: true };
  });
}

export const questionTextSchema = z.object({
  questionId: z.coerce.number().int().positive(),
  prompt: z.string().trim().min(1).max(500),
  help: z.string().trim().max(500).optional(),
  required: z.string().optional(),
});

/** Corrects a question's wording, hint or "required" in a draft version; its kind and scoring stay. */
export async function editQuestionText(db: Db, input: { versionId: number; questionId: number; prompt: string; help?: string; required: boolean }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    const inVersion = tx.select({ id: surveySections.id }).from(surveySections).where(eq(surveySections.versionId, input.versionId));
    const rows = await tx
      .update(surveyQuestions)
      .set({ prompt: input.prompt, help: input.help ?? "", required: input.required })
      .where(and(eq(surveyQuestions.id, input.questionId), inArray(surveyQuestions.sectionId, inVersion)))
      .returning({ id: surveyQuestions.id });
    return rows.length ? { ok: true } : { ok: false, error: "surveys.editor.notFound" };
  });
}

/** Swaps a question with its neighbour above or below in the same section of a draft version. */
export async function moveQuestion(db: Db, input: { versionId: number; questionId: number; direction: "up" | "down" }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    const [q] = await tx
      .select({ id: surveyQuestions.id, sectionId: surveyQuestions.sectionId, position: surveyQuestions.position })
      .from(surveyQuestions)
      .innerJoin(surveySections, eq(surveySections.id, surveyQuestions.sectionId))
      .where(and(eq(surveyQuestions.id, input.questionId), eq(surveySections.versionId, input.versionId)));
    if (!q) return { ok: false, error: "surveys.editor.notFound" };
    const up = input.direction === "up";
    const [other] = await tx
      .select({ id: surveyQuestions.id, position: surveyQuestions.position })
      .from(surveyQuestions)
      .where(and(eq(surveyQuestions.sectionId, q.sectionId), up ? lt(surveyQuestions.position, q.position) : gt(surveyQuestions.position, q.position)))
      .orderBy(up ? desc(surveyQuestions.position) : asc(surveyQuestions.position))
      .limit(1);
    if (!other) return { ok: true }; // already first or last
    await tx.update(surveyQuestions).set({ position: other.position }).where(eq(surveyQuestions.id, q.id));
    await tx.update(surveyQuestions).set({ position: q.position }).where(eq(surveyQuestions.id, other.id));
    return { ok: true };
  });
}

/** "Optimal = 75" lines → classes, highest first. */
export function parseClasses(text: string): SurveyClass[] | null {
  const lines = parseLines(text);
  if (!lines || lines.length < 1) return null;
  if (lines.some((l) => l.points < 0 || l.points > 100)) return null;
  const classes = lines.map((l) => ({ name: l.label, min: l.points })).sort((a, b) => b.min - a.min);
  if (new Set(classes.map((c) => c.min)).size !== classes.length) return null;
  return classes;
}

export async function setClasses(db: Db, input: { versionId: number; classes: SurveyClass[] }): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const refused = await lockEditable(tx, input.versionId);
    if (refused) return refused;
    await tx.update(surveyVersions).set({ classes: input.classes }).where(eq(surveyVersions.id, input.versionId));
    return { ok: true };
  });
}

/** A frozen version is never changed: editing starts from a copy (the next number) of the latest version. */
export async function newVersion(db: Db, instrumentId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ id: surveyVersions.id, number: surveyVersions.number, classes: surveyVersions.classes, frozenAt: surveyVersions.frozenAt })
      .from(surveyVersions)
      .where(eq(surveyVersions.instrumentId, instrumentId))
      .orderBy(desc(surveyVersions.number))
      .limit(1)
      .for("update");
    if (!latest) throw new Response("Not Found", { status: 404 });
    if (!latest.frozenAt) return latest.id;
    const [v] = await tx
      .insert(surveyVersions)
      .values({ instrumentId, number: latest.number + 1, classes: latest.classes })
      .returning({ id: surveyVersions.id });
    if (!v) throw new Error("version not stored");
    const sections = await tx.select().from(surveySections).where(eq(surveySections.versionId, latest.id)).orderBy(asc(surveySections.position));
    for (const s of sections) {
      const [ns] = await tx
        .insert(surveySections)
        .values({ versionId: v.id, position: s.position, title: s.title, description: s.description, weight: s.weight })
        .returning({ id: surveySections.id });
      if (!ns) throw new Error("section not stored");
      const qs = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.sectionId, s.id)).orderBy(asc(surveyQuestions.position));
      if (qs.length)
        await tx.insert(surveyQuestions).values(
          qs.map((q) => ({ sectionId: ns.id, position: q.position, kind: q.kind, prompt: q.prompt, help: q.help, required: q.required, maxPoints: q.maxPoints, config: q.config })),
        );
    }
    return v.id;
  });
}

// ---------- campaigns ----------

export const campaignSchema = z.object({
  name: z.string().trim().min(1).max(160),
  chapterId: z.coerce.number().int().positive(),
  versionId: z.coerce.number().int().positive(),
  dueOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalid")
    .optional(),
  telecenterIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});
export type CampaignForm = z.infer<typeof campaignSchema>;

/** Launching a campaign freezes its version; only the chapter's own telecenters can be included. */
export async function createCampaign(db: Db, input: CampaignForm & { userId: string }): Promise<{ ok: true; campaignId: number } | Fail> {
  if (!input.telecenterIds.length) return { ok: false, error: "surveys.campaign.noTelecenters", field: "telecenterIds" };
  return db.transaction(async (tx) => {
    const [v] = await tx
      .select({ id: surveyVersions.id })
      .from(surveyVersions)
      .where(eq(surveyVersions.id, input.versionId))
      .for("update");
    if (!v) return { ok: false as const, error: "errors.invalid", field: "versionId" };
    const [q] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(surveyQuestions)
      .innerJoin(surveySections, eq(surveySections.id, surveyQuestions.sectionId))
      .where(eq(surveySections.versionId, v.id));
    if (!q?.n) return { ok: false as const, error: "surveys.campaign.emptyInstrument", field: "versionId" };
    const ours = await tx
      .select({ id: telecenters.id })
      .from(telecenters)
      .where(and(inArray(telecenters.id, input.telecenterIds), eq(telecenters.chapterId, input.chapterId)));
    if (ours.length !== new Set(input.telecenterIds).size) return { ok: false as const, error: "errors.invalid", field: "telecenterIds" };
    await tx.update(surveyVersions).set({ frozenAt: sql`now()` }).where(and(eq(surveyVersions.id, v.id), isNull(surveyVersions.frozenAt)));
    const [c] = await tx
      .insert(surveyCampaigns)
      .values({ chapterId: input.chapterId, versionId: v.id, name: input.name, dueOn: input.dueOn ?? null, createdBy: input.userId })
      .returning({ id: surveyCampaigns.id });
    if (!c) throw new Error("campaign not stored");
    await tx.insert(surveyAssignments).values(ours.map((t) => ({ campaignId: c.id, telecenterId: t.id })));
    return { ok: true as const, campaignId: c.id };
  });
}

export async function listCampaigns(db: Db, chapterIds: number[]) {
  if (!chapterIds.length) return [];
  return db
    .select({
      id: surveyCampaigns.id,
      name: surveyCampaigns.name,
      status: surveyCampaigns.status,
      chapterName: chapters.name,
      createdAt: surveyCampaigns.createdAt,
      assigned: sql<number>`(select count(*) from survey_assignment a where a.campaign_id = ${surveyCampaigns.id})`.mapWith(Number),
      submitted: sql<number>`(select count(*) from survey_assignment a join survey_response r on r.assignment_id = a.id where a.campaign_id = ${surveyCampaigns.id} and r.status = 'submitted')`.mapWith(Number),
    })
    .from(surveyCampaigns)
    .innerJoin(chapters, eq(chapters.id, surveyCampaigns.chapterId))
    .where(inArray(surveyCampaigns.chapterId, chapterIds))
    .orderBy(desc(surveyCampaigns.createdAt));
}

export async function getCampaign(db: Db, campaignId: number) {
  const [c] = await db
    .select({
      id: surveyCampaigns.id,
      name: surveyCampaigns.name,
      status: surveyCampaigns.status,
      dueOn: surveyCampaigns.dueOn,
      chapterId: surveyCampaigns.chapterId,
      chapterName: chapters.name,
      chapterRegion: chapters.regionCode,
      versionId: surveyCampaigns.versionId,
      versionNumber: surveyVersions.number,
      instrumentId: surveyVersions.instrumentId,
      instrumentName: surveyInstruments.name,
      classes: surveyVersions.classes,
    })
    .from(surveyCampaigns)
    .innerJoin(chapters, eq(chapters.id, surveyCampaigns.chapterId))
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyCampaigns.versionId))
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyVersions.instrumentId))
    .where(eq(surveyCampaigns.id, campaignId));
  return c ?? null;
}

export async function setCampaignStatus(db: Db, input: { campaignId: number; chapterId: number; status: "open" | "closed" }) {
  await db
    .update(surveyCampaigns)
    .set({ status: input.status })
    .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.chapterId, input.chapterId)));
}

/** Active members (volunteers and leads) of the chapter who can be sent to survey. */
export async function surveyorOptions(db: Db, chapterId: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.status, "active")))
    .orderBy(asc(users.name));
}

/** Sets or clears surveyors; a submitted response keeps its surveyor. Surveyors must be active in the chapter. */
export async function assignSurveyors(
  db: Db,
  input: { campaignId: number; chapterId: number; choices: { assignmentId: number; surveyorId: string | null }[] },
): Promise<{ ok: true } | Fail> {
  const allowed = new Set((await surveyorOptions(db, input.chapterId)).map((u) => u.id));
  for (const c of input.choices) if (c.surveyorId && !allowed.has(c.surveyorId)) return { ok: false, error: "surveys.assign.notMember", field: `s_${c.assignmentId}` };
  return db.transaction(async (tx) => {
    const [camp] = await tx
      .select({ id: surveyCampaigns.id })
      .from(surveyCampaigns)
      .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.chapterId, input.chapterId)));
    if (!camp) return { ok: false as const, error: "errors.invalid" };
    const changed: { assignmentId: number; surveyorId: string }[] = [];
    for (const c of input.choices) {
      const rows = await tx
        .update(surveyAssignments)
        .set({ surveyorId: c.surveyorId, assignedAt: sql`now()` })
        .where(
          and(
            eq(surveyAssignments.id, c.assignmentId),
            eq(surveyAssignments.campaignId, camp.id),
            c.surveyorId ? sql`${surveyAssignments.surveyorId} is distinct from ${c.surveyorId}` : sql`${surveyAssignments.surveyorId} is not null`,
            sql`not exists (select 1 from survey_response r where r.assignment_id = ${surveyAssignments.id} and r.status = 'submitted')`,
          ),
        )
        .returning({ id: surveyAssignments.id });
      if (rows.length && c.surveyorId) changed.push({ assignmentId: c.assignmentId, surveyorId: c.surveyorId });
    }
    await notifySurveyors(tx, camp.id, changed);
    return { ok: true as const };
  });
}

/** One email per surveyor with the telecenters just given to them (queued in the assignment's transaction). */
async function notifySurveyors(tx: Db, campaignId: number, changed: { assignmentId: number; surveyorId: string }[]) {
  if (!changed.length) return;
  const [c] = await tx
    .select({ name: surveyCampaigns.name, dueOn: surveyCampaigns.dueOn, chapterName: chapters.name })
    .from(surveyCampaigns)
    .innerJoin(chapters, eq(chapters.id, surveyCampaigns.chapterId))
    .where(eq(surveyCampaigns.id, campaignId));
  if (!c) return;
  const rows = await tx
    .select({ assignmentId: surveyAssignments.id, telecenter: telecenters.name, email: users.email, name: users.name, locale: users.locale, surveyorId: users.id })
    .from(surveyAssignments)
    .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
    .innerJoin(users, eq(users.id, surveyAssignments.surveyorId))
    .where(inArray(surveyAssignments.id, changed.map((x) => x.assignmentId)))
    .orderBy(asc(telecenters.name));
  const bySurveyor = new Map<string, typeof rows>();
  for (const r of rows) bySurveyor.set(r.surveyorId, [...(bySurveyor.get(r.surveyorId) ?? []), r]);
  for (const [surveyorId, list] of bySurveyor) {
    const first = list[0];
    if (!first) continue;
    await queueEmail(tx, {
      to: first.email,
      template: "survey-assigned",
      locale: first.locale === "en" ? "en" : "id",
      payload: { name: first.name, campaignName: c.name, chapterName: c.chapterName, dueOn: c.dueOn, telecenters: list.map((r) => r.telecenter), url: `${env.APP_URL}/telecenter/survey` },
      dedupKey: `survey-assigned:${campaignId}:${surveyorId}:${list.map((r) => r.assignmentId).sort((a, b) => a - b).join(",")}`,
    });
  }
}

const kecamatanOf = (code: string) => code.split(".").slice(0, 3).join(".");

/** Every assignment of the campaign with its telecenter, surveyor, progress, score and the previous campaign's result. */
export async function campaignRows(db: Db, campaignId: number) {
  const rows = await db
    .select({
      assignmentId: surveyAssignments.id,
      telecenterId: telecenters.id,
      telecenterName: telecenters.name,
      regionCode: telecenters.regionCode,
      surveyorId: surveyAssignments.surveyorId,
      surveyorName: users.name,
      status: surveyResponses.status,
      sectionsSaved: surveyResponses.sectionsSaved,
      score: surveyResponses.score,
      classification: surveyResponses.classification,
      sectionScores: surveyResponses.sectionScores,
      submittedAt: surveyResponses.submittedAt,
    })
    .from(surveyAssignments)
    .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
    .leftJoin(users, eq(users.id, surveyAssignments.surveyorId))
    .leftJoin(surveyResponses, eq(surveyResponses.assignmentId, surveyAssignments.id))
    .where(eq(surveyAssignments.campaignId, campaignId))
    .orderBy(asc(telecenters.regionCode), asc(telecenters.name));
  const kecCodes = [...new Set(rows.map((r) => kecamatanOf(r.regionCode)))];
  const kecNames = kecCodes.length ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, kecCodes)) : [];
  const names = new Map(kecNames.map((k) => [k.code, k.name]));
  const previous = await previousResults(db, campaignId);
  return rows.map((r) => {
    const p = previous.get(r.telecenterId);
    return {
      ...r,
      status: r.status ?? ("not_started" as const),
      kecamatanCode: kecamatanOf(r.regionCode),
      kecamatanName: names.get(kecamatanOf(r.regionCode)) ?? kecamatanOf(r.regionCode),
      previousScore: p?.score ?? null,
      previousClass: p?.classification ?? null,
    };
  });
}
export type CampaignRow = Awaited<ReturnType<typeof campaignRows>>[number];

/** The same chapter's latest earlier campaign of the same instrument (any version), per telecenter. */
export async function previousCampaign(db: Db, campaignId: number) {
  const c = await getCampaign(db, campaignId);
  if (!c) return null;
  const [p] = await db
    .select({ id: surveyCampaigns.id, name: surveyCampaigns.name })
    .from(surveyCampaigns)
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyCampaigns.versionId))
    .where(and(eq(surveyCampaigns.chapterId, c.chapterId), eq(surveyVersions.instrumentId, c.instrumentId), lt(surveyCampaigns.id, c.id)))
    .orderBy(desc(surveyCampaigns.id))
    .limit(1);
  return p ?? null;
}

async function previousResults(db: Db, campaignId: number) {
  const p = await previousCampaign(db, campaignId);
  const out = new Map<number, { score: number | null; classification: string | null }>();
  if (!p) return out;
  const rows = await db
    .select({ telecenterId: surveyAssignments.telecenterId, score: surveyResponses.score, classification: surveyResponses.classification })
    .from(surveyAssignments)
    .innerJoin(surveyResponses, eq(surveyResponses.assignmentId, surveyAssignments.id))
    .where(and(eq(surveyAssignments.campaignId, p.id), eq(surveyResponses.status, "submitted")));
  for (const r of rows) out.set(r.telecenterId, { score: r.score, classification: r.classification });
  return out;
}

/** Assigned / in progress / submitted, overall and per surveyor. */
export function progressOf(rows: CampaignRow[]) {
  const count = (rs: CampaignRow[]) => ({
    total: rs.length,
    unassigned: rs.filter((r) => !r.surveyorId).length,
    notStarted: rs.filter((r) => r.surveyorId && r.status === "not_started").length,
    inProgress: rs.filter((r) => r.status === "in_progress").length,
    submitted: rs.filter((r) => r.status === "submitted").length,
  });
  const bySurveyor = new Map<string, { name: string; rows: CampaignRow[] }>();
  for (const r of rows) {
    if (!r.surveyorId) continue;
    const e = bySurveyor.get(r.surveyorId) ?? { name: r.surveyorName ?? "", rows: [] };
    e.rows.push(r);
    bySurveyor.set(r.surveyorId, e);
  }
  return {
    overall: count(rows),
    surveyors: [...bySurveyor.entries()].map(([id, e]) => ({ id, name: e.name, ...count(e.rows) })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Submitted results grouped by kecamatan, with counts per class. */
export function byKecamatan(rows: CampaignRow[]) {
  const groups = new Map<string, { code: string; name: string; rows: CampaignRow[] }>();
  for (const r of rows) {
    const g = groups.get(r.kecamatanCode) ?? { code: r.kecamatanCode, name: r.kecamatanName, rows: [] };
    g.rows.push(r);
    groups.set(r.kecamatanCode, g);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------- the surveyor's field form ----------

/** The assignment, only if it is the user's own in an open campaign (scope in the WHERE clause). */
export async function getMyAssignment(db: Db, input: { assignmentId: number; userId: string }) {
  const [a] = await db
    .select({
      id: surveyAssignments.id,
      campaignId: surveyCampaigns.id,
      campaignName: surveyCampaigns.name,
      campaignStatus: surveyCampaigns.status,
      versionId: surveyCampaigns.versionId,
      classes: surveyVersions.classes,
      telecenterId: telecenters.id,
      telecenterName: telecenters.name,
      telecenterAddress: telecenters.address,
      responseId: surveyResponses.id,
      status: surveyResponses.status,
      sectionsSaved: surveyResponses.sectionsSaved,
      score: surveyResponses.score,
      classification: surveyResponses.classification,
    })
    .from(surveyAssignments)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyCampaigns.versionId))
    .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
    .leftJoin(surveyResponses, eq(surveyResponses.assignmentId, surveyAssignments.id))
    .where(and(eq(surveyAssignments.id, input.assignmentId), eq(surveyAssignments.surveyorId, input.userId)));
  return a ?? null;
}

/** The surveyor's own assignments only. */
export async function listMyAssignments(db: Db, userId: string) {
  return db
    .select({
      id: surveyAssignments.id,
      campaignName: surveyCampaigns.name,
      campaignStatus: surveyCampaigns.status,
      dueOn: surveyCampaigns.dueOn,
      telecenterName: telecenters.name,
      regionCode: telecenters.regionCode,
      status: surveyResponses.status,
      sectionsSaved: surveyResponses.sectionsSaved,
      sectionCount: sql<number>`(select count(*) from survey_section s where s.version_id = ${surveyCampaigns.versionId})`.mapWith(Number),
    })
    .from(surveyAssignments)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
    .leftJoin(surveyResponses, eq(surveyResponses.assignmentId, surveyAssignments.id))
    .where(eq(surveyAssignments.surveyorId, userId))
    .orderBy(desc(surveyCampaigns.createdAt), asc(telecenters.name));
}

export async function responseAnswers(db: Db, responseId: number | null) {
  if (!responseId) return { answers: new Map<number, string>(), photos: [] as { id: number; questionId: number; width: number; height: number }[] };
  const rows = await db.select({ questionId: surveyAnswers.questionId, value: surveyAnswers.value }).from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId));
  const photos = await db
    .select({ id: surveyPhotos.id, questionId: surveyPhotos.questionId, width: surveyPhotos.width, height: surveyPhotos.height })
    .from(surveyPhotos)
    .where(eq(surveyPhotos.responseId, responseId))
    .orderBy(asc(surveyPhotos.id));
  return { answers: new Map(rows.map((r) => [r.questionId, r.value])), photos };
}

type Question = VersionDetail["questions"][number];

/** Checks one typed answer against its question; "" means unanswered. */
export function checkAnswer(q: Question, raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = raw.trim();
  if (v === "") return { ok: true, value: "" };
  switch (q.kind) {
    case "yesno":
      return v === "yes" || v === "no" ? { ok: true, value: v } : { ok: false, error: "errors.invalid" };
    case "choice":
      return q.config.options?.some((o) => o.value === v) ? { ok: true, value: v } : { ok: false, error: "errors.invalid" };
    case "scale": {
      const n = Number(v);
      const lo = q.config.min ?? 1;
      const hi = q.config.max ?? 5;
      return Number.isInteger(n) && n >= lo && n <= hi ? { ok: true, value: String(n) } : { ok: false, error: "surveys.fill.scaleRange" };
    }
    case "number": {
      const n = Number(v.replace(",", "."));
      return Number.isFinite(n) && n >= 0 && n <= 1e9 ? { ok: true, value: String(n) } : { ok: false, error: "surveys.fill.notNumber" };
    }
    case "text":
      return v.length <= 2000 ? { ok: true, value: v } : { ok: false, error: "errors.tooLongMax?max=2000" };
    default:
      return { ok: true, value: "" };
  }
}

export function surveyPhotoDir(): string {
  return path.join(env.UPLOADS_DIR, "surveys");
}

export type PendingPhoto = { questionId: number; fileName: string; width: number; height: number; bytes: number };

/** Type and size checks, then resize + strip metadata (processPhoto) and write; rows are added by saveSection. */
export async function storeSurveyPhotos(files: { questionId: number; file: File }[]): Promise<{ ok: true; stored: PendingPhoto[] } | Fail> {
  const real = files.filter((f) => f.file.size > 0);
  for (const f of real) {
    if (!PHOTO_TYPES.includes(f.file.type)) return { ok: false, error: "surveys.fill.photoType", field: answerField(f.questionId) };
    if (f.file.size > PHOTO_MAX_BYTES) return { ok: false, error: "surveys.fill.photoSize", field: answerField(f.questionId) };
  }
  await fs.mkdir(surveyPhotoDir(), { recursive: true });
  const stored: PendingPhoto[] = [];
  for (const f of real) {
    const out = await processPhoto(Buffer.from(await f.file.arrayBuffer()));
    if (!out) {
      await discardPhotos(stored);
      return { ok: false, error: "surveys.fill.photoUnreadable", field: answerField(f.questionId) };
    }
    const fileName = `${randomUUID()}.jpg`;
    await fs.writeFile(path.join(surveyPhotoDir(), fileName), out.data);
    stored.push({ questionId: f.questionId, fileName, width: out.width, height: out.height, bytes: out.data.length });
  }
  return { ok: true, stored };
}

export async function discardPhotos(stored: { fileName: string }[]) {
  await Promise.all(stored.map((s) => fs.rm(path.join(surveyPhotoDir(), s.fileName), { force: true })));
}

export type SaveSectionResult = { ok: true; responseId: number } | { ok: false; errors: Record<string, string[]> };

/**
 * Saves one section's answers (blank → removed) and new photos in one transaction; progress stays on the server,
 * so a dropped connection loses at most the section being sent. Refused once submitted or when the campaign closed.
 */
export async function saveSection(
  db: Db,
  input: { assignmentId: number; userId: string; sectionId: number; values: Record<string, string>; photos: PendingPhoto[]; deletePhotoIds?: number[] },
): Promise<SaveSectionResult> {
  const a = await getMyAssignment(db, input);
  if (!a) throw new Response("Not Found", { status: 404 });
  const version = await getVersion(db, a.versionId);
  const section = version?.sections.find((s) => s.id === input.sectionId);
  if (!version || !section) throw new Response("Not Found", { status: 404 });
  if (a.campaignStatus !== "open") return { ok: false, errors: { _form: ["surveys.fill.closed"] } };
  const errors: Record<string, string[]> = {};
  const clean: { questionId: number; value: string }[] = [];
  for (const q of section.questions) {
    if (q.kind === "photo") continue;
    const r = checkAnswer(q, input.values[answerField(q.id)] ?? "");
    if (!r.ok) errors[answerField(q.id)] = [r.error];
    else clean.push({ questionId: q.id, value: r.value });
  }
  const photoQuestions = new Set(section.questions.filter((q) => q.kind === "photo").map((q) => q.id));
  if (input.photos.some((p) => !photoQuestions.has(p.questionId))) return { ok: false, errors: { _form: ["errors.invalid"] } };
  if (Object.keys(errors).length) return { ok: false, errors };
  return db.transaction(async (tx) => {
    await tx.insert(surveyResponses).values({ assignmentId: a.id }).onConflictDoNothing({ target: surveyResponses.assignmentId });
    const [r] = await tx
      .select({ id: surveyResponses.id, status: surveyResponses.status })
      .from(surveyResponses)
      .where(eq(surveyResponses.assignmentId, a.id))
      .for("update");
    if (!r) throw new Error("response not stored");
    if (r.status === "submitted") return { ok: false as const, errors: { _form: ["surveys.fill.alreadySubmitted"] } };
    for (const c of clean) {
      if (c.value === "") await tx.delete(surveyAnswers).where(and(eq(surveyAnswers.responseId, r.id), eq(surveyAnswers.questionId, c.questionId)));
      else
        await tx
          .insert(surveyAnswers)
          .values({ responseId: r.id, questionId: c.questionId, value: c.value })
          .onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.questionId], set: { value: c.value, updatedAt: sql`now()` } });
    }
    if (input.deletePhotoIds?.length)
      await tx.delete(surveyPhotos).where(and(eq(surveyPhotos.responseId, r.id), inArray(surveyPhotos.id, input.deletePhotoIds)));
    if (input.photos.length) {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(surveyPhotos)
        .where(and(eq(surveyPhotos.responseId, r.id), inArray(surveyPhotos.questionId, [...photoQuestions])));
      const perQuestion = new Map<number, number>();
      for (const p of input.photos) perQuestion.set(p.questionId, (perQuestion.get(p.questionId) ?? 0) + 1);
      if (n + input.photos.length > SURVEY_PHOTO_MAX * photoQuestions.size || [...perQuestion.values()].some((c) => c > SURVEY_PHOTO_MAX))
        return { ok: false as const, errors: { [answerField(input.photos[0]?.questionId ?? 0)]: ["surveys.fill.photoTooMany"] } };
      await tx.insert(surveyPhotos).values(input.photos.map((p) => ({ responseId: r.id, questionId: p.questionId, fileName: p.fileName, width: p.width, height: p.height, bytes: p.bytes, uploadedBy: input.userId })));
    }
    await tx
      .update(surveyResponses)
      .set({
        sectionsSaved: sql`(select coalesce(jsonb_agg(distinct x order by x), '[]'::jsonb) from jsonb_array_elements(${surveyResponses.sectionsSaved} || ${JSON.stringify([section.id])}::jsonb) as x)`,
        updatedAt: sql`now()`,
      })
      .where(eq(surveyResponses.id, r.id));
    return { ok: true as const, responseId: r.id };
  });
}

export type Missing = { sectionId: number; sectionPosition: number; questionId: number; prompt: string };

export function missingRequired(version: VersionDetail, answers: Map<number, string>, photos: { questionId: number }[]): Missing[] {
  const out: Missing[] = [];
  for (const s of version.sections)
    for (const q of s.questions) {
      if (!q.required) continue;
      const has = q.kind === "photo" ? photos.some((p) => p.questionId === q.id) : (answers.get(q.id) ?? "") !== "";
      if (!has) out.push({ sectionId: s.id, sectionPosition: s.position, questionId: q.id, prompt: q.prompt });
    }
  return out;
}

function toScoring(version: VersionDetail): { sections: { id: number; weight: number }[]; questions: ScoringQuestion[] } {
  return { sections: version.sections.map((s) => ({ id: s.id, weight: s.weight })), questions: version.questions };
}

export type SubmitResult = { ok: true; score: number | null; classification: string | null } | { ok: false; error: string; missing?: Missing[] };

/** Submits when every required answer is there; scores the sections and classifies. */
export async function submitResponse(db: Db, input: { assignmentId: number; userId: string }): Promise<SubmitResult> {
  const a = await getMyAssignment(db, input);
  if (!a) throw new Response("Not Found", { status: 404 });
  if (a.campaignStatus !== "open") return { ok: false, error: "surveys.fill.closed" };
  const version = await getVersion(db, a.versionId);
  if (!version) throw new Response("Not Found", { status: 404 });
  return db.transaction(async (tx) => {
    const [r] = await tx.select({ id: surveyResponses.id, status: surveyResponses.status }).from(surveyResponses).where(eq(surveyResponses.assignmentId, a.id)).for("update");
    if (r?.status === "submitted") return { ok: false as const, error: "surveys.fill.alreadySubmitted" };
    const { answers, photos } = await responseAnswers(tx, r?.id ?? null);
    const missing = missingRequired(version, answers, photos);
    if (!r || missing.length) return { ok: false as const, error: "surveys.fill.missing", missing };
    const counts = new Map<number, number>();
    for (const p of photos) counts.set(p.questionId, (counts.get(p.questionId) ?? 0) + 1);
    const s = toScoring(version);
    const scored = scoreResponse(s.sections, s.questions, answers, counts);
    const classification = classify(scored.total, version.classes);
    await tx
      .update(surveyResponses)
      .set({ status: "submitted", score: scored.total, classification, sectionScores: scored.sections, submittedAt: sql`now()`, submittedBy: input.userId, updatedAt: sql`now()` })
      .where(eq(surveyResponses.id, r.id));
    return { ok: true as const, score: scored.total, classification };
  });
}

/** A lead may send a submitted response back to its surveyor (e.g. a wrong photo). */
export async function reopenResponse(db: Db, input: { campaignId: number; chapterId: number; assignmentId: number }) {
  const inCampaign = db
    .select({ id: surveyAssignments.id })
    .from(surveyAssignments)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .where(and(eq(surveyAssignments.id, input.assignmentId), eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.chapterId, input.chapterId)));
  await db
    .update(surveyResponses)
    .set({ status: "in_progress", submittedAt: null, score: null, classification: null, sectionScores: null })
    .where(inArray(surveyResponses.assignmentId, inCampaign));
}

/** A survey photo for its surveyor or the campaign chapter's leads (checked by the caller through `chapterId`). */
export async function getSurveyPhoto(db: Db, photoId: number) {
  const [p] = await db
    .select({ fileName: surveyPhotos.fileName, surveyorId: surveyAssignments.surveyorId, chapterId: surveyCampaigns.chapterId })
    .from(surveyPhotos)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyPhotos.responseId))
    .innerJoin(surveyAssignments, eq(surveyAssignments.id, surveyResponses.assignmentId))
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .where(eq(surveyPhotos.id, photoId));
  return p ?? null;
}

export async function readSurveyPhoto(fileName: string): Promise<Buffer | null> {
  if (!/^[0-9a-f-]{36}\.jpg$/.test(fileName)) return null;
  return fs.readFile(path.join(surveyPhotoDir(), fileName)).catch(() => null);
}

/** One row per telecenter, one column per question (photos: how many), scores per section. */
export async function campaignCsv(db: Db, campaignId: number, delimiter: CsvDelimiter = ","): Promise<string> {
  const c = await getCampaign(db, campaignId);
  if (!c) throw new Response("Not Found", { status: 404 });
  const version = await getVersion(db, c.versionId);
  if (!version) throw new Response("Not Found", { status: 404 });
  const rows = await campaignRows(db, campaignId);
  const responseIds = await db
    .select({ assignmentId: surveyResponses.assignmentId, id: surveyResponses.id })
    .from(surveyResponses)
    .innerJoin(surveyAssignments, eq(surveyAssignments.id, surveyResponses.assignmentId))
    .where(eq(surveyAssignments.campaignId, campaignId));
  const ids = responseIds.map((r) => r.id);
  const answers = ids.length ? await db.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, ids)) : [];
  const photos = ids.length
    ? await db
        .select({ responseId: surveyPhotos.responseId, questionId: surveyPhotos.questionId, n: sql<number>`count(*)`.mapWith(Number) })
        .from(surveyPhotos)
        .where(inArray(surveyPhotos.responseId, ids))
        .groupBy(surveyPhotos.responseId, surveyPhotos.questionId)
    : [];
  const responseOf = new Map(responseIds.map((r) => [r.assignmentId, r.id]));
  const answerOf = new Map(answers.map((a) => [`${a.responseId}:${a.questionId}`, a.value]));
  const photosOf = new Map(photos.map((p) => [`${p.responseId}:${p.questionId}`, p.n]));
  const header = [
    "telecenter_id",
    "telecenter",
    "region_code",
    "kecamatan",
    "surveyor",
    "status",
    "submitted_at",
    "score",
    "classification",
    ...version.sections.map((s) => `S${s.position} ${s.title} (%)`),
    ...version.sections.flatMap((s) => s.questions.map((q) => `S${s.position}.${q.position} ${q.prompt}`)),
  ];
  const body = rows.map((r) => {
    const rid = responseOf.get(r.assignmentId);
    const label = (q: Question, v: string | undefined) => (q.kind === "choice" ? (q.config.options?.find((o) => o.value === v)?.label ?? v ?? "") : (v ?? ""));
    return [
      r.telecenterId,
      r.telecenterName,
      r.regionCode,
      r.kecamatanName,
      r.surveyorName ?? "",
      r.status,
      r.submittedAt?.toISOString() ?? "",
      r.score ?? "",
      r.classification ?? "",
      ...version.sections.map((s) => r.sectionScores?.find((x) => x.sectionId === s.id)?.percent ?? ""),
      ...version.sections.flatMap((s) =>
        s.questions.map((q) =>
          q.kind === "photo"
            ? (photosOf.get(`${rid}:${q.id}`) ?? 0)
            : label(q, answerOf.get(`${rid}:${q.id}`)),
        ),
      ),
    ];
  });
  return spreadsheetCsv([header, ...body], delimiter);
}
