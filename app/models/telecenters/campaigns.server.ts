/** Assessment campaigns: launching, surveyors, progress, results per telecenter and kecamatan (the answers CSV: campaign-csv.server.ts). */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { calendarDate } from "~/utils/forms.server";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { chapters, memberships } from "../../../db/schema/chapters";
import { regions } from "../../../db/schema/regions";
import { surveyAssignments, surveyCampaigns, surveyInstruments, surveyQuestions, surveyResponses, surveySections, surveyVersions, telecenters } from "../../../db/schema/telecenters";
import type { Db } from "~/db.server";
import { activeMembersByName, memberSearchOf } from "~/models/chapters/roster.server";
import { planEachExecution } from "../../../db/plans";
import { rowsOf } from "../../../db/rows";
import { env } from "~/env.server";
import { queueEmail } from "~/services/outbox.server";
import { getVersion } from "~/models/telecenters/instruments.server";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";
import { dateTimeFormat } from "~/i18n/format";
import { formatDate } from "~/i18n/format-date";
import type { Locale } from "~/i18n/locale";

type Fail = { ok: false; error: string; field?: string };

// ---------- campaigns ----------

export const campaignSchema = z.object({
  name: z.string().trim().min(1).max(160),
  chapterId: z.coerce.number().int().positive(),
  versionId: z.coerce.number().int().positive(),
  dueOn: calendarDate().optional(),
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
    if (input.dueOn) {
      // a deadline already past on the chapter's calendar (WIB, WITA or WIT)
      const [ch] = await tx.select({ regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, input.chapterId));
      const today = dateTimeFormat("en-CA", { timeZone: timeZoneOfRegionCode(ch?.regionCode ?? "") }).format(new Date());
      if (input.dueOn < today) return { ok: false as const, error: "surveys.campaign.dueOnPast", field: "dueOn" };
    }
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

/**
 * How many members each telecenter's surveyor list offers. Every row of the assignment table had a list of all the
 * chapter's active members: a campaign of 40 telecenters in a chapter of 500 put 20,000 options in the page. Beyond
 * this many the lead searches by name or email, and the lists offer the first ones by name, the matches, and whoever
 * the campaign already sends or the lead has just chosen.
 */
export const SURVEYOR_LIST = 50;

const byName = new Intl.Collator("id");

/** `matched`: how many of the list are the first by name (or the search's matches), the rest being kept choices. */
export type SurveyorOptions = { list: { id: string; name: string }[]; more: boolean; matched: number };

/**
 * Active members (volunteers and leads) of the chapter who can be sent to survey, as the assignment table offers them:
 * the first SURVEYOR_LIST by name (or matching `search`), plus the campaign's current surveyors and the members in
 * `keep` (choices made before a search), those two only while they are active members. `more`: not everyone is listed.
 */
export async function surveyorOptions(db: Db, chapterId: number, opts: { campaignId?: number; search?: string; keep?: string[] } = {}): Promise<SurveyorOptions> {
  const search = memberSearchOf(opts.search);
  const first = sql`select u.id, u.name, x.sort_name from (${activeMembersByName(sql`${chapterId}`, { limit: SURVEYOR_LIST + 1, search })}) x
    join app_user u on u.id = x.user_id order by x.sort_name, x.user_id`;
  const listed = rowsOf<{ id: string; name: string }>(await db.execute(search ? planEachExecution(first) : first));
  const keep = [...new Set(opts.keep ?? [])].filter((id) => id && id.length <= 100).slice(0, 500);
  const extra =
    opts.campaignId || keep.length
      ? await db
          .selectDistinct({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(
              eq(memberships.chapterId, chapterId),
              eq(memberships.status, "active"),
              or(
                opts.campaignId
                  ? inArray(memberships.userId, db.select({ id: sql<string>`${surveyAssignments.surveyorId}` }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, opts.campaignId)))
                  : undefined,
                keep.length ? inArray(memberships.userId, keep) : undefined,
              ),
            ),
          )
      : [];
  const more = listed.length > SURVEYOR_LIST;
  const byId = new Map([...listed.slice(0, SURVEYOR_LIST), ...extra].map((u) => [u.id, { id: u.id, name: u.name }]));
  const list = [...byId.values()].sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { list, more, matched: Math.min(listed.length, SURVEYOR_LIST) };
}

/** Which of these users are active members (volunteers or leads) of the chapter. */
async function activeMembersAmong(db: Db, chapterId: number, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.status, "active"), inArray(memberships.userId, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Sets or clears surveyors; a submitted response keeps its surveyor. Surveyors must be active in the chapter. */
export async function assignSurveyors(
  db: Db,
  input: { campaignId: number; chapterId: number; choices: { assignmentId: number; surveyorId: string | null }[] },
): Promise<{ ok: true } | Fail> {
  const allowed = await activeMembersAmong(db, input.chapterId, [...new Set(input.choices.flatMap((c) => (c.surveyorId ? [c.surveyorId] : [])))]);
  for (const c of input.choices) if (c.surveyorId && !allowed.has(c.surveyorId)) return { ok: false, error: "surveys.assign.notMember", field: `s_${c.assignmentId}` };
  return db.transaction(async (tx) => {
    const [camp] = await tx
      .select({ id: surveyCampaigns.id })
      .from(surveyCampaigns)
      .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.chapterId, input.chapterId)));
    if (!camp) return { ok: false as const, error: "errors.invalid" };
    // one statement for every choice sent (carried between kecamatan they can be the whole campaign); the last choice
    // for an assignment counts, as the form sends it once
    const last = new Map(input.choices.map((c) => [c.assignmentId, c.surveyorId]));
    if (!last.size) return { ok: true as const };
    const values = sql.join(
      [...last].map(([id, surveyorId]) => sql`(${id}::int, ${surveyorId}::text)`),
      sql`, `,
    );
    const updated = rowsOf<{ id: number; surveyor_id: string | null }>(
      await tx.execute(sql`update survey_assignment a set surveyor_id = v.surveyor_id, assigned_at = now()
        from (values ${values}) as v(id, surveyor_id)
        where a.id = v.id and a.campaign_id = ${camp.id} and a.surveyor_id is distinct from v.surveyor_id
          and not exists (select 1 from survey_response r where r.assignment_id = a.id and r.status = 'submitted')
        returning a.id, a.surveyor_id`),
    );
    const changed = updated.flatMap((r) => (r.surveyor_id ? [{ assignmentId: Number(r.id), surveyorId: r.surveyor_id }] : []));
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
      surveyorActive: sql<boolean>`exists (select 1 from membership sm join survey_campaign sc on sc.id = ${surveyAssignments.campaignId}
        where sm.chapter_id = sc.chapter_id and sm.user_id = ${surveyAssignments.surveyorId} and sm.status = 'active')`.mapWith(Boolean),
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
  return rows.map(({ surveyorActive, ...r }) => {
    const p = previous.get(r.telecenterId);
    // a surveyor who left the chapter no longer holds a survey not yet submitted: the telecenter is nobody's (what
    // was saved stays for the next surveyor); a submitted survey keeps who did it
    const held = surveyorActive || r.status === "submitted";
    return {
      ...r,
      surveyorId: held ? r.surveyorId : null,
      surveyorName: held ? r.surveyorName : null,
      status: r.status ?? ("not_started" as const),
      kecamatanCode: kecamatanOf(r.regionCode),
      kecamatanName: names.get(kecamatanOf(r.regionCode)) ?? kecamatanOf(r.regionCode),
      previousScore: p?.score ?? null,
      previousClass: p?.classification ?? null,
    };
  });
}
export type CampaignRow = Awaited<ReturnType<typeof campaignRows>>[number];

/**
 * The same chapter's latest earlier campaign of the same instrument (any version) that is closed: an open one's
 * scores can still be sent back and change, so it is no baseline to compare with.
 */
export async function previousCampaign(db: Db, campaignId: number) {
  const c = await getCampaign(db, campaignId);
  if (!c) return null;
  const [p] = await db
    .select({ id: surveyCampaigns.id, name: surveyCampaigns.name })
    .from(surveyCampaigns)
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyCampaigns.versionId))
    .where(and(eq(surveyCampaigns.chapterId, c.chapterId), eq(surveyVersions.instrumentId, c.instrumentId), lt(surveyCampaigns.id, c.id), eq(surveyCampaigns.status, "closed")))
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

/**
 * A lead may send a submitted response back to its surveyor (e.g. a wrong photo) while the campaign is open: once it
 * is closed the surveyor could not answer again, and the telecenter would lose its published score.
 */
export async function reopenResponse(db: Db, input: { campaignId: number; chapterId: number; assignmentId: number }): Promise<{ ok: true } | { ok: false; error: string }> {
  return db.transaction(async (tx) => {
    // the campaign row is locked so that closing it cannot slip in between the check and the update
    const [c] = await tx
      .select({ status: surveyCampaigns.status })
      .from(surveyCampaigns)
      .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.chapterId, input.chapterId)))
      .for("update");
    if (!c) return { ok: true };
    if (c.status !== "open") return { ok: false, error: "surveys.fill.closed" };
    const inCampaign = tx
      .select({ id: surveyAssignments.id })
      .from(surveyAssignments)
      .where(and(eq(surveyAssignments.id, input.assignmentId), eq(surveyAssignments.campaignId, input.campaignId)));
    await tx
      .update(surveyResponses)
      .set({ status: "in_progress", submittedAt: null, score: null, classification: null, sectionScores: null })
      .where(inArray(surveyResponses.assignmentId, inCampaign));
    return { ok: true };
  });
}

// ---------- the campaign page (/telecenter/campaigns/<id>): its data and one function per form intent ----------

type CampaignScope = { id: number; chapterId: number; versionId: number };

/** A campaign of more telecenters than this is assigned one kecamatan at a time (a phone builds every list shown). */
export const ASSIGN_ALL = 30;

/** A kecamatan as the assignment form offers it: its telecenters and how many of them have nobody yet. */
export type AssignKecamatan = { code: string; name: string; total: number; unassigned: number };

/** The kecamatan a request names (`kec`), when it is written like one ("35.09.01"). */
export function kecamatanParam(value: unknown): string | null {
  return typeof value === "string" && /^\d{2}\.\d{2}\.\d{2}$/.test(value) ? value : null;
}

/**
 * The assignment form's kecamatan: null for a campaign small enough to show whole; otherwise the one asked for if
 * the campaign has it, else the first (by name) with a telecenter still to assign, else the first.
 */
function assignKecamatanOf(groups: AssignKecamatan[], total: number, wanted: string | null): string | null {
  if (total <= ASSIGN_ALL) return null;
  return groups.find((g) => g.code === wanted)?.code ?? groups.find((g) => g.unassigned > 0)?.code ?? groups[0]?.code ?? null;
}

/**
 * Rows, progress, per-kecamatan results, surveyors and the previous campaign, as the lead's page shows them. A large
 * campaign's assignment form shows one kecamatan (`kec`, see assignKecamatanOf) and the list to choose another.
 */
export async function campaignPageData(db: Db, campaign: CampaignScope, opts: { kec?: string | null } = {}) {
  const [rows, surveyors, previous, version] = await Promise.all([
    campaignRows(db, campaign.id),
    surveyorOptions(db, campaign.chapterId, { campaignId: campaign.id }),
    previousCampaign(db, campaign.id),
    getVersion(db, campaign.versionId),
  ]);
  const sectionCount = version?.sections.length ?? 0;
  const plain = rows.map((r) => ({
    assignmentId: r.assignmentId,
    telecenterId: r.telecenterId,
    telecenterName: r.telecenterName,
    kecamatanCode: r.kecamatanCode,
    kecamatanName: r.kecamatanName,
    surveyorId: r.surveyorId,
    surveyorName: r.surveyorName,
    status: r.status,
    saved: r.sectionsSaved?.length ?? 0,
    score: r.score,
    classification: r.classification,
    sectionScores: r.sectionScores ?? [],
    previousScore: r.previousScore,
    previousClass: r.previousClass,
  }));
  const groups = byKecamatan(rows);
  const assignKecamatan: AssignKecamatan[] = groups.map((g) => ({
    code: g.code,
    name: g.name,
    total: g.rows.length,
    unassigned: g.rows.filter((r) => !r.surveyorId && r.status !== "submitted").length,
  }));
  const kec = assignKecamatanOf(assignKecamatan, rows.length, kecamatanParam(opts.kec));
  return {
    sections: (version?.sections ?? []).map((s) => ({ id: s.id, position: s.position, title: s.title })),
    sectionCount,
    rows: plain,
    progress: progressOf(rows),
    assign: { kecamatan: kec ? assignKecamatan : null, kec },
    kecamatan: groups.map((g) => ({ code: g.code, name: g.name, rows: g.rows.map((r) => ({ id: r.assignmentId, name: r.telecenterName, classification: r.classification, status: r.status })) })),
    surveyors,
    previous,
  };
}

/** The surveyor chosen per telecenter in the assignment form (fields s_<assignmentId>; empty = nobody). */
function surveyorChoices(form: FormData) {
  return [...form.entries()]
    .filter(([k]) => /^s_\d+$/.test(k))
    .map(([k, v]) => ({ assignmentId: Number(k.slice(2)), surveyorId: typeof v === "string" && v ? v : null }));
}

/** What the lead chose, to show again (an error, a search): field name → surveyor id or "". */
function chosenValues(form: FormData): Record<string, string> {
  return Object.fromEntries(surveyorChoices(form).map((c) => [`s_${c.assignmentId}`, c.surveyorId ?? ""]));
}

/**
 * The assignment form's answer when it is not saved: every choice made (also those carried from other kecamatan),
 * the search, the lists, and the kecamatan to show (`kec`, the form's choice; the page checks it).
 */
export type AssignAnswer = { errors?: Record<string, string[]>; values: Record<string, string>; search?: string; surveyors?: SurveyorOptions; kec?: string | null; sendBack?: string };

/** Save the surveyor chosen per telecenter; a failure keeps every choice made. */
export async function campaignAssignFromForm(db: Db, campaign: CampaignScope, form: FormData): Promise<{ ok: true } | ({ ok: false } & AssignAnswer)> {
  const choices = surveyorChoices(form);
  const r = await assignSurveyors(db, { campaignId: campaign.id, chapterId: campaign.chapterId, choices });
  if (!r.ok) {
    const keep = choices.flatMap((c) => (c.surveyorId ? [c.surveyorId] : []));
    const search = memberSearchOf(String(form.get("cari") ?? ""));
    return {
      ok: false,
      errors: { [r.field ?? "_form"]: [r.error] },
      values: chosenValues(form),
      search,
      surveyors: await surveyorOptions(db, campaign.chapterId, { campaignId: campaign.id, search, keep }),
      kec: kecamatanParam(form.get("kec")),
    };
  }
  return { ok: true };
}

/**
 * A search for members to send (field cari) or another kecamatan to show (field kec), answered with the lists and
 * every choice made so far kept: both buttons send the whole form, so Enter in the search field searches whichever
 * comes first.
 */
export async function campaignSurveyorSearch(db: Db, campaign: CampaignScope, form: FormData): Promise<AssignAnswer> {
  const search = memberSearchOf(String(form.get("cari") ?? ""));
  const keep = surveyorChoices(form).flatMap((c) => (c.surveyorId ? [c.surveyorId] : []));
  return { values: chosenValues(form), search, surveyors: await surveyorOptions(db, campaign.chapterId, { campaignId: campaign.id, search, keep }), kec: kecamatanParam(form.get("kec")) };
}

/** Close an open campaign or open a closed one. */
export async function campaignOpenOrClose(db: Db, campaign: CampaignScope, open: boolean): Promise<void> {
  await setCampaignStatus(db, { campaignId: campaign.id, chapterId: campaign.chapterId, status: open ? "open" : "closed" });
}

/** Send one submitted response (field assignmentId) back to its surveyor; refused while the campaign is closed. */
export async function campaignReopenFromForm(db: Db, campaign: CampaignScope, form: FormData): Promise<{ ok: true } | { ok: false; error: string }> {
  return reopenResponse(db, { campaignId: campaign.id, chapterId: campaign.chapterId, assignmentId: Number(form.get("assignmentId")) });
}

/** A campaign's deadline as its pages show it ("Kamis, 31 Desember 2026"), written by the server. */
export function dueOnText(dueOn: string | null, locale: Locale): string | null {
  return dueOn ? formatDate(`${dueOn}T00:00:00Z`, locale, "UTC") : null;
}
