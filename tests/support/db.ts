import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import postgres from "postgres";
import { openDatabase, schema, type Db, type DbHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

/**
 * Real databases for tests. TEST_DB=postgres (default when TEST_DATABASE_URL is set) copies a migrated
 * template database per test file in ~50 ms; TEST_DB=pglite restores a migrated PGlite snapshot in memory.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const TMP = path.join(here, "..", ".tmp");
/** TEST_TEMPLATE_DB lets several people (or checkouts) share one PostgreSQL server without clashing. */
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? "simpul_template";
const PGLITE_TAR = `${TEMPLATE_DB}-pglite.tar`;

export function testDbKind(): "postgres" | "pglite" {
  if (process.env.TEST_DB === "pglite") return "pglite";
  if (!process.env.TEST_DATABASE_URL) return "pglite";
  return "postgres";
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set (npm test starts a PostgreSQL for you)");
  return url;
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts every id sequence at its own range (the 1st at 10,000, the 2nd at 20,000, …), so ids of different tables
 * never coincide in tests. A query that compares the wrong table's id (e.g. a subquery where drizzle wrote a bare
 * "id" that meant the inner row's own id) then finds nothing instead of passing by luck.
 */
const SPREAD_SEQUENCES = `do $$
declare r record; i int := 0;
begin
  for r in select schemaname, sequencename, max_value from pg_sequences where schemaname = 'public' order by sequencename loop
    i := i + 1;
    perform setval(format('%I.%I', r.schemaname, r.sequencename), least(i * 10000, r.max_value / 2), false);
  end loop;
end $$`;

/** Once per test run (tests/run-all.sh): a migrated template with the regions loaded. */
export async function prepareTemplates(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB}`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    await admin.end();
    await migrateDatabase({ databaseUrl: urlFor(TEMPLATE_DB), pgliteDir: "" });
    const tpl = postgres(urlFor(TEMPLATE_DB), { max: 1, onnotice: () => {} });
    await tpl.unsafe(SPREAD_SEQUENCES);
    await tpl.end();
  }
  await fs.mkdir(TMP, { recursive: true });
  const dir = path.join(TMP, `${TEMPLATE_DB}-pglite`);
  await fs.rm(dir, { recursive: true, force: true });
  await migrateDatabase({ pgliteDir: dir });
  const pg = await PGlite.create(dir, { extensions: { pg_trgm } });
  await pg.exec(SPREAD_SEQUENCES);
  const dump = await pg.dumpDataDir("none");
  await pg.close();
  await fs.writeFile(path.join(TMP, PGLITE_TAR), Buffer.from(await dump.arrayBuffer()));
}

export type TestDatabase = DbHandle & { url: string | null; name: string };

/** A fresh, migrated database of its own for one test file; drop it with close(). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === "postgres") {
    const name = `simpul_t_${randomBytes(5).toString("hex")}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    await admin.end();
    const url = urlFor(name);
    const handle = await openDatabase({ databaseUrl: url, pgliteDir: "", poolSize: 20 });
    return {
      ...handle,
      url,
      name,
      close: async () => {
        await handle.close();
        const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const tar = await fs.readFile(path.join(TMP, PGLITE_TAR));
  const client = await PGlite.create({ loadDataDir: new Blob([tar]), extensions: { pg_trgm } });
  const db: Db = drizzlePglite(client, { schema });
  return { db, kind: "pglite", url: null, name: "memory", close: () => client.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await prepareTemplates();
  console.log(`test templates ready in ${Date.now() - t} ms`);
}
