/** The surveyor's side of a campaign: their assignments, answers saved section by section, photos, submission. */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { memberships } from "../../../db/schema/chapters";
import { surveyAnswers, surveyAssignments, surveyCampaigns, surveyPhotos, surveyResponses, surveyVersions, telecenters } from "../../../db/schema/telecenters";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { PHOTO_MAX_BYTES, photoTypeOf, processPhoto } from "~/services/photos.server";
import { diskPathOf } from "~/services/uploads.server";
import { classify, scoreResponse, type ScoringQuestion } from "~/models/telecenters/survey-scoring";
import { answerField } from "~/models/telecenters/telecenter-form";
import { getVersion, type VersionDetail } from "~/models/telecenters/instruments.server";
import { parseTypedNumber } from "~/utils/numbers";
import { oneLineBreak } from "~/utils/forms.server";

/** Photos per question and per section save (checked before anything is stored). */
export const SURVEY_PHOTO_MAX = 4;

type Fail = { ok: false; error: string; field?: string };

/**
 * The assignment's surveyor is still an active member of the campaign's chapter. A surveyor who left (or was set
 * inactive) loses the survey, its answers and its photos; the telecenter shows as nobody's to the lead.
 */
export const surveyorIsMember = sql<boolean>`exists (select 1 from membership sm where sm.chapter_id = ${surveyCampaigns.chapterId} and sm.user_id = ${surveyAssignments.surveyorId} and sm.status = 'active')`;

// ---------- the surveyor's field form ----------

/** The assignment, only if it is the user's own and they are still a member of its chapter (scope in the WHERE clause). */
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
    .where(and(eq(surveyAssignments.id, input.assignmentId), eq(surveyAssignments.surveyorId, input.userId), surveyorIsMember));
  return a ?? null;
}

/**
 * An assignment of the chapter that is not (or no longer) the user's: a lead handed it to another surveyor, or took
 * the surveyor off it, while the page was open. Only for an active member of the campaign's chapter (surveyors are
 * its members), so nobody else learns anything by trying numbers; what it tells is the telecenter's name (public in
 * the registry) and the campaign's, and the instrument the member was filling in.
 */
export async function getHandedOverAssignment(db: Db, input: { assignmentId: number; userId: string }) {
  const [a] = await db
    .select({
      id: surveyAssignments.id,
      campaignName: surveyCampaigns.name,
      versionId: surveyCampaigns.versionId,
      telecenterName: telecenters.name,
      telecenterAddress: telecenters.address,
    })
    .from(surveyAssignments)
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .innerJoin(telecenters, eq(telecenters.id, surveyAssignments.telecenterId))
    .innerJoin(memberships, and(eq(memberships.chapterId, surveyCampaigns.chapterId), eq(memberships.userId, input.userId), eq(memberships.status, "active")))
    .where(and(eq(surveyAssignments.id, input.assignmentId), sql`${surveyAssignments.surveyorId} is distinct from ${input.userId}`));
  return a ?? null;
}

/**
 * What a surveyor typed in a section that is no longer theirs, to show back to them (never stored: the answers of
 * the telecenter are now the new surveyor's to give). Each question with the text typed, a choice by its label.
 */
export function typedSectionOf(version: VersionDetail, form: FormData, label: (key: string) => string) {
  const sectionId = Number(form.get("sectionId"));
  const section = version.sections.find((s) => s.id === sectionId);
  if (!section) return null;
  const items: { prompt: string; value: string }[] = [];
  let photos = 0;
  for (const q of section.questions) {
    const name = answerField(q.id);
    if (q.kind === "photo") {
      photos += form.getAll(name).filter((f) => typeof f !== "string" && f.size > 0).length;
      continue;
    }
    const v = String(form.get(name) ?? "").trim();
    if (!v) continue;
    const shown =
      q.kind === "yesno" ? (v === "yes" ? label("surveys.fill.yes") : v === "no" ? label("surveys.fill.no") : v) : q.kind === "choice" ? (q.config.options?.find((o) => o.value === v)?.label ?? v) : v;
    items.push({ prompt: q.prompt, value: shown });
  }
  return { title: section.title, position: section.position, items, photos };
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
    .where(and(eq(surveyAssignments.surveyorId, userId), surveyorIsMember))
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
  const v = oneLineBreak(raw).trim();
  if (v === "") return { ok: true, value: "" };
  switch (q.kind) {
    case "yesno":
      return v === "yes" || v === "no" ? { ok: true, value: v } : { ok: false, error: "errors.invalid" };
    case "choice":
      return q.config.options?.some((o) => o.value === v) ? { ok: true, value: v } : { ok: false, error: "errors.invalid" };
    case "scale": {
      const n = parseTypedNumber(v, { integer: true });
      const lo = q.config.min ?? 1;
      const hi = q.config.max ?? 5;
      return n !== null && n >= lo && n <= hi ? { ok: true, value: String(n) } : { ok: false, error: "surveys.fill.scaleRange" };
    }
    case "number": {
      const n = parseTypedNumber(v);
      return n !== null && n >= 0 && n <= 1e9 ? { ok: true, value: String(n) } : { ok: false, error: "surveys.fill.notNumber" };
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
export async function storeSurveyPhotos(
  files: { questionId: number; file: File }[],
  opts: { checkOnly?: boolean; already?: Set<string> } = {},
): Promise<{ ok: true; stored: PendingPhoto[] } | Fail> {
  // an empty file input arrives as a nameless file of 0 bytes; a chosen file of 0 bytes is a broken photo
  const real = files.filter((f) => f.file.size > 0 || f.file.name !== "");
  for (const f of real) {
    if (f.file.size === 0) return { ok: false, error: "surveys.fill.photoEmpty", field: answerField(f.questionId) };
    const type = photoTypeOf(f.file);
    if (type !== "ok") return { ok: false, error: type === "heic" ? "surveys.fill.photoHeic" : "surveys.fill.photoType", field: answerField(f.questionId) };
    if (f.file.size > PHOTO_MAX_BYTES) return { ok: false, error: "surveys.fill.photoSize", field: answerField(f.questionId) };
  }
  if (opts.checkOnly) return { ok: true, stored: [] };
  await fs.mkdir(surveyPhotoDir(), { recursive: true });
  const stored: PendingPhoto[] = [];
  const seen = new Set(opts.already);
  for (const f of real) {
    const out = await processPhoto(diskPathOf(f.file) ?? Buffer.from(await f.file.arrayBuffer()));
    if (!out) {
      await discardPhotos(stored);
      return { ok: false, error: "surveys.fill.photoUnreadable", field: answerField(f.questionId) };
    }
    // the same picture chosen twice (or again on another day) is kept once: the processed JPEG of one picture is the
    // same bytes each time
    const key = `${f.questionId}:${createHash("sha256").update(out.data).digest("hex")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fileName = `${randomUUID()}.jpg`;
    await fs.writeFile(path.join(surveyPhotoDir(), fileName), out.data);
    stored.push({ questionId: f.questionId, fileName, width: out.width, height: out.height, bytes: out.data.length });
  }
  return { ok: true, stored };
}

export async function discardPhotos(stored: { fileName: string }[]) {
  await Promise.all(stored.map((s) => fs.rm(path.join(surveyPhotoDir(), s.fileName), { force: true })));
}

/**
 * What a section held when its form was loaded: the latest change to its answers, how many there are and its
 * photos. A save carrying another fingerprint comes from a page out of date (a second tab or phone, a form sent
 * again after the signal dropped) and is refused rather than overwriting or adding the photos twice.
 */
export async function sectionFingerprint(db: Db, responseId: number | null, questionIds: number[]): Promise<string> {
  if (!responseId || !questionIds.length) return "0";
  const [a] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number), last: sql<string | null>`max(${surveyAnswers.updatedAt})::text` })
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.responseId, responseId), inArray(surveyAnswers.questionId, questionIds)));
  const photos = await db
    .select({ id: surveyPhotos.id })
    .from(surveyPhotos)
    .where(and(eq(surveyPhotos.responseId, responseId), inArray(surveyPhotos.questionId, questionIds)))
    .orderBy(asc(surveyPhotos.id));
  if (!a?.n && !photos.length) return "0";
  return `${a?.n ?? 0}|${a?.last ?? ""}|${photos.map((p) => p.id).join(".")}`;
}

export type SaveSectionResult = { ok: true; responseId: number } | { ok: false; errors: Record<string, string[]> };

/** Thrown inside saveSection's transaction to undo what it already wrote (answers, deleted photos) and answer `result`. */
class SaveRefused extends Error {
  constructor(readonly result: SaveSectionResult) {
    super("section save refused");
  }
}

/**
 * Saves one section's answers (blank → removed) and new photos in one transaction; progress stays on the server,
 * so a dropped connection loses at most the section being sent. Refused once submitted or when the campaign closed.
 */
export async function saveSection(
  db: Db,
  input: { assignmentId: number; userId: string; sectionId: number; values: Record<string, string>; photos: PendingPhoto[]; deletePhotoIds?: number[]; loaded?: string },
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
  const removed: { fileName: string }[] = [];
  const result = await db.transaction(async (tx) => {
    await tx.insert(surveyResponses).values({ assignmentId: a.id }).onConflictDoNothing({ target: surveyResponses.assignmentId });
    const [r] = await tx
      .select({ id: surveyResponses.id, status: surveyResponses.status })
      .from(surveyResponses)
      .where(eq(surveyResponses.assignmentId, a.id))
      .for("update");
    if (!r) throw new Error("response not stored");
    if (r.status === "submitted") return { ok: false as const, errors: { _form: ["surveys.fill.alreadySubmitted"] } };
    // the section changed since this form was loaded: nothing is written, the typed values go back to the form
    if (input.loaded !== undefined && input.loaded !== (await sectionFingerprint(tx, r.id, section.questions.map((q) => q.id))))
      throw new SaveRefused({ ok: false, errors: { _form: ["surveys.fill.stale"] } });
    for (const c of clean) {
      if (c.value === "") await tx.delete(surveyAnswers).where(and(eq(surveyAnswers.responseId, r.id), eq(surveyAnswers.questionId, c.questionId)));
      else
        await tx
          .insert(surveyAnswers)
          .values({ responseId: r.id, questionId: c.questionId, value: c.value })
          .onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.questionId], set: { value: c.value, updatedAt: sql`now()` } });
    }
    if (input.deletePhotoIds?.length)
      removed.push(
        ...(await tx
          .delete(surveyPhotos)
          .where(and(eq(surveyPhotos.responseId, r.id), inArray(surveyPhotos.id, input.deletePhotoIds)))
          .returning({ fileName: surveyPhotos.fileName })),
      );
    if (input.photos.length) {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(surveyPhotos)
        .where(and(eq(surveyPhotos.responseId, r.id), inArray(surveyPhotos.questionId, [...photoQuestions])));
      const perQuestion = new Map<number, number>();
      for (const p of input.photos) perQuestion.set(p.questionId, (perQuestion.get(p.questionId) ?? 0) + 1);
      if (n + input.photos.length > SURVEY_PHOTO_MAX * photoQuestions.size || [...perQuestion.values()].some((c) => c > SURVEY_PHOTO_MAX))
        throw new SaveRefused({ ok: false, errors: { [answerField(input.photos[0]?.questionId ?? 0)]: ["surveys.fill.photoTooMany"] } });
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
  }).catch((e: unknown) => {
    if (e instanceof SaveRefused) return e.result;
    throw e;
  });
  // the files of deleted photos go once the deletion is committed (a rolled-back save keeps them)
  if (result.ok) await discardPhotos(removed);
  return result;
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

/**
 * A survey photo for its surveyor or the campaign chapter's leads (checked by the caller through `chapterId`);
 * `surveyorId` is null once the surveyor is no longer a member of the chapter.
 */
export async function getSurveyPhoto(db: Db, photoId: number) {
  const [p] = await db
    .select({ fileName: surveyPhotos.fileName, surveyorId: sql<string | null>`case when ${surveyorIsMember} then ${surveyAssignments.surveyorId} end`, chapterId: surveyCampaigns.chapterId })
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

/** The photos the assignment's response already holds for these questions, as "question:sha256" of their files. */
async function photosHeld(db: Db, assignmentId: number, questionIds: number[], except: number[]): Promise<Set<string>> {
  const rows = (
    await db
      .select({ id: surveyPhotos.id, questionId: surveyPhotos.questionId, fileName: surveyPhotos.fileName })
      .from(surveyPhotos)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyPhotos.responseId))
      .where(and(eq(surveyResponses.assignmentId, assignmentId), inArray(surveyPhotos.questionId, questionIds)))
  ).filter((r) => !except.includes(r.id));
  const out = new Set<string>();
  for (const r of rows) {
    const bytes = await readSurveyPhoto(r.fileName);
    if (bytes) out.add(`${r.questionId}:${createHash("sha256").update(bytes).digest("hex")}`);
  }
  return out;
}

export type SectionFormResult = { ok: true; index: number } | { ok: false; errors: Record<string, string[]>; values: Record<string, string> };

/**
 * The field form's "save" intent: the section's typed answers and new photos (resized, metadata stripped) saved in
 * one go; photos already written are removed again when the answers are refused.
 */
export async function saveSectionFromForm(db: Db, input: { assignmentId: number; userId: string; versionId: number; form: FormData }): Promise<SectionFormResult> {
  const version = await getVersion(db, input.versionId);
  const sectionId = Number(input.form.get("sectionId"));
  const index = (version?.sections.findIndex((s) => s.id === sectionId) ?? -1) + 1;
  const section = version?.sections[index - 1];
  if (!section) throw new Response("Not Found", { status: 404 });
  const values: Record<string, string> = {};
  const files: { questionId: number; file: File }[] = [];
  for (const q of section.questions) {
    const name = answerField(q.id);
    if (q.kind === "photo") {
      for (const f of input.form.getAll(name)) if (typeof f !== "string" && (f.size > 0 || f.name !== "")) files.push({ questionId: q.id, file: f });
    } else values[name] = String(input.form.get(name) ?? "");
  }
  // a file input cannot be filled in again by the page: each photo field whose choice is not kept says so, and the
  // answers are checked before any photo is processed, so that every problem is told on the first try
  const again: Record<string, string[]> = Object.fromEntries(files.map((f) => [answerField(f.questionId), ["surveys.fill.photoAgain"]]));
  const answerErrors: Record<string, string[]> = {};
  for (const q of section.questions) {
    if (q.kind === "photo") continue;
    const checked = checkAnswer(q, values[answerField(q.id)] ?? "");
    if (!checked.ok) answerErrors[answerField(q.id)] = [checked.error];
  }
  const refused = await storeSurveyPhotos(files, { checkOnly: true });
  if (Object.keys(answerErrors).length || !refused.ok)
    return { ok: false, errors: { ...again, ...(refused.ok ? {} : { [refused.field ?? "_form"]: [refused.error] }), ...answerErrors }, values };
  const deletePhotoIds = input.form.getAll("deletePhoto").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  // a photo removed and chosen again in the same save is stored again
  const already = files.length ? await photosHeld(db, input.assignmentId, [...new Set(files.map((f) => f.questionId))], deletePhotoIds) : undefined;
  const stored = await storeSurveyPhotos(files, { already });
  if (!stored.ok) return { ok: false, errors: { ...again, [stored.field ?? "_form"]: [stored.error] }, values };
  const loaded = input.form.get("loaded");
  const r = await saveSection(db, {
    assignmentId: input.assignmentId,
    userId: input.userId,
    sectionId,
    values: { ...values },
    photos: stored.stored,
    deletePhotoIds,
    loaded: typeof loaded === "string" ? loaded : undefined,
  });
  if (!r.ok) {
    await discardPhotos(stored.stored);
    // a page out of date (a form sent again once the signal came back) may have saved its photos the first time, and
    // a closed or submitted survey takes none: only a refusal of a field asks for the photo again
    const fieldRefused = Object.keys(r.errors).some((k) => k !== "_form");
    return { ok: false, errors: fieldRefused ? { ...again, ...r.errors } : r.errors, values };
  }
  return { ok: true, index };
}
