/**
 * The one parser for numbers people type. Indonesians write money as "Rp 275.000", "Rp275.000,-",
 * "Rp 1.250.000,00" or "275 ribu" is not handled (words are refused); English readers write "275,000" or "1,250.50".
 * Rules, in order:
 * - a leading "Rp"/"IDR" (any case, with or without a dot) and a trailing ",-" or ".-" are dropped; spaces
 *   (also non-breaking ones) between digit groups are thousands separators;
 * - with both "." and ",", the one written last is the decimal mark and the other groups thousands;
 * - with one kind only: digits in groups of three after the first group ("275.000", "1,250,000") are thousands;
 *   anything else ("2,5", "7.25") is a decimal mark — unless `grouping` is false (coordinates), where a single
 *   "." or "," is always the decimal mark;
 * - `integer`: a decimal part must be zeros ("275.000,00"), otherwise the input is refused.
 * Returns null for anything that is not a number written one of these ways.
 */
export type NumberOptions = { integer?: boolean; grouping?: boolean; negative?: boolean };

export function parseTypedNumber(raw: string | null | undefined, opts: NumberOptions = {}): number | null {
  const { integer = false, grouping = true, negative = false } = opts;
  if (raw === null || raw === undefined) return null;
  let s = String(raw)
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .trim();
  s = s.replace(/^(rp|idr)\.?\s*/i, "").replace(/[.,]-$/, "");
  let sign = 1;
  if (/^[-−]/.test(s)) {
    if (!negative) return null;
    sign = -1;
    s = s.slice(1).trim();
  }
  // spaces only between groups of three ("1 250 000")
  if (/\s/.test(s)) {
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return null;
    s = s.replace(/ /g, "");
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let intPart = s;
  let frac = "";
  if (dots && commas) {
    const dec = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    const thou = dec === "." ? "," : ".";
    const at = s.lastIndexOf(dec);
    if (s.indexOf(dec) !== at) return null;
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (!groupedBy(intPart, thou)) return null;
    intPart = intPart.split(thou).join("");
  } else if (dots || commas) {
    const sep = dots ? "." : ",";
    if (grouping && groupedBy(s, sep) && (dots + commas > 1 || !/^0[.,]/.test(s))) {
      intPart = s.split(sep).join("");
    } else if (dots + commas === 1) {
      [intPart = "", frac = ""] = s.split(sep);
    } else return null;
  }
  if (!/^\d+$/.test(intPart) || (frac !== "" && !/^\d+$/.test(frac))) return null;
  if (integer && /[1-9]/.test(frac)) return null;
  const n = sign * Number(integer ? intPart : `${intPart}.${frac || "0"}`);
  return Number.isFinite(n) ? n : null;
}

/** "275.000" with sep ".": a first group of 1–3 digits, then groups of exactly three. */
function groupedBy(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length < 2) return /^\d+$/.test(s);
  const [first = "", ...rest] = parts;
  return /^\d{1,3}$/.test(first) && rest.every((p) => /^\d{3}$/.test(p));
}
