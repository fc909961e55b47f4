import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db.server";
import { MATCH_WEIGHTS } from "./tutoring-form";
import { rowsOf } from "../../../db/rows";

export { MATCH_WEIGHTS };

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
    /** requests the volunteer tutors now (matched, in progress) plus offers waiting for their answer */
    openRequests: number;
    /** average of the learners' ratings (1–5) of the volunteer's past requests; null without any */
    averageRating: number | null;
    ratings: number;
    /** the volunteer's earlier offer for this very request (declined, expired, withdrawn…), if any */
    previousOffer: string | null;
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
  open_requests: number;
  avg_rating: string | number | null;
  ratings: number;
  previous_offer: string | null;
};

const REGION_OF_LEVEL: Record<number, RegionMatch> = { 3: "desa", 2: "kecamatan", 1: "kabupaten", 0: null };

export type RankOptions = {
  limit?: number;
  /** leave out volunteers who already had an offer for this request (automatic hand-over to the next one) */
  excludeOffered?: boolean;
};

/**
 * Active volunteers of the request's chapter, best first, with why — one SQL statement: every part of the score
 * is computed in the database (see MATCH_WEIGHTS in tutoring-form.ts), so tens of thousands of volunteers never
 * travel to the app. Ties: name, then id, so the order is stable.
 */
export async function rankCandidates(db: Db, requestId: number, opts: RankOptions = {}): Promise<Candidate[]> {
  const result = await db.execute(rankingQuery(requestId, opts));
  return rowsOf<Row>(result).map(toCandidate);
}

/** The ranking statement itself (exported for bench/tutoring.ts, which EXPLAINs it). */
export function rankingQuery(requestId: number, opts: RankOptions = {}): SQL {
  const w = MATCH_WEIGHTS;
  const limit = opts.limit ?? 20;
  const excludeOffered = opts.excludeOffered ?? false;
  return sql`
    with req as (
      select r.id, r.chapter_id, r.region_code, r.language, r.availability, r.topics, r.tutor_id,
             split_part(r.region_code, '.', 1) || '.' || split_part(r.region_code, '.', 2) as kab,
             split_part(r.region_code, '.', 1) || '.' || split_part(r.region_code, '.', 2) || '.' || split_part(r.region_code, '.', 3) as kec,
             array_length(string_to_array(r.region_code, '.'), 1) = 4 as has_desa,
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
    pool as (
      select m.user_id from req join membership m on m.chapter_id = req.chapter_id and m.role = 'volunteer' and m.status = 'active'
    ),
    -- every aggregate below starts from the pool, so only this chapter's volunteers are read (index lookups)
    held as (
      select us.user_id, count(*)::int as n from pool join user_skill us on us.user_id = pool.user_id join needed on needed.skill_id = us.skill_id group by us.user_id
    ),
    load as (
      select x.user_id, count(*)::int as n from (
        select tr.tutor_id as user_id from pool join tutoring_request tr on tr.tutor_id = pool.user_id and tr.status in ('matched', 'in_progress')
        union all
        select o.volunteer_id from pool join tutoring_offer o on o.volunteer_id = pool.user_id and o.status = 'pending' and o.request_id <> ${requestId}
      ) x group by x.user_id
    ),
    rated as (
      select tr.tutor_id as user_id, avg(tr.rating)::float8 as avg_rating, count(*)::int as n
      from pool join tutoring_request tr on tr.tutor_id = pool.user_id and tr.rating is not null group by tr.tutor_id
    ),
    earlier as (
      select distinct on (o.volunteer_id) o.volunteer_id as user_id, o.status
      from tutoring_offer o where o.request_id = ${requestId} order by o.volunteer_id, o.offered_at desc, o.id desc
    ),
    cand as (
      select u.id as user_id, u.name,
        coalesce(held.n, 0)::int as skills_matched,
        (select count(*) from needed)::int as skills_needed,
        case
          when vp.region_code is null then 0
          when req.has_desa and vp.region_code = req.region_code then 3
          when vp.kecamatan_code = req.kec then 2
          when vp.kabupaten_code = req.kab then 1
          else 0
        end as region_level,
        (ul.user_id is not null) as speaks,
        bit_count((coalesce(vp.availability, 0) & req.availability)::bit(21))::int as slots_shared,
        req.slots_wanted,
        coalesce(load.n, 0) as open_requests,
        rated.avg_rating,
        coalesce(rated.n, 0) as ratings,
        earlier.status as previous_offer
      from req
      join pool on true
      join app_user u on u.id = pool.user_id
      left join volunteer_profile vp on vp.user_id = u.id
      left join user_language ul on ul.user_id = u.id and ul.language_code = req.language
      left join held on held.user_id = u.id
      left join load on load.user_id = u.id
      left join rated on rated.user_id = u.id
      left join earlier on earlier.user_id = u.id
      where not (${excludeOffered} and earlier.user_id is not null)
        and u.id is distinct from req.tutor_id
    )
    select cand.*,
      round((
        coalesce(${w.skill}::float8 * cand.skills_matched / nullif(cand.skills_needed, 0), 0)
        + case cand.region_level when 3 then ${w.region.desa} when 2 then ${w.region.kecamatan} when 1 then ${w.region.kabupaten} else 0 end
        + case when cand.speaks then ${w.language} else 0 end
        + coalesce(${w.availability}::float8 * cand.slots_shared / nullif(cand.slots_wanted, 0), 0)
        - least(${w.load.perOpenRequest}::float8 * cand.open_requests, ${w.load.max})
        + coalesce(${w.rating.perStar}::float8 * (cand.avg_rating - 3), 0)
      )::numeric, 2) as score
    from cand
    order by score desc, cand.name asc, cand.user_id asc
    limit ${limit}`;
}

function toCandidate(r: Row): Candidate {
  return {
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
      openRequests: Number(r.open_requests),
      averageRating: r.avg_rating === null ? null : Math.round(Number(r.avg_rating) * 10) / 10,
      ratings: Number(r.ratings),
      previousOffer: r.previous_offer,
    },
  };
}
