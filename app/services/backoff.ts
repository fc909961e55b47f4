/** Waits between attempts: 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, then 12 h; ±20 % jitter so retries don't stampede. */
const STEPS_MS = [30_000, 120_000, 600_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000];

/** Delay before the next try after `failedAttempts` failures (1 = the first try failed). */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const i = Math.min(Math.max(failedAttempts, 1), STEPS_MS.length) - 1;
  const base = STEPS_MS[i] ?? 43_200_000;
  return Math.round(base * (0.8 + 0.4 * random()));
}
