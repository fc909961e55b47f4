import { and, eq, sql } from "drizzle-orm";
import { targets, type TargetScope } from "../../../db/schema/reports";
import type { Db } from "~/db.server";
import type { Period } from "./period";
import { TARGET_MAX } from "./reports-form";
import { parseTypedNumber } from "~/utils/numbers";

export type TargetOwner = { scope: "chapter"; chapterId: number } | { scope: "province"; provinceCode: string } | { scope: "national" };

export function scopeKeyOf(o: TargetOwner): string {
  if (o.scope === "chapter") return `chapter:${o.chapterId}`;
  if (o.scope === "province") return `province:${o.provinceCode}`;
  return "national";
}

/** indicatorId → target value for the owner and period */
export async function getTargets(db: Db, owner: TargetOwner, period: Period): Promise<Map<number, number>> {
  const rows = await db
    .select({ indicatorId: targets.indicatorId, value: targets.value })
    .from(targets)
    .where(and(eq(targets.scopeKey, scopeKeyOf(owner)), eq(targets.year, period.year), eq(targets.semester, period.semester)));
  return new Map(rows.map((r) => [r.indicatorId, r.value]));
}

/** chapterId → indicatorId → target, for all chapters (optionally of one province) in a period (one query). */
export async function chapterTargets(db: Db, period: Period, provinceCode?: string | null): Promise<Map<number, Map<number, number>>> {
  const rows = await db
    .select({ chapterId: targets.chapterId, indicatorId: targets.indicatorId, value: targets.value })
    .from(targets)
    .where(
      and(
        eq(targets.scope, "chapter"),
        eq(targets.year, period.year),
        eq(targets.semester, period.semester),
        provinceCode ? sql`${targets.chapterId} in (select c.id from chapter c join region r on r.code = c.region_code where r.province_code = ${provinceCode})` : undefined,
      ),
    );
  const out = new Map<number, Map<number, number>>();
  for (const r of rows) {
    if (r.chapterId === null) continue;
    let m = out.get(r.chapterId);
    if (!m) out.set(r.chapterId, (m = new Map()));
    m.set(r.indicatorId, r.value);
  }
  return out;
}

export type TargetParse = { ok: true; values: Map<number, number | null> } | { ok: false; errors: Record<string, string[]>; values: Record<string, string> };

/** Form fields `target_<indicatorId>`: empty removes the target, otherwise a whole number 0…TARGET_MAX. */
export function parseTargetForm(form: FormData, indicatorIds: number[]): TargetParse {
  const values = new Map<number, number | null>();
  const errors: Record<string, string[]> = {};
  const raw: Record<string, string> = {};
  for (const id of indicatorIds) {
    const name = `target_${id}`;
    raw[name] = String(form.get(name) ?? "");
    const n = raw[name].trim() === "" ? null : parseTypedNumber(raw[name], { integer: true });
    if (raw[name].trim() === "") values.set(id, null);
    else if (n === null || n < 0) errors[name] = ["reports.targets.notNumber"];
    // empty is "no target"; 0 would read as a target already met
    else if (n === 0) errors[name] = ["errors.tooSmall?min=1"];
    else if (n > TARGET_MAX) errors[name] = ["reports.targets.tooBig"];
    else values.set(id, n);
  }
  if (Object.keys(errors).length) return { ok: false, errors, values: raw };
  return { ok: true, values };
}

/** All targets of one owner and period in one transaction: nothing half-saved. */
export async function saveTargets(db: Db, input: { owner: TargetOwner; period: Period; values: Map<number, number | null>; userId: string }): Promise<void> {
  const scopeKey = scopeKeyOf(input.owner);
  const scope: TargetScope = input.owner.scope;
  const chapterId = input.owner.scope === "chapter" ? input.owner.chapterId : null;
  const provinceCode = input.owner.scope === "province" ? input.owner.provinceCode : null;
  await db.transaction(async (tx) => {
    for (const [indicatorId, value] of input.values) {
      const where = and(eq(targets.scopeKey, scopeKey), eq(targets.year, input.period.year), eq(targets.semester, input.period.semester), eq(targets.indicatorId, indicatorId));
      if (value === null) {
        await tx.delete(targets).where(where);
        continue;
      }
      await tx
        .insert(targets)
        .values({ scope, scopeKey, chapterId, provinceCode, indicatorId, year: input.period.year, semester: input.period.semester, value, setBy: input.userId })
        .onConflictDoUpdate({ target: [targets.scopeKey, targets.year, targets.semester, targets.indicatorId], set: { value, setBy: input.userId, setAt: sql`now()` } });
    }
  });
}
