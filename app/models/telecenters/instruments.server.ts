/** Survey instruments and their versions: sections, questions, scoring rules, classes; frozen once a campaign uses a version. */
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { chapters, memberships } from "../../../db/schema/chapters";
import { surveyInstruments, surveyQuestions, surveySections, surveyVersions, type QuestionConfig, type QuestionKind, type SurveyClass } from "../../../db/schema/telecenters";
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { derivedMaxPoints } from "~/models/telecenters/survey-scoring";
import { slugify } from "~/utils/slug";
import { parseForm, typedNumber } from "~/utils/forms.server";
import { parseTypedNumber } from "~/utils/numbers";

export const DEFAULT_CLASSES: SurveyClass[] = [
  { name: "Optimal", min: 75 },
  { name: "Kreatif", min: 50 },
  { name: "Perlu pendampingan", min: 0 },
];


export type Fail = { ok: false; error: string; field?: string };

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
  weight: typedNumber({ integer: true, min: 0, max: 100 }).default(1),
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


/** A band's threshold as people type numbers ("1.000" = 1000, "2,5" = 2.5), like every other number field. */
const bandMin = (label: string) => parseTypedNumber(label, { negative: true });

export const questionSchema = z
  .object({
    sectionId: z.coerce.number().int().positive(),
    kind: z.enum(["yesno", "number", "choice", "scale", "text", "photo"]),
    prompt: z.string().trim().min(1).max(500),
    help: z.string().trim().max(500).optional(),
    required: z.string().optional(),
    maxPoints: typedNumber({ integer: true, min: 0, max: 100 }).default(0),
    options: z.string().max(4000).optional(),
    scaleMin: typedNumber({ integer: true, min: 0, max: 10 }).default(1),
    scaleMax: typedNumber({ integer: true, min: 1, max: 10 }).default(5),
    bands: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "choice") {
      const opts = parseLines(v.options);
      if (!opts || opts.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "surveys.editor.optionsInvalid" });
    }
    if (v.kind === "number" && v.bands && !parseLines(v.bands)?.every((b) => bandMin(b.label) !== null))
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
  if (f.kind === "number") config.bands = (parseLines(f.bands) ?? []).map((b) => ({ min: bandMin(b.label) ?? 0, points: b.points }));
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

// ---------- the editor page (/telecenter/instruments/<versionId>): one function per form intent ----------

/** A failed editor form: the intent it came from, messages per field and what was typed (shown again). */
export type EditorFailure = { intent: string; sectionId?: string; questionId?: string; errors: Record<string, string[] | undefined>; values?: Record<string, string | string[] | undefined> };
/** What an editor intent ends in: saved, or a failure with its HTTP status (400 bad input, 409 refused). */
export type EditorOutcome = { ok: true } | { ok: false; status: 400 | 409; failure: EditorFailure };
type EditorScope = { versionId: number };

/** The version, its instrument and whether the user may edit it; null when missing, "forbidden" when not visible. */
export async function instrumentEditorData(db: Db, user: SessionUser, versionId: number) {
  const version = await getVersion(db, versionId);
  if (!version) return null;
  const instrument = await getInstrument(db, version.instrumentId);
  if (!instrument) return null;
  const led = (await ledChapters(db, user)).map((c) => c.id);
  const visible = user.isAdmin || (led.length > 0 && (instrument.chapterId === null || led.includes(instrument.chapterId)));
  if (!visible) return "forbidden" as const;
  return { version, instrument, editable: await canEditInstrument(db, user, instrument.id) };
}

function outcome(intent: string, r: EditResult, extra: Partial<EditorFailure> = {}): EditorOutcome {
  return r.ok ? { ok: true } : { ok: false, status: 409, failure: { intent, errors: { _form: [r.error] }, ...extra } };
}

export async function editorAddSection(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  const intent = "addSection";
  const parsed = parseForm(sectionSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, failure: { intent, errors: parsed.errors, values: parsed.values } };
  return outcome(intent, await addSection(db, { versionId: scope.versionId, ...parsed.data }));
}

export async function editorDeleteSection(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  return outcome("deleteSection", await deleteSection(db, { versionId: scope.versionId, sectionId: Number(form.get("sectionId")) }));
}

export async function editorDeleteQuestion(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  return outcome("deleteQuestion", await deleteQuestion(db, { versionId: scope.versionId, questionId: Number(form.get("questionId")) }));
}

export async function editorMoveQuestion(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  const direction = form.get("direction") === "up" ? "up" : "down";
  return outcome("moveQuestion", await moveQuestion(db, { versionId: scope.versionId, questionId: Number(form.get("questionId")), direction }));
}

export async function editorEditQuestion(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  const intent = "editQuestion";
  const questionId = String(form.get("questionId") ?? "");
  const parsed = parseForm(questionTextSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, failure: { intent, questionId, errors: parsed.errors, values: parsed.values } };
  const { prompt, help, required } = parsed.data;
  return outcome(intent, await editQuestionText(db, { versionId: scope.versionId, questionId: parsed.data.questionId, prompt, help, required: required === "on" }), { questionId });
}

export async function editorAddQuestion(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  const intent = "addQuestion";
  const sectionId = String(form.get("sectionId") ?? "");
  const parsed = parseForm(questionSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, failure: { intent, sectionId, errors: parsed.errors, values: parsed.values } };
  const q = questionFromForm(parsed.data);
  const r = await addQuestion(db, { versionId: scope.versionId, sectionId: parsed.data.sectionId, ...q, prompt: parsed.data.prompt, help: parsed.data.help, required: parsed.data.required === "on" });
  return outcome(intent, r, { sectionId });
}

export async function editorSetClasses(db: Db, scope: EditorScope, form: FormData): Promise<EditorOutcome> {
  const intent = "classes";
  const text = String(form.get("classes") ?? "");
  const classes = parseClasses(text);
  if (!classes) return { ok: false, status: 400, failure: { intent, errors: { classes: ["surveys.editor.classesInvalid"] }, values: { classes: text } } };
  return outcome(intent, await setClasses(db, { versionId: scope.versionId, classes }));
}
