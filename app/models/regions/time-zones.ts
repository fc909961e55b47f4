/**
 * The time zone of a region follows from its province (first two digits of any Kemendagri code).
 * Same rule as db/regions.ts, which stamps region.time_zone; kept here without server code so the profile
 * page can show WIB/WITA/WIT as soon as a province is picked. tests/integration/regions.test.ts checks both agree.
 */
export type IndonesianTimeZone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

export function timeZoneOfRegionCode(code: string): IndonesianTimeZone {
  const n = Number(code.slice(0, 2));
  if (n >= 81) return "Asia/Jayapura";
  if (n === 51 || n === 52 || n === 53 || (n >= 63 && n <= 76)) return "Asia/Makassar";
  return "Asia/Jakarta";
}
