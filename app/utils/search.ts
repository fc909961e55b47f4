/**
 * A search as typed into a form (members, venues): control characters as spaces (a NUL would make PostgreSQL refuse
 * the statement), trimmed, at most 80 characters; "" for none.
 */
export function searchTextOf(v: FormDataEntryValue | string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (typeof v === "string" ? v : "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 80).trim();
}

/** Text for a LIKE pattern taken literally: `%`, `_` and the escape character itself are escaped. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
