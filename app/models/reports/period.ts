/**
 * Reporting periods: a calendar year or one of its semesters, in the chapter's own zone (WIB/WITA/WIT).
 * Plain module (no server code): pages build period links with it too.
 */
export type Period = { year: number; semester: 0 | 1 | 2 };

const RE = /^(\d{4})(?:-S([12]))?$/;

export function parsePeriod(s: string | null | undefined): Period | null {
  const m = RE.exec((s ?? "").trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, semester: m[2] === "1" ? 1 : m[2] === "2" ? 2 : 0 };
}

export function periodKey(p: Period): string {
  return p.semester ? `${p.year}-S${p.semester}` : String(p.year);
}

export function periodLabel(p: Period, locale: "id" | "en"): string {
  if (!p.semester) return locale === "id" ? `Tahun ${p.year}` : `Year ${p.year}`;
  return locale === "id" ? `Semester ${p.semester} ${p.year}` : `${p.year} semester ${p.semester}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** First local day (inclusive) and the first local day after (exclusive), as yyyy-mm-dd. */
export function periodBounds(p: Period): { from: string; to: string } {
  if (p.semester === 1) return { from: `${p.year}-01-01`, to: `${p.year}-07-01` };
  if (p.semester === 2) return { from: `${p.year}-07-01`, to: `${p.year + 1}-01-01` };
  return { from: `${p.year}-01-01`, to: `${p.year + 1}-01-01` };
}

/** The months of the period as yyyy-mm. */
export function periodMonths(p: Period): string[] {
  const first = p.semester === 2 ? 7 : 1;
  const count = p.semester ? 6 : 12;
  return Array.from({ length: count }, (_, i) => `${p.year}-${pad(first + i)}`);
}

export function previousPeriod(p: Period): Period {
  if (p.semester === 0) return { year: p.year - 1, semester: 0 };
  if (p.semester === 1) return { year: p.year - 1, semester: 2 };
  return { year: p.year, semester: 1 };
}

const OFFSET_HOURS: Record<string, number> = { "Asia/Jakarta": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 };

/** Local midnight of yyyy-mm-dd in an Indonesian zone as a UTC instant (no daylight saving in Indonesia). */
export function localMidnight(day: string, timeZone: string): Date {
  const offset = OFFSET_HOURS[timeZone] ?? 7;
  return new Date(Date.parse(`${day}T00:00:00Z`) - offset * 3_600_000);
}

/** Share of the period that has passed at `now` in the zone: 0 before it starts, 1 after it ends. */
export function elapsedFraction(p: Period, now: Date, timeZone: string): number {
  const { from, to } = periodBounds(p);
  const a = localMidnight(from, timeZone).getTime();
  const b = localMidnight(to, timeZone).getTime();
  return Math.min(1, Math.max(0, (now.getTime() - a) / (b - a)));
}

/** The period containing `now` in the zone (semester 0 → the year). */
export function currentPeriod(now: Date, timeZone: string, semester = false): Period {
  const offset = OFFSET_HOURS[timeZone] ?? 7;
  const local = new Date(now.getTime() + offset * 3_600_000);
  const year = local.getUTCFullYear();
  if (!semester) return { year, semester: 0 };
  return { year, semester: local.getUTCMonth() < 6 ? 1 : 2 };
}

export type Status = "met" | "onTrack" | "atRisk" | "missed" | "noTarget" | "notStarted";

/**
 * On track when the figure is at least 90 % of the target's pro-rata share of the time elapsed;
 * met once it reaches the target; missed when the period is over short of it.
 */
export function progressStatus(value: number, target: number | null, elapsed: number): Status {
  if (target === null || target <= 0) return "noTarget";
  if (value >= target) return "met";
  if (elapsed >= 1) return "missed";
  if (elapsed <= 0) return "notStarted";
  return value >= 0.9 * target * elapsed ? "onTrack" : "atRisk";
}

/** Progress toward a target, not capped: 24 of 20 is 1.2 (120 %); the bar is full from 1 on. */
export function progressRatio(value: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return value / target;
}

/**
 * Whole percent of a target reached, rounded, but 99 at most while the target is not reached (999 of 1,000 is not
 * "100 %") and 1 at least once something counts (3 of 1,000 is not "0 %", which reads as nothing done). The ranking
 * of chapters writes their mean progress (a ratio, `progressPercent(progress, 1)`) the same way, and ranks on it
 * (`RANKING_PERCENT_SQL` in reports.server.ts).
 */
export function progressPercent(value: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  const percent = Math.round((value * 100) / target);
  if (value > 0 && percent < 1) return 1;
  return value < target ? Math.min(percent, 99) : percent;
}

/** Periods offered in the pickers: this year and last, each whole and by semester. */
export function periodOptions(now: Date, timeZone = "Asia/Jakarta"): Period[] {
  const y = currentPeriod(now, timeZone).year;
  return [y, y - 1].flatMap((year) => [0, 1, 2].map((semester) => ({ year, semester: semester as 0 | 1 | 2 })));
}
