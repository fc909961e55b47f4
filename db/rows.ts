/** The rows of a raw `db.execute(sql…)` result, whichever driver ran it: postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const r = result as { rows?: T[] };
  return r.rows ?? [];
}

/**
 * A json column of a raw result as the driver gives it: PGlite parses it, postgres.js (through drizzle, which keeps
 * json as text) does not. SQL null (e.g. json_agg of no rows) gives the fallback.
 */
export function jsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
