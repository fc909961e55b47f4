/** The event page's data as the browser receives it (dates as ISO strings; `when`: the session's time as the reader reads it, written by the server). */
export type PageSession = { id: number; n: number; label: string | null; startsAt: string; endsAt: string; open: boolean; when: string };
export type PageRole = { id: number; name: string; capacity: number; hours: number | null; wantedSkills: string[]; confirmed: number; waitlisted: number };
export type PagePlace = { sessionId: number; roleId: number; capacity: number; confirmed: number; waitlisted: number };
export type MyPlace = { id: number; roleId: number; sessionId: number; status: string; waitlistPosition: number | null; attendedAt: string | null };
export type RosterRow = {
  id: number;
  roleId: number;
  sessionId: number;
  userId: string;
  name: string;
  status: string;
  waitlistPosition: number | null;
  attendedAt: string | null;
  hoursCredited: number | null;
};
export type Suggestion = { userId: string; name: string; skills: string };

/** "Hari 2 · Angkatan 2" */
export function dayName(t: (k: string, v?: Record<string, string | number>) => string, s: PageSession | undefined): string {
  if (!s) return "";
  return `${t("events.page.day", { n: s.n })}${s.label ? ` · ${s.label}` : ""}`;
}
