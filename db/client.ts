import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { PLAN_EACH_EXECUTION } from "./plans";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** Both drivers' databases and their transactions fit this type; model functions take it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbConfig = { databaseUrl?: string; pgliteDir: string; poolSize?: number };

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
};

export async function openDatabase(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const options: postgres.Options<Record<string, postgres.PostgresType>> = {
      max: config.poolSize ?? 10,
      onnotice: () => {},
      // Plans: queries are named statements (see namedStatements); value-skewed searches are planned each time
      // (db/plans.ts). No JIT: it compiles a statement whose estimated cost passes jit_above_cost, and on these short
      // statements compiling takes 10–1000x what it saves (a ranking whose estimate crossed it: 35 ms → 9.7 s).
      connection: { application_name: "simpul", jit: "off" },
    };
    // Two pools: postgres.js pipelines a query onto a connection still busy with another one, and a BEGIN pipelined
    // behind a plain query loses its connection when that query's answer comes back ("UNSAFE_TRANSACTION"). So
    // transactions open on connections of their own, where no plain query ever runs.
    const client = postgres(config.databaseUrl, options);
    const transactions = postgres(config.databaseUrl, options);
    const db = drizzlePostgres(namedStatements(client, transactions), { schema });
    // drizzle sets its own type parsers (dates and json as text) on the client it is given; the transactions' pool
    // needs the same, or values read inside a transaction come back parsed differently
    drizzlePostgres(transactions, { schema });
    return { db, kind: "postgres", close: async () => void (await Promise.all([client.end({ timeout: 5 }), transactions.end({ timeout: 5 })])) };
  }
  // PGlite creates its own folder but not the parents (a fresh clone has no ./data yet)
  if (!config.pgliteDir.startsWith("memory://")) {
    await mkdir(path.dirname(path.resolve(config.pgliteDir)), { recursive: true });
    lockPgliteFolder(config.pgliteDir);
  }
  // loaded only when PGlite is used: a PostgreSQL deployment never holds the WASM database's code
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import("@electric-sql/pglite"), import("@electric-sql/pglite/contrib/pg_trgm")]);
  const client = await PGlite.create(config.pgliteDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema });
  return { db, kind: "pglite", close: () => client.close() };
}

/** Longer parameter lists are IN-lists of varying length: each length would be one more statement to keep. */
const MAX_PREPARED_PARAMS = 64;

/** PostgreSQL broke the transaction off and it may succeed when run again: deadlock, serialization failure. */
export function isRetryable(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === "object" && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
  }
  return false;
}

const RETRIES = 4;

/**
 * Runs a transaction again when PostgreSQL broke it off for another one (a deadlock between two transactions taking
 * the same rows in opposite orders, e.g. two volunteers declining at once, each request handed to the other). The
 * whole transaction body runs again on fresh reads; bodies write only to the database (emails and jobs go through
 * the outbox and job tables), so a rolled-back attempt leaves nothing behind. After a short random wait, so that the
 * two do not meet again at the same instant.
 */
async function retryBrokenOff<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= RETRIES || !isRetryable(e)) throw e;
      await sleep(2 + Math.random() * 10 * attempt);
    }
  }
}

/**
 * drizzle sends every query unnamed: PostgreSQL parses, analyses and plans it on each execution, which on the
 * signed-in pages cost more database time than running the queries (an event page: 7.5 ms of 42 protocol steps, of
 * which 1.5 ms executing). Through this client postgres.js keeps each query text as a named statement of its
 * connection: a repeated query is only bound and executed, and PostgreSQL may keep its plan (plan_cache_mode auto:
 * a generic plan only when it is estimated no worse than planning each time). A connection and its statements last
 * at most postgres.js's max_lifetime (30–60 minutes). Transactions run on the second pool (see openDatabase), with
 * named statements too.
 */
function namedStatements(client: postgres.Sql, transactions: postgres.Sql): postgres.Sql {
  const wrap = (target: postgres.Sql, begins: postgres.Sql): postgres.Sql =>
    new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === "unsafe")
          return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
            t.unsafe(query, params, {
              ...options,
              prepare: !query.startsWith(PLAN_EACH_EXECUTION) && (params?.length ?? 0) <= MAX_PREPARED_PARAMS,
            });
        if (prop === "begin")
          return (...args: unknown[]) => {
            const fn = args[args.length - 1] as (tx: postgres.TransactionSql) => unknown;
            const inTx = (tx: postgres.TransactionSql) => fn(wrap(tx as unknown as postgres.Sql, tx as unknown as postgres.Sql) as unknown as postgres.TransactionSql);
            const begin = () => (typeof args[0] === "string" && args.length > 1 ? begins.begin(args[0], inTx) : begins.begin(inTx));
            // a transaction of the pool (not one inside another) that PostgreSQL broke off runs again
            return target === client ? retryBrokenOff(begin) : begin();
          };
        return Reflect.get(t, prop, receiver) as unknown;
      },
    });
  return wrap(client, transactions);
}

export { schema };

export class PgliteFolderLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const heldLocks = new Set<string>();

/**
 * PGlite is a single-process database: two processes writing one folder lose acknowledged writes. The first
 * process takes `<folder>.lock` (created exclusively, holding its pid) for its whole life; a second one stops
 * with a clear message. A lock left by a process that no longer runs (a crash, a killed container) is taken over.
 */
export function lockPgliteFolder(dir: string): void {
  const lockPath = `${path.resolve(dir)}.lock`;
  if (heldLocks.has(lockPath)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldLocks.add(lockPath);
      process.once("exit", () => {
        try {
          if (readFileSync(lockPath, "utf8").trim() === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
      if (holder === process.pid) {
        heldLocks.add(lockPath);
        return;
      }
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new PgliteFolderLockedError(
          `The PGlite data folder ${path.resolve(dir)} is in use by another Simpul process (pid ${holder}). ` +
            `PGlite allows one process per folder: stop that process, give this one its own PGLITE_DIR, ` +
            `or use PostgreSQL (DATABASE_URL) to run several processes. (Lock file: ${lockPath})`,
        );
      }
      unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new PgliteFolderLockedError(`Could not lock the PGlite data folder ${path.resolve(dir)} (${lockPath}).`);
}

const registry = globalThis as unknown as { __simpulDb?: Promise<DbHandle> };

/**
 * One handle per process, shared by the server entry and the Remix build (they are separate module graphs).
 * PGlite allows one process per data folder, so this is also where it is opened exactly once.
 */
export function sharedDatabase(config: DbConfig): Promise<DbHandle> {
  registry.__simpulDb ??= openDatabase(config);
  return registry.__simpulDb;
}

export async function closeSharedDatabase(): Promise<void> {
  const pending = registry.__simpulDb;
  registry.__simpulDb = undefined;
  if (pending) await (await pending).close();
}
