import { z } from "zod";
import { parseTypedNumber, type NumberOptions } from "~/utils/numbers";

/**
 * Server-side form parsing. Errors are dictionary keys (e.g. "errors.required"), translated by the page,
 * so a message always appears in the user's language next to its field. `values` echoes what was typed.
 */
export type FormErrors = Record<string, string[]>;
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string | string[]> };

const MESSAGE_KEY = /^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)+(\?[a-z]+=[^&]*(&[a-z]+=[^&]*)*)?$/;

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  // number fields: a dictionary key given by the schema (`invalid_type_error`, `.min(5, "…minutesRange")`) wins
  const keyed = issue.message ?? ctx.defaultError;
  const numeric = (issue.code === z.ZodIssueCode.invalid_type && issue.expected === "number") || ((issue.code === z.ZodIssueCode.too_small || issue.code === z.ZodIssueCode.too_big) && issue.type === "number");
  if (numeric && keyed && MESSAGE_KEY.test(keyed)) return { message: keyed };
  if (issue.code === z.ZodIssueCode.invalid_type && (issue.received === "undefined" || issue.received === "null"))
    return { message: "errors.required" };
  if (issue.code === z.ZodIssueCode.too_small) {
    if (issue.type === "string" && issue.minimum === 1) return { message: "errors.required" };
    return { message: "errors.tooShort" };
  }
  if (issue.code === z.ZodIssueCode.too_big) {
    const max = Number(issue.maximum);
    if (issue.type === "string") return { message: `errors.tooLongMax?max=${max}` };
    if (issue.type === "number") return { message: `errors.tooLarge?max=${max}` };
    return { message: "errors.tooLong" };
  }
  if (issue.code === z.ZodIssueCode.custom && issue.message) return { message: issue.message };
  if (ctx.defaultError && issue.message && issue.message.includes(".")) return { message: issue.message };
  return { message: "errors.invalid" };
};

/** Years a date in Simpul can fall in: a typo such as 0026 or 9999 is refused, not stored (0000 became 1900). */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A day as a date field sends it (YYYY-MM-DD) that is on the calendar: "2026-02-30" is refused, not rolled over to
 * March; so is a year outside CALENDAR_YEARS.
 */
export function calendarDate(message = "errors.invalid") {
  return z.string().refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const year = Number(s.slice(0, 4));
    if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, message);
}

/** A time of day as a time field sends it (HH:MM, 00:00–23:59): "25:99" is refused, not rolled over to the next day. */
export function clockTime(message = "errors.invalid") {
  return z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message);
}

/**
 * A browser sends each line break of a textarea as "\r\n" when the form is posted without JavaScript, while its
 * `maxlength` counted it as one character: a box filled to its limit would be refused as too long. Line breaks are
 * read as "\n", as the same form sends them with JavaScript.
 */
export function oneLineBreak(value: string): string {
  return value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value;
}

/** Collect FormData into plain values; repeated names (checkboxes) become arrays. */
export function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    const v = oneLineBreak(raw);
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Empty strings count as missing, so `z.string()` means required and `.optional()` means optional. */
function blankToUndefined(values: Record<string, string | string[]>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === "string" && v.trim() === "" ? undefined : v;
  return out;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values = formValues(form);
  // never echo secrets back into the page
  for (const k of Object.keys(values)) if (/password/i.test(k)) delete values[k];
  const result = schema.safeParse(blankToUndefined(formValues(form)), { errorMap });
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return { ok: false, errors, values };
}

/** Repeated field as an array whatever was sent (none, one, several). */
export const manyStrings = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

/** The record id a form posts (a hidden `id` field); anything but a positive integer is a 400. */
export function postedId(form: FormData, name = "id"): number {
  const id = Number(form.get(name));
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Bad Request", { status: 400 });
  return id;
}

/**
 * A number field as people type it ("Rp 275.000", "1,250", "2,5"): see parseTypedNumber. Unreadable input gets
 * `message` (default "errors.notNumber"). Out of range: `rangeMessage` for both ends if given; else `minMessage`
 * (default "Minimal {min}") and `maxMessage` (default "Maksimal {max}"). A negative number where none is accepted is
 * below the minimum, not "not a number".
 */
export function typedNumber(opts: NumberOptions & { min: number; max: number; message?: string; rangeMessage?: string; minMessage?: string; maxMessage?: string }) {
  const message = opts.message ?? "errors.notNumber";
  const below = opts.rangeMessage ?? opts.minMessage ?? `errors.tooSmall?min=${opts.min}`;
  const above = opts.rangeMessage ?? opts.maxMessage ?? `errors.tooLarge?max=${opts.max}`;
  let n = z.number({ invalid_type_error: message });
  if (opts.integer) n = n.int(message);
  const negativeRefused = !opts.negative && opts.min >= 0;
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const parsed = parseTypedNumber(v, opts);
    if (parsed !== null) return parsed;
    // "-5" where only 0 and up are taken: read as the number it is, so the minimum is what is said
    if (negativeRefused) return parseTypedNumber(v.trim().replace(/^[-−]\s*/, ""), opts) === null ? v : -1;
    return v;
  }, n.min(opts.min, below).max(opts.max, above));
}
