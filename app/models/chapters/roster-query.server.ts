import { z } from "zod";
import type { RosterCursor, RosterFilters } from "./roster.server";

const STATUSES = ["active", "pending", "inactive", "declined", "all"] as const;

const cursorShape = z.tuple([z.string().max(500), z.string().min(1).max(100)]);

/** A page position in the URL: base64url of ["name", "id"] — opaque, but safe for any name (spaces, quotes, '&'). */
export function encodeCursor(c: RosterCursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(v: string | null): RosterCursor | null {
  if (!v || v.length > 2000) return null;
  try {
    const r = cursorShape.safeParse(JSON.parse(Buffer.from(v, "base64url").toString("utf8")));
    return r.success ? { name: r.data[0], id: r.data[1] } : null;
  } catch {
    return null;
  }
}

/** Filters live in the URL (?q=&skill=&kec=&status=&day=&part=, plus ?after= or ?before= for the page) so a lead can bookmark and share them. */
export function filtersFromUrl(url: URL): RosterFilters & { raw: Record<string, string> } {
  const p = url.searchParams;
  const raw: Record<string, string> = {};
  for (const k of ["q", "skill", "kec", "status", "day", "part"]) raw[k] = p.get(k) ?? "";
  const int = (v: string, max: number) => {
    const r = z.coerce.number().int().min(0).max(max).safeParse(v);
    return v !== "" && r.success ? r.data : null;
  };
  const status = STATUSES.find((s) => s === raw.status) ?? "active";
  const weekday = int(raw.day ?? "", 6);
  const part = int(raw.part ?? "", 2);
  return {
    raw: { ...raw, status },
    q: raw.q?.slice(0, 100) || null,
    skillId: int(raw.skill ?? "", 1_000_000) || null,
    kecamatanCode: /^\d{2}\.\d{2}\.\d{2}$/.test(raw.kec ?? "") ? (raw.kec ?? null) : null,
    status,
    weekday: weekday === null ? null : (weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6),
    part: part === null ? null : (part as 0 | 1 | 2),
    after: decodeCursor(p.get("after")),
    before: decodeCursor(p.get("before")),
  };
}

/** The roster's own parameters: its filters and its page. */
const ROSTER_PARAMS = ["q", "skill", "kec", "status", "day", "part", "after", "before"] as const;

/**
 * The roster's filters and page (its query string, "" for none) as a member page receives them from the roster's
 * link (`?dari=roster&kembali=…`), so that "back to the roster" lands on the same search and page (DECISIONS 122).
 * Only the roster's own parameters are kept, each at most as long as the roster reads it.
 */
export function rosterQueryOf(raw: string | null | undefined): string {
  if (!raw || raw.length > 5000) return "";
  const from = new URLSearchParams(raw);
  const to = new URLSearchParams();
  for (const k of ROSTER_PARAMS) {
    const v = from.get(k);
    if (v) to.set(k, v.slice(0, 2000));
  }
  return to.toString();
}

/** What a member's link on the roster appends: where it comes from, and the roster's filters and page to go back to. */
export function memberLinkQuery(rosterQuery: string): string {
  const q = rosterQueryOf(rosterQuery);
  return q ? `?dari=roster&kembali=${encodeURIComponent(q)}` : "?dari=roster";
}
