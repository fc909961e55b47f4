import { asc, eq, inArray, isNull } from "drizzle-orm";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { packOptions } from "~/utils/region-options";

export type RegionLevel = 1 | 2 | 3 | 4;
export type RegionOption = { code: string; name: string };
export type Region = { code: string; name: string; level: number; parentCode: string | null; provinceCode: string; timeZone: string };

/** What a <RegionPicker> shows: one select per level, its options (packed: app/utils/region-options.ts) and the chosen code. */
export type RegionPickerState = {
  levels: { level: RegionLevel; options: string; selected: string | null }[];
  value: string | null;
};

const columns = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  provinceCode: regions.provinceCode,
  timeZone: regions.timeZone,
};

export async function getRegion(db: Db, code: string): Promise<Region | null> {
  const [row] = await db.select(columns).from(regions).where(eq(regions.code, code));
  return row ?? null;
}

export async function listRegionChildren(db: Db, parentCode: string | null): Promise<RegionOption[]> {
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.name));
}

/** Codes are hierarchical ("35.09.01.2001"): the ancestors are its prefixes. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join("."));
}

/** Province → … → the region itself, with names. */
export async function regionPath(db: Db, code: string): Promise<Region[]> {
  const codes = ancestorCodes(code);
  const rows = await db.select(columns).from(regions).where(inArray(regions.code, codes));
  return rows.sort((a, b) => a.level - b.level);
}

/** "Desa Sumbersari, Kec. Sumbersari, Kabupaten Jember, Jawa Timur" style label (most precise first). */
export async function regionLabel(db: Db, code: string | null): Promise<string | null> {
  if (!code) return null;
  const path = await regionPath(db, code);
  return path
    .reverse()
    .map((r) => r.name)
    .join(", ");
}

export async function regionLabels(db: Db, codes: string[]): Promise<Map<string, string>> {
  const all = [...new Set(codes.flatMap(ancestorCodes))];
  const out = new Map<string, string>();
  if (!all.length) return out;
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, all));
  const names = new Map(rows.map((r) => [r.code, r.name]));
  for (const c of codes) out.set(c, ancestorCodes(c).reverse().map((a) => names.get(a) ?? a).join(", "));
  return out;
}

/**
 * Options for every level down to maxLevel given the current choice.
 * `root` pins the upper levels (e.g. a chapter's kabupaten): they are not shown as selects.
 */
export async function regionPickerState(
  db: Db,
  selected: string | null,
  opts: { maxLevel?: RegionLevel; root?: string | null } = {},
): Promise<RegionPickerState> {
  const maxLevel = opts.maxLevel ?? 4;
  const root = opts.root ?? null;
  const rootLevel = root ? root.split(".").length : 0;
  const chosen = selected && (!root || selected === root || selected.startsWith(`${root}.`)) ? ancestorCodes(selected) : root ? ancestorCodes(root) : [];
  const levels: RegionPickerState["levels"] = [];
  for (let level = rootLevel + 1; level <= maxLevel; level++) {
    const parent = level === 1 ? null : (chosen[level - 2] ?? null);
    if (level > 1 && !parent) {
      levels.push({ level: level as RegionLevel, options: "", selected: null });
      continue;
    }
    const options = await listRegionChildren(db, parent);
    levels.push({ level: level as RegionLevel, options: packOptions(options), selected: chosen[level - 1] ?? null });
  }
  return { levels, value: selected };
}

/**
 * Reads the picker's selects (`${name}_1` … `${name}_4`) and returns the deepest consistent choice:
 * a deeper select that no longer belongs to its parent (the parent changed without JavaScript) is dropped.
 */
export function regionFromForm(form: FormData | Record<string, unknown>, name: string, root: string | null = null): string | null {
  const get = (k: string) => {
    const v = form instanceof FormData ? form.get(k) : form[k];
    return typeof v === "string" && v ? v : null;
  };
  let current = root;
  for (let level = (root ? root.split(".").length : 0) + 1; level <= 4; level++) {
    const v = get(`${name}_${level}`);
    if (!v || v.split(".").length !== level) break;
    if (current && !v.startsWith(`${current}.`)) break;
    current = v;
  }
  return current === root ? null : current;
}

/** Validates a chosen code: it exists and is at least as precise as required. Returns an error key or null. */
export async function checkRegion(db: Db, code: string | null, minLevel: RegionLevel, within?: string | null): Promise<string | null> {
  if (!code) return "regions.required";
  const region = await getRegion(db, code);
  if (!region) return "regions.invalid";
  if (within && code !== within && !code.startsWith(`${within}.`)) return "regions.outside";
  if (region.level < minLevel) return minLevel === 3 ? "regions.needKecamatan" : minLevel === 4 ? "regions.needDesa" : "regions.required";
  return null;
}

export async function provincesAndRegencies(db: Db): Promise<{ code: string; name: string; level: number }[]> {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.level, [1, 2]))
    .orderBy(asc(regions.code));
}

/** The no-JavaScript "next" button of a <RegionPicker> was pressed (nothing should be saved). */
export function regionStepRequested(form: FormData): string | null {
  const v = form.get("_regionStep");
  return typeof v === "string" && v ? v : null;
}
