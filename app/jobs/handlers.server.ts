import type { JobHandlers } from "~/models/jobs.server";
import { sendWeeklyDigest } from "~/models/digest.server";
import { sendEventReminders } from "~/models/signups.server";
import { escalateTutoringRequest, expireTutoringOffer } from "~/models/tutoring-offers.server";

/**
 * Job kind → handler. Each feature adds one line (see the API notes at the top of app/models/jobs.server.ts):
 *   "event-reminder": sendEventReminder,
 */
export const jobHandlers: JobHandlers = {
  "reports-weekly-digest": sendWeeklyDigest,
  "event-reminder": sendEventReminders,
  "tutoring-offer-expiry": expireTutoringOffer,
  "tutoring-escalation": escalateTutoringRequest,
};
