import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { rowsOf } from "./rows";

/**
 * Planner statistics. PostgreSQL's autovacuum analyzes a table only after 50 rows + 10 % of it changed, so the
 * small tables (chapters, programs, indicators, skills, targets…) often have none and the planner guesses — on
 * national /capaian that guess cost 100 ms of database CPU per request instead of 17. ANALYZE reads a sample
 * (at most 30,000 rows per table), so it takes well under a second even at national scale.
 */
export async function analyzeDatabase(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/**
 * ANALYZE only the given tables (after a bulk import into them), and fold the pending entries of their GIN indexes
 * (the trigram name and email search) into the index: a GIN index takes bulk inserts into an unsorted pending list
 * that every search reads whole until autovacuum gets to it — 20,000 imported members made a name search 5–10×
 * slower meanwhile.
 */
export async function analyzeTables(db: Db, tables: string[]): Promise<void> {
  for (const t of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
    await db.execute(sql.raw(`analyze ${t}`));
    await db.execute(sql`select gin_clean_pending_list(i.indexrelid) from pg_index i
      join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
      where i.indrelid = ${t}::regclass and am.amname = 'gin'`);
  }
}

/** ANALYZE every table of the public schema that has never been analyzed (by hand or by autovacuum). */
export async function analyzeNeverAnalyzed(db: Db): Promise<string[]> {
  const rows = rowsOf<{ relname: string }>(
    await db.execute(sql`select relname from pg_stat_user_tables
      where schemaname = 'public' and last_analyze is null and last_autoanalyze is null order by relname`),
  );
  const names = rows.map((r) => r.relname);
  await analyzeTables(db, names);
  return names;
}
