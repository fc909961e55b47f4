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
