import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { importRoster, IMPORT_ANALYZE_MIN_ROWS } from "../../app/models/chapters/roster.server";
import { rowsOf } from "../../db/rows";
import { analyzeNeverAnalyzed } from "../../db/statistics";
import { createChapter, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

// PostgreSQL only: pg_stat_user_tables is where PostgreSQL records when a table was last analyzed.
async function lastAnalyzed(t: TestDatabase, table: string): Promise<Date | null> {
  const [row] = rowsOf<{ at: string | Date | null }>(
    await t.db.execute(sql`select greatest(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where schemaname = 'public' and relname = ${table}`),
  );
  return row?.at ? new Date(row.at) : null;
}

describe("planner statistics kept fresh", () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.close();
  });

  it("analyzes every table that has no statistics yet, and only those the second time", async () => {
    const first = await analyzeNeverAnalyzed(t.db);
    // the database copied from the template starts without statistics of its own
    for (const table of ["chapter", "membership", "app_user", "skill", "program"]) if (first.includes(table)) assert.ok(await lastAnalyzed(t, table), table);
    const [left] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from pg_stat_user_tables where schemaname = 'public' and last_analyze is null and last_autoanalyze is null`),
    );
    assert.equal(Number(left?.n), 0, "no table left without statistics");
    assert.deepEqual(await analyzeNeverAnalyzed(t.db), []);
  });

  it("a roster import of hundreds of people refreshes the statistics of the tables it filled; a small one leaves them", async () => {
    const chapterId = (await createChapter(t.db, { name: "RTIK Jember", regionCode: "35.09" })).id;
    const leadId = (await createUser(t.db, { name: "Lead" })).id;
    const before = await lastAnalyzed(t, "membership");
    const small = await importRoster(t.db, { chapterId, leadId, csvText: "nama,email\nSatu Orang,satu@example.test\n" });
    assert.equal(small.ok, true);
    assert.deepEqual(await lastAnalyzed(t, "membership"), before);

    const lines = ["nama,email,status"];
    for (let i = 0; i < IMPORT_ANALYZE_MIN_ROWS + 20; i++) lines.push(`Relawan Impor ${i},impor${i}@example.test,${i % 5 ? "aktif" : "nonaktif"}`);
    const big = await importRoster(t.db, { chapterId, leadId, csvText: lines.join("\n") });
    assert.equal(big.ok, true);
    const afterImport = await lastAnalyzed(t, "membership");
    assert.ok(afterImport && (!before || afterImport > before), "membership analyzed after the import");
    // the planner now knows the chapter's members: its estimate is near the real count, not a default guess
    const [plan] = rowsOf<{ "QUERY PLAN": unknown }>(await t.db.execute(sql.raw(`explain (format json) select * from membership where chapter_id = ${chapterId}`)));
    const rows = (plan?.["QUERY PLAN"] as { Plan: { "Plan Rows": number } }[])[0]!.Plan["Plan Rows"];
    assert.ok(rows >= 100 && rows <= 200, `estimated ${rows} rows for ${IMPORT_ANALYZE_MIN_ROWS + 21}`);
  });
});
