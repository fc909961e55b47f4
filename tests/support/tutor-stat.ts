import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { MATCH_WEIGHTS } from "../../app/models/tutoring/matching.server";

/** Differences between tutor_stat and the raw figures, as readable lines (empty when equal). */
export async function statDifferences(db: Db): Promise<string[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with raw as (
        select u.id as user_id,
          (select count(*) from tutoring_request r where r.tutor_id = u.id and r.status in ('matched', 'in_progress'))::int as open_requests,
          (select count(*) from tutoring_offer o where o.volunteer_id = u.id and o.status = 'pending')::int as pending_offers,
          (select coalesce(sum(r.rating), 0) from tutoring_request r where r.tutor_id = u.id and r.rating is not null)::int as rating_sum,
          (select count(r.rating) from tutoring_request r where r.tutor_id = u.id)::int as ratings,
          array(select us.skill_id from user_skill us where us.user_id = u.id order by us.skill_id) as skill_ids
        from app_user u
      ),
      kept as (
        select s.user_id, s.open_requests, s.pending_offers, s.rating_sum, s.ratings,
          array(select x from unnest(s.skill_ids) x order by x) as skill_ids, s.bonus
        from tutor_stat s
      )
      select raw.*, kept.user_id is not null as has_row, kept.open_requests as k_open, kept.pending_offers as k_pending,
        kept.rating_sum as k_rating_sum, kept.ratings as k_ratings, kept.skill_ids as k_skill_ids, kept.bonus as k_bonus,
        (select count(*) from tutor_stat s where not exists (select 1 from app_user u where u.id = s.user_id))::int as orphans
      from raw left join kept on kept.user_id = raw.user_id`),
  );
  const out: string[] = [];
  const w = MATCH_WEIGHTS;
  for (const r of rows) {
    const raw = [r.open_requests, r.pending_offers, r.rating_sum, r.ratings, JSON.stringify(r.skill_ids ?? [])].map(String).join(" ");
    const kept = r.has_row ? [r.k_open, r.k_pending, r.k_rating_sum, r.k_ratings, JSON.stringify(r.k_skill_ids ?? [])].map(String).join(" ") : `0 0 0 0 []`;
    if (raw !== kept) out.push(`${String(r.user_id)}: raw ${raw} / kept ${kept}`);
    if (r.has_row) {
      const ratings = Number(r.k_ratings);
      const bonus = (ratings ? w.rating.perStar * (Number(r.k_rating_sum) / ratings - 3) : 0) - Math.min(w.load.perOpenRequest * (Number(r.k_open) + Number(r.k_pending)), w.load.max);
      if (Math.abs(bonus - Number(r.k_bonus)) > 1e-9) out.push(`${String(r.user_id)}: bonus ${String(r.k_bonus)} / MATCH_WEIGHTS ${bonus}`);
    }
    if (Number(r.orphans) > 0) out.push(`orphan rows: ${String(r.orphans)}`);
  }
  return [...new Set(out)];
}

