import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { institutions, onboardings, outcomeInstitutions, type InstitutionType } from "../../../db/schema/events";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { findOrCreateInstitution } from "~/models/events/events.server";
import { normaliseInstitutionName, normalisedNameSql, schoolLevel } from "~/models/events/institution-names";
import { rowsOf } from "../../../db/rows";

/** A chapter's area (its kab/kota) and the neighbouring kab/kota of the same province. */
function inProvince(chapterRegion: string) {
  const province = chapterRegion.split(".")[0] ?? chapterRegion;
  return like(institutions.regionCode, `${province}.%`);
}

function inArea(regionPrefix: string) {
  return or(eq(institutions.regionCode, regionPrefix), like(institutions.regionCode, `${regionPrefix}.%`));
}

const nameKey = normalisedNameSql(sql`${institutions.name}`);

/**
 * The registry row a report means when it names an institution: the school with this NPSN wherever it was
 * recorded; else the same type with the same name (written any accepted way) anywhere in the chapter's area —
 * so a school reached again at an event in another kecamatan is the same row; else a new row in `regionCode`.
 */
export async function resolveInstitution(
  tx: Db,
  input: { type: InstitutionType; name: string; npsn?: string | null; regionCode: string; chapterRegion: string; createdBy: string | null },
): Promise<{ id: number; created: boolean }> {
  const npsn = input.type === "school" && input.npsn && /^\d{8}$/.test(input.npsn) ? input.npsn : null;
  if (npsn) {
    const [byNpsn] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.npsn, npsn));
    if (byNpsn) return { id: byNpsn.id, created: false };
  }
  const key = normaliseInstitutionName(input.name);
  const same = await tx
    .select({ id: institutions.id, npsn: institutions.npsn, regionCode: institutions.regionCode })
    .from(institutions)
    .where(and(eq(institutions.type, input.type), inArea(input.chapterRegion), sql`${nameKey} = ${key}`))
    .orderBy(sql`${institutions.regionCode} = ${input.regionCode} desc`, asc(institutions.id));
  // a row with another NPSN is another school of the same name
  const match = same.find((r) => !npsn || r.npsn === null || r.npsn === npsn);
  if (match) {
    if (npsn && match.npsn === null) await tx.update(institutions).set({ npsn }).where(eq(institutions.id, match.id));
    return { id: match.id, created: false };
  }
  if (npsn && same.length) {
    // same name, different NPSN: a separate row, told apart by its number in the key
    const [row] = await tx
      .insert(institutions)
      .values({ type: input.type, name: input.name.trim(), regionCode: input.regionCode, dedupKey: `${input.type}|npsn|${npsn}`, npsn, level: schoolLevel(input.name), createdBy: input.createdBy })
      .onConflictDoNothing()
      .returning({ id: institutions.id });
    if (row) return { id: row.id, created: true };
  }
  const made = await findOrCreateInstitution(tx, { type: input.type, name: input.name, regionCode: input.regionCode, createdBy: input.createdBy });
  if (npsn) await tx.update(institutions).set({ npsn }).where(and(eq(institutions.id, made.id), sql`${institutions.npsn} is null`));
  return { id: made.id, created: made.created };
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
  const score = key ? sql`similarity(${nameKey}, ${key})` : sql`0`;
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
        regexp_replace(i.name, '[^0-9]+', ' ', 'g') as digits,
        (select count(*) from ${outcomeInstitutions} oi where oi.institution_id = i.id)
          + (select count(*) from ${onboardings} o where o.institution_id = i.id) as uses
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
