import type { JobHandlers } from "~/services/jobs.server";
import { sendWeeklyDigest } from "~/models/reports/digest.server";
import { sendEventReminders } from "~/models/events/signups.server";
import { sendParticipantReminders } from "~/models/events/participants.server";
import { escalateTutoringRequest, expireTutoringOffer } from "~/models/tutoring/offers.server";
import { retentionJob } from "~/models/privacy/retention.server";

/**
 * Job kind → handler, registered by the worker at start (app/worker.server.ts). Each feature adds one line
 * (see the API notes at the top of app/services/jobs.server.ts):
 *   "event-reminder": sendEventReminder,
 */
export const jobHandlers: JobHandlers = {
  "reports-weekly-digest": sendWeeklyDigest,
  "event-reminder": sendEventReminders,
  "participant-reminder": sendParticipantReminders,
  "tutoring-offer-expiry": expireTutoringOffer,
  "tutoring-escalation": escalateTutoringRequest,
  "privacy-retention": retentionJob,
};
