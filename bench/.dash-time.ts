import { openDatabase } from "../db/client";
import { rollupDashboard } from "../app/models/reports/reports.server";
import { currentPeriod } from "../app/models/reports/period";
const h = await openDatabase({ databaseUrl: process.env.URL, pgliteDir: "" });
const period = currentPeriod(new Date(), "Asia/Jakarta");
const viewer = { id: "bench-admin", isAdmin: true };
for (const [label, provinceCode] of [["national", null], ["province 35", "35"]] as const) {
  const ts: number[] = [];
  for (let i = 0; i < 31; i++) {
    const s = performance.now();
    await rollupDashboard(h.db, { provinceCode, period, locale: "id", viewer });
    if (i) ts.push(performance.now() - s);
  }
  ts.sort((a, b) => a - b);
  console.log(label, "p50", ts[15]!.toFixed(1), "p95", ts[28]!.toFixed(1));
}
await h.close();
