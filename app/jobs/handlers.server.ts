import type { JobHandlers } from "~/models/jobs.server";
import { sendEventReminders } from "~/models/signups.server";

/**
 * Job kind → handler. Each feature adds one line (see the API notes at the top of app/models/jobs.server.ts):
 *   "event-reminder": sendEventReminder,
 */
export const jobHandlers: JobHandlers = {
  "event-reminder": sendEventReminders,
};
