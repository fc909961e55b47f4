import { db } from "~/db.server";
import { env } from "~/env.server";
import { deliverDueEmails } from "~/services/outbox-delivery.server";
import { runDueJobs } from "~/services/jobs.server";
import { jobHandlers } from "~/job-handlers.server";

/**
 * Background loop inside each app process. Work is claimed in the database (leases + SKIP LOCKED),
 * so any number of processes can run it and each email/job is handled once.
 */
export function startWorker() {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function tick() {
    try {
      await deliverDueEmails(db);
      await runDueJobs(db, { handlers: jobHandlers });
    } catch (err) {
      console.error("worker tick failed", err);
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, env.WORKER_INTERVAL_MS);
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
