import { sql } from "drizzle-orm";
import type { Db } from "~/db.server";
import { rowsOf } from "./rate-limit.server";

/**
 * How candidates for a tutoring request are ranked — the only place these numbers live.
 * score = skill × (share of the skills the request's topics need that the volunteer has)
 *       + region.desa | region.kecamatan | region.kabupaten (closest shared level of the hierarchical region code)
 *       + language × (1 when the volunteer speaks the learner's preferred language)
 *       + availability × (share of the learner's time slots the volunteer is also free in)
 * A topic-less request (free text only) or one without time slots gives every candidate 0 for that part.
 * Still to come with the offer/assignment tables: a penalty per open request held, and past ratings.
 */
export const MATCH_WEIGHTS = {
  skill: 40,
  region: { desa: 30, kecamatan: 20, kabupaten: 10 },
  language: 15,
  availability: 15,
} as const;

export type RegionMatch = "desa" | "kecamatan" | "kabupaten" | null;

export type Candidate = {
  userId: string;
  name: string;
  score: number;
  reasons: {
    skillsMatched: number;
    skillsNeeded: number;
    region: RegionMatch;
    speaksLanguage: boolean;
    slotsShared: number;
    slotsWanted: number;
  };
};

type Row = {
  user_id: string;
  name: string;
  score: string | number;
  skills_matched: number;
  skills_needed: number;
  region_level: number;
  speaks: boolean;
  slots_shared: number;
  slots_wanted: number;
};

const REGION_OF_LEVEL: Record<number, RegionMatch> = { 3: "desa", 2: "kecamatan", 1: "kabupaten", 0: null };

/** Active volunteers of the request's chapter, best first, with why (one query). */
export async function rankCandidates(db: Db, requestId: number, limit = 20): Promise<Candidate[]> {
  const w = MATCH_WEIGHTS;
  const result = await db.execute(sql`
    with req as (
      select r.id, r.chapter_id, r.region_code, r.language, r.availability, r.topics,
             split_part(r.region_code, '.', 1) || '.' || split_part(r.region_code, '.', 2) as kab,
             split_part(r.region_code, '.', 1) || '.' || split_part(r.region_code, '.', 2) || '.' || split_part(r.region_code, '.', 3) as kec,
             bit_count(r.availability::bit(21))::int as slots_wanted
      from tutoring_request r where r.id = ${requestId}
    ),
    needed as (
      select distinct s.id as skill_id
      from req
      join learning_topic t on req.topics ? t.slug
      cross join lateral jsonb_array_elements_text(t.skills) as ts(slug)
      join skill s on s.slug = ts.slug
    ),
    cand as (
      select u.id as user_id, u.name,
        coalesce(held.n, 0)::int as skills_matched,
        (select count(*) from needed)::int as skills_needed,
        case
          when vp.region_code is null then 0
          when array_length(string_to_array(req.region_code, '.'), 1) = 4 and vp.region_code = req.region_code then 3
          when vp.kecamatan_code = req.kec then 2
          when vp.kabupaten_code = req.kab then 1
          else 0
        end as region_level,
        (ul.user_id is not null) as speaks,
        bit_count((coalesce(vp.availability, 0) & req.availability)::bit(21))::int as slots_shared,
        req.slots_wanted
      from req
      join membership m on m.chapter_id = req.chapter_id and m.role = 'volunteer' and m.status = 'active'
      join app_user u on u.id = m.user_id
      left join volunteer_profile vp on vp.user_id = u.id
      left join user_language ul on ul.user_id = u.id and ul.language_code = req.language
      left join (
        select us.user_id, count(*) as n from user_skill us join needed on needed.skill_id = us.skill_id group by us.user_id
      ) held on held.user_id = u.id
    )
    select cand.*,
      round(
        coalesce(${w.skill}::numeric * cand.skills_matched / nullif(cand.skills_needed, 0), 0)
        + case cand.region_level when 3 then ${w.region.desa} when 2 then ${w.region.kecamatan} when 1 then ${w.region.kabupaten} else 0 end
        + case when cand.speaks then ${w.language} else 0 end
        + coalesce(${w.availability}::numeric * cand.slots_shared / nullif(cand.slots_wanted, 0), 0)
      , 2) as score
    from cand
    order by score desc, cand.name asc, cand.user_id asc
    limit ${limit}`);
  return rowsOf<Row>(result).map((r) => ({
    userId: r.user_id,
    name: r.name,
    score: Number(r.score),
    reasons: {
      skillsMatched: Number(r.skills_matched),
      skillsNeeded: Number(r.skills_needed),
      region: REGION_OF_LEVEL[Number(r.region_level)] ?? null,
      speaksLanguage: Boolean(r.speaks),
      slotsShared: Number(r.slots_shared),
      slotsWanted: Number(r.slots_wanted),
    },
  }));
}
