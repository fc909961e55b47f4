// Prints the targets collected during one `npm run bench` run (see bench/targets.ts) as a Markdown table.
// Usage: node --import tsx bench/summary.ts FILE
import fs from "node:fs";
import { format, type Target } from "./targets";

const file = process.argv[2];
const rows: Target[] = file && fs.existsSync(file)
  ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Target)
  : [];
console.log("\n== targets of this run");
console.log(`machine: ${process.env.BENCH_MACHINE ?? ""}`.trim());
console.log("| benchmark | figure | measured | target | |");
console.log("|---|---|---|---|---|");
for (const r of rows)
  console.log(`| ${r.bench} | ${r.figure} | ${format(r.value, r.unit)} | ${r.kind === "max" ? "≤" : "≥"} ${format(r.limit, r.unit)} | ${r.ok ? "holds" : "**missed**"} |`);
const missed = rows.filter((r) => !r.ok).length;
console.log(`${rows.length} targets, ${rows.length - missed} hold, ${missed} missed`);
