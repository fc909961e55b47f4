// The names of the lists admins manage (tutoring topics, programs, skills, indicators) are compared as people read
// them: "Dasar Komputer", "dasar  komputer" and "Dásar-Komputer" are one name.
import { sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "~/db.server";

/**
 * The comparison key of a list entry's name: accents dropped, lower case, the letters and digits of every script kept
 * (so names in other scripts are told apart), everything between them (spaces, hyphens, dots) one space.
 */
export function catalogueNameKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}][\p{L}\p{N}\p{Mn}\p{Mc}]*/gu);
  return words ? words.join(" ") : "";
}

type Catalogue = { table: PgTable; id: AnyPgColumn; nameId: AnyPgColumn; nameEn: AnyPgColumn; lock: string };

/**
 * Which of the two names (Indonesian, English) another entry of the list already has, compared by
 * `catalogueNameKey`; `exceptId` is the entry being renamed. Call it inside the write's transaction: the advisory lock
 * on the list makes two admins adding or renaming at once take turns, so the second one is told.
 */
export async function catalogueNamesTaken(
  tx: Db,
  list: Catalogue,
  input: { nameId: string; nameEn: string },
  exceptId: number | null,
): Promise<{ nameId: boolean; nameEn: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`catalogue-names:${list.lock}`}))`);
  const rows = await tx.select({ id: list.id, nameId: list.nameId, nameEn: list.nameEn }).from(list.table);
  const others = rows.filter((r) => Number(r.id) !== exceptId);
  const id = catalogueNameKey(input.nameId);
  const en = catalogueNameKey(input.nameEn);
  return {
    nameId: others.some((r) => catalogueNameKey(String(r.nameId)) === id),
    nameEn: others.some((r) => catalogueNameKey(String(r.nameEn)) === en),
  };
}

/** The form errors for the names taken, under each name's field. */
export function takenErrors(taken: { nameId: boolean; nameEn: boolean }, message: string): Record<string, string[]> | null {
  if (!taken.nameId && !taken.nameEn) return null;
  return { ...(taken.nameId ? { nameId: [message] } : {}), ...(taken.nameEn ? { nameEn: [message] } : {}) };
}
