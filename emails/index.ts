import type { Locale } from "../app/i18n/locale";
import type { RenderedEmail } from "./layout";
import { certificateIssued } from "./certificate-issued";
import { certificateRevoked } from "./certificate-revoked";
import { reportsDigest } from "./reports-digest";
import { eventChanged } from "./event-changed";
import { eventPromoted } from "./event-promoted";
import { eventReminder } from "./event-reminder";
import { eventReport } from "./event-report";
import { eventSignup } from "./event-signup";
import { membershipApplied } from "./membership-applied";
import { membershipApproved } from "./membership-approved";
import { membershipDeclined } from "./membership-declined";
import { notice } from "./notice";
import { emailChange } from "./email-change";
import { chapterWithoutLead } from "./chapter-without-lead";
import { participantReminder } from "./participant-reminder";
import { chapterContact } from "./chapter-contact";
import { participantCancelled } from "./participant-cancelled";
import { participantChanged } from "./participant-changed";
import { participantPromoted } from "./participant-promoted";
import { participantTicket } from "./participant-ticket";
import { passwordChanged } from "./password-changed";
import { passwordReset } from "./password-reset";
import { emailVerify } from "./email-verify";
import { chapterInvitation } from "./chapter-invitation";
import { leadInvitation } from "./lead-invitation";
import { leadInvitationAccepted } from "./lead-invitation-accepted";
import { rosterInvite } from "./roster-invite";
import { surveyAssigned } from "./survey-assigned";
import { telecenterStaff } from "./telecenter-staff";
import { tutoringCancelled } from "./tutoring-cancelled";
import { tutoringCompleted } from "./tutoring-completed";
import { tutoringEscalation } from "./tutoring-escalation";
import { tutoringMatched } from "./tutoring-matched";
import { tutoringNewRequest } from "./tutoring-new-request";
import { tutoringOffer } from "./tutoring-offer";
import { tutoringReceived } from "./tutoring-received";

/**
 * Template registry: name → pure render function (payload, locale) → { subject, html, text }.
 * Each template lives in its own file in emails/ and is added to this map (one line each).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Renderer = (payload: any, locale: Locale) => RenderedEmail;

const templates: Record<string, Renderer> = {
  "certificate-issued": certificateIssued, "certificate-revoked": certificateRevoked, "reports-digest": reportsDigest,
  notice,
  "email-change": emailChange,
  "chapter-without-lead": chapterWithoutLead,
  "password-reset": passwordReset,
  "password-changed": passwordChanged,
  "roster-invite": rosterInvite,
  "email-verify": emailVerify,
  "chapter-invitation": chapterInvitation,
  "lead-invitation": leadInvitation, "lead-invitation-accepted": leadInvitationAccepted,
  "survey-assigned": surveyAssigned,
  "telecenter-staff": telecenterStaff,
  "membership-applied": membershipApplied, "membership-approved": membershipApproved, "membership-declined": membershipDeclined,
  "tutoring-received": tutoringReceived, "tutoring-new-request": tutoringNewRequest,
  "tutoring-offer": tutoringOffer, "tutoring-matched": tutoringMatched, "tutoring-completed": tutoringCompleted,
  "tutoring-escalation": tutoringEscalation, "tutoring-cancelled": tutoringCancelled,
  "event-signup": eventSignup, "event-promoted": eventPromoted, "event-changed": eventChanged, "event-reminder": eventReminder, "event-report": eventReport,
  "participant-reminder": participantReminder,
  "chapter-contact": chapterContact,
  "participant-promoted": participantPromoted,
  "participant-ticket": participantTicket,
  "participant-cancelled": participantCancelled,
  "participant-changed": participantChanged,
};

export function renderEmail(name: string, payload: Record<string, unknown>, locale: Locale): RenderedEmail {
  const render = templates[name];
  if (!render) throw new Error(`Unknown email template: ${name}`);
  return render(payload, locale);
}

export function templateNames(): string[] {
  return Object.keys(templates);
}

export type { RenderedEmail };
