import { z } from "zod";
import { normalizeWhatsapp } from "~/models/accounts/whatsapp";

/**
 * UU PDP art. 25: a child's personal data only with the consent of a parent or guardian. The public forms that take a
 * person's data (a request for help learning, an event registration) ask whether the person is under 18; under 18, the
 * guardian's name and contact are required and the consent box must be ticked. The form's raw answers ("yes"/"no"
 * from radios and a checkbox) are checked here, with the message next to the field that needs it.
 */
export const GUARDIAN_NAME_MAX = 120;

export const guardianFormFields = {
  minor: z.string().optional(),
  guardianName: z.string().trim().max(GUARDIAN_NAME_MAX).optional(),
  guardianContact: z.string().trim().max(254).optional(),
  guardianConsent: z.string().optional(),
};

type GuardianAnswers = { minor?: string; guardianName?: string; guardianContact?: string; guardianConsent?: string };

/** The rule, for a zod superRefine; `required` is the message when under-18 was not answered. */
export function checkGuardian(v: GuardianAnswers, ctx: z.RefinementCtx, required: string): void {
  if (v.minor !== "yes" && v.minor !== "no") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["minor"], message: required });
  if (v.minor !== "yes") return;
  if (!v.guardianName) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["guardianName"], message: "privacy.minor.guardianNameRequired" });
  if (!v.guardianContact) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["guardianContact"], message: "privacy.minor.guardianContactRequired" });
  else if (!guardianContactOk(v.guardianContact)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["guardianContact"], message: "privacy.minor.guardianContactInvalid" });
  if (v.guardianConsent !== "yes") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["guardianConsent"], message: "privacy.minor.guardianConsentRequired" });
}

/** A guardian's contact: an Indonesian mobile number or an email address. */
export function guardianContactOk(v: string): boolean {
  if (v.includes("@")) return z.string().email().safeParse(v).success;
  return normalizeWhatsapp(v).ok;
}

/** As stored: a number as +62…, an address lower-cased. */
export function normalizeGuardianContact(v: string): string {
  if (v.includes("@")) return v.trim().toLowerCase();
  const w = normalizeWhatsapp(v);
  return w.ok ? w.value : v.trim();
}

/** The checked answers as stored: under 18 or not, and the guardian who consented (only under 18). */
export function guardianOf(v: GuardianAnswers): { minor: boolean; guardian: { name: string; contact: string } | null } {
  const minor = v.minor === "yes";
  return { minor, guardian: minor && v.guardianName && v.guardianContact ? { name: v.guardianName, contact: normalizeGuardianContact(v.guardianContact) } : null };
}
