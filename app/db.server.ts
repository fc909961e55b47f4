import { sharedDatabase, type Db } from "../db/client";
import { env } from "./env.server";

const handle = await sharedDatabase({
  databaseUrl: env.DATABASE_URL,
  pgliteDir: env.PGLITE_DIR,
  poolSize: env.DB_POOL_SIZE,
});

export const db: Db = handle.db;
export const dbKind = handle.kind;
export type { Db };
