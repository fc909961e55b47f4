// A database as it was at an earlier migration, for tests of a data migration: build it, put in rows the old way,
// then bring it up to date with the app's migrations and check what they did. PostgreSQL or PGlite, as TEST_DB says.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { schema, type Db } from "../../db/client";
import { migrationsFolder } from "../../db/migrate";
import { testDbKind, urlFor } from "./db";

export type OldDatabase = { db: Db; migrateToLatest: () => Promise<void>; close: () => Promise<void> };

/** A fresh database migrated up to and including the migration `tag` (e.g. "0035_hashed_tokens_tables"). */
export async function databaseAtMigration(tag: string): Promise<OldDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "simpul-migrations-"));
  await fs.mkdir(path.join(dir, "meta"));
  const journal = JSON.parse(await fs.readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  if (upTo < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, upTo + 1);
  await fs.writeFile(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) await fs.copyFile(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));

  let db: Db;
  let closeDb: () => Promise<void>;
  if (testDbKind() === "pglite") {
    const client = await PGlite.create({ extensions: { pg_trgm } });
    db = drizzlePglite(client, { schema });
    closeDb = () => client.close();
  } else {
    const name = `simpul_m_${randomBytes(5).toString("hex")}`;
    const admin = postgres(urlFor("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const client = postgres(urlFor(name), { max: 1, onnotice: () => {} });
    db = drizzlePostgres(client, { schema });
    closeDb = async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const migrateTo = async (folder: string) => {
    if (testDbKind() === "pglite") await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: folder });
    else await migratePostgres(db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder: folder });
  };
  await db.execute(sql`create extension if not exists pg_trgm`);
  await migrateTo(dir);
  return {
    db,
    migrateToLatest: () => migrateTo(migrationsFolder),
    close: async () => {
      await closeDb();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
