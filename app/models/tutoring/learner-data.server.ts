/**
 * A learner's rights over their request (UU PDP), through the tracking link: see everything held, correct the name
 * and contact, erase it. Erasure (by the learner, or by the retention job a while after the request closed) removes
 * the name, contact, guardian and free text at once; the request row stays with its status, dates, topics, rating
 * and sessions' minutes, so every figure (requests completed, learners helped via learner_key, hours) is unchanged.
 */
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { chapters } from "../../../db/schema/chapters";
import { outbox } from "../../../db/schema/outbox";
import { regions } from "../../../db/schema/regions";
import { tutoringRequestEvents, tutoringRequests, tutoringSessions, type TutoringStatus } from "../../../db/schema/tutoring";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { normalizeWhatsapp } from "~/models/accounts/whatsapp";
import { checkRegion } from "~/models/regions/regions.server";
import { telecentersForTutoring } from "~/models/telecenters/registry.server";
import { queueEmail } from "~/services/outbox.server";
import { parseForm, type FormErrors } from "~/utils/forms.server";
import { CANCELLABLE_STATUSES, NAME_MAX, REGION_FIELD } from "./tutoring-form";
import { hashToken } from "./requests.server";
import { onRequestCancelled } from "./offers.server";
import { chapterRecipients } from "~/models/chapters/recipients.server";

export const ERASED_NOTE = "tutoring.history.erased";

/** The templates of emails about one request (their dedup key is `tutoring-<template>:<requestId>[:…]`). */
const REQUEST_MAILS = ["received", "new-request", "matched", "completed", "cancelled", "escalation"];
const LEARNER_MAILS = ["tutoring-received", "tutoring-matched", "tutoring-completed"];

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Removes the personal data of one request, inside the caller's transaction. The ONE function that erases a
 * learner (tracking page and retention job): roll-up maintenance hooks in here. Figures are unchanged by design.
 */
export async function eraseRequestPersonalData(tx: Db, requestId: number, by: "learner" | "retention", now = new Date()): Promise<void> {
  const [row] = await tx
    .select({ email: tutoringRequests.email, status: tutoringRequests.status })
    .from(tutoringRequests)
    .where(eq(tutoringRequests.id, requestId));
  if (!row) return;
  await pinLearnerKey(tx, requestId);
  await tx
    .update(tutoringRequests)
    .set({
      learnerName: "",
      whatsapp: null,
      email: null,
      details: "",
      cancelReason: null,
      ratingComment: null,
      guardianName: null,
      guardianContact: null,
      erasedAt: now,
      erasedBy: by,
      updatedAt: now,
    })
    .where(eq(tutoringRequests.id, requestId));
  // every free text of the history (the learner's, a lead's cancel note, the tutor's completion note) may name or
  // place the learner; status changes and the system's own notes (dictionary keys) stay
  await tx
    .update(tutoringRequestEvents)
    .set({ note: null })
    .where(and(eq(tutoringRequestEvents.requestId, requestId), sql`${tutoringRequestEvents.note} not like 'tutoring.history.%'`));
  // the tutor's topics and notes are about the learner; dates and minutes stay for the hours figures
  await tx.update(tutoringSessions).set({ topic: "", notes: "" }).where(eq(tutoringSessions.requestId, requestId));
  // every email about the request, whatever address it went to (an old one the learner corrected too)
  const aboutRequest = sql`${outbox.dedupKey} ~ ${`^tutoring-(${REQUEST_MAILS.join("|")}):${requestId}(:|$)`}`;
  const toLearner = or(inArray(outbox.template, LEARNER_MAILS), row.email ? eq(outbox.toEmail, row.email) : undefined);
  await tx.delete(outbox).where(and(aboutRequest, toLearner, eq(outbox.status, "pending")));
  await tx.update(outbox).set({ toEmail: "", payload: {}, subject: null, lastError: null }).where(and(aboutRequest, toLearner));
  // to volunteers and leads: a cancel reason may quote the learner; a pending email still goes, without it
  await tx
    .update(outbox)
    .set({ payload: sql`${outbox.payload} || '{"reason":"—"}'::jsonb`, subject: null })
    .where(and(aboutRequest, eq(outbox.template, "tutoring-cancelled"), eq(outbox.status, "pending")));
  await tx.update(outbox).set({ payload: {}, subject: null, lastError: null }).where(and(aboutRequest, sql`${outbox.status} <> 'pending'`));
  await tx.insert(tutoringRequestEvents).values({ requestId, fromStatus: row.status, toStatus: row.status, actorKind: by === "learner" ? "learner" : "system", note: ERASED_NOTE });
}

/**
 * Before a request's contact changes or goes, every request of the same learner (same WhatsApp, else email) gets
 * one opaque key, so "learners helped" (which counts learner_key, else the contact) counts them as before.
 */
export async function pinLearnerKey(tx: Db, requestId: number): Promise<void> {
  await tx.execute(sql`
    with me as (
      select coalesce(whatsapp, lower(email)) as contact, learner_key from tutoring_request where id = ${requestId}
    ), k as (
      select coalesce(
        (select me.learner_key from me),
        (select t.learner_key from tutoring_request t, me where me.contact is not null and t.learner_key is not null
           and coalesce(t.whatsapp, lower(t.email)) = me.contact limit 1),
        gen_random_uuid()::text) as key
    )
    update tutoring_request t set learner_key = (select key from k)
    where t.learner_key is null
      and (t.id = ${requestId} or coalesce(t.whatsapp, lower(t.email)) = (select contact from me))`);
}

export type LearnerResult = { ok: true } | { ok: false; errors: FormErrors } | { ok: false; notFound: true };

/**
 * The learner erases their request: an open one is cancelled first (the tutor or offered volunteer is told), then
 * the personal data goes, all in one transaction. Erasing twice is harmless.
 */
export async function eraseRequestByToken(db: Db, token: string, confirm: string): Promise<LearnerResult> {
  if (!TOKEN.test(token)) return { ok: false, notFound: true };
  if (confirm !== "yes") return { ok: false, errors: { confirm: ["privacy.learner.confirmRequired"] } };
  return db.transaction(async (tx): Promise<LearnerResult> => {
    const [row] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, regionCode: tutoringRequests.regionCode, tutorId: tutoringRequests.tutorId, erasedAt: tutoringRequests.erasedAt })
      .from(tutoringRequests)
      .where(eq(tutoringRequests.tokenHash, hashToken(token)))
      .for("update");
    if (!row) return { ok: false, notFound: true };
    if (row.erasedAt) return { ok: true };
    const now = new Date();
    if ((CANCELLABLE_STATUSES as readonly string[]).includes(row.status)) {
      await tx.update(tutoringRequests).set({ status: "cancelled", updatedAt: now, closedAt: now }).where(eq(tutoringRequests.id, row.id));
      await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: row.status, toStatus: "cancelled", actorKind: "learner", note: null });
      await onRequestCancelled(tx, row, true, "—");
    }
    await eraseRequestPersonalData(tx, row.id, "learner", now);
    return { ok: true };
  });
}

const correctionSchema = z
  .object({
    name: z.string().trim().min(1).max(NAME_MAX),
    whatsapp: z.string().trim().max(40).optional(),
    email: z.string().trim().toLowerCase().max(254).email("tutoring.emailInvalid").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.whatsapp && !v.email) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["whatsapp"], message: "tutoring.contactRequired" });
    if (v.whatsapp) {
      const w = normalizeWhatsapp(v.whatsapp);
      if (!w.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["whatsapp"], message: w.error });
    }
  });

/** The learner corrects their name and contact (an erased request has nothing left to correct). */
export async function correctRequestByToken(db: Db, token: string, form: FormData): Promise<LearnerResult & { values?: Record<string, string | string[]> }> {
  if (!TOKEN.test(token)) return { ok: false, notFound: true };
  const parsed = parseForm(correctionSchema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  const w = parsed.data.whatsapp ? normalizeWhatsapp(parsed.data.whatsapp) : null;
  const rows = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, name: tutoringRequests.learnerName, whatsapp: tutoringRequests.whatsapp, email: tutoringRequests.email })
      .from(tutoringRequests)
      .where(and(eq(tutoringRequests.tokenHash, hashToken(token)), sql`${tutoringRequests.erasedAt} is null`))
      .for("update");
    if (!target) return [];
    // the same correction sent again (a second tap, a resend after the answer was lost): nothing changes, no new line in the history
    if (target.name === parsed.data.name && target.whatsapp === (w && w.ok ? w.value : null) && target.email === (parsed.data.email ?? null)) return [{ id: target.id, status: target.status }];
    await pinLearnerKey(tx, target.id);
    const updated = await tx
      .update(tutoringRequests)
      .set({ learnerName: parsed.data.name, whatsapp: w && w.ok ? w.value : null, email: parsed.data.email ?? null, updatedAt: new Date() })
      .where(and(eq(tutoringRequests.tokenHash, hashToken(token)), sql`${tutoringRequests.erasedAt} is null`))
      .returning({ id: tutoringRequests.id, status: tutoringRequests.status });
    const r = updated[0];
    if (r) await tx.insert(tutoringRequestEvents).values({ requestId: r.id, fromStatus: r.status, toStatus: r.status, actorKind: "learner", note: "tutoring.history.corrected" });
    return updated;
  });
  if (!rows.length) return { ok: false, notFound: true };
  return { ok: true };
}

/** Statuses in which nobody has been asked to take the request yet: the learner may still move it. */
export const PLACE_CORRECTABLE: readonly TutoringStatus[] = ["new", "unmatched"];

/**
 * The learner corrects the kecamatan/desa they picked on /bantu (`regionCode`: what the picker gave, checked here).
 * Only while the request is on the board (new or unmatched): once a volunteer has been offered it or holds it, they
 * chose it for its place and may already have arranged to come, so the move is refused and the learner is told to
 * write the right place in a note (the volunteer reads the history) or to tell the volunteer. Another kabupaten
 * moves the request to the chapter serving it (whose leads get the new-request email); a telecenter chosen outside
 * the new kabupaten is dropped.
 */
export async function correctPlaceByToken(db: Db, token: string, regionCode: string | null): Promise<LearnerResult> {
  if (!TOKEN.test(token)) return { ok: false, notFound: true };
  const regionError = await checkRegion(db, regionCode, 3);
  if (regionError || !regionCode) return { ok: false, errors: { [REGION_FIELD]: [regionError ?? "regions.required"] } };
  const kabupaten = regionCode.split(".").slice(0, 2).join(".");
  const telecentersThere = new Set((await telecentersForTutoring(db, regionCode)).map((tc) => tc.id));
  return db.transaction(async (tx): Promise<LearnerResult> => {
    const [row] = await tx
      .select({ id: tutoringRequests.id, status: tutoringRequests.status, regionCode: tutoringRequests.regionCode, chapterId: tutoringRequests.chapterId, telecenterId: tutoringRequests.telecenterId, topics: tutoringRequests.topics, erasedAt: tutoringRequests.erasedAt })
      .from(tutoringRequests)
      .where(eq(tutoringRequests.tokenHash, hashToken(token)))
      .for("update");
    if (!row) return { ok: false, notFound: true };
    if (row.erasedAt || !(CANCELLABLE_STATUSES as readonly string[]).includes(row.status)) return { ok: false, errors: { [REGION_FIELD]: ["tutoring.closed"] } };
    if (!PLACE_CORRECTABLE.includes(row.status)) return { ok: false, errors: { [REGION_FIELD]: ["tutoring.track.placeHeld"] } };
    // the same place sent again (a second tap, a resend after the signal dropped): nothing to do
    if (row.regionCode === regionCode) return { ok: true };
    // within its kabupaten the request stays with its chapter; another kabupaten's request goes to the chapter there
    const sameKabupaten = row.regionCode.split(".").slice(0, 2).join(".") === kabupaten;
    const [chapter] = await tx
      .select({ id: chapters.id, name: chapters.name, slug: chapters.slug })
      .from(chapters)
      .where(sameKabupaten ? eq(chapters.id, row.chapterId) : eq(chapters.regionCode, kabupaten))
      .orderBy(asc(chapters.id))
      .limit(1);
    if (!chapter) return { ok: false, errors: { [REGION_FIELD]: ["tutoring.noChapter"] } };
    const now = new Date();
    await tx
      .update(tutoringRequests)
      .set({
        regionCode,
        chapterId: chapter.id,
        telecenterId: row.telecenterId !== null && telecentersThere.has(row.telecenterId) ? row.telecenterId : null,
        updatedAt: now,
      })
      .where(eq(tutoringRequests.id, row.id));
    await tx.insert(tutoringRequestEvents).values({ requestId: row.id, fromStatus: row.status, toStatus: row.status, actorKind: "learner", note: "tutoring.history.placeCorrected" });
    if (chapter.id !== row.chapterId) {
      // the leads of the chapter it came to learn of it as of a new request; its volunteers see it on their board
      const { people: leads } = await chapterRecipients(tx, chapter.id);
      const [place] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, regionCode));
      for (const lead of leads)
        await queueEmail(tx, {
          to: lead.email,
          template: "tutoring-new-request",
          locale: lead.locale === "en" ? "en" : "id",
          payload: { leadName: lead.name, chapterName: chapter.name, place: place?.name ?? regionCode, topics: row.topics, url: `${env.APP_URL}/chapters/${chapter.slug}/tutoring/${row.id}` },
          dedupKey: `tutoring-new-request:${row.id}:${lead.id}:${chapter.id}`,
        });
    }
    return { ok: true };
  });
}

/** Closed statuses after which the retention clock runs. */
export const CLOSED_STATUSES: TutoringStatus[] = ["completed", "cancelled", "unmatched"];

/** Retention: erase the requests closed more than `months` ago (in batches; returns how many). */
export async function eraseExpiredRequests(db: Db, months: number, now = new Date(), batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: tutoringRequests.id })
        .from(tutoringRequests)
        .where(
          and(
            inArray(tutoringRequests.status, CLOSED_STATUSES),
            sql`${tutoringRequests.erasedAt} is null`,
            sql`${tutoringRequests.closedAt} < ${now.toISOString()}::timestamptz - make_interval(months => ${months}::int)`,
          ),
        )
        .limit(batch)
        .for("update", { skipLocked: true });
      for (const r of due) await eraseRequestPersonalData(tx, r.id, "retention", now);
      return due.length;
    });
    total += n;
    if (n < batch) return total;
  }
}
