/**
 * The printable "my data" page's labels (DECISIONS 114, 118, 126): its own module, so the pages that only read the
 * data (the "my data" page) do not carry the print page's labels in their strings.
 */
import { DAY_PARTS, slotsOfMask, WEEKDAYS } from "~/models/accounts/availability";
import { formatDate } from "~/i18n/format-date";
import { formatDateTime, formatDay, formatDays, formatNumber } from "~/i18n/format";
import { countKey } from "~/i18n/plural";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import type { Locale } from "~/i18n/locale";
import { translator } from "~/i18n/dictionaries.server";
import type { AccessByRow, SeenByRow } from "~/models/privacy/access-log.server";
import type { PersonalData } from "./personal-data.server";

/** Rows a section of the printable page lists: the newest ones; the download holds them all. */
export const PRINT_ROWS = 100;

type Section<T> = { rows: T[]; total: number };
/** The newest PRINT_ROWS of a list kept oldest first (or newest first: `newestFirst`), labelled, with the list's length. */
function newest<T, U>(rows: T[], label: (row: T) => U, newestFirst = false): Section<U> {
  return { rows: (newestFirst ? rows.slice(0, PRINT_ROWS) : rows.slice(-PRINT_ROWS)).map(label), total: rows.length };
}

export type PrintablePersonalData = Omit<
  PersonalData,
  "signups" | "tutoring" | "memberships" | "telecenters" | "tutoringOffers" | "invitations" | "surveyAssignments" | "reportsSubmitted" | "auditEntries" | "seenBy" | "accessByMe" | "certificates"
> & {
  /** availability slots as the profile form names them ("Sabtu Pagi") */
  availability: string[];
  /**
   * The dates of the reader's own doings (consent, applying, joining a telecenter) in the reader's zone, and the
   * times (this page, who saw the data) with it named: "4 Des 2026 08.15 WITA" (DECISIONS 118)
   */
  generated: string;
  consentDay: string | null;
  memberships: (PersonalData["memberships"][number] & { appliedDay: string })[];
  telecenters: (PersonalData["telecenters"][number] & { sinceDay: string })[];
  /** `day`: the day's date where the event took place (WIB/WITA/WIT), as the app writes dates */
  signups: Section<PersonalData["signups"][number] & { day: string; attendance: string | null }>;
  tutoring: Section<PersonalData["tutoring"][number] & { logged: string }>;
  /** the sections the download gained (DECISIONS 121), labelled, each with its day or time in the reader's zone */
  tutoringOffers: Section<{ requestId: number; chapter: string; kind: string; status: string; day: string }>;
  invitations: Section<{ chapter: string; status: string; day: string }>;
  surveyAssignments: Section<{ campaign: string; telecenter: string; day: string }>;
  reportsSubmitted: Section<{ event: string; status: string; day: string }>;
  auditEntries: Section<{ chapter: string | null; action: string; by: string | null; day: string }>;
  seenBy: Section<SeenByRow & { time: string }>;
  accessByMe: Section<AccessByRow & { time: string }>;
  /** `hours` as the certificate states them: "14,5 jam" / "14.5 hours" */
  certificates: (Omit<PersonalData["certificates"][number], "hours"> & { hours: string })[];
};

/**
 * The readable page's data: stored values (slots, roles, statuses) become the labels the rest of the app shows, in
 * the reader's language. The JSON download keeps the raw values — they are what a machine can read back. A long
 * list (300 sign-ups, a lead's years of opened participant lists) shows its newest PRINT_ROWS with its length.
 */
export function printablePersonalData(p: PersonalData, locale: Locale, timeZone = "Asia/Jakarta"): PrintablePersonalData {
  const t = translator(locale);
  const day = (d: string) => formatDate(d, locale, timeZone);
  const time = (d: string) => formatDateTime(d, locale, timeZone);
  const label = (key: string, raw: string) => {
    const s = t(key);
    return s === key ? raw : s;
  };
  const slot = (s: { weekday: number; part: number }) => t("profile.slotLabel", { day: t(`profile.day.${WEEKDAYS[s.weekday]}`), part: t(`profile.part.${DAY_PARTS[s.part]}`) });
  return {
    ...p,
    availability: p.profile ? slotsOfMask(p.profile.availability).map(slot) : [],
    generated: formatDateTime(p.generatedAt, locale, timeZone),
    consentDay: p.account.privacyConsentAt ? day(p.account.privacyConsentAt) : null,
    memberships: p.memberships.map((m) => ({
      ...m,
      appliedDay: day(m.appliedAt),
      role: label(m.role === "lead" ? "chapters.home.leads" : "chapters.home.volunteer", m.role),
      status: label(`chapters.status.${m.status}`, m.status),
    })),
    signups: newest(p.signups, (s) => ({
      ...s,
      day: formatDate(s.startsAt, locale, s.timeZone),
      status: label(`events.signupStatus.${s.status}`, s.status),
      attendance: s.attendedAt ? t("privacy.print.attended", { hours: s.hoursCredited ?? 0 }) : null,
    })),
    tutoring: newest(p.tutoring, (r) => ({ ...r, status: label(`tutoring.status.${r.status}`, r.status), logged: t("tutoring.session.total", { n: r.sessions, minutes: r.minutes }) })),
    telecenters: p.telecenters.map((s) => ({ ...s, role: label(`telecenters.role.${s.role}`, s.role), sinceDay: day(s.since) })),
    tutoringOffers: newest(p.tutoringOffers, (o) => ({
      requestId: o.requestId,
      chapter: o.chapter,
      kind: label(`tutoring.offer.${o.kind}`, o.kind),
      status: label(`tutoring.offerStatus.${o.status}`, o.status),
      day: day(o.offeredAt),
    })),
    invitations: newest(p.invitations, (i) => ({ chapter: i.chapter, status: label(`privacy.invitation.${i.status}`, i.status), day: day(i.createdAt) })),
    surveyAssignments: newest(p.surveyAssignments, (a) => ({ campaign: a.campaign, telecenter: a.telecenter, day: day(a.assignedAt) })),
    reportsSubmitted: newest(p.reportsSubmitted, (r) => ({ event: r.event, status: label(`events.report.status.${r.status}`, r.status), day: day(r.submittedAt) })),
    auditEntries: newest(p.auditEntries, (a) => ({ chapter: a.chapter, action: label(`privacy.audit.${a.action}`, a.action), by: a.by, day: day(a.at) })),
    seenBy: newest(p.seenBy, (s) => ({ ...s, time: time(s.at) }), true),
    accessByMe: newest(p.accessByMe, (s) => ({ ...s, time: time(s.at) }), true),
    // "6 Okt 2026" and "+62 812-3456-7890", as every other page writes them (the download keeps 2026-10-06 and +62…)
    // hours as the certificate and the Laporan state them: "14,5 jam" / "14.5 hours"
    certificates: p.certificates.map((c) => ({ ...c, activityDate: c.activityDate.includes(",") ? formatDays(c.activityDate.split(","), locale) : formatDay(c.activityDate, locale), hours: t(countKey("reports.cert.hoursN", c.hours), { n: formatNumber(c.hours, locale) }) })),
    profile: p.profile ? { ...p.profile, whatsapp: p.profile.whatsapp ? formatWhatsapp(p.profile.whatsapp) : p.profile.whatsapp } : p.profile,
  };
}
