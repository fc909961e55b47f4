import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { regions } from "./schema/regions";

export type TimeZoneId = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

/** The zone follows from the province (Permendagri/Keppres 41/1987 boundaries). */
export function timeZoneForProvince(provinceCode: string): TimeZoneId {
  const n = Number(provinceCode.slice(0, 2));
  if (n >= 81) return "Asia/Jayapura"; // Maluku, Maluku Utara, Papua provinces: WIT
  if (n === 51 || n === 52 || n === 53 || (n >= 63 && n <= 76)) return "Asia/Makassar"; // Bali, NTB, NTT, Kalsel/Kaltim/Kaltara, Sulawesi: WITA
  return "Asia/Jakarta"; // Sumatera, Jawa, Kalbar, Kalteng: WIB
}

const KEEP_UPPER = new Set(["DKI", "DI", "II", "III", "IV"]);

/** idn-area-data spells provinces and regencies in capitals; people read "Kabupaten Jember". */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(" ")
    .map((w) => (KEEP_UPPER.has(w.toUpperCase()) ? w.toUpperCase() : w.replace(/(^|[-(/.])(\p{L})/gu, (_, p, c: string) => p + c.toUpperCase())))
    .join(" ");
}

/** Loads the official areas once; a no-op when they are already there. */
export async function loadRegions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  if ((row?.n ?? 0) > 0) return 0;
  // the package (and its CSV readers) is loaded only when the table is empty: once per database, not per start
  const { getDistricts, getProvinces, getRegencies, getVillages } = await import("idn-area-data");
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  type Row = typeof regions.$inferInsert;
  const rows: Row[] = [];
  for (const p of provinces)
    rows.push({ code: p.code, name: titleCase(p.name), level: 1, parentCode: null, provinceCode: p.code, timeZone: timeZoneForProvince(p.code) });
  for (const r of regencies)
    rows.push({ code: r.code, name: titleCase(r.name), level: 2, parentCode: r.province_code, provinceCode: r.province_code, timeZone: timeZoneForProvince(r.province_code) });
  for (const d of districts) {
    const prov = d.code.slice(0, 2);
    rows.push({ code: d.code, name: d.name, level: 3, parentCode: d.regency_code, provinceCode: prov, timeZone: timeZoneForProvince(prov) });
  }
  for (const v of villages) {
    const prov = v.code.slice(0, 2);
    rows.push({ code: v.code, name: v.name, level: 4, parentCode: v.district_code, provinceCode: prov, timeZone: timeZoneForProvince(prov) });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.insert(regions).values(rows.slice(i, i + 5000)).onConflictDoNothing();
    }
  });
  return rows.length;
}
