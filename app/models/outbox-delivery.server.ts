import type { Db } from "~/db.server";

// Placeholder: replaced by the outbox delivery work (claim with lease, send with nodemailer, retry, dead letters).
export async function deliverDueEmails(_db: Db): Promise<number> {
  return 0;
}
