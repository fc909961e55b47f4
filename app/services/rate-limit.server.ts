import { sql } from "drizzle-orm";
import type { Db } from "~/db.server";
import { rowsOf } from "../../db/rows";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Fixed-window counter in the database, so every app process shares it.
 * One atomic upsert: concurrent hits never lose a count.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.execute(sql`
    insert into rate_limit (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limit.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limit.count + 1 end,
      window_start = case when rate_limit.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limit.window_start end
    returning count, window_start`);
  const row = rowsOf<{ count: number; window_start: string | Date }>(rows)[0];
  const count = Number(row?.count ?? 1);
  const started = row ? new Date(row.window_start).getTime() : Date.now();
  const retryAfterSeconds = Math.max(0, Math.ceil((started + windowSeconds * 1000 - Date.now()) / 1000));
  return { allowed: count <= limit, count, retryAfterSeconds };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limit where key = ${key}`);
}

/** The count in the key's current window, without adding to it (for limits that count failures only). */
export async function peekRateLimit(db: Db, key: string, windowSeconds: number): Promise<number> {
  const rows = await db.execute(sql`
    select count from rate_limit where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`);
  return Number(rowsOf<{ count: number }>(rows)[0]?.count ?? 0);
}
