import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { openDatabase, type Db, type DbConfig } from "./client";
import { loadRegions } from "./regions";
import { rowsOf } from "./rows";
import { analyzeDatabase, analyzeNeverAnalyzed } from "./statistics";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Any number of app processes may start at once: one migrates, the others wait on the advisory lock. */
const MIGRATION_LOCK = 7_245_001;

async function appliedMigrations(db: Db): Promise<number> {
  try {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    return Number(row?.n ?? 0);
  } catch {
    return 0; // a new database: no migrations table yet
  }
}

/**
 * Fresh planner statistics after a schema change (new tables and indexes have none), and for any table never
 * analyzed (small tables autovacuum never reaches); see db/statistics.ts.
 */
async function refreshStatistics(db: Db, migrated: boolean): Promise<void> {
  if (migrated) await analyzeDatabase(db);
  else await analyzeNeverAnalyzed(db);
}

/** `migrationsFolder`: when this module runs from a compiled copy (build/server.js), the project's db/migrations. */
export async function migrateDatabase(config: DbConfig & { migrationsFolder?: string }): Promise<void> {
  const folder = config.migrationsFolder ?? migrationsFolder;
  const handle = await openDatabase({ ...config, poolSize: 1 });
  try {
    if (handle.kind === "postgres") {
      await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        await handle.db.execute(sql`create extension if not exists pg_trgm`);
        const before = await appliedMigrations(handle.db);
        await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
        await loadRegions(handle.db);
        await refreshStatistics(handle.db, (await appliedMigrations(handle.db)) !== before);
      } finally {
        await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
      }
    } else {
      await handle.db.execute(sql`create extension if not exists pg_trgm`);
      const before = await appliedMigrations(handle.db);
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
      await loadRegions(handle.db);
      await refreshStatistics(handle.db, (await appliedMigrations(handle.db)) !== before);
    }
  } finally {
    await handle.close();
  }
}

// run as a script (npm run db:migrate); not when this module is compiled into build/server.js
if (process.argv[1] === fileURLToPath(import.meta.url) && path.basename(process.argv[1]).startsWith("migrate.")) {
  const started = Date.now();
  await migrateDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || "./data/pglite",
  });
  console.log(`migrated in ${Date.now() - started} ms`);
}
