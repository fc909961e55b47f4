import { sql, type SQL } from "drizzle-orm";

/**
 * Queries that start with this comment are planned for their own parameters on every execution (see
 * `planEachExecution`); every other query is a named statement of its connection.
 */
export const PLAN_EACH_EXECUTION = "/* plan each execution */";

/**
 * For a search whose best plan depends on its values (a rare name vs. a whole chapter, one kecamatan vs. a whole
 * kabupaten): a cached generic plan picks one plan for all of them and was 5–15× slower on the roster at 20,000
 * members. Such a query is sent unnamed, and PostgreSQL plans an unnamed statement with the values it is given.
 */
export function planEachExecution(query: SQL): SQL {
  return sql`${sql.raw(PLAN_EACH_EXECUTION)} ${query}`;
}
