import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db.server";
import { MATCH_WEIGHTS } from "./tutoring-form";
import { planEachExecution } from "../../../db/plans";
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
  /** a chapter with at most this many active volunteers is scored whole, without the pre-filter (tests set 0) */
  scoreWholeChapterUpTo?: number;
};

/**
 * Active volunteers of the request's chapter, best first, with why — one SQL statement (see rankingQuery). Ties:
 * name, then id, so the order is stable. The result is the same as scoring every active volunteer of the chapter
 * (referenceRankingQuery; tests/integration/tutoring-ranking-property.test.ts compares both on random data).
 */
export async function rankCandidates(db: Db, requestId: number, opts: RankOptions = {}): Promise<Candidate[]> {
  // the candidates it reads depend on the request's region and skills: planned for each request
  const result = await db.execute(planEachExecution(rankingQuery(requestId, opts)));
  return rowsOf<Row>(result).map(toCandidate);
}

/** The same ranking by scoring every active volunteer of the chapter from the raw records (slow; for tests and the bench). */
export async function rankCandidatesReference(db: Db, requestId: number, opts: RankOptions = {}): Promise<Candidate[]> {
  const result = await db.execute(referenceRankingQuery(requestId, opts));
  return rowsOf<Row>(result).map(toCandidate);
}

/** The request's facts every part of the score compares against, and the skills its topics need. */
function requestCtes(requestId: number): SQL {
  return sql`
    req as (
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
    )`;
}

/** The score of one candidate row (`cand`), rounded as shown. */
function scoreOf(): SQL {
  const w = MATCH_WEIGHTS;
  return sql`round((
        coalesce(${w.skill}::float8 * cand.skills_matched / nullif(cand.skills_needed, 0), 0)
        + case cand.region_level when 3 then ${w.region.desa} when 2 then ${w.region.kecamatan} when 1 then ${w.region.kabupaten} else 0 end
        + case when cand.speaks then ${w.language} else 0 end
        + coalesce(${w.availability}::float8 * cand.slots_shared / nullif(cand.slots_wanted, 0), 0)
        - least(${w.load.perOpenRequest}::float8 * cand.open_requests, ${w.load.max})
        + coalesce(${w.rating.perStar}::float8 * (cand.avg_rating - 3), 0)
      )::numeric, 2)`;
}

/** Region level (3 desa, 2 kecamatan, 1 kabupaten, 0) of profile `vp` for the request. */
const regionLevel = sql`case
          when vp.region_code is null then 0
          when req.has_desa and vp.region_code = req.region_code then 3
          when vp.kecamatan_code = req.kec then 2
          when vp.kabupaten_code = req.kab then 1
          else 0
        end`;

/** The profile columns scoring reads (`vp` a volunteer_profile row; all null for a volunteer without one). */
const profileCols = sql`vp.region_code, vp.kecamatan_code, vp.kabupaten_code, vp.availability`;

/** True when user `uid` (a column reference) is an active volunteer of the request's chapter. */
function activeVolunteer(uid: string): SQL {
  return sql`exists (select 1 from membership m where m.user_id = ${sql.raw(uid)} and m.chapter_id = (select chapter_id from req) and m.role = 'volunteer' and m.status = 'active')`;
}

/**
 * Scores the volunteers listed in CTE `ids` (user_id and their profile's columns, one row each) from their profile
 * and their tutor_stat row only (skills, languages, load, ratings): one index lookup each. Whether they are active
 * volunteers of the chapter is the caller's to check. The request's own pending offer is not part of its
 * volunteer's load (as in the reference: offers on other requests).
 */
function scoredCte(ids: string, excludeOffered: boolean): SQL {
  return sql`
      select cand.*, ${scoreOf()} as score from (
        select vp.user_id,
          (select count(*) from needed n where n.skill_id = any(st.skill_ids))::int as skills_matched,
          req.skills_needed,
          ${regionLevel} as region_level,
          coalesce(req.language = any(st.language_codes), false) as speaks,
          bit_count((coalesce(vp.availability, 0) & req.availability)::bit(21))::int as slots_shared,
          req.slots_wanted,
          (coalesce(st.open_requests, 0) + coalesce(st.pending_offers, 0) - coalesce(earlier.pending, false)::int)::int as open_requests,
          st.rating_sum::float8 / nullif(st.ratings, 0) as avg_rating,
          coalesce(st.ratings, 0)::int as ratings,
          earlier.status as previous_offer
        from rq req
        join ${sql.raw(ids)} vp on true
        -- one index lookup per volunteer, even for a whole (small) chapter: a hash join would read every
        -- volunteer's row in the country (750 of 50,000: 31 ms against 8)
        left join lateral (select * from tutor_stat st where st.user_id = vp.user_id offset 0) st on true
        left join earlier on earlier.user_id = vp.user_id
        where not (${excludeOffered} and earlier.user_id is not null)
          and vp.user_id is distinct from req.tutor_id
        offset 0
      ) cand`;
}

/**
 * The ranking statement (exported for bench/tutoring.ts, which EXPLAINs it). Exact top-N without scoring the whole
 * chapter, in two steps inside one statement:
 *  1. score the "seed": volunteers living in the request's kecamatan or desa (indexes on volunteer_profile, which
 *     also give the profile's columns) and those who already had an offer for this request; t1 = the N-th best
 *     seed score among the chapter's active volunteers (membership looked up best first, only until N are found;
 *     then only for the seeds at or above t1).
 *  2. every other volunteer scores at most kabupaten (10) + A + bonus, A being skills + language + availability
 *     and bonus the load and rating part (tutor_stat.bonus). So they must reach A + bonus >= d = t1 - 10 - 0.01.
 *     Looked up by index, and only those scored: a positive bonus of at least d minus the most A can give
 *     (tutor_stat_bonus_idx); or, with bonus <= 0, A >= d: holders of k2 of the needed skills (enough without
 *     the language), or of k1 of them who speak the language (every such set of skills one GIN lookup in
 *     tutor_stat_skills_idx, with tutor_stat_languages_idx), or every speaker when no skill is needed with the
 *     language (user_language_language_idx), with at least amin shared time slots. With no usable condition,
 *     fewer than N seeds, or a chapter of at most scoreWholeChapterUpTo (2,000) active volunteers, every
 *     volunteer of the chapter is scored (from tutor_stat, still without the raw aggregates).
 * Whoever is left out scores strictly below t1 (0.01 below, so even rounding cannot tie), so the top N are those of
 * scoring everyone, ties and order included. Each threshold is computed once (materialized): inlined, every use
 * of d would sort the seed again and add to the planning time.
 */
export function rankingQuery(requestId: number, opts: RankOptions = {}): SQL {
  const w = MATCH_WEIGHTS;
  const limit = opts.limit ?? 20;
  const excludeOffered = opts.excludeOffered ?? false;
  const wholeUpTo = opts.scoreWholeChapterUpTo ?? 2000;
  return sql`
    with recursive ${requestCtes(requestId)},
    earlier as (
      select distinct on (o.volunteer_id) o.volunteer_id as user_id, o.status,
        bool_or(o.status = 'pending') over (partition by o.volunteer_id) as pending
      from tutoring_offer o where o.request_id = ${requestId} order by o.volunteer_id, o.offered_at desc, o.id desc
    ),
    rq as materialized (
      select req.*, array(select skill_id from needed) as needed_ids, (select count(*) from needed)::int as skills_needed from req
    ),
    -- a chapter of at most scoreWholeChapterUpTo active volunteers is scored whole (no seed: d is null below)
    small as materialized (
      select (select count(*) from (
        select 1 from membership m where m.chapter_id = (select chapter_id from req) and m.role = 'volunteer' and m.status = 'active'
        limit ${wholeUpTo + 1}) x) <= ${wholeUpTo} as yes
    ),
    seed_ids as (
      select vp.user_id, ${profileCols} from volunteer_profile vp
      where vp.kecamatan_code = (select kec from req) and not (select yes from small)
      union all
      select vp.user_id, ${profileCols} from volunteer_profile vp
      where vp.region_code = (select region_code from req where has_desa) and not (select yes from small)
      union all
      select e.user_id, ${profileCols} from earlier e left join volunteer_profile vp on vp.user_id = e.user_id
      where not (select yes from small)
    ),
    seed as materialized (select distinct on (user_id) * from seed_ids),
    s1all as materialized (${scoredCte("seed", excludeOffered)}),
    -- the N-th best score of the seed's active volunteers (null when it has fewer than N)
    t1 as materialized (
      select (
        select x.score from (select s.user_id, s.score from s1all s order by s.score desc offset 0) x
        where ${activeVolunteer("x.user_id")}
        order by x.score desc limit 1 offset ${limit - 1}) as score
    ),
    s1 as materialized (
      select s.* from s1all s
      where ((select score from t1) is null or s.score >= (select score from t1)) and ${activeVolunteer("s.user_id")}
    ),
    -- what a volunteer outside the seed must reach with skills, language and availability (d), and the most
    -- those can give (amax); d is null when the seed has fewer than N volunteers
    th as materialized (
      select req.*,
        (select score from t1) - ${w.region.kabupaten} - 0.01 as d,
        (case when req.skills_needed > 0 then ${w.skill} else 0 end) + ${w.language} + (case when req.slots_wanted > 0 then ${w.availability} else 0 end) as amax
      from rq req
    ),
    lim as materialized (
      select th.*,
        -- fewest needed skills for A >= d without the language (k2) and with it (k1); shared slots needed at best (amin)
        case when th.skills_needed = 0 then (case when th.d <= th.vmax then 0 else 999 end)
             else ceil((th.d - th.vmax) * th.skills_needed / ${w.skill}::numeric)::int end as k2,
        case when th.skills_needed = 0 then (case when th.d <= ${w.language} + th.vmax then 0 else 999 end)
             else ceil((th.d - ${w.language} - th.vmax) * th.skills_needed / ${w.skill}::numeric)::int end as k1,
        case when th.slots_wanted = 0 then 0
             else greatest(0, ceil((th.d - ${w.language} - (case when th.skills_needed > 0 then ${w.skill} else 0 end)) * th.slots_wanted / ${w.availability}::numeric))::int end as amin
      from (select th.*, (case when th.slots_wanted > 0 then ${w.availability} else 0 end) as vmax from th) th
    ),
    -- which lookups find everyone who may still reach d: everybody / speakers of the language / holders of k1
    -- needed skills who speak it / holders of k2 needed skills
    plan as materialized (
      select lim.*,
        (not everyone and k2 > 0 and k1 <= 0) as speakers,
        (not everyone and k1 >= 1 and k1 <= skills_needed) as sets_with_language,
        (not everyone and k2 >= 1 and k2 <= skills_needed) as sets_alone
      from (
        select lim.*,
          (d is null or k2 <= 0) as everyone
        from lim
      ) lim
    ),
    combos (ids, last) as (
      select array[n.skill_id], n.skill_id from needed n where (select sets_with_language or sets_alone from plan)
      union all
      select c.ids || n.skill_id, n.skill_id from combos c join needed n on n.skill_id > c.last
      where cardinality(c.ids) < (select greatest(k1, k2) from plan)
    ),
    sets as materialized (
      select ids, cardinality(ids) = (select k1 from plan) and (select sets_with_language from plan) as with_language,
        cardinality(ids) = (select k2 from plan) and (select sets_alone from plan) as alone
      from combos
    ),
    few_sets as materialized (select (select count(*) from sets where with_language or alone) <= 64 as ok),
    more_ids as (
      -- a positive bonus may make up for what the rest lacks
      select st.user_id from tutor_stat st
      where not (select everyone from plan) and st.bonus > 0 and st.bonus >= (select d - amax from plan)
      union all
      -- bonus <= 0: every set of k2 needed skills, and of k1 with the language (one GIN lookup in tutor_stat each)
      select x.user_id from sets cross join lateral (
        select st.user_id from tutor_stat st where st.skill_ids @> sets.ids offset 0) x
      where sets.alone and (select ok from few_sets)
      union all
      select x.user_id from sets cross join lateral (
        select st.user_id from tutor_stat st where st.skill_ids @> sets.ids and st.language_codes @> array[(select language from plan)] offset 0) x
      where sets.with_language and (select ok from few_sets)
      union all
      -- (too many such sets: count the needed skills each volunteer holds)
      select us.user_id from user_skill us
      where (select (sets_with_language or sets_alone) and not (select ok from few_sets) from plan)
        and us.skill_id in (select skill_id from needed)
      group by us.user_id having count(*) >= (select least(k1, k2) from plan)
      union all
      -- no skill needed from those who speak the language
      select ul.user_id from user_language ul
      where (select speakers from plan) and ul.language_code = (select language from plan)
    ),
    rest_ids as materialized (
      select x.user_id, ${profileCols} from (select distinct user_id from more_ids) x
      left join lateral (select * from volunteer_profile vp where vp.user_id = x.user_id offset 0) vp on true
      where not exists (select 1 from seed s where s.user_id = x.user_id)
        and (exists (select 1 from tutor_stat st where st.user_id = x.user_id and st.bonus > 0)
          or bit_count((coalesce(vp.availability, 0) & (select availability from plan))::bit(21)) >= (select amin from plan))
    ),
    -- no condition to use (or fewer than N in the seed): every active volunteer of the chapter outside the seed
    all_ids as materialized (
      select m.user_id, ${profileCols} from membership m
      -- (index lookups: a hash join would read every profile in the country for a chapter's few hundred)
      left join lateral (select * from volunteer_profile vp where vp.user_id = m.user_id offset 0) vp on true
      where (select everyone from plan)
        and m.chapter_id = (select chapter_id from plan) and m.role = 'volunteer' and m.status = 'active'
        and not exists (select 1 from seed s where s.user_id = m.user_id)
    ),
    s2rest as materialized (${scoredCte("rest_ids", excludeOffered)}),
    s2all as materialized (${scoredCte("all_ids", excludeOffered)}),
    pooled as (
      select * from s1
      union all
      select * from s2rest s where ${activeVolunteer("s.user_id")}
      union all
      select * from s2all
    ),
    cut as (select score from pooled order by score desc limit 1 offset ${limit - 1})
    -- names (the tie-break) only for those at or above the N-th score
    select cand.*, (select u.name from app_user u where u.id = cand.user_id) as name from pooled cand
    where (select score from cut) is null or cand.score >= (select score from cut)
    order by cand.score desc, name asc, cand.user_id asc
    limit ${limit}`;
}

/**
 * The ranking as it is defined: every active volunteer of the request's chapter scored from the raw records
 * (their current requests and pending offers, their ratings). Kept as the reference rankingQuery must equal.
 */
export function referenceRankingQuery(requestId: number, opts: RankOptions = {}): SQL {
  const limit = opts.limit ?? 20;
  const excludeOffered = opts.excludeOffered ?? false;
  return sql`
    with ${requestCtes(requestId)},
    pool as (
      select m.user_id from req join membership m on m.chapter_id = req.chapter_id and m.role = 'volunteer' and m.status = 'active'
    ),
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
        ${regionLevel} as region_level,
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
    select cand.*, ${scoreOf()} as score
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
