// The issue's targets as one table: each benchmark calls `target(...)` for the figures it measures; `npm run bench`
// collects them (BENCH_TARGETS names a JSON-lines file) and bench/summary.ts prints them at the end of the run.
import fs from "node:fs";

export type Target = {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  limit: number;
  /** "max": the value must not exceed the limit; "min": it must reach it */
  kind: "max" | "min";
  ok: boolean;
};

export function target(bench: string, figure: string, value: number, unit: string, kind: Target["kind"], limit: number): boolean {
  const ok = kind === "max" ? value <= limit : value >= limit;
  const row: Target = { bench, figure, value, unit, limit, kind, ok };
  console.log(`target: ${figure}: ${format(value, unit)} (${kind === "max" ? "≤" : "≥"} ${format(limit, unit)}) ${ok ? "holds" : "MISSED"}`);
  if (process.env.BENCH_TARGETS) fs.appendFileSync(process.env.BENCH_TARGETS, `${JSON.stringify(row)}\n`);
  return ok;
}

export function format(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === "%" ? " %" : unit === "×" ? "×" : ` ${unit}`}`;
}
