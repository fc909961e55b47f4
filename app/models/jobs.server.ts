import type { Db } from "~/db.server";

// Placeholder: replaced by the scheduled-jobs runner.
export async function runDueJobs(_db: Db): Promise<number> {
  return 0;
}
