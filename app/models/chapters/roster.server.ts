import { parse } from "csv-parse/sync";
import { randomBytes, randomUUID } from "node:crypto";
import { sha256 } from "~/utils/hash.server";
import { and, eq, gt, ne, sql, type SQL } from "drizzle-orm";
import { users } from "../../../db/schema/accounts";
import { auditLog, chapterInvitations, chapters, memberships, MEMBERSHIP_ROLES, type MembershipStatus } from "../../../db/schema/chapters";
import { languages, skills, userLanguages, userSkills, volunteerProfiles } from "../../../db/schema/profiles";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import type { Locale } from "~/i18n/locale";
import { dateTimeFormat } from "~/i18n/format";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";

import { dayPartMask, weekdayMask, type DayPart, type Weekday } from "~/models/accounts/availability";
import { spreadsheetCsv, type CsvDelimiter } from "~/services/csv.server";
import { queueEmail } from "~/services/outbox.server";
import { planEachExecution } from "../../../db/plans";
import { jsonColumn, rowsOf } from "../../../db/rows";
import { analyzeTables } from "../../../db/statistics";
import { normalizeWhatsapp, phoneForSpreadsheet, whatsappE164 } from "~/models/accounts/whatsapp";
import { likeEscape, searchTextOf } from "~/utils/search";

export const ROSTER_PAGE_SIZE = 25;

/** A position in the roster's order (name, then id): pages are read from there, never by skipping rows. */
export type RosterCursor = { name: string; id: string };

export type RosterFilters = {
  q?: string | null;
  skillId?: number | null;
  kecamatanCode?: string | null;
  status?: MembershipStatus | "all" | null;
  weekday?: Weekday | null;
  part?: DayPart | null;
  /** the page after this member (the "next" link) … */
  after?: RosterCursor | null;
  /** … or the page before this one (the "previous" link); neither: the first page */
  before?: RosterCursor | null;
  perPage?: number;
};

export type RosterRow = {
  userId: string;
  name: string;
  email: string;
  whatsapp: string | null;
  kecamatan: string | null;
  status: MembershipStatus;
  joinedAt: Date;
  skills: string[];
};

export type RosterPage = {
  rows: RosterRow[];
  /** every member matching the filters (null when not asked for) */
  total: number | null;
  /** cursors for the neighbouring pages; null at either end */
  next: RosterCursor | null;
  prev: RosterCursor | null;
  /** a name search that found nobody: the members whose names look most like it, most alike first ("did you mean") */
  suggestions?: { userId: string; name: string }[];
};

/** The straight apostrophe and the characters keyboards and word processors write for it (’ ‘ ` ´ ʼ). */
const APOSTROPHES = /['\u2019\u2018`\u00b4\u02bc]/g;

/** A search for a member as typed (the lead's assign list, a campaign's surveyors): searchTextOf. */
export const memberSearchOf = searchTextOf;

/** At most this many typed words are matched (a search is at most 100 characters anyway). */
const MAX_SEARCH_WORDS = 8;

/**
 * A name as the search reads it, the twin of SQL's member_search_words (migration 0044): apostrophes left out
 * ("Ma'ruf" is "maruf"), then compatibility forms (full-width letters, ligatures) and accents undone, lower case, and
 * every run of spaces, controls and punctuation (titles' dots, commas, hyphens, quotes) one space.
 */
export function memberSearchWords(text: string): string {
  return text
    .replace(/['\u2019\u2018`\u00b4\u02bc]+/g, "")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[\u0300-\u036f]+/g, "")
    // eslint-disable-next-line no-control-regex -- controls are spaces, as punctuation is
    .replace(/[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f\ufeff\uff01-\uff0f\u0000]+/g, " ")
    .trim();
}

/**
 * A membership (as `m`) found by a search `q` (trimmed, non-empty): by name or email (memberNameOrEmailMatch), and
 * when `q` is nothing but a mobile number, also by the number stored on the profile. The number's members are read
 * first (the array is an InitPlan: the profiles' one scan, no index needed at 20,000 profiles), so the membership's
 * unique index on user_id joins the trigram index's BitmapOr; a plain `in (subquery)` made every phone search filter
 * the whole chapter.
 */
function memberTextMatch(q: string): SQL {
  const text = memberNameOrEmailMatch(q);
  const phone = phoneSearched(q);
  // a number as leads are told it on WhatsApp ("0812-3456-7890", "+62 812 3456 7890", "62812…"): the member whose
  // stored number (normalised +62…) is the same
  return phone ? sql`(${text} or m.user_id = any (array(select vp.user_id from volunteer_profile vp where vp.whatsapp = ${phone})))` : text;
}

/**
 * What was typed as a WhatsApp number (+62…) when it is nothing but one: digits with the signs numbers are written
 * with (+, spaces, dashes, dots, brackets) that read as an Indonesian mobile number; else null.
 */
export function phoneSearched(q: string): string | null {
  const typed = q.normalize("NFKC").trim();
  if (!/^\+?[\d\s\p{Zs}\p{Pd}\p{Cf}().]+$/u.test(typed) || (typed.match(/\d/g)?.length ?? 0) < 9) return null;
  // whatsappE164, not normalizeWhatsapp: its refusals' keys would travel with every page that searches members
  return whatsappE164(typed);
}

/**
 * Found by name or email: every word typed is the start of a word of the
 * member's name, in any order, with other words between (member_search_words on both sides: case, accents,
 * apostrophes and punctuation aside), or the email contains what was typed, case-insensitively, any apostrophe
 * standing for any other. Both are LIKE patterns over membership.search_text (' ' name words U+001F lower(email)),
 * served by its trigram index: '% siti%' can only start in the name (an email has no space), '%\u001f%…%' only in
 * the email. Each typed word goes through the SQL function too, so both sides are read by the same database's
 * lower() (a constant for the planner).
 */
function memberNameOrEmailMatch(q: string): SQL {
  const words = [...new Set(memberSearchWords(q).split(" ").filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
  // an apostrophe matches any apostrophe: "Ma'ruf" is written Ma’ruf by a phone's keyboard, and the other way round;
  // a control character (the separator) is never part of an email
  // eslint-disable-next-line no-control-regex
  const email = likeEscape(q.replace(/[\u0000-\u001f\u007f]/g, " ")).replace(APOSTROPHES, "_");
  const inEmail = sql`m.search_text like '%' || chr(31) || '%' || lower(${email}::text) || '%'`;
  if (!words.length) return inEmail;
  const inName = sql.join(
    words.map((w) => sql`m.search_text like '% ' || member_search_words(${w}::text) || '%'`),
    sql` and `,
  );
  return sql`((${inName}) or ${inEmail})`;
}

/**
 * The first `limit` active members of a chapter by name (volunteers and leads, each person once), optionally only
 * those matching a search (memberTextMatch) and a further condition on the membership `m`: a subquery of (user_id,
 * sort_name) in (sort_name, user_id) order. It is read per membership role from the roster's index (sort_name mirrors
 * the user's name) and stops at `limit`, however large the chapter or the user table: a list in name order joined
 * from app_user walked every user of the database by name to find a small chapter's members.
 */
export function activeMembersByName(chapterId: SQL, opts: { limit: number; search?: string; where?: SQL }): SQL {
  const limit = sql.raw(String(Math.trunc(opts.limit)));
  const match = opts.search ? sql` and ${memberTextMatch(opts.search)}` : sql``;
  const where = opts.where ? sql` and ${opts.where}` : sql``;
  const perRole = MEMBERSHIP_ROLES.map(
    (role) => sql`(select m.user_id, m.sort_name from membership m
      where m.chapter_id = ${chapterId} and m.role = ${sql.raw(`'${role}'`)} and m.status = 'active'${match}${where}
      order by m.sort_name, m.user_id limit ${limit})`,
  );
  return sql`${sql.join(perRole, sql` union `)} order by sort_name, user_id limit ${limit}`;
}

/**
 * The filters as SQL over membership m alone: the columns they read (search_text, kecamatan_code, availability) are
 * copies of the user's and the profile's, kept by triggers, so neither the page nor the count "N members" joins
 * another table to filter — a kecamatan is one range of the chapter's kecamatan index in name order, a name search
 * the trigram index on search_text combined with the chapter's index. `narrowed`: a search whose best plan depends
 * on its values (see db/plans.ts); without one the plan is the same for every chapter and page (walk the chapter's
 * index from the cursor), and the statement can keep its plan.
 */
function conditions(chapterId: SQL, f: RosterFilters): { where: SQL; narrowed: boolean } {
  const parts: SQL[] = [sql`m.chapter_id = ${chapterId}`, sql`m.role = 'volunteer'`];
  let narrowed = false;
  const status = f.status ?? "active";
  if (status !== "all") parts.push(sql`m.status = ${status}`);
  const q = f.q?.trim();
  if (q) {
    parts.push(memberTextMatch(q));
    narrowed = true;
  }
  if (f.skillId) {
    parts.push(sql`exists (select 1 from user_skill us where us.user_id = m.user_id and us.skill_id = ${f.skillId})`);
    narrowed = true;
  }
  if (f.kecamatanCode) {
    parts.push(sql`m.kecamatan_code = ${f.kecamatanCode}`);
    narrowed = true;
  }
  let mask = 0;
  if (f.weekday != null && f.part != null) mask = weekdayMask(f.weekday) & dayPartMask(f.part);
  else if (f.weekday != null) mask = weekdayMask(f.weekday);
  else if (f.part != null) mask = dayPartMask(f.part);
  if (mask) {
    parts.push(sql`(m.availability & ${mask}) <> 0`);
    narrowed = true;
  }
  return { where: sql.join(parts, sql` and `), narrowed };
}

/** A page row as the statement sends it: [user id, name, email, whatsapp, kecamatan, status, applied at, skills]. */
type PageRow = [string, string, string, string | null, string | null, MembershipStatus, string | Date, string[] | null];

/**
 * One page of the roster (one row past it, to tell whether there is a further page) as a json array, and the count
 * for "N members" (skipped when `count` is false), as SQL columns `rows` and `total` over a chapter id expression;
 * with a name search also `sortedRows`, the same page read another way (see below). The page's
 * memberships are chosen first, in (sort_name, user_id) order — sort_name is the user's name — and only those few
 * rows are joined to the user, the profile and the skills for the page's columns.
 */
function rosterColumns(chapterId: SQL, f: RosterFilters, opts: RosterReadOptions): { rows: SQL; sortedRows: SQL | null; total: SQL; narrowed: boolean; perPage: number; backwards: boolean; cursor: RosterCursor | null } {
  const perPage = Math.max(1, Math.min(f.perPage ?? ROSTER_PAGE_SIZE, 1000));
  const { where, narrowed } = conditions(chapterId, f);
  const backwards = !f.after && !!f.before;
  const cursor = f.after ?? f.before ?? null;
  const keyset = cursor ? (backwards ? sql` and (m.sort_name, m.user_id) < (${cursor.name}, ${cursor.id})` : sql` and (m.sort_name, m.user_id) > (${cursor.name}, ${cursor.id})`) : sql``;
  const order = backwards ? sql`m.sort_name desc, m.user_id desc` : sql`m.sort_name, m.user_id`;
  // skill names in the reader's language (a constant column name: each language keeps its own statement and plan)
  const skillName = sql.raw(opts.locale === "en" ? "s.name_en" : "s.name_id");
  const page = (members: SQL) => sql`(select coalesce(json_agg(json_build_array(p.user_id, p.name, p.email, p.whatsapp, p.kecamatan, p.status, p.joined_at, p.skills)
        order by ${backwards ? sql`p.name desc, p.user_id desc` : sql`p.name, p.user_id`}), '[]')
      from (select m.user_id, m.sort_name as name, u.email, vp.whatsapp, kec.name as kecamatan, m.status, m.applied_at as joined_at,
          (select array_agg(${skillName} order by ${skillName}) from user_skill us join skill s on s.id = us.skill_id where us.user_id = m.user_id) as skills
        from (select m.user_id, m.sort_name, m.status, m.applied_at from ${members} order by ${order} limit ${perPage + 1}) m
        join app_user u on u.id = m.user_id
        left join volunteer_profile vp on vp.user_id = m.user_id
        left join region kec on kec.code = vp.kecamatan_code) p)`;
  const total = opts.count === false ? sql`null::int` : sql`(select count(*)::int from membership m where ${where})`;
  // The chapter's order walked from the cursor, the filters checked on the way, stopping after one page.
  const rows = page(sql`membership m where ${where}${keyset}`);
  // A name search with few matches reads them first (trigram index) and sorts them: the planner takes matches to be
  // spread evenly over the name order and walks it, but a first name's matches sit together (every "Siti" after the
  // names from A to R): the walk read 12,700 members for a page of 26. With many matches the walk is the quicker
  // (reading and sorting every "@gmail" costs more than finding 26 of them). The count, needed anyway, decides (see
  // searchRoster). "offset 0" keeps the matches apart from the limit.
  const sortedRows =
    f.q?.trim() && opts.count !== false ? page(sql`(select m.user_id, m.sort_name, m.status, m.applied_at from membership m where ${where}${keyset} offset 0) m`) : null;
  return { rows, sortedRows, total, narrowed, perPage, backwards, cursor };
}

/** Up to this many matches, a name search sorts its matches instead of walking the chapter's name order. */
const SORT_MATCHES_UP_TO = 2000;

function toRosterPage(raw: { rows: unknown; total: unknown }, shape: { perPage: number; backwards: boolean; cursor: RosterCursor | null }): RosterPage {
  const { perPage, backwards, cursor } = shape;
  let rows = jsonColumn<PageRow[]>(raw.rows, []);
  const more = rows.length > perPage;
  rows = rows.slice(0, perPage);
  if (backwards) rows.reverse();
  const at = (r: PageRow | undefined): RosterCursor | null => (r ? { name: r[1], id: r[0] } : null);
  const next = backwards ? at(rows[rows.length - 1]) : more ? at(rows[rows.length - 1]) : null;
  const prev = backwards ? (more ? at(rows[0]) : null) : cursor ? at(rows[0]) : null;
  return {
    total: raw.total === null || raw.total === undefined ? null : Number(raw.total),
    next,
    prev,
    rows: rows.map(([userId, name, email, whatsapp, kecamatan, status, joinedAt, skills]) => ({
      userId,
      name,
      email,
      whatsapp,
      kecamatan,
      status,
      joinedAt: new Date(joinedAt),
      skills: skills ?? [],
    })),
  };
}

/**
 * One page of the roster in (name, id) order, read from a cursor (keyset pagination): the database walks the
 * chapter's index on membership (chapter, role, status, sort_name, user_id) — sort_name is the member's name, kept
 * by triggers — from the cursor and stops after one page, instead of sorting every member and
 * skipping to an offset. Members with the same name are ordered by id, so no one is shown twice or skipped; a
 * member added or removed meanwhile does not shift the next page. The count for "N members" (skippable) comes in
 * the same statement.
 */
/** `count`: false skips the count; `locale`: the language of the skills' names (Indonesian unless asked). */
export type RosterReadOptions = { count?: boolean; locale?: Locale };

export async function searchRoster(db: Db, chapterId: number, f: RosterFilters, opts: RosterReadOptions = {}): Promise<RosterPage> {
  const shape = rosterColumns(sql`${chapterId}`, f, opts);
  // with a name search the count chooses how the page is read; only the branch taken runs
  const rows = shape.sortedRows ? sql`case when t.total <= ${SORT_MATCHES_UP_TO} then ${shape.sortedRows} else ${shape.rows} end` : shape.rows;
  const query = sql`select ${rows} as rows, t.total from (select ${shape.total} as total) t`;
  const [raw] = rowsOf<{ rows: unknown; total: unknown }>(await db.execute(shape.narrowed ? planEachExecution(query) : query));
  const page = toRosterPage(raw ?? { rows: null, total: null }, shape);
  // a first page that found nobody by name: the names most like what was typed, as a fallback
  if (f.q?.trim() && page.total === 0 && !shape.cursor) page.suggestions = await rosterLookAlikes(db, chapterId, f);
  return page;
}

/** Up to this many "did you mean" names. */
const ROSTER_SUGGESTIONS = 5;

/**
 * The chapter's members (with the roster's other filters) whose names look most like a search that found nobody:
 * "Nurhalisa" → Siti Nurhaliza, "Rizal Efendi" → Rizal Effendi, "Nurul Hudha" → Nurul Huda. What was typed, read as
 * names are (member_search_words), is compared by pg_trgm's word similarity with the name's words (search_text up
 * to U+001F; an email is not guessed): the best-matching stretch of the name shares at least 60 % of the typed
 * trigrams (`<%`, pg_trgm's default word_similarity_threshold), which the trigram index on those words (migration
 * 0047) answers. Most alike first; the same chapter, role and filters as the exact search.
 */
export async function rosterLookAlikes(db: Db, chapterId: number, f: RosterFilters): Promise<{ userId: string; name: string }[]> {
  return lookAlikeMembers(db, conditions(sql`${chapterId}`, { ...f, q: null }).where, f.q ?? "");
}

/**
 * The active members (volunteers and leads) of a chapter whose names look most like a search for someone to assign
 * to an event that found nobody, among those `where` allows (not already on the event): as the roster's, each
 * person once (a lead who also volunteers has two memberships).
 */
export async function assignLookAlikes(db: Db, chapterId: number, q: string, where: SQL): Promise<{ userId: string; name: string }[]> {
  return lookAlikeMembers(db, sql`m.chapter_id = ${chapterId} and m.status = 'active' and ${where}`, q, true);
}

async function lookAlikeMembers(db: Db, where: SQL, q: string, perPerson = false): Promise<{ userId: string; name: string }[]> {
  const words = memberSearchWords(q);
  // fewer than 3 letters have too few trigrams to tell names apart
  if (words.replace(/ /g, "").length < 3) return [];
  const typed = sql`member_search_words(${words.slice(0, 80)}::text)`;
  // the name's words alone, as indexed by membership_name_words_trgm_idx (migration 0047)
  const nameWords = sql`split_part(m.search_text, chr(31), 1)`;
  const alike = sql`select m.user_id, m.sort_name as name, word_similarity(${typed}, ${nameWords}) as score from membership m
    where ${where} and ${typed} <% ${nameWords}`;
  const query = perPerson
    ? sql`select user_id, min(name) as name from (${alike}) x group by user_id order by max(score) desc, min(name), user_id limit ${ROSTER_SUGGESTIONS}`
    : sql`${alike} order by score desc, m.sort_name, m.user_id limit ${ROSTER_SUGGESTIONS}`;
  const rows = rowsOf<{ user_id: string; name: string }>(await db.execute(planEachExecution(query)));
  return rows.map((r) => ({ userId: r.user_id, name: r.name }));
}

export type RosterScreen = {
  chapter: { id: number; slug: string; name: string };
  /** whether the reader leads this chapter (or is a national admin); the members are read only then */
  isLead: boolean;
  /** active skills for the filter, in the reader's language */
  skills: { id: number; name: string }[];
  kecamatan: { code: string; name: string }[];
  roster: RosterPage | null;
};

/**
 * Everything the roster page shows: the chapter, whether the reader may see it, the filters' lists and the page of
 * members with their count. The roster as most leads see it (no search or filter) comes in the same statement; a
 * search is a second statement planned for its values (db/plans.ts). The members are read only for a lead of the
 * chapter or a national admin — the route still refuses anyone else.
 */
export async function rosterScreen(
  db: Db,
  input: { slug: string; reader: { id: string; isAdmin: boolean }; filters: RosterFilters; locale: Locale },
): Promise<RosterScreen | null> {
  const en = input.locale === "en";
  const inline = rosterColumns(sql`c.id`, input.filters, { locale: input.locale });
  // a search comes after, in its own statement; nothing about the members is read for anyone but a lead
  const members = inline.narrowed
    ? sql`null::json as rows, null::int as total`
    : sql`case when c.is_lead then ${inline.rows} end as rows, case when c.is_lead then ${inline.total} end as total`;
  const [row] = rowsOf<{ id: number; slug: string; name: string; is_lead: boolean | string; skills: unknown; kecamatan: unknown; rows: unknown; total: unknown }>(
    await db.execute(sql`
      select c.id, c.slug, c.name, c.is_lead,
        (select coalesce(json_agg(json_build_array(s.id, case when ${en} then s.name_en else s.name_id end)
                                  order by case when ${en} then s.name_en else s.name_id end), '[]')
           from skill s where s.active) as skills,
        (select coalesce(json_agg(json_build_array(r.code, r.name) order by r.name), '[]') from region r where r.parent_code = c.region_code) as kecamatan,
        ${members}
      from (select c.id, c.slug, c.name, c.region_code,
              ${input.reader.isAdmin} or exists (select 1 from membership l where l.chapter_id = c.id and l.user_id = ${input.reader.id} and l.role = 'lead' and l.status = 'active') as is_lead
            from chapter c where c.slug = ${input.slug}) c`),
  );
  if (!row) return null;
  const isLead = row.is_lead === true || row.is_lead === "t";
  let roster: RosterPage | null = null;
  if (isLead) roster = inline.narrowed ? await searchRoster(db, row.id, input.filters, { locale: input.locale }) : toRosterPage(row, inline);
  return {
    chapter: { id: Number(row.id), slug: row.slug, name: row.name },
    isLead,
    skills: jsonColumn<[number, string][]>(row.skills, []).map(([id, name]) => ({ id, name })),
    kecamatan: jsonColumn<[string, string][]>(row.kecamatan, []).map(([code, name]) => ({ code, name })),
    roster,
  };
}

export async function chapterKecamatan(db: Db, kabupatenCode: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.parentCode, kabupatenCode))
    .orderBy(regions.name);
}

const CSV_COLUMNS = ["nama", "email", "whatsapp", "kecamatan", "keahlian", "status", "bergabung"] as const;

/** The filtered roster as CSV (every page), with a BOM so spreadsheet programs read UTF-8. */
/** Column names stay the import template's (nama, email, …) so an edited export can be imported again; statuses and skills are in the reader's language (the import reads skills in either). */
export async function rosterCsv(db: Db, chapterId: number, f: RosterFilters, delimiter: CsvDelimiter = ",", locale: Locale = "id"): Promise<string> {
  const t = translator(locale);
  const out: string[][] = [[...CSV_COLUMNS]];
  // the day someone joined is the chapter's (WIB/WITA/WIT): 05:00 WIB on the 5th is still the 4th in UTC
  const [chapter] = await db.select({ regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, chapterId));
  const joinedDay = dateTimeFormat("en-CA", { timeZone: timeZoneOfRegionCode(chapter?.regionCode ?? "") });
  for (let after: RosterCursor | null = null; ; ) {
    const res = await searchRoster(db, chapterId, { ...f, after, before: null, perPage: 1000 }, { count: false, locale });
    for (const r of res.rows)
      out.push([r.name, r.email, phoneForSpreadsheet(r.whatsapp), r.kecamatan ?? "", r.skills.join("; "), t(`roster.status.${r.status}`), joinedDay.format(r.joinedAt)]);
    if (!res.next) break;
    after = res.next;
  }
  return spreadsheetCsv(out, delimiter);
}

// ---------------------------------------------------------------------------------------------------------------
// Import

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export type ImportRow = {
  line: number;
  name: string;
  email: string;
  whatsapp: string | null;
  kecamatanCode: string | null;
  kecamatanName: string | null;
  skillIds: number[];
  skillNames: string[];
  languageCodes: string[];
  status: "active" | "inactive";
  errors: string[];
};

export type ImportPreview = { rows: ImportRow[]; fileError: string | null; validCount: number; errorCount: number };

const HEADER_ALIASES: Record<string, string> = {
  nama: "nama", name: "nama", "nama lengkap": "nama",
  email: "email", "e-mail": "email", surel: "email",
  whatsapp: "whatsapp", wa: "whatsapp", "no wa": "whatsapp", "nomor wa": "whatsapp", hp: "whatsapp", "no hp": "whatsapp",
  kecamatan: "kecamatan", district: "kecamatan",
  keahlian: "keahlian", skills: "keahlian", skill: "keahlian",
  bahasa: "bahasa", languages: "bahasa",
  status: "status",
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const normName = (s: string) => norm(s).replace(/^(kecamatan|kec\.?)\s+/, "");

/** Parses and checks every row against the chapter's region and the managed lists; writes nothing. */
export async function previewImport(db: Db, chapterId: number, csvText: string): Promise<ImportPreview> {
  const empty = (fileError: string): ImportPreview => ({ rows: [], fileError, validCount: 0, errorCount: 0 });
  if (Buffer.byteLength(csvText, "utf8") > IMPORT_MAX_BYTES) return empty("roster.import.tooBig");
  const text = csvText.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch {
    return empty("roster.import.unreadable");
  }
  const header = records.shift()?.map((h) => HEADER_ALIASES[norm(h)] ?? norm(h)) ?? [];
  if (!header.includes("nama") || !header.includes("email")) return empty("roster.import.missingColumns");
  if (records.length === 0) return empty("roster.import.noRows");
  if (records.length > IMPORT_MAX_ROWS) return empty("roster.import.tooManyRows");

  const [chapter] = await db.select({ regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, chapterId));
  if (!chapter) return empty("roster.import.unreadable");
  const kecList = await chapterKecamatan(db, chapter.regionCode);
  const kecByName = new Map(kecList.map((k) => [normName(k.name), k]));
  const kecByCode = new Map(kecList.map((k) => [k.code, k]));
  const skillList = await db.select({ id: skills.id, slug: skills.slug, nameId: skills.nameId, nameEn: skills.nameEn }).from(skills).where(eq(skills.active, true));
  const skillBy = new Map<string, { id: number; nameId: string }>();
  for (const s of skillList) for (const k of [s.slug, s.nameId, s.nameEn]) skillBy.set(norm(k), { id: s.id, nameId: s.nameId });
  const langList = await db.select({ code: languages.code, nameId: languages.nameId, nameEn: languages.nameEn }).from(languages);
  const langBy = new Map<string, string>();
  for (const l of langList) for (const k of [l.code, l.nameId, l.nameEn]) langBy.set(norm(k), l.code);

  const seen = new Set<string>();
  const rows: ImportRow[] = records.map((rec, i) => {
    const get = (col: string) => {
      const idx = header.indexOf(col);
      return idx >= 0 ? (rec[idx] ?? "").trim() : "";
    };
    const errors: string[] = [];
    const name = get("nama");
    if (!name) errors.push("roster.import.err.name");
    const email = get("email").toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push("roster.import.err.email");
    else if (seen.has(email)) errors.push("roster.import.err.duplicate");
    seen.add(email);
    let whatsapp: string | null = null;
    const waRaw = get("whatsapp");
    if (waRaw) {
      const wa = normalizeWhatsapp(waRaw);
      if (wa.ok) whatsapp = wa.value;
      else errors.push("roster.import.err.whatsapp");
    }
    let kec: { code: string; name: string } | undefined;
    const kecRaw = get("kecamatan");
    if (kecRaw) {
      kec = kecByCode.get(kecRaw) ?? kecByName.get(normName(kecRaw));
      if (!kec) errors.push("roster.import.err.kecamatan");
    }
    const skillIds: number[] = [];
    const skillNames: string[] = [];
    for (const s of get("keahlian").split(/[;,]/).map((x) => x.trim()).filter(Boolean)) {
      const found = skillBy.get(norm(s));
      if (!found) errors.push("roster.import.err.skill");
      else if (!skillIds.includes(found.id)) {
        skillIds.push(found.id);
        skillNames.push(found.nameId);
      }
    }
    const languageCodes: string[] = [];
    for (const l of get("bahasa").split(/[;,]/).map((x) => x.trim()).filter(Boolean)) {
      const code = langBy.get(norm(l));
      if (!code) errors.push("roster.import.err.language");
      else if (!languageCodes.includes(code)) languageCodes.push(code);
    }
    const statusRaw = norm(get("status"));
    let status: "active" | "inactive" = "active";
    if (["nonaktif", "tidak aktif", "inactive"].includes(statusRaw)) status = "inactive";
    else if (statusRaw && !["aktif", "active"].includes(statusRaw)) errors.push("roster.import.err.status");
    return {
      line: i + 2,
      name,
      email,
      whatsapp,
      kecamatanCode: kec?.code ?? null,
      kecamatanName: kec?.name ?? null,
      skillIds,
      skillNames,
      languageCodes,
      status,
      errors: [...new Set(errors)],
    };
  });
  const errorCount = rows.filter((r) => r.errors.length).length;
  return { rows, fileError: null, validCount: rows.length - errorCount, errorCount };
}

/** One count only: how many rows were handled, never how many emails already had an account. */
export type ImportResult = { ok: true; processed: number } | { ok: false; preview: ImportPreview };

export const INVITATION_TTL_DAYS = 30;


/**
 * Imports every row in one transaction, or nothing: any invalid row refuses the whole file.
 * New people get an account without a password (and an email to set one), a membership and the profile from the
 * file. An email that already has an account is never enrolled: its owner gets an invitation to accept or decline,
 * and nothing of theirs (profile, WhatsApp, availability) is visible to the chapter before they accept; the file's
 * values for them are dropped. Someone who declined an invitation of this chapter is not asked again.
 */
export async function importRoster(db: Db, input: { chapterId: number; leadId: string; csvText: string; appUrl?: string }): Promise<ImportResult> {
  const preview = await previewImport(db, input.chapterId, input.csvText);
  if (preview.fileError || preview.errorCount > 0) return { ok: false, preview };
  const appUrl = input.appUrl ?? env.APP_URL;
  const result = await db.transaction(async (tx) => {
    const [chapter] = await tx.select({ name: chapters.name, regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, input.chapterId));
    if (!chapter) throw new Error("chapter vanished");
    for (const r of preview.rows) {
      const [existing] = await tx.select({ id: users.id, name: users.name, locale: users.locale }).from(users).where(eq(users.email, r.email));
      if (existing) {
        await inviteExisting(tx, { user: existing, email: r.email, chapterId: input.chapterId, chapterName: chapter.name, leadId: input.leadId, appUrl });
        continue;
      }
      const id = randomUUID();
      await tx.insert(users).values({ id, email: r.email, name: r.name, emailVerifiedAt: null });
      await queueEmail(tx, {
        to: r.email,
        template: "roster-invite",
        locale: "id",
        payload: { name: r.name, chapterName: chapter.name, link: `${appUrl}/forgot-password` },
        dedupKey: `roster-invite:${input.chapterId}:${r.email}`,
      });
      // the profile before the membership: the membership's trigger copies its kecamatan as it is inserted, where a
      // profile written after would rewrite the membership row
      await tx.insert(volunteerProfiles).values({
        userId: id,
        whatsapp: r.whatsapp,
        regionCode: r.kecamatanCode,
        kecamatanCode: r.kecamatanCode,
        kabupatenCode: r.kecamatanCode ? chapter.regionCode : null,
      });
      await tx
        .insert(memberships)
        .values({ userId: id, chapterId: input.chapterId, role: "volunteer", status: r.status, decidedAt: new Date(), decidedBy: input.leadId })
        .onConflictDoNothing();
      if (r.skillIds.length) await tx.insert(userSkills).values(r.skillIds.map((skillId) => ({ userId: id, skillId }))).onConflictDoNothing();
      if (r.languageCodes.length) await tx.insert(userLanguages).values(r.languageCodes.map((languageCode) => ({ userId: id, languageCode }))).onConflictDoNothing();
    }
    await tx.insert(auditLog).values({ actorId: input.leadId, chapterId: input.chapterId, action: "roster.import", subject: `rows:${preview.rows.length}` });
    return { ok: true, processed: preview.rows.length } as const;
  });
  // up to 5,000 people at once: refresh the planner's picture of the tables the roster and matching read
  // (autovacuum would get there only after 10 % of each table changed), once the rows are committed
  if (result.processed >= IMPORT_ANALYZE_MIN_ROWS) await analyzeTables(db, ["app_user", "membership", "volunteer_profile", "user_skill", "user_language"]);
  return result;
}

/** Imports smaller than this leave the statistics to autovacuum. */
export const IMPORT_ANALYZE_MIN_ROWS = 100;

async function inviteExisting(
  tx: Db,
  input: { user: { id: string; name: string; locale: string }; email: string; chapterId: number; chapterName: string; leadId: string; appUrl: string },
): Promise<void> {
  const member = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, input.user.id), eq(memberships.chapterId, input.chapterId), eq(memberships.role, "volunteer"), ne(memberships.status, "declined")));
  if (member.length) return;
  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256(token);
  // a pending or expired invitation is renewed (new link); a declined one is respected
  const rows = await tx
    .insert(chapterInvitations)
    .values({
      tokenHash,
      userId: input.user.id,
      chapterId: input.chapterId,
      invitedBy: input.leadId,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .onConflictDoUpdate({
      target: [chapterInvitations.userId, chapterInvitations.chapterId],
      set: { tokenHash, invitedBy: input.leadId, createdAt: sql`now()`, expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})` },
      setWhere: sql`${chapterInvitations.status} = 'pending'`,
    })
    .returning({ id: chapterInvitations.id });
  if (!rows.length) return;
  await queueEmail(tx, {
    to: input.email,
    template: "chapter-invitation",
    locale: input.user.locale === "en" ? "en" : "id",
    payload: { name: input.user.name, chapterName: input.chapterName, url: `${input.appUrl}/undangan/${token}`, expiresInDays: INVITATION_TTL_DAYS },
    dedupKey: `chapter-invitation:${tokenHash}`,
  });
}

export type InvitationView = { chapterName: string; chapterSlug: string; status: "pending" | "accepted" | "declined" | "withdrawn" };

/** What the invited person sees from the emailed link (nothing about them, only which chapter asks). */
export async function getInvitation(db: Db, token: string): Promise<InvitationView | null> {
  const [row] = await db
    .select({ chapterName: chapters.name, chapterSlug: chapters.slug, status: chapterInvitations.status })
    .from(chapterInvitations)
    .innerJoin(chapters, eq(chapters.id, chapterInvitations.chapterId))
    .where(and(eq(chapterInvitations.tokenHash, sha256(token)), eq(chapterInvitations.role, "volunteer"), gt(chapterInvitations.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Accept → an active membership (the chapter's leads now see the profile); decline → nothing is shared. */
export async function answerInvitation(db: Db, input: { token: string; accept: boolean }): Promise<InvitationView | null> {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(chapterInvitations)
      .set({ status: input.accept ? "accepted" : "declined", decidedAt: sql`now()` })
      .where(
        and(
          eq(chapterInvitations.tokenHash, sha256(input.token)),
          eq(chapterInvitations.role, "volunteer"),
          eq(chapterInvitations.status, "pending"),
          gt(chapterInvitations.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: chapterInvitations.userId, chapterId: chapterInvitations.chapterId, invitedBy: chapterInvitations.invitedBy });
    if (!inv?.userId) return null;
    if (input.accept) {
      await tx
        .insert(memberships)
        .values({ userId: inv.userId, chapterId: inv.chapterId, role: "volunteer", status: "active", decidedAt: new Date(), decidedBy: inv.invitedBy })
        .onConflictDoUpdate({
          target: [memberships.userId, memberships.chapterId, memberships.role],
          set: { status: "active", decidedAt: new Date(), decidedBy: inv.invitedBy, decisionReason: null },
        });
    }
    await tx.insert(auditLog).values({ actorId: inv.userId, chapterId: inv.chapterId, action: input.accept ? "invitation.accept" : "invitation.decline", subject: `user:${inv.userId}` });
    const [c] = await tx.select({ name: chapters.name, slug: chapters.slug }).from(chapters).where(eq(chapters.id, inv.chapterId));
    return { chapterName: c?.name ?? "", chapterSlug: c?.slug ?? "", status: input.accept ? "accepted" : "declined" };
  });
}
