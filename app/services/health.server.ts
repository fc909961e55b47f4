import { sql } from "drizzle-orm";
import { db } from "~/db.server";

export async function checkDatabase(): Promise<void> {
  await db.execute(sql`select 1`);
}
