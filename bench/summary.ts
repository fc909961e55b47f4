// Prints the targets collected during one `npm run bench` run (see bench/targets.ts) as a Markdown table.
// Usage: node --import tsx bench/summary.ts FILE
import fs from "node:fs";
import { format, type Target } from "./targets";

const file = process.argv[2];
const rows: Target[] = file && fs.existsSync(file)
  ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Target)
  : [];
/**
 * On a virtual machine the hypervisor may run other guests on the same cores: /proc/stat counts that time as
 * "steal". The share of it over the run says how far the run's figures are the machine's own.
 */
function stealShare(): string {
  const start = process.env.BENCH_CPU_START;
  if (!start || !fs.existsSync("/proc/stat")) return "";
  const fields = (line: string) => line.trim().split(/\s+/).slice(1, 9).map(Number);
  const a = fields(start);
  const b = fields(fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "");
  const d = b.map((x, i) => x - (a[i] ?? 0));
  const total = d.reduce((x, y) => x + y, 0);
  const busy = total - (d[3] ?? 0) - (d[4] ?? 0); // all but idle and iowait
  return total > 0 ? `; over the run the cores were busy ${((100 * busy) / total).toFixed(0)} % of the time; the hypervisor took ${((100 * (d[7] ?? 0)) / total).toFixed(1)} % of their time for other machines (steal)` : "";
}

console.log("\n== targets of this run");
console.log(`machine: ${process.env.BENCH_MACHINE ?? ""}${stealShare()}`.trim());
console.log("| benchmark | figure | measured | target | |");
console.log("|---|---|---|---|---|");
for (const r of rows)
  console.log(`| ${r.bench} | ${r.figure} | ${format(r.value, r.unit)} | ${r.kind === "max" ? "≤" : "≥"} ${format(r.limit, r.unit)} | ${r.ok ? "holds" : "**missed**"} |`);
const missed = rows.filter((r) => !r.ok).length;
console.log(`${rows.length} targets, ${rows.length - missed} hold, ${missed} missed`);
