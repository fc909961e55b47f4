import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, countDistinct, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { users } from "../../../db/schema/accounts";
import { regions } from "../../../db/schema/regions";
import { z } from "zod";
import {
  eventRoles,
  events,
  institutions,
  INSTITUTION_TYPES,
  ONBOARDING_KINDS,
  onboardings,
  outcomeInstitutions,
  outcomePhotos,
  outcomeReports,
  signups,
  type OnboardingKind,
} from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { asLocale, eventSummary } from "~/models/events/events.server";
import { splitNpsn } from "~/models/events/institution-names";
import { institutionResolver } from "~/models/events/institutions.server";
import { dropControlChars, previewOnlineList, type OnlineListPreview } from "~/models/events/online-list.server";
import { queueEmail } from "~/services/outbox.server";
import { chapterRecipients } from "~/models/chapters/recipients.server";
import { ONBOARDING_TYPES, type OnboardingType } from "~/models/events/outcome-form";
import { manyStrings, typedNumber } from "~/utils/forms.server";
import { PHOTO_MAX_BYTES, PHOTO_TYPES, photoTypeOf, processPhoto } from "~/services/photos.server";
import { diskPathOf } from "~/services/uploads.server";

export const PHOTO_MAX_COUNT = 10;
export { PHOTO_MAX_BYTES, PHOTO_TYPES };

/** The "other institutions" box: thousands of lines fit; over it the message says the limit. */
export const NEW_INSTITUTIONS_MAX_CHARS = 200_000;

export const reportSchema = z
  .object({
    participantsTotal: typedNumber({ integer: true, min: 0, max: 100000 }),
    participantsFemale: typedNumber({ integer: true, min: 0, max: 100000 }).optional(),
    participantsMale: typedNumber({ integer: true, min: 0, max: 100000 }).optional(),
    notes: z.string().trim().max(5000).optional(),
    institutionIds: manyStrings,
    /** one institution per line (e.g. the schools that came to a seminar) */
    newInstitutionName: z
      .string()
      .trim()
      .max(NEW_INSTITUTIONS_MAX_CHARS)
      .refine((v) => v.split(/\r?\n/).every((l) => l.trim().length <= 160), "errors.lineTooLong?max=160")
      .optional(),
    newInstitutionType: z.enum(INSTITUTION_TYPES).optional(),
    /** a lead filing the report of an event that has ended may approve it in the same step */
    approveNow: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.participantsFemale ?? 0) + (v.participantsMale ?? 0) > v.participantsTotal)
      ctx.addIssue({ code: "custom", path: ["participantsFemale"], message: "events.report.genderTooMany" });
    if (v.newInstitutionName && !v.newInstitutionType)
      ctx.addIssue({ code: "custom", path: ["newInstitutionType"], message: "errors.required" });
  });
export type ReportForm = z.infer<typeof reportSchema>;

/** `regionCode`: the kecamatan given in a pasted list; else the event's. */
export type OnboardingRow = { name: string; type: OnboardingType; kinds: OnboardingKind[]; regionCode?: string | null; npsn?: string | null };

/**
 * Onboarding rows come as onb.0.name, onb.0.type, onb.0.kinds (checkboxes)… so the form works without
 * JavaScript; a row with neither name nor anything ticked is ignored.
 */
export function onboardingRowsFromForm(form: FormData): { rows: OnboardingRow[]; errors: Record<string, string[]> } {
  const raw = new Map<number, { name: string; type: string; kinds: string[] }>();
  for (const [k, v] of form.entries()) {
    const m = /^onb\.(\d+)\.(name|type|kinds)$/.exec(k);
    if (!m || typeof v !== "string") continue;
    const i = Number(m[1]);
    const row = raw.get(i) ?? { name: "", type: "", kinds: [] };
    if (m[2] === "kinds") row.kinds.push(v);
    else if (m[2] === "name") row.name = dropControlChars(v).trim();
    else row.type = v;
    raw.set(i, row);
  }
  const rows: OnboardingRow[] = [];
  const errors: Record<string, string[]> = {};
  for (const [i, r] of [...raw.entries()].sort((a, b) => a[0] - b[0])) {
    const kinds = ONBOARDING_KINDS.filter((x) => r.kinds.includes(x));
    if (!r.name && kinds.length === 0) continue;
    const type = ONBOARDING_TYPES.find((x) => x === (r.type || "umkm"));
    if (!r.name) errors[`onb.${i}.name`] = ["errors.required"];
    else if (r.name.length > 160) errors[`onb.${i}.name`] = ["errors.tooLongMax?max=160"];
    if (!type) errors[`onb.${i}.type`] = ["errors.invalid"];
    if (kinds.length === 0) errors[`onb.${i}.kinds`] = ["events.report.onlineKindRequired"];
    if (r.name && type && kinds.length) rows.push({ name: r.name, type, kinds });
  }
  return { rows, errors };
}

/** The lead, or a volunteer confirmed in a documentation role, may file the report. */
export async function canFileReport(db: Db, eventId: number, userId: string, isLead: boolean): Promise<boolean> {
  if (isLead) return true;
  const rows = await db
    .select({ id: signups.id })
    .from(signups)
    .innerJoin(eventRoles, eq(eventRoles.id, signups.roleId))
    .where(and(eq(signups.eventId, eventId), eq(signups.userId, userId), eq(signups.status, "confirmed"), or(ilike(eventRoles.name, "%dokumentasi%"), ilike(eventRoles.name, "%documentation%"))))
    .limit(1);
  return rows.length > 0;
}

export async function getReport(db: Db, eventId: number) {
  const [r] = await db.select().from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  if (!r) return null;
  const reached = await db
    .select({ id: institutions.id, name: institutions.name, type: institutions.type })
    .from(outcomeInstitutions)
    .innerJoin(institutions, eq(institutions.id, outcomeInstitutions.institutionId))
    .where(eq(outcomeInstitutions.reportId, r.id))
    .orderBy(asc(institutions.name));
  const online = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      npsn: institutions.npsn,
      type: institutions.type,
      kinds: onboardings.kinds,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      // a desa is written back for editing with its kecamatan (see onlineListText)
      parentName: sql<string | null>`(select p.name from ${regions} p where p.code = ${regions.parentCode})`,
    })
    .from(onboardings)
    .innerJoin(institutions, eq(institutions.id, onboardings.institutionId))
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(eq(onboardings.reportId, r.id))
    .orderBy(asc(institutions.name));
  const photos = await db
    .select({ id: outcomePhotos.id, width: outcomePhotos.width, height: outcomePhotos.height })
    .from(outcomePhotos)
    .where(eq(outcomePhotos.reportId, r.id))
    .orderBy(asc(outcomePhotos.id));
  return { ...r, reached, online, photos };
}

export type PhotoCheck = { ok: true; files: File[] } | { ok: false; error: string };

/** Type and size limits, checked before anything is stored. */
export function checkPhotos(files: File[]): PhotoCheck {
  const real = files.filter((f) => f.size > 0);
  if (real.length > PHOTO_MAX_COUNT) return { ok: false, error: "events.report.photoTooMany" };
  for (const f of real) {
    const type = photoTypeOf(f);
    if (type !== "ok") return { ok: false, error: type === "heic" ? "events.report.photoHeic" : "events.report.photoType" };
    if (f.size > PHOTO_MAX_BYTES) return { ok: false, error: "events.report.photoSize" };
  }
  return { ok: true, files: real };
}

export type StoredPhoto = { fileName: string; width: number; height: number; bytes: number; contentType: string };

export function photoDir(): string {
  return path.join(env.UPLOADS_DIR, "events");
}

/** Process and write files before the transaction; the caller inserts the rows in it. */
export async function storePhotos(files: File[]): Promise<{ ok: true; stored: StoredPhoto[] } | { ok: false; error: string }> {
  await fs.mkdir(photoDir(), { recursive: true });
  const stored: StoredPhoto[] = [];
  for (const f of files) {
    const out = await processPhoto(diskPathOf(f) ?? Buffer.from(await f.arrayBuffer()));
    if (!out) {
      await Promise.all(stored.map((s) => fs.rm(path.join(photoDir(), s.fileName), { force: true })));
      return { ok: false, error: "events.report.photoUnreadable" };
    }
    const fileName = `${randomUUID()}.jpg`;
    await fs.writeFile(path.join(photoDir(), fileName), out.data);
    stored.push({ fileName, width: out.width, height: out.height, bytes: out.data.length, contentType: "image/jpeg" });
  }
  return { ok: true, stored };
}

/**
 * Honest timing: what happened can be reported once the event (its first session) has started, and approved —
 * so that it counts — only after it (its last session) has ended.
 */
export async function reportTiming(db: Db, eventId: number, now = new Date()): Promise<{ started: boolean; ended: boolean; startsAt: Date; endsAt: Date } | null> {
  const [e] = await db.select({ startsAt: events.startsAt, endsAt: events.endsAt }).from(events).where(eq(events.id, eventId));
  if (!e) return null;
  return { ...e, started: e.startsAt.getTime() <= now.getTime(), ended: e.endsAt.getTime() <= now.getTime() };
}

export type SaveReportResult = { ok: true; reportId: number; repeated?: true } | { ok: false; reason: "notStarted" };

/**
 * File or update the report (an edit sends an approved report back for approval, unless the lead approves it now);
 * refused before the event starts.
 */
export async function saveReport(
  db: Db,
  input: {
    eventId: number;
    chapterRegion: string;
    eventRegion: string;
    userId: string;
    form: ReportForm;
    onboarded: OnboardingRow[];
    photos: StoredPhoto[];
    /** the filer is a lead of the chapter: with form.approveNow an ended event's report is approved at once */
    lead?: boolean;
    /** the form page's one-time token: a second save with the same token (a double submit) changes nothing */
    formToken?: string | null;
    now?: Date;
  },
): Promise<SaveReportResult> {
  const f = input.form;
  return db.transaction(async (tx): Promise<SaveReportResult> => {
    if (!(await reportTiming(tx, input.eventId, input.now))?.started) return { ok: false, reason: "notStarted" };
    const values = {
      eventId: input.eventId,
      status: "submitted" as const,
      participantsTotal: f.participantsTotal,
      participantsFemale: f.participantsFemale ?? null,
      participantsMale: f.participantsMale ?? null,
      notes: f.notes ?? "",
      submittedBy: input.userId,
      submittedAt: sql`now()`,
      approvedBy: null,
      approvedAt: null,
      formToken: input.formToken ?? null,
    };
    // the same form sent twice at once (a double click): the second insert waits for the first and then finds its
    // token, so it neither stores the photos again nor mails the leads again; the same page sent again minutes later
    // (back button, edited) is saved as usual
    const [r] = await tx
      .insert(outcomeReports)
      .values(values)
      .onConflictDoUpdate({ target: outcomeReports.eventId, set: values, where: input.formToken ? sql`${outcomeReports.formToken} is distinct from ${input.formToken} or ${outcomeReports.submittedAt} < now() - interval '2 minutes'` : undefined })
      .returning({ id: outcomeReports.id });
    if (!r) {
      const [same] = await tx.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, input.eventId));
      if (!same) throw new Error("report not stored");
      // this request's copies of the photos are not referenced by anything
      await Promise.all(input.photos.map((p) => fs.rm(path.join(photoDir(), p.fileName), { force: true })));
      return { ok: true, reportId: same.id, repeated: true };
    }
    // institutions come from the registry of the chapter's province (its own area and the neighbouring kab/kota)
    const province = input.chapterRegion.split(".")[0] ?? input.chapterRegion;
    const ids = f.institutionIds.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    const picked = ids.length
      ? await tx
          .select({ id: institutions.id })
          .from(institutions)
          .where(and(inArray(institutions.id, ids), sql`${institutions.regionCode} like ${province + ".%"}`))
      : [];
    const reachedIds = new Set(picked.map((p) => p.id));
    const resolve = await institutionResolver(tx, { chapterRegion: input.chapterRegion, createdBy: input.userId });
    const newLines = (f.newInstitutionName ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (f.newInstitutionType)
      for (const line of newLines) {
        const { name, npsn } = splitNpsn(line, f.newInstitutionType === "school");
        if (!name && !npsn) continue;
        const inst = await resolve({ type: f.newInstitutionType, name: name || line, npsn, regionCode: input.eventRegion });
        reachedIds.add(inst.id);
      }
    // the form shows every onboarding row already filed, so a save replaces them all
    const onboarded = new Map<number, OnboardingKind[]>();
    for (const row of input.onboarded) {
      // an 8-digit number in a UMKM's name ("Kopi 24041945") is part of its name; a school's is its NPSN
      const { name, npsn } = row.npsn ? { name: row.name, npsn: row.npsn } : splitNpsn(row.name, row.type === "school");
      const inst = await resolve({ type: row.type, name: name || row.name, npsn, regionCode: row.regionCode ?? input.eventRegion });
      reachedIds.add(inst.id);
      onboarded.set(inst.id, ONBOARDING_KINDS.filter((k) => row.kinds.includes(k) || (onboarded.get(inst.id) ?? []).includes(k)));
    }
    await tx.delete(outcomeInstitutions).where(eq(outcomeInstitutions.reportId, r.id));
    for (const chunk of chunks([...reachedIds], 1000)) await tx.insert(outcomeInstitutions).values(chunk.map((id) => ({ reportId: r.id, institutionId: id })));
    await tx.delete(onboardings).where(eq(onboardings.reportId, r.id));
    for (const chunk of chunks([...onboarded], 1000)) await tx.insert(onboardings).values(chunk.map(([institutionId, kinds]) => ({ reportId: r.id, institutionId, kinds })));
    if (input.photos.length) await tx.insert(outcomePhotos).values(input.photos.map((p) => ({ ...p, reportId: r.id, uploadedBy: input.userId })));
    if (input.lead && f.approveNow === "1") {
      // only once the event is over, and not for an event cancelled meanwhile: an approved report counts toward the targets at once
      const [ended] = await tx
        .update(outcomeReports)
        .set({ status: "approved", approvedBy: input.userId, approvedAt: sql`now()` })
        .where(and(eq(outcomeReports.id, r.id), sql`exists (select 1 from ${events} e where e.id = ${input.eventId} and e.ends_at <= now() and e.status <> 'cancelled')`))
        .returning({ id: outcomeReports.id });
      if (ended) {
        await tx.update(events).set({ status: "completed", updatedAt: sql`now()` }).where(and(eq(events.id, input.eventId), eq(events.status, "published")));
        return { ok: true, reportId: r.id };
      }
    }
    await mailLeads(tx, input.eventId, input.userId);
    return { ok: true, reportId: r.id };
  });
}

export type FileReportResult = { ok: true; id: number } | { ok: false; reason: "onlineList"; online: OnlineListPreview } | { ok: false; reason: "notStarted" };

/**
 * The report with its go-online list (pasted text and/or an uploaded CSV): every line checked first; one bad line
 * and nothing is written (the preview with each line's errors comes back), else one transaction writes it all.
 */
export async function fileReport(db: Db, input: Parameters<typeof saveReport>[1] & { list: string; file: string }): Promise<FileReportResult> {
  const online = await previewOnlineList(db, { chapterRegion: input.chapterRegion, eventRegion: input.eventRegion, list: input.list, file: input.file });
  if (online.fileError || online.errorCount) return { ok: false, reason: "onlineList", online };
  const listed = online.rows.flatMap((r) => (r.type ? [{ name: r.name, npsn: r.npsn, type: r.type, kinds: r.kinds, regionCode: r.regionCode }] : []));
  const saved = await saveReport(db, { ...input, onboarded: [...listed, ...input.onboarded] });
  return saved.ok ? { ok: true, id: saved.reportId } : saved;
}

function chunks<T>(all: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

export type ApproveResult = { ok: true } | { ok: false; reason: "notFound" | "notEnded" | "changed" | "cancelled" };

/**
 * Approve a filed report (it counts from then on); refused until the event has ended, and for an event cancelled
 * after its report was filed (it did not take place: its participants and institutions count nowhere).
 */
export async function approveReport(db: Db, input: { eventId: number; chapterId: number; userId: string; now?: Date }): Promise<ApproveResult> {
  return db.transaction(async (tx): Promise<ApproveResult> => {
    // the event's row is locked: a cancellation at the same moment waits for the approval, or the approval for it
    const [ev] = await tx
      .select({ id: events.id, endsAt: events.endsAt, status: events.status })
      .from(events)
      .where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)))
      .for("update");
    if (!ev) return { ok: false, reason: "notFound" };
    if (ev.status === "cancelled") return { ok: false, reason: "cancelled" };
    if (ev.endsAt.getTime() > (input.now ?? new Date()).getTime()) return { ok: false, reason: "notEnded" };
    const [r] = await tx
      .update(outcomeReports)
      .set({ status: "approved", approvedBy: input.userId, approvedAt: sql`now()` })
      .where(and(eq(outcomeReports.eventId, ev.id), eq(outcomeReports.status, "submitted")))
      .returning({ id: outcomeReports.id });
    if (!r) {
      // a report no longer waiting: approved meanwhile (done), or sent back in another tab since the page was loaded
      const [other] = await tx.select({ status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, ev.id));
      if (other?.status === "approved") return { ok: true };
      return { ok: false, reason: other ? "changed" : "notFound" };
    }
    await tx.update(events).set({ status: "completed", updatedAt: sql`now()` }).where(and(eq(events.id, ev.id), eq(events.status, "published")));
    await mailSubmitter(tx, ev.id, input.userId, "approved");
    return { ok: true };
  });
}

/** The lead sends a filed report back with a note (by email); it counts only once approved. */
export async function returnReport(db: Db, input: { eventId: number; chapterId: number; userId: string; note: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ev] = await tx.select({ id: events.id }).from(events).where(and(eq(events.id, input.eventId), eq(events.chapterId, input.chapterId)));
    if (!ev) return false;
    const [r] = await tx
      .update(outcomeReports)
      .set({ status: "returned", approvedBy: null, approvedAt: null })
      .where(and(eq(outcomeReports.eventId, ev.id), inArray(outcomeReports.status, ["submitted", "approved"])))
      .returning({ id: outcomeReports.id });
    if (!r) return false;
    await mailSubmitter(tx, ev.id, input.userId, "returned", input.note);
    return true;
  });
}

async function nameOf(tx: Db, userId: string): Promise<string> {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? "";
}

/** Every active lead of the event's chapter but the one who filed it hears that a report awaits approval. */
async function mailLeads(tx: Db, eventId: number, byUserId: string) {
  const ev = await eventSummary(tx, eventId);
  if (!ev) return;
  const [ch] = await tx.select({ chapterId: events.chapterId }).from(events).where(eq(events.id, eventId));
  if (!ch) return;
  // a chapter without a lead: the national admins approve its reports until one is appointed
  const leads = (await chapterRecipients(tx, ch.chapterId)).people.filter((l) => l.id !== byUserId);
  const by = await nameOf(tx, byUserId);
  const stamp = Date.now();
  for (const l of leads)
    await queueEmail(tx, { to: l.email, template: "event-report", locale: asLocale(l.locale), payload: { kind: "submitted", name: l.name, by, event: ev }, dedupKey: `event-report:submitted:${eventId}:${l.id}:${stamp}` });
}

async function mailSubmitter(tx: Db, eventId: number, byUserId: string, kind: "approved" | "returned", note?: string) {
  const [r] = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(outcomeReports)
    .innerJoin(users, eq(users.id, outcomeReports.submittedBy))
    .where(eq(outcomeReports.eventId, eventId));
  if (!r || r.id === byUserId) return;
  const ev = await eventSummary(tx, eventId);
  if (!ev) return;
  await queueEmail(tx, {
    to: r.email,
    template: "event-report",
    locale: asLocale(r.locale),
    payload: { kind, name: r.name, by: await nameOf(tx, byUserId), note: note || undefined, event: ev },
    dedupKey: `event-report:${kind}:${eventId}:${r.id}:${Date.now()}`,
  });
}

/** Only approved reports count; an institution reached at several events counts once. */
export async function chapterOutcomeTotals(db: Db, chapterId: number, since?: Date) {
  const scope = and(eq(events.chapterId, chapterId), eq(outcomeReports.status, "approved"), since ? sql`${events.startsAt} >= ${since}` : undefined);
  const [p] = await db
    .select({ participants: sql<number>`coalesce(sum(${outcomeReports.participantsTotal}), 0)::int`, reports: sql<number>`count(*)::int` })
    .from(outcomeReports)
    .innerJoin(events, eq(events.id, outcomeReports.eventId))
    .where(scope);
  const [i] = await db
    .select({ institutions: countDistinct(outcomeInstitutions.institutionId) })
    .from(outcomeInstitutions)
    .innerJoin(outcomeReports, eq(outcomeReports.id, outcomeInstitutions.reportId))
    .innerJoin(events, eq(events.id, outcomeReports.eventId))
    .where(scope);
  const [o] = await db
    .select({ onboarded: countDistinct(onboardings.institutionId) })
    .from(onboardings)
    .innerJoin(outcomeReports, eq(outcomeReports.id, onboardings.reportId))
    .innerJoin(events, eq(events.id, outcomeReports.eventId))
    .where(scope);
  return { participants: p?.participants ?? 0, reports: p?.reports ?? 0, institutions: Number(i?.institutions ?? 0), onboarded: Number(o?.onboarded ?? 0) };
}

/** A stored photo, if the event it belongs to is visible to the asker (checked by the caller). */
export async function getPhoto(db: Db, eventId: number, photoId: number) {
  const [p] = await db
    .select({ fileName: outcomePhotos.fileName, contentType: outcomePhotos.contentType, reportStatus: outcomeReports.status })
    .from(outcomePhotos)
    .innerJoin(outcomeReports, eq(outcomeReports.id, outcomePhotos.reportId))
    .where(and(eq(outcomePhotos.id, photoId), eq(outcomeReports.eventId, eventId)));
  return p ?? null;
}

export async function readPhoto(fileName: string): Promise<Buffer | null> {
  if (!/^[0-9a-f-]{36}\.jpg$/.test(fileName)) return null;
  return fs.readFile(path.join(photoDir(), fileName)).catch(() => null);
}

/** Remove one photo of the event's report (row and file). */
export async function deletePhoto(db: Db, input: { eventId: number; photoId: number }): Promise<boolean> {
  const [p] = await db
    .select({ id: outcomePhotos.id, fileName: outcomePhotos.fileName })
    .from(outcomePhotos)
    .innerJoin(outcomeReports, eq(outcomeReports.id, outcomePhotos.reportId))
    .where(and(eq(outcomePhotos.id, input.photoId), eq(outcomeReports.eventId, input.eventId)));
  if (!p) return false;
  await db.delete(outcomePhotos).where(eq(outcomePhotos.id, p.id));
  if (/^[0-9a-f-]{36}\.jpg$/.test(p.fileName)) await fs.rm(path.join(photoDir(), p.fileName), { force: true });
  return true;
}
