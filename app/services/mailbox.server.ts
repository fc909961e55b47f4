import { count, desc, eq } from "drizzle-orm";
import { outbox, OUTBOX_STATUSES } from "../../db/schema/outbox";
import { renderEmail } from "../../emails/index";
import type { Db } from "~/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locale";
import { deadLinkKeys } from "~/services/outbox-delivery.server";

/** Read side of the outbox: the development mailbox and the admin's view of pending and dead letters. */

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type MailboxItem = {
  id: number;
  to: string;
  subject: string | null;
  template: string;
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
};

const listColumns = {
  id: outbox.id,
  to: outbox.toEmail,
  subject: outbox.subject,
  template: outbox.template,
  locale: outbox.locale,
  payload: outbox.payload,
  status: outbox.status,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
};

type Row = { template: string; locale: string; payload: unknown; subject: string | null };

function tryRender(row: Row) {
  try {
    const payload = row.payload && typeof row.payload === "object" ? (row.payload as Record<string, unknown>) : {};
    return renderEmail(row.template, payload, isLocale(row.locale) ? row.locale : DEFAULT_LOCALE);
  } catch {
    return null;
  }
}

/** Subject as sent, or as it would be sent for a mail still waiting. */
function subjectOf(row: Row): string | null {
  return row.subject ?? tryRender(row)?.subject ?? null;
}

export async function listMailbox(db: Db, { page, perPage = 50 }: { page: number; perPage?: number }) {
  const [total] = await db.select({ n: count() }).from(outbox);
  const rows = await db
    .select(listColumns)
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(perPage)
    .offset((Math.max(1, page) - 1) * perPage);
  const items: MailboxItem[] = rows.map((r) => ({
    id: r.id,
    to: r.to,
    subject: subjectOf(r),
    template: r.template,
    status: r.status,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  }));
  return { items, total: total?.n ?? 0, pages: Math.max(1, Math.ceil((total?.n ?? 0) / perPage)) };
}

/** One mail, rendered again from its template (templates are pure, so this is what was sent). */
export async function getMailboxEmail(db: Db, id: number) {
  const [row] = await db
    .select({ ...listColumns, attempts: outbox.attempts, lastError: outbox.lastError })
    .from(outbox)
    .where(eq(outbox.id, id));
  if (!row) return null;
  const rendered = tryRender(row);
  return {
    id: row.id,
    to: row.to,
    template: row.template,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    subject: row.subject ?? rendered?.subject ?? null,
    text: rendered?.text ?? null,
    html: rendered ? previewHtml(rendered.html) : null,
  };
}

const PREVIEW_CSP = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">`;

/**
 * For the sandboxed preview frame: scripts are switched off by CSP inside the document rather than by leaving
 * allow-scripts out of the sandbox, because a script-less frame makes browser automation (axe, Playwright) hang.
 */
function previewHtml(html: string): string {
  return /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, `<head$1>${PREVIEW_CSP}`) : PREVIEW_CSP + html;
}

export type OutboxTroubleItem = {
  id: number;
  to: string;
  subject: string | null;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  /** a dead letter whose link has expired or been used: not sent again (deadLinkKeys) */
  linkExpired: boolean;
};

/** What an admin needs to watch: counts per status, dead letters and mails still waiting (oldest first). */
export async function outboxOverview(db: Db, { limit = 100 }: { limit?: number } = {}) {
  const counts = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const byStatus: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
  for (const c of counts) byStatus[c.status] = c.n;

  const columns = { ...listColumns, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt, dedupKey: outbox.dedupKey };
  const [dead, pending] = await Promise.all([
    db.select(columns).from(outbox).where(eq(outbox.status, "dead")).orderBy(desc(outbox.createdAt)).limit(limit),
    db
      .select(columns)
      .from(outbox)
      .where(eq(outbox.status, "pending"))
      .orderBy(outbox.nextAttemptAt)
      .limit(limit),
  ]);
  const deadLinks = await deadLinkKeys(db, dead.map((r) => r.dedupKey));
  const expired = new Set(dead.filter((r) => deadLinks.has(r.dedupKey)).map((r) => r.id));
  const toItem = (r: (typeof dead)[number]): OutboxTroubleItem => ({
    id: r.id,
    to: r.to,
    subject: subjectOf(r),
    template: r.template,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    nextAttemptAt: r.nextAttemptAt,
    linkExpired: expired.has(r.id),
  });
  return { counts: byStatus, dead: dead.map(toItem), pending: pending.map(toItem) };
}
