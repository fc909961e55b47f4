import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { events, OUTCOME_KINDS, programs, type OutcomeKind } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { catalogueNamesTaken, takenErrors } from "~/models/catalogue-names.server";
import { manyStrings } from "~/utils/forms.server";

export { OUTCOME_KINDS };

/** Every program (active or not) with how many events use it, for the admin page. */
export async function listAllPrograms(db: Db) {
  return db
    .select({
      id: programs.id,
      slug: programs.slug,
      nameId: programs.nameId,
      nameEn: programs.nameEn,
      outcomes: programs.outcomes,
      active: programs.active,
      events: sql<number>`(select count(*)::int from ${events} e where e.program_id = "program"."id")`,
    })
    .from(programs)
    .orderBy(asc(programs.id));
}

export const programSchema = z.object({
  nameId: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  outcomes: manyStrings.pipe(
    z
      .array(z.enum(OUTCOME_KINDS, { errorMap: () => ({ message: "errors.invalid" }) }))
      .min(1, "events.programs.outcomesRequired"),
  ),
});
export type ProgramForm = z.infer<typeof programSchema>;

export function programSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

type Saved = { ok: true; id: number } | { ok: false; errors: Record<string, string[]> };

const PROGRAM_LIST = { table: programs, id: programs.id, nameId: programs.nameId, nameEn: programs.nameEn, lock: "program" };

export async function addProgram(db: Db, f: ProgramForm): Promise<Saved> {
  const slug = programSlug(f.nameId);
  if (!slug) return { ok: false, errors: { nameId: ["errors.invalid"] } };
  return db.transaction(async (tx): Promise<Saved> => {
    const taken = takenErrors(await catalogueNamesTaken(tx, PROGRAM_LIST, f, null), "events.programs.exists");
    if (taken) return { ok: false, errors: taken };
    const [row] = await tx
      .insert(programs)
      .values({ slug, nameId: f.nameId, nameEn: f.nameEn, outcomes: uniqueOutcomes(f.outcomes) })
      .onConflictDoNothing({ target: programs.slug })
      .returning({ id: programs.id });
    if (!row) return { ok: false, errors: { nameId: ["events.programs.exists"] } };
    return { ok: true, id: row.id };
  });
}

/**
 * The slug stays (it is what seeds and links refer to); names and declared outcomes change. A name another program
 * has, however it is written, is refused; null when the program does not exist.
 */
export async function updateProgram(db: Db, id: number, f: ProgramForm): Promise<Saved | null> {
  return db.transaction(async (tx): Promise<Saved | null> => {
    const [exists] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, id));
    if (!exists) return null;
    const taken = takenErrors(await catalogueNamesTaken(tx, PROGRAM_LIST, f, id), "events.programs.exists");
    if (taken) return { ok: false, errors: taken };
    await tx.update(programs).set({ nameId: f.nameId, nameEn: f.nameEn, outcomes: uniqueOutcomes(f.outcomes) }).where(eq(programs.id, id));
    return { ok: true, id };
  });
}

/** Inactive programs disappear from the planner; past events keep theirs. */
export async function setProgramActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const rows = await db.update(programs).set({ active }).where(eq(programs.id, id)).returning({ id: programs.id });
  return rows.length > 0;
}

function uniqueOutcomes(list: OutcomeKind[]): OutcomeKind[] {
  return OUTCOME_KINDS.filter((k) => list.includes(k));
}
