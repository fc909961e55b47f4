/**
 * Indonesian WhatsApp numbers, stored as E.164 "+628…". Shared (profile form, CSV import); no server code.
 *
 * Accepted spellings: "0812-3456-7890", "+62 812 3456 7890", "62812…", "0062 812…", "812…", with spaces,
 * dashes (any kind), dots or brackets, also as copied from WhatsApp. Rule: a mobile number is 8 followed by 8 to 11 digits (9–12 digits after 62),
 * which covers every Indonesian operator's numbering (e.g. 0811-xxx-xxx up to 0812-xxxx-xxxxx). Landlines
 * (021…, +62 21…) are refused: WhatsApp needs a mobile number.
 */
export type WhatsappResult = { ok: true; value: string } | { ok: false; error: "profile.whatsappInvalid" | "profile.whatsappNotMobile" };

const MOBILE = /^8\d{8,11}$/;

export function normalizeWhatsapp(input: string): WhatsappResult {
  const digits = digitsAfter62(input);
  if (digits === null) return { ok: false, error: "profile.whatsappInvalid" };
  if (!MOBILE.test(digits)) {
    return { ok: false, error: /^[1-79]\d{5,}$/.test(digits) ? "profile.whatsappNotMobile" : "profile.whatsappInvalid" };
  }
  return { ok: true, value: `+62${digits}` };
}

/** The same reading as normalizeWhatsapp, without its reasons: "+62…" for a mobile number, else null. */
export function whatsappE164(input: string): string | null {
  const digits = digitsAfter62(input);
  return digits !== null && MOBILE.test(digits) ? `+62${digits}` : null;
}

/** The digits of a number written any accepted way, after the country code or trunk 0; null when it is not digits. */
function digitsAfter62(input: string): string | null {
  // NFKC turns full-width digits and "＋" into ASCII; then every kind of space and dash goes (a number copied from
  // WhatsApp has non-breaking hyphens), and so do invisible format characters (the direction marks around it)
  const cleaned = input.normalize("NFKC").replace(/[\s\p{Zs}\p{Pd}\p{Cf}().]/gu, "");
  if (!/^\+?\d+$/.test(cleaned)) return null;
  const plus = cleaned.startsWith("+");
  let digits = plus ? cleaned.slice(1) : cleaned;
  if (plus) {
    if (!digits.startsWith("62")) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith("0062")) digits = digits.slice(4);
  else if (digits.startsWith("62")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = digits.slice(1);
  if (digits.startsWith("0")) digits = digits.slice(1); // "+62 0812…" is a common slip
  return digits;
}

/** "+6281234567890" → "+62 812-3456-7890" for reading; wa.me links use the stored form without "+". */
export function formatWhatsapp(e164: string): string {
  const m = /^\+62(8\d{2})(\d{3,4})(\d{3,5})$/.exec(e164);
  return m ? `+62 ${m[1]}-${m[2]}-${m[3]}` : e164;
}

export function whatsappLink(e164: string): string {
  return `https://wa.me/${e164.replace(/^\+/, "")}`;
}

/**
 * A phone number as a spreadsheet keeps it: "+62 812 3456 7890". Excel reads an unbroken "+6281234567890" as the
 * number 6281234567890 (shown as 6,28123E+12, and saved back to CSV that way: the number is lost on the way back to
 * the roster import) and "081234567890" as 81234567890; written in groups it stays text, in both flavours, and the
 * import reads it back (normalizeWhatsapp). What is not an Indonesian mobile number (an email, a landline) is written
 * as it was typed.
 */
export function phoneForSpreadsheet(v: string | null | undefined): string {
  if (!v) return "";
  const e164 = whatsappE164(v);
  // as the pages write it, spaces for dashes (a cell starting "+" with a dash is read as a formula, and neutralised)
  return e164 ? formatWhatsapp(e164).replace(/-/g, " ") : v;
}
