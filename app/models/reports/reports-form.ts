/** Constants shared by the report pages and their actions (plain module: no server code). */
export const TARGET_MAX = 10_000_000;
export const REPORT_LOCALES = ["id", "en"] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];
export const STATUS_CLASS: Record<string, string> = { met: "ok", onTrack: "ok", atRisk: "risk", missed: "risk", noTarget: "none", notStarted: "none" };
