import { outbox } from "../../db/schema/outbox";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/locale";

export type QueuedEmail = {
  to: string;
  template: string;
  locale: Locale;
  payload: Record<string, unknown>;
  /** the same key is queued once, e.g. `reset:${tokenHash}` or `membership-approved:${id}` */
  dedupKey: string;
};

/**
 * Call with the transaction of the change that causes the email; the worker sends it after commit.
 * False when the dedup key was queued before (nothing new is sent).
 */
export async function queueEmail(tx: Db, mail: QueuedEmail): Promise<boolean> {
  const rows = await tx
    .insert(outbox)
    .values({ toEmail: mail.to, template: mail.template, locale: mail.locale, payload: mail.payload, dedupKey: mail.dedupKey })
    .onConflictDoNothing({ target: outbox.dedupKey })
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** Rows per statement of `queueEmails`: a few hundred parameters and some hundred KB of payloads at most. */
const BATCH = 100;

/**
 * Many emails queued by one change (everyone registered for an event), in the change's transaction: one multi-row
 * insert per batch instead of one statement per email, so the transaction (and the locks it holds) is short.
 * Returns the dedup keys that were new (an email whose key was queued before is not sent again).
 */
export async function queueEmails(tx: Db, mails: QueuedEmail[]): Promise<Set<string>> {
  const queued = new Set<string>();
  for (let i = 0; i < mails.length; i += BATCH) {
    const batch = mails.slice(i, i + BATCH);
    const rows = await tx
      .insert(outbox)
      .values(batch.map((m) => ({ toEmail: m.to, template: m.template, locale: m.locale, payload: m.payload, dedupKey: m.dedupKey })))
      .onConflictDoNothing({ target: outbox.dedupKey })
      .returning({ dedupKey: outbox.dedupKey });
    for (const r of rows) queued.add(r.dedupKey);
  }
  return queued;
}
