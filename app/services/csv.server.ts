import { stringify } from "csv-stringify/sync";

/**
 * CSV that spreadsheet programs open correctly. UTF-8 with a BOM, so names like "Ni Luh Putu Ayu" or "Pondok
 * Pesantren Al-Qur'an" keep their characters in Excel. Lines end in CRLF. Two flavours:
 * - "," (default): Google Sheets, LibreOffice and Excel with an English number format;
 * - ";": Excel with Indonesian regional settings, whose list separator is ";" and whose decimal mark is ",".
 *   There a comma CSV opens as one column, so that flavour also writes 2,5 for 2.5.
 */
export type CsvDelimiter = "," | ";";

export function csvDelimiterFrom(url: URL): CsvDelimiter {
  return url.searchParams.get("sep") === "semicolon" ? ";" : ",";
}

/**
 * A cell a spreadsheet would read as a formula (= + - @, or a leading tab, CR or LF that some programs skip) gets a
 * leading apostrophe, the OWASP advice: `=HYPERLINK(…)` typed as a volunteer's name shows as text, not a link.
 * The same after what an import may strip or a person may type first: spaces (also the no-break and ideographic
 * ones), quotes, and the full-width forms ＝ ＋ － ＠ that some spreadsheet programs read as their ASCII twins.
 * Numbers are written by the cast below and never pass through here, so -2 stays a number; a text that is only a
 * signed number (a WhatsApp number +62812…) cannot carry a formula and stays as it is.
 */
export function neutraliseFormula(cell: string): string {
  if (/^[+-]?\d[\d .,]*$/.test(cell)) return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const FORMULA_START = /^[\s"'\u00a0\u3000\u2000-\u200b\ufeff]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

export function spreadsheetCsv(rows: (string | number | null | undefined)[][], delimiter: CsvDelimiter = ","): string {
  return stringify(rows, {
    bom: true,
    delimiter,
    record_delimiter: "windows",
    cast: {
      string: (v) => neutraliseFormula(v),
      number: (n) => (delimiter === ";" ? String(n).replace(".", ",") : String(n)),
    },
  });
}

/** The file name of the semicolon flavour, so both can sit side by side in Downloads. */
export function csvFileName(base: string, delimiter: CsvDelimiter): string {
  return delimiter === ";" ? `${base}-excel-id.csv` : `${base}.csv`;
}
