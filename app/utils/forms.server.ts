import { z } from "zod";

/**
 * Server-side form parsing. Errors are dictionary keys (e.g. "errors.required"), translated by the page,
 * so a message always appears in the user's language next to its field. `values` echoes what was typed.
 */
export type FormErrors = Record<string, string[]>;
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string | string[]> };

const errorMap: z.ZodErrorMap = (issue, ctx) => {
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

/** Collect FormData into plain values; repeated names (checkboxes) become arrays. */
export function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
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
