import { parse } from "csv-parse/sync";
import { eq, inArray } from "drizzle-orm";
import { ONBOARDING_KINDS, type OnboardingKind } from "../../../db/schema/events";
import { regions } from "../../../db/schema/regions";
import type { Db } from "~/db.server";
import { normaliseInstitutionName } from "~/models/events/institution-names";
import type { OnboardingType } from "~/models/events/outcome-form";

/** Rows one report's go-online list may hold, and its size: said in the error, never cut silently. */
export const ONLINE_LIST_MAX_ROWS = 2000;
export const ONLINE_LIST_MAX_BYTES = 1024 * 1024;

export type OnlineListRow = {
  /** "list" (pasted) or "file" (uploaded CSV), and the line in it */
  source: "list" | "file";
  line: number;
  name: string;
  /** from an NPSN column (a number written in the name is read when the report is saved, see splitNpsn) */
  npsn: string | null;
  type: OnboardingType | null;
  regionCode: string | null;
  regionName: string | null;
  kinds: OnboardingKind[];
  errors: string[];
};
export type OnlineListPreview = { rows: OnlineListRow[]; fileError: string | null; errorCount: number };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

type Column = "name" | "npsn" | "type" | "region" | "kinds";
const HEADER: Record<string, Column> = {
  nama: "name", name: "name", lembaga: "name", usaha: "name", npsn: "npsn",
  jenis: "type", kind: "type", type: "type", tipe: "type",
  kecamatan: "region", wilayah: "region", region: "region", desa: "region",
  dibuat: "kinds", "yang dibuat": "kinds", layanan: "kinds", setup: "kinds", "set up": "kinds", online: "kinds", "go-online": "kinds",
  // what leads head that column with in their own sheets
  platform: "kinds", "platform online": "kinds", media: "kinds", "media online": "kinds", kanal: "kinds", saluran: "kinds",
  akun: "kinds", "akun online": "kinds", hasil: "kinds", "jenis layanan": "kinds",
};

const TYPES: Record<string, OnboardingType> = {
  umkm: "umkm", usaha: "umkm", ukm: "umkm", umk: "umkm", ikm: "umkm", "usaha mikro": "umkm", toko: "umkm", warung: "umkm", kuliner: "umkm",
  desa: "village", kelurahan: "village", village: "village",
  sekolah: "school", school: "school", madrasah: "school",
  pesantren: "pesantren", ponpes: "pesantren", "pondok pesantren": "pesantren",
  komunitas: "community", community: "community",
  lainnya: "other", lain: "other", other: "other", yayasan: "other", foundation: "other",
};

const KINDS: Record<string, OnboardingKind> = {
  marketplace: "marketplace", "toko online": "marketplace", "toko daring": "marketplace", lapak: "marketplace", shopee: "marketplace", tokopedia: "marketplace", "marketplace shop": "marketplace",
  lazada: "marketplace", bukalapak: "marketplace", blibli: "marketplace", "tiktok shop": "marketplace", gofood: "marketplace", grabfood: "marketplace", shopeefood: "marketplace",
  gbp: "gbp", "google bisnis": "gbp", "google business": "gbp", "google business profile": "gbp", "profil bisnis google": "gbp", "google maps": "gbp", gmaps: "gbp",
  website: "website", web: "website", blog: "website", "website/blog": "website", situs: "website", "situs web": "website",
  social: "social", sosial: "social", "media sosial": "social", medsos: "social", sosmed: "social", "halaman sosial": "social", "social page": "social", instagram: "social", facebook: "social", tiktok: "social",
  ig: "social", fb: "social", wa: "social", whatsapp: "social", "wa business": "social", "wa bisnis": "social", "whatsapp business": "social", "whatsapp bisnis": "social",
  qris: "qris",
};

/** "Nama UMKM", "NAMA  USAHA", "Nama Toko", "nama_sekolah": how leads head the name column (what the list is of). */
const NAME_HEADER = /^(?:nama|name)(?: (?:umkm|ukm|usaha|toko|warung|sekolah|madrasah|pesantren|ponpes|desa|kelurahan|lembaga|instansi|institusi|komunitas|mitra|peserta))?$/;

function columnOf(header: string): Column | null {
  const h = norm(header.replace(/[_:*]+/g, " "));
  return HEADER[h] ?? (NAME_HEADER.test(h) ? "name" : null);
}

/** The saved list written back as the text the lead edits (the same columns the parser reads). */
export const ONLINE_TYPE_WORD: Record<OnboardingType, string> = { umkm: "umkm", village: "desa", school: "sekolah", pesantren: "pesantren", community: "komunitas", other: "lainnya" };
export const ONLINE_KIND_WORD: Record<OnboardingKind, string> = { marketplace: "marketplace", gbp: "gbp", website: "website", social: "sosial", qris: "qris" };
const ONLINE_TYPES_ALL = ["umkm", "village", "school", "pesantren", "community", "other"] as const;
export const ONLINE_LIST_HEADER = "nama;jenis;kecamatan;dibuat";

function csvCell(s: string): string {
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows as filed; the region is written by its name, as people read it: a kecamatan of the chapter by its name, a
 * kab/kota by its name ("Kabupaten Jember"), a desa of the chapter as "desa, kecamatan" (a desa's name repeats across
 * kecamatan). The parser reads each back as the same region; anything else keeps its code. A school's NPSN after its
 * name, so that two schools of one name stay two when the report is saved again.
 */
export function onlineListText(
  rows: { name: string; npsn: string | null; type: string; regionCode: string; regionName: string; parentName?: string | null; kinds: string[] }[],
  chapterRegion: string,
): string {
  if (!rows.length) return "";
  const province = chapterRegion.split(".")[0] ?? "";
  const lines = rows.map((r) => {
    const type = ONLINE_TYPES_ALL.find((x) => x === r.type);
    const kinds = ONBOARDING_KINDS.filter((k) => r.kinds.includes(k)).map((k) => ONLINE_KIND_WORD[k]).join(", ");
    const inChapter = r.regionCode.startsWith(`${chapterRegion}.`);
    const depth = r.regionCode.split(".").length;
    const region =
      inChapter && depth === 3
        ? r.regionName
        : depth === 2 && r.regionCode.startsWith(`${province}.`)
          ? r.regionName
          : inChapter && depth === 4 && r.parentName
            ? `${r.regionName}, ${r.parentName}`
            : r.regionCode;
    return [r.npsn ? `${r.name} (NPSN ${r.npsn})` : r.name, type ? ONLINE_TYPE_WORD[type] : "lainnya", region, kinds].map(csvCell).join(";");
  });
  return [ONLINE_LIST_HEADER, ...lines].join("\n");
}

/**
 * An uploaded CSV's text: UTF-8 when its bytes are valid UTF-8, else windows-1252 (what older Excel writes as
 * "CSV (Comma delimited)"), so "Kaf\xe9 Senja" is stored as "Kafé Senja", not with a replacement character.
 */
export function csvFileText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Without the control characters a spreadsheet or a bad copy leaves in a cell (PostgreSQL refuses a NUL); tabs and line ends stay. */
export function dropControlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

const isRawRecord = (r: unknown): r is { record: string[]; raw: string } => typeof r === "object" && r !== null && "record" in r && Array.isArray(r.record) && "raw" in r && typeof r.raw === "string";
/** Line breaks in a record's raw text (with CRLF line ends csv-parse keeps only the CR of each in it). */
const newlines = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/** The CSV's records with the line each starts on in the file; a record whose every cell is blank (Excel's ";;;;") is left out. */
function records(text: string): { cells: string[]; line: number }[] | null {
  const clean = dropControlChars(text.replace(/^\uFEFF/, ""));
  const first = clean.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => first.split(c).length - 1;
  const delimiter = count("\t") > 0 ? "\t" : count(";") > 0 || count(",") === 0 ? ";" : ",";
  try {
    // with `raw` each record comes as { record, raw }, which csv-parse's types do not say
    const recs: unknown[] = parse(clean, { delimiter, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true, raw: true });
    // a record's line: the line breaks of the records before it, and of the blank lines its raw text starts with (csv-parse's
    // info.lines miscounts a file whose line ends are mixed, as a paste from two sources makes them)
    let before = 0;
    return recs
      .filter(isRawRecord)
      .map((r) => {
        const line = before + 1 + newlines(/^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(r.raw)?.[0] ?? "");
        before += newlines(r.raw);
        return { cells: r.record, line };
      })
      .filter((r) => r.cells.some((c) => c.trim()));
  } catch {
    return null;
  }
}

/**
 * Checks a pasted list and/or an uploaded CSV of go-online results (name, kind, kecamatan, what was set up); a header
 * line is optional. Writes nothing; every row gets its own errors. The same name and kind twice is one row (kinds united).
 */
export async function previewOnlineList(db: Db, input: { chapterRegion: string; eventRegion: string; list: string; file: string }): Promise<OnlineListPreview> {
  if (Buffer.byteLength(input.list, "utf8") + Buffer.byteLength(input.file, "utf8") > ONLINE_LIST_MAX_BYTES)
    return { rows: [], fileError: "events.report.onlineList.tooBig", errorCount: 1 };
  const kec = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, input.chapterRegion));
  const kecBy = new Map<string, { code: string; name: string }>();
  for (const k of kec) {
    kecBy.set(k.code, k);
    kecBy.set(norm(k.name), k);
  }
  const [eventKec] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, input.eventRegion));
  // a region written as a code may be a desa, or a neighbouring kab/kota of the province
  const province = input.chapterRegion.split(".")[0] ?? "";
  const codes = [...`${input.list}\n${input.file}`.matchAll(/\b\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?\b/g)].map((m) => m[0]).filter((c) => c.startsWith(`${province}.`) && !kecBy.has(c));
  if (codes.length)
    for (const r of await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(codes)]))) kecBy.set(r.code, r);
  // a region written by name other than a kecamatan's: a kab/kota of the province ("Kabupaten Jember"), or
  // "desa, kecamatan" (the way the list is written back for editing); read only when a row needs them
  const kecOf = (s: string) => kecBy.get(s) ?? kecBy.get(norm(s).replace(/^(kecamatan|kec\.?)\s+/, ""));
  const bare = (s: string) => norm(s).replace(/^(kecamatan|kec\.?|desa|ds\.?|kelurahan|kel\.?)\s+/, "").replace(/^kab\.?\s+/, "kabupaten ");
  let kabBy: Map<string, { code: string; name: string }> | undefined;
  const kabByName = async () => {
    if (!kabBy) {
      kabBy = new Map();
      const level2 = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, province));
      for (const r of level2) kabBy.set(norm(r.name), r);
      // "Jember" alone: only where one kab/kota of the province bears the name (Kabupaten and Kota Pekalongan both do)
      const short = (n: string) => norm(n).replace(/^(kabupaten|kota)\s+/, "");
      for (const r of level2) if (level2.filter((x) => short(x.name) === short(r.name)).length === 1 && !kabBy.has(short(r.name))) kabBy.set(short(r.name), r);
    }
    return kabBy;
  };
  const childrenBy = new Map<string, Map<string, { code: string; name: string }>>();
  const childByName = async (parent: string, name: string) => {
    let kids = childrenBy.get(parent);
    if (!kids) {
      kids = new Map();
      for (const r of await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.parentCode, parent))) kids.set(bare(r.name), r);
      childrenBy.set(parent, kids);
    }
    return kids.get(bare(name));
  };
  const regionNamed = async (raw: string): Promise<{ code: string; name: string } | undefined> => {
    const direct = kecOf(raw);
    if (direct) return direct;
    const kab = (await kabByName()).get(bare(raw));
    if (kab) return kab;
    const comma = raw.lastIndexOf(",");
    if (comma <= 0) return undefined;
    const parentRaw = raw.slice(comma + 1).trim();
    const parent = kecOf(parentRaw) ?? (await kabByName()).get(bare(parentRaw));
    return parent ? childByName(parent.code, raw.slice(0, comma)) : undefined;
  };
  const rows: OnlineListRow[] = [];
  for (const source of ["list", "file"] as const) {
    const text = source === "list" ? input.list : input.file;
    if (!text.trim()) continue;
    const recs = records(text);
    if (!recs) return { rows: [], fileError: "events.report.onlineList.unreadable", errorCount: 1 };
    let cols: (Column | null)[] = ["name", "type", "region", "kinds"];
    const head = recs[0]?.cells.map(columnOf);
    if (head && head.includes("name")) {
      cols = head;
      recs.shift();
    }
    for (const { cells: rec, line } of recs) {
      const get = (c: Column) => {
        const idx = cols.indexOf(c);
        return idx >= 0 ? (rec[idx] ?? "").trim() : "";
      };
      const errors: string[] = [];
      // more cells than columns: e.g. "marketplace, qris" unquoted in a comma-separated file; never dropped silently
      if (rec.slice(cols.length).some((c) => c.trim())) errors.push("events.report.onlineList.err.extra");
      const name = get("name");
      if (!name) errors.push("events.report.onlineList.err.name");
      else if (name.length > 160) errors.push("events.report.onlineList.err.nameLong");
      const typeRaw = norm(get("type"));
      const type = typeRaw ? (TYPES[typeRaw] ?? null) : "umkm";
      if (!type) errors.push("events.report.onlineList.err.type");
      const regionRaw = get("region");
      let region: { code: string; name: string } | undefined = eventKec;
      if (regionRaw) {
        region = await regionNamed(regionRaw);
        if (!region) errors.push("events.report.onlineList.err.region");
      }
      const npsnRaw = get("npsn").replace(/\s+/g, "");
      if (npsnRaw && !/^\d{8}$/.test(npsnRaw)) errors.push("events.report.onlineList.err.npsn");
      const kinds: OnboardingKind[] = [];
      for (const token of get("kinds").split(/[;,|+]|\s+dan\s+|\s+&\s+/i).map(norm).filter(Boolean)) {
        const k = KINDS[token] ?? KINDS[token.replace(/\s*\/\s*/g, "/")];
        if (!k) errors.push("events.report.onlineList.err.kind");
        else if (!kinds.includes(k)) kinds.push(k);
      }
      if (!kinds.length && !errors.includes("events.report.onlineList.err.kind")) errors.push("events.report.onlineList.err.noKind");
      rows.push({
        source,
        line,
        name,
        npsn: /^\d{8}$/.test(npsnRaw) ? npsnRaw : null,
        type,
        regionCode: region?.code ?? null,
        regionName: region?.name ?? null,
        kinds: ONBOARDING_KINDS.filter((k) => kinds.includes(k)),
        errors: [...new Set(errors)],
      });
    }
  }
  if (rows.length > ONLINE_LIST_MAX_ROWS) return { rows: [], fileError: `events.report.onlineList.tooManyRows?max=${ONLINE_LIST_MAX_ROWS}`, errorCount: 1 };
  // one row per institution: a name listed twice keeps the union of what was set up
  const seen = new Map<string, OnlineListRow>();
  const out: OnlineListRow[] = [];
  for (const r of rows) {
    const key = `${r.type}|${r.npsn ?? ""}|${normaliseInstitutionName(r.name)}`;
    const before = r.errors.length === 0 ? seen.get(key) : undefined;
    if (before) {
      before.kinds = ONBOARDING_KINDS.filter((k) => before.kinds.includes(k) || r.kinds.includes(k));
      continue;
    }
    if (r.errors.length === 0) seen.set(key, r);
    out.push(r);
  }
  return { rows: out, fileError: null, errorCount: out.filter((r) => r.errors.length).length };
}
