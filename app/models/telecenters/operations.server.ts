/** Operations reports of a telecenter (per day or per month) and their monthly totals. */
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { telecenterReports, telecenterReportUsage, telecenters, type TelecenterService } from "../../../db/schema/telecenters";
import type { Db } from "~/db.server";
import { SERVICES } from "~/models/telecenters/telecenter-form";
import { dateTimeFormat } from "~/i18n/format";
import { timeZoneOfRegionCode } from "~/models/regions/time-zones";
import { calendarDate, parseForm, typedNumber } from "~/utils/forms.server";
import { parseTypedNumber } from "~/utils/numbers";

// ---------- operations reports ----------

/** The first day a report may be about: older dates are typing slips ("0000-01-01", "0206-…"). */
const FIRST_REPORT_DAY = "2000-01-01";

export const reportSchema = z
  .object({
    period: z.enum(["day", "month"]),
    date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, "telecenters.reports.dateInvalid"),
    income: typedNumber({ integer: true, min: 0, max: 1e12, message: "telecenters.reports.incomeInvalid" }).default(0),
    complaints: typedNumber({ integer: true, min: 0, max: 100000 }).default(0),
    visitors: typedNumber({ integer: true, min: 0, max: 100000, message: "telecenters.reports.usersInvalid" }).default(0),
    complaintNotes: z.string().trim().max(2000).optional(),
    damageNotes: z.string().trim().max(2000).optional(),
  })
  .transform((v) => ({ ...v, periodStart: v.period === "month" ? `${v.date.slice(0, 7)}-01` : v.date }))
  .superRefine((v, ctx) => {
    // a day that exists on the calendar ("2026-02-31" does not), not before the first report day
    const exists = calendarDate().safeParse(v.periodStart).success && v.periodStart >= FIRST_REPORT_DAY;
    if ((v.period === "day" && v.date.length !== 10) || !exists) ctx.addIssue({ code: "custom", path: ["date"], message: "telecenters.reports.dateInvalid" });
  });
export type ReportForm = z.infer<typeof reportSchema>;

/** use_<service> fields → users served per service (blank or 0 → not stored); any service, listed by the telecenter or not. */
export function usageFromForm(form: FormData): { ok: true; usage: { service: TelecenterService; users: number }[] } | { ok: false; errors: Record<string, string[]> } {
  const usage: { service: TelecenterService; users: number }[] = [];
  const errors: Record<string, string[]> = {};
  for (const s of SERVICES) {
    const raw = String(form.get(`use_${s}`) ?? "").trim();
    if (!raw) continue;
    const n = parseTypedNumber(raw, { integer: true });
    if (n === null || n < 0 || n > 100000) errors[`use_${s}`] = ["telecenters.reports.usersInvalid"];
    else if (n > 0) usage.push({ service: s, users: n });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, usage };
}

/** One report per telecenter, period kind and start: filing again replaces it. */
export async function saveOperationsReport(
  db: Db,
  input: { telecenterId: number; userId: string; form: ReportForm; usage: { service: TelecenterService; users: number }[] },
): Promise<number> {
  const f = input.form;
  return db.transaction(async (tx) => {
    const values = {
      income: f.income,
      complaints: f.complaints,
      visitors: f.visitors,
      complaintNotes: f.complaintNotes ?? "",
      damageNotes: f.damageNotes ?? "",
      filedBy: input.userId,
      filedAt: sql`now()`,
    };
    const [r] = await tx
      .insert(telecenterReports)
      .values({ telecenterId: input.telecenterId, period: f.period, periodStart: f.periodStart, ...values })
      .onConflictDoUpdate({ target: [telecenterReports.telecenterId, telecenterReports.period, telecenterReports.periodStart], set: values })
      .returning({ id: telecenterReports.id });
    if (!r) throw new Error("report not stored");
    await tx.delete(telecenterReportUsage).where(eq(telecenterReportUsage.reportId, r.id));
    if (input.usage.length) await tx.insert(telecenterReportUsage).values(input.usage.map((u) => ({ ...u, reportId: r.id })));
    return r.id;
  });
}

/** Today's date (YYYY-MM-DD) on the telecenter's own calendar: WIB, WITA or WIT from its region. */
export function telecenterToday(regionCode: string, now = new Date()): string {
  return dateTimeFormat("en-CA", { timeZone: timeZoneOfRegionCode(regionCode) }).format(now);
}

/** The report form's intent: figures and uses checked together, then saved (replacing a report of the same period); no report about a day still to come. */
export async function fileOperationsReport(
  db: Db,
  input: { telecenterId: number; regionCode: string; userId: string; form: FormData; now?: Date },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  const parsed = parseForm(reportSchema, input.form);
  const usage = usageFromForm(input.form);
  const errors: Record<string, string[]> = parsed.ok ? {} : parsed.errors;
  if (parsed.ok && parsed.data.periodStart > telecenterToday(input.regionCode, input.now)) errors.date = ["telecenters.reports.dateFuture"];
  if (!parsed.ok || !usage.ok || errors.date) return { ok: false, errors: { ...errors, ...(usage.ok ? {} : usage.errors) } };
  await saveOperationsReport(db, { telecenterId: input.telecenterId, userId: input.userId, form: parsed.data, usage: usage.usage });
  return { ok: true };
}

export type MonthTotal = { month: string; source: "month" | "days" | "none"; reports: number; income: number; complaints: number; damages: number; users: number; visitors: number; perService: Partial<Record<TelecenterService, number>> };

/**
 * Totals per month over the last `months` months, counted back from this month on the telecenter's own calendar
 * (WIB/WITA/WIT: at 06:00 WIB on the 1st it is already the new month). A monthly report, when filed, is the month's
 * figure; otherwise the daily reports of that month are added up (never both, so nothing is counted twice).
 */
export async function monthlyTotals(db: Db, telecenterId: number, months = 12, now = new Date()): Promise<MonthTotal[]> {
  const [tc] = await db.select({ regionCode: telecenters.regionCode }).from(telecenters).where(eq(telecenters.id, telecenterId));
  if (!tc) return [];
  const [year, month] = telecenterToday(tc.regionCode, now).split("-").map(Number);
  const from = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1 - (months - 1), 1)).toISOString().slice(0, 10);
  const reports = await db
    .select({
      id: telecenterReports.id,
      period: telecenterReports.period,
      periodStart: telecenterReports.periodStart,
      income: telecenterReports.income,
      complaints: telecenterReports.complaints,
      visitors: telecenterReports.visitors,
      damageNotes: telecenterReports.damageNotes,
    })
    .from(telecenterReports)
    .where(and(eq(telecenterReports.telecenterId, telecenterId), gte(telecenterReports.periodStart, from)));
  const usage = reports.length
    ? await db.select().from(telecenterReportUsage).where(inArray(telecenterReportUsage.reportId, reports.map((r) => r.id)))
    : [];
  const byMonth = new Map<string, typeof reports>();
  for (const r of reports) {
    const m = r.periodStart.slice(0, 7);
    byMonth.set(m, [...(byMonth.get(m) ?? []), r]);
  }
  const out: MonthTotal[] = [];
  for (const [month, rs] of byMonth) {
    const monthly = rs.filter((r) => r.period === "month");
    const used = monthly.length ? monthly : rs.filter((r) => r.period === "day");
    const perService: Partial<Record<TelecenterService, number>> = {};
    for (const u of usage) if (used.some((r) => r.id === u.reportId)) perService[u.service] = (perService[u.service] ?? 0) + u.users;
    out.push({
      month,
      source: monthly.length ? "month" : "days",
      reports: used.length,
      income: used.reduce((a, r) => a + r.income, 0),
      complaints: used.reduce((a, r) => a + r.complaints, 0),
      damages: used.filter((r) => r.damageNotes.trim() !== "").length,
      visitors: used.reduce((a, r) => a + r.visitors, 0),
      users: Object.values(perService).reduce((a, n) => a + (n ?? 0), 0),
      perService,
    });
  }
  // a month without any report between the first one reported and the last month complete is a row of its own,
  // so a gap is seen as one (and not read as the month after it); its figures are unknown, not zero
  const reported = new Set(out.map((m) => m.month));
  const lastComplete = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 2, 1)).toISOString().slice(0, 7);
  const first = [...reported].sort()[0];
  if (first)
    for (let d = new Date(`${first}-01T00:00:00Z`); ; d.setUTCMonth(d.getUTCMonth() + 1)) {
      const m = d.toISOString().slice(0, 7);
      if (m > lastComplete) break;
      if (!reported.has(m)) out.push({ month: m, source: "none", reports: 0, income: 0, complaints: 0, damages: 0, visitors: 0, users: 0, perService: {} });
    }
  return out.sort((a, b) => b.month.localeCompare(a.month));
}

export async function recentReports(db: Db, telecenterId: number, limit = 20) {
  return db
    .select({
      id: telecenterReports.id,
      period: telecenterReports.period,
      periodStart: telecenterReports.periodStart,
      income: telecenterReports.income,
      complaints: telecenterReports.complaints,
      visitors: telecenterReports.visitors,
      complaintNotes: telecenterReports.complaintNotes,
      damageNotes: telecenterReports.damageNotes,
      filedBy: users.name,
    })
    .from(telecenterReports)
    .leftJoin(users, eq(users.id, telecenterReports.filedBy))
    .where(eq(telecenterReports.telecenterId, telecenterId))
    .orderBy(desc(telecenterReports.periodStart), asc(telecenterReports.period))
    .limit(limit);
}
