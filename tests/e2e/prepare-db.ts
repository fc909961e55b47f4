import postgres from "postgres";
import { TEMPLATE_DB, urlFor } from "../support/db";

/** Recreates the e2e database from the migrated template and prints its URL. */
export const E2E_DB = `${TEMPLATE_DB}_e2e`;

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  const admin = postgres(process.env.TEST_DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${E2E_DB} with (force)`);
  await admin.unsafe(`create database ${E2E_DB} template ${TEMPLATE_DB}`);
  await admin.end();
  process.stdout.write(urlFor(E2E_DB));
}
