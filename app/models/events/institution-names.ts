// How Indonesian institution names are written in many ways; shared by the registry (TS) and its SQL twin.
import { sql, type SQL } from "drizzle-orm";

/** Long forms and spellings → one short form; applied word-wise, in this order, to the lower-cased name. */
const WORD_FORMS: [string, string][] = [
  ["sekolah dasar", "sd"],
  ["sekolah menengah pertama", "smp"],
  ["sekolah menengah atas", "sma"],
  ["sekolah menengah kejuruan", "smk"],
  ["madrasah ibtidaiyah", "mi"],
  ["madrasah tsanawiyah", "mts"],
  ["madrasah aliyah", "ma"],
  ["negeri", "n"],
  ["negri", "n"],
  ["swasta", "s"],
  ["pondok pesantren", "pesantren"],
  ["ponpes", "pesantren"],
  ["pp", "pesantren"],
  ["kelurahan", "desa"],
  ["kel", "desa"],
  ["ds", "desa"],
  // the offices a bimtek reaches, written in full or as everyone in the kabupaten calls them
  ["dinas komunikasi dan informatika", "diskominfo"],
  ["dinas kominfo", "diskominfo"],
  ["dinas kesehatan", "dinkes"],
  ["dinas sosial", "dinsos"],
  ["dinas pendidikan", "dispendik"],
  ["disdik", "dispendik"],
  ["badan perencanaan pembangunan daerah", "bappeda"],
  ["dinas kependudukan dan pencatatan sipil", "dispendukcapil"],
  ["disdukcapil", "dispendukcapil"],
];

/**
 * A character beyond ASCII that is not a space or punctuation (Latin-1's, general punctuation, CJK's, variation
 * selectors): a letter, digit or symbol of another script. A name with no Latin letter that holds one is keyed by
 * itself, so "معهد النور 1" and "معهد الهدى 1" are not both "1". The same class in TypeScript and in SQL.
 */
const OTHER_SCRIPT_CLASS = "[^\\x01-\\x7f\\u00a0-\\u00bf\\u2000-\\u206f\\u3000-\\u303f\\ufe00-\\ufe0f]";
// eslint-disable-next-line no-misleading-character-class -- a range of variation selectors, not a letter with its mark
const OTHER_SCRIPT = new RegExp(OTHER_SCRIPT_CLASS, "u");

/**
 * "SMA Negeri 2 Jember", "SMAN 2 Jember", "sma-n 02 jember" are one school; "MTs" is "Madrasah Tsanawiyah";
 * "Ponpes"/"Pondok Pesantren", "Kelurahan"/"Desa" likewise. The result is the comparison key (letters and digits only).
 * A name with no Latin letter or digit ("معهد النور", "☕☕☕") is keyed by itself (NFKC, lower case, spaces collapsed),
 * so names in other scripts are told apart; such a key never equals a Latin one (it holds other characters).
 */
export function normaliseInstitutionName(name: string): string {
  const latin = latinKey(name);
  if (/[a-z]/.test(latin) || (latin && !OTHER_SCRIPT.test(name))) return latin;
  return name.normalize("NFKC").toLowerCase().replace(/[ \t\n\r\f\v]+/g, " ").replace(/^ | $/g, "");
}


function latinKey(name: string): string {
  let s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const [from, to] of WORD_FORMS) s = s.replace(new RegExp(`\\b${from}\\b`, "g"), to);
  // a number written with leading zeros is the same number: "SDN 01 Ajung" is "SDN 1 Ajung"
  return s.replace(/\b0+(\d)/g, "$1").replace(/[^a-z0-9]+/g, "");
}

/** The same key computed by PostgreSQL (for searching and comparing rows already stored). */
export function normalisedNameSql(column: SQL): SQL {
  // accents dropped as in latinKey ("Kafé" is "kafe" in both)
  let expr = sql`btrim(regexp_replace(regexp_replace(lower(normalize(${column}, NFKD)), '[\u0300-\u036f]+', '', 'g'), '[^a-z0-9]+', ' ', 'g'))`;
  for (const [from, to] of WORD_FORMS) expr = sql`regexp_replace(${expr}, ${`\\m${from}\\M`}, ${to}, 'g')`;
  expr = sql`regexp_replace(${expr}, ${"\\m0+([0-9])"}, ${"\\1"}, 'g')`;
  const own = sql`regexp_replace(regexp_replace(lower(normalize(${column}, NFKC)), '[ \t\n\r\f\v]+', ' ', 'g'), '^ | $', '', 'g')`;
  const latin = sql`regexp_replace(${expr}, '[^a-z0-9]+', '', 'g')`;
  return sql`(case when ${latin} ~ '[a-z]' or (${latin} <> '' and ${column} !~ ${OTHER_SCRIPT_CLASS}) then ${latin} else ${own} end)`;
}

/** Mirrors the level backfill of migration 0015. */
export function schoolLevel(name: string): "sd" | "smp" | "sma" | "other" {
  const n = name.trim().toLowerCase();
  if (/^(sd|sdn|sds|sdit|mi|min|mis|sekolah dasar|madrasah ibtidaiyah)\b/.test(n)) return "sd";
  if (/^(smp|smpn|smps|smpit|mts|mtsn|mtss|sekolah menengah pertama|madrasah tsanawiyah)\b/.test(n)) return "smp";
  if (/^(sma|sman|smas|smait|smk|smkn|smks|ma|man|mas|sekolah menengah atas|sekolah menengah kejuruan|madrasah aliyah)\b/.test(n)) return "sma";
  return "other";
}

/**
 * "20523456 SMA Negeri 2 Jember" or "SMAN 2 Jember (NPSN 20523456)": the 8-digit national school number, and the name.
 * Any 8-digit number is taken for a school (`school`); otherwise only one written as leads mark it, "NPSN 20523456"
 * or "(20523456)": "Kopi 24041945" is a UMKM's name, digits and all.
 */
export function splitNpsn(line: string, school = true): { name: string; npsn: string | null } {
  const m = /\bnpsn\b[\s:.#-]*(\d{8})(?!\d)/i.exec(line) ?? /\(\s*(\d{8})\s*\)/.exec(line) ?? (school ? /(?:^|[^\d])(\d{8})(?![\d])/.exec(line) : null);
  if (!m?.[1]) return { name: line.trim(), npsn: null };
  const name = line
    .replace(m[1], " ")
    .replace(/\bnpsn\b[:.]?/i, " ")
    .replace(/\(\s*\)/g, " ")
    .replace(/^[\s\-–,;:|/]+|[\s\-–,;:|/]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return { name, npsn: m[1] };
}

/** The registry's unique key of an institution: its type, region and normalised name. */
export function institutionDedupKey(type: string, regionCode: string, name: string): string {
  return `${type}|${regionCode}|${normaliseInstitutionName(name)}`;
}
