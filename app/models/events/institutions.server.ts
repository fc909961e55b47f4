import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { events, institutions, onboardings, outcomeInstitutions, type InstitutionType } from "../../../db/schema/events";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { institutionDedupKey, normaliseInstitutionName, normalisedNameSql, schoolLevel } from "~/models/events/institution-names";
import { rowsOf } from "../../../db/rows";
import { likeEscape, searchTextOf } from "~/utils/search";

/** A chapter's area (its kab/kota) and the neighbouring kab/kota of the same province. */
function inProvince(chapterRegion: string) {
  const province = chapterRegion.split(".")[0] ?? chapterRegion;
  return like(institutions.regionCode, `${province}.%`);
}

function inArea(regionPrefix: string) {
  return or(eq(institutions.regionCode, regionPrefix), like(institutions.regionCode, `${regionPrefix}.%`));
}

const nameKey = normalisedNameSql(sql`${institutions.name}`);

type Known = { id: number; type: string; npsn: string | null; regionCode: string; key: string };

/**
 * Resolves the institutions a report names to registry rows. The registry of the chapter's area is read once (a
 * report of 500 UMKM costs one read plus the new rows), so a report's lines are matched in memory:
 * the school with this NPSN wherever it was recorded; else the same type with the same name (written any accepted
 * way) anywhere in the chapter's area — a school reached again in another kecamatan is the same row; else a new row.
 */
export async function institutionResolver(tx: Db, input: { chapterRegion: string; createdBy: string | null }) {
  const rows = await tx
    .select({ id: institutions.id, type: institutions.type, npsn: institutions.npsn, regionCode: institutions.regionCode, name: institutions.name })
    .from(institutions)
    .where(inArea(input.chapterRegion))
    .orderBy(asc(institutions.id));
  const known: Known[] = rows.map((r) => ({ id: r.id, type: r.type, npsn: r.npsn, regionCode: r.regionCode, key: normaliseInstitutionName(r.name) }));
  return async function resolve(item: { type: InstitutionType; name: string; npsn?: string | null; regionCode: string }): Promise<{ id: number; created: boolean }> {
    const npsn = item.type === "school" && item.npsn && /^\d{8}$/.test(item.npsn) ? item.npsn : null;
    if (npsn) {
      const local = known.find((k) => k.npsn === npsn);
      if (local) return { id: local.id, created: false };
      const [far] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.npsn, npsn));
      if (far) return { id: far.id, created: false };
    }
    const key = normaliseInstitutionName(item.name);
    const same = known.filter((k) => k.type === item.type && k.key === key).sort((a, b) => Number(b.regionCode === item.regionCode) - Number(a.regionCode === item.regionCode));
    // a row with another NPSN is another school of the same name
    const match = same.find((r) => !npsn || r.npsn === null || r.npsn === npsn);
    if (match) {
      if (npsn && match.npsn === null) {
        await tx.update(institutions).set({ npsn }).where(eq(institutions.id, match.id));
        match.npsn = npsn;
      }
      return { id: match.id, created: false };
    }
    // same name and region but another NPSN: told apart by the number in the key
    const dedupKey = npsn && same.length ? `${item.type}|npsn|${npsn}` : institutionDedupKey(item.type, item.regionCode, item.name);
    const [made] = await tx
      .insert(institutions)
      .values({ type: item.type, name: item.name.trim(), regionCode: item.regionCode, dedupKey, npsn, level: item.type === "school" ? schoolLevel(item.name) : null, createdBy: input.createdBy })
      .onConflictDoNothing()
      .returning({ id: institutions.id });
    let id = made?.id;
    if (!id) {
      // an older row outside the chapter's area holds the key (or a concurrent report made it)
      const [existing] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.dedupKey, dedupKey));
      if (!existing) throw new Error("institution not stored");
      id = existing.id;
    }
    known.push({ id, type: item.type, npsn, regionCode: item.regionCode, key });
    return { id, created: Boolean(made) };
  };
}

/** One institution (the venue registry's add form). */
export async function resolveInstitution(
  tx: Db,
  input: { type: InstitutionType; name: string; npsn?: string | null; regionCode: string; chapterRegion: string; createdBy: string | null },
): Promise<{ id: number; created: boolean }> {
  const resolve = await institutionResolver(tx, { chapterRegion: input.chapterRegion, createdBy: input.createdBy });
  return resolve(input);
}

export type InstitutionHit = { id: number; name: string; type: InstitutionType; level: string | null; npsn: string | null; regionCode: string; regionName: string; inChapter: boolean };

/**
 * Registry entries that look like what the lead typed, across the chapter's area and the neighbouring kab/kota of
 * its province: the chapter's own first, then by similarity of the normalised names (pg_trgm), an NPSN exactly.
 */
export async function suggestInstitutions(db: Db, input: { chapterRegion: string; q: string; limit?: number }): Promise<InstitutionHit[]> {
  const q = input.q.trim().slice(0, 120);
  if (q.length < 2) return [];
  const { name, npsn } = /^\d{8}$/.test(q) ? { name: "", npsn: q } : { name: q, npsn: null };
  const key = normaliseInstitutionName(name);
  const score = key ? sql`similarity(${nameKey}, ${key})` : sql`0.0::float8`;
  const rows = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      type: institutions.type,
      level: institutions.level,
      npsn: institutions.npsn,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      score: sql<number>`${score}::float8`,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(
      and(
        inProvince(input.chapterRegion),
        npsn
          ? eq(institutions.npsn, npsn)
          : or(sql`${score} >= 0.3`, sql`${nameKey} like ${`%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`, sql`lower(${institutions.name}) like ${`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`),
      ),
    )
    .orderBy(sql`(${institutions.regionCode} = ${input.chapterRegion} or ${institutions.regionCode} like ${`${input.chapterRegion}.%`}) desc`, sql`${score} desc`, asc(institutions.name))
    .limit(input.limit ?? 30);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    level: r.level,
    npsn: r.npsn,
    regionCode: r.regionCode,
    regionName: r.regionName,
    inChapter: r.regionCode === input.chapterRegion || r.regionCode.startsWith(`${input.chapterRegion}.`),
  }));
}

/** Registry rows by id within the province (the ones a report form already names). */
export async function institutionsByIds(db: Db, input: { chapterRegion: string; ids: number[] }): Promise<InstitutionHit[]> {
  const ids = input.ids.filter((n) => Number.isSafeInteger(n) && n > 0);
  if (!ids.length) return [];
  const rows = await db
    .select({ id: institutions.id, name: institutions.name, type: institutions.type, level: institutions.level, npsn: institutions.npsn, regionCode: institutions.regionCode, regionName: regions.name })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(inProvince(input.chapterRegion), sql`${institutions.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
    .orderBy(asc(institutions.name));
  return rows.map((r) => ({ ...r, inChapter: r.regionCode === input.chapterRegion || r.regionCode.startsWith(`${input.chapterRegion}.`) }));
}

export type DuplicatePair = {
  a: { id: number; name: string; regionName: string; npsn: string | null; uses: number };
  b: { id: number; name: string; regionName: string; npsn: string | null; uses: number };
  type: InstitutionType;
  similarity: number;
};

/**
 * Pairs of the same type in the chapter's area whose names look alike (normalised names ≥ 0.6 similar, the same
 * numbers, the same school level, no conflicting NPSN): for the lead to merge or leave. The more used row comes first.
 */
export async function possibleDuplicates(db: Db, input: { regionPrefix: string; limit?: number }): Promise<DuplicatePair[]> {
  const like = `${input.regionPrefix}.%`;
  const result = await db.execute(sql`
    with r as (
      select i.id, i.name, i.type, i.level, i.npsn, rg.name as region_name, ${normalisedNameSql(sql`i.name`)} as k,
        -- the numbers in the name, leading zeros aside ("SDN 01" is school no. 1)
        regexp_replace(regexp_replace(i.name, '[^0-9]+', ' ', 'g'), '(^| )0+([0-9])', '\\1\\2', 'g') as digits,
        (select count(*) from ${outcomeInstitutions} oi where oi.institution_id = i.id)
          + (select count(*) from ${onboardings} o where o.institution_id = i.id)
          + (select count(*) from ${events} e where e.venue_id = i.id) as uses
      from ${institutions} i join ${regions} rg on rg.code = i.region_code
      where i.region_code = ${input.regionPrefix} or i.region_code like ${like}
    )
    select a.id as a_id, a.name as a_name, a.region_name as a_region, a.npsn as a_npsn, a.uses::int as a_uses,
      b.id as b_id, b.name as b_name, b.region_name as b_region, b.npsn as b_npsn, b.uses::int as b_uses,
      a.type, similarity(a.k, b.k)::float8 as sim
    from r a join r b on a.type = b.type and a.id < b.id
    where similarity(a.k, b.k) >= 0.6
      and btrim(a.digits) = btrim(b.digits)
      and coalesce(a.level, '') = coalesce(b.level, '')
      and (a.npsn is null or b.npsn is null or a.npsn = b.npsn)
    order by sim desc, a.name
    limit ${input.limit ?? 100}`);
  return rowsOf<{
    a_id: number; a_name: string; a_region: string; a_npsn: string | null; a_uses: number;
    b_id: number; b_name: string; b_region: string; b_npsn: string | null; b_uses: number;
    type: InstitutionType; sim: number;
  }>(result).map((r) => {
    const a = { id: Number(r.a_id), name: r.a_name, regionName: r.a_region, npsn: r.a_npsn, uses: Number(r.a_uses) };
    const b = { id: Number(r.b_id), name: r.b_name, regionName: r.b_region, npsn: r.b_npsn, uses: Number(r.b_uses) };
    const [keep, dup] = b.uses > a.uses ? [b, a] : [a, b];
    return { a: keep, b: dup, type: r.type, similarity: Number(r.sim) };
  });
}

/** How many venues the event form's picker lists before it asks for a search. */
export const VENUE_LIST = 100;

export type VenueOption = { id: number; name: string; regionName: string };
/**
 * The picker's list. `used`: the area holds more than VENUE_LIST entries, so without a search the list holds the
 * venues of the chapter's own events. `more`: a search matched more than the list shows.
 */
export type VenueChoices = { list: VenueOption[]; search: string; used: boolean; matched: number; more: boolean; suggested: boolean };

/** Up to this many look-alikes are offered when a venue search finds nothing. */
const VENUE_SUGGESTIONS = 10;

/**
 * How alike (pg_trgm, 0–1) a name must be to what was typed to be offered as "did you mean": the normalised names as a
 * whole (pg_trgm's default similarity threshold), or the typed words within the name as written (its default word
 * similarity threshold; lower, "sman 22" would offer every "SD Negeri 22").
 */
const VENUE_SIMILARITY_MIN = 0.3;
const VENUE_WORD_SIMILARITY_MIN = 0.6;

/** A venue search as typed (searchTextOf). */
export const venueSearchOf = searchTextOf;

/**
 * Whether an event form's submission asks for a venue search rather than a save: its search button, or a search typed
 * but not yet run (sent with Enter, which presses the form's save button, or with the save button itself).
 */
export function wantsVenueSearch(form: FormData): boolean {
  return form.get("intent") === "venueSearch" || venueSearchOf(form.get("venueQ")) !== venueSearchOf(form.get("venueShown"));
}

const venueColumns = { id: institutions.id, name: institutions.name, regionName: regions.name };

/**
 * The venues the event form offers. An area with up to VENUE_LIST registry entries lists them all, by name. A
 * larger one (a kabupaten's schools run to thousands) lists the venues the chapter's events have used, and a search
 * finds the rest: by name as written (case aside), by name as the registry normalises it ("SMAN 2" finds "SMA
 * Negeri 2"), or by NPSN. The venues in `keep` (the event's own, the one just chosen) are always in the list.
 */
export async function venueChoices(
  db: Db,
  input: { chapterId: number; chapterRegion: string; search?: string; keep?: (number | string | null | undefined)[] },
): Promise<VenueChoices> {
  const search = venueSearchOf(input.search);
  const keep = [...new Set((input.keep ?? []).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0))];
  const area = inArea(input.chapterRegion);
  let list: VenueOption[];
  let used = false;
  let matched = 0;
  let more = false;
  let suggested = false;
  if (search) {
    const key = normaliseInstitutionName(search);
    const byKey = key ? sql`split_part(${institutions.dedupKey}, '|', 3) like ${`%${likeEscape(key)}%`}` : undefined;
    const rows = await db
      .select(venueColumns)
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(and(area, or(sql`lower(${institutions.name}) like ${`%${likeEscape(search.toLowerCase())}%`}`, byKey, /^\d{8}$/.test(search) ? eq(institutions.npsn, search) : undefined)))
      .orderBy(asc(institutions.name), asc(institutions.id))
      .limit(VENUE_LIST + 1);
    more = rows.length > VENUE_LIST;
    list = rows.slice(0, VENUE_LIST);
    matched = list.length;
    if (!matched && !/^\d{8}$/.test(search)) {
      list = await venueLookAlikes(db, { area, search, key });
      suggested = list.length > 0;
    }
  } else {
    const first = await db
      .select(venueColumns)
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(area)
      .orderBy(asc(institutions.name), asc(institutions.id))
      .limit(VENUE_LIST + 1);
    if (first.length <= VENUE_LIST) list = first;
    else {
      used = true;
      list = await db
        .select(venueColumns)
        .from(institutions)
        .innerJoin(regions, eq(regions.code, institutions.regionCode))
        .where(and(area, sql`${institutions.id} in (select ${events.venueId} from ${events} where ${events.chapterId} = ${input.chapterId} and ${events.venueId} is not null)`))
        .orderBy(asc(institutions.name), asc(institutions.id))
        .limit(VENUE_LIST);
    }
  }
  const missing = keep.filter((id) => !list.some((v) => v.id === id));
  if (missing.length) {
    const kept = await db
      .select(venueColumns)
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(and(area, inArray(institutions.id, missing)));
    // look-alikes stay in their order, most alike first
    list = suggested ? [...list, ...kept] : [...list, ...kept].sort((a, b) => a.name.localeCompare(b.name, "id") || a.id - b.id);
  }
  return { list, search, used, matched, more, suggested };
}

/**
 * The registry entries of the area most like a search that found nothing ("SMAN 2 Jmber", "Pondok Pesantren Nurul
 * Jadid" for "PP Nurul Jadid"), best first: by trigram similarity of the normalised names (SMAN = SMA Negeri, PP =
 * Pondok Pesantren, leading zeros aside), or of the typed words within the name as written. The normalised name is
 * the dedup key's third part, or computed for a row keyed by its NPSN. Only the chapter's area is read (a
 * kabupaten's few thousand rows), the same area the exact search reads.
 */
async function venueLookAlikes(db: Db, input: { area: SQL | undefined; search: string; key: string }): Promise<VenueOption[]> {
  const typed = input.search.toLowerCase();
  const rowKey = sql`(case when split_part(${institutions.dedupKey}, '|', 2) = 'npsn' then ${nameKey} else split_part(${institutions.dedupKey}, '|', 3) end)`;
  const whole = input.key ? sql`similarity(${rowKey}, ${input.key})` : sql`0`;
  const words = sql`word_similarity(${typed}, lower(${institutions.name}))`;
  return db
    .select(venueColumns)
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(input.area, sql`(${whole} >= ${VENUE_SIMILARITY_MIN} or ${words} >= ${VENUE_WORD_SIMILARITY_MIN})`))
    .orderBy(sql`greatest(${whole}, ${words}) desc`, asc(institutions.name), asc(institutions.id))
    .limit(VENUE_SUGGESTIONS);
}
