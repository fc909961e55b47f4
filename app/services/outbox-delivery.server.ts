import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { createRequire } from "node:module";
import { auditLog } from "../../db/schema/chapters";
import { outbox } from "../../db/schema/outbox";
import { rowsOf } from "../../db/rows";
import { renderEmail, type RenderedEmail } from "../../emails/index";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/locale";
import { backoffMs } from "~/services/backoff";

/**
 * The outbox worker: claim due rows with a lease (FOR UPDATE SKIP LOCKED, so any number of processes can run it),
 * render, send over SMTP, then mark sent — or schedule a retry with backoff, and after MAX_ATTEMPTS a dead letter.
 *
 * Exactly-once holds as long as a send finishes within the lease: a claimed row is invisible to other workers
 * until its lease runs out, and every later write is conditional on `attempts` still being the claimed value.
 * A process that dies after the SMTP server accepted a message but before marking it sent will have it sent
 * again when the lease expires; the Message-ID is stable per row so receiving systems can drop the duplicate.
 */

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  attachments?: MailAttachment[];
};

export type MailAttachment = { filename: string; content: string; contentType: string };

/** `payload.attachments` of an outbox row (e.g. the .ics of a reminder), kept only when well-formed. */
export function attachmentsOf(payload: unknown): MailAttachment[] | undefined {
  const list = (payload as { attachments?: unknown } | null)?.attachments;
  if (!Array.isArray(list)) return undefined;
  const ok = list.filter(
    (a): a is MailAttachment =>
      typeof a === "object" && a !== null && typeof a.filename === "string" && typeof a.content === "string" && typeof a.contentType === "string",
  );
  return ok.length ? ok.map(({ filename, content, contentType }) => ({ filename, content, contentType })) : undefined;
}

/** The part of a nodemailer transport the worker uses; tests hand in their own. */
export type MailTransport = { sendMail(message: OutgoingMail): Promise<unknown> };

export type DeliveryOptions = {
  /** undefined → the process transport from SMTP_URL; null → keep mails in the development mailbox */
  transport?: MailTransport | null;
  from?: string;
  batchSize?: number;
  concurrency?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  /** stop after this many batches so one tick never runs forever */
  maxBatches?: number;
};

export type DeliveryResult = { sent: number; retried: number; dead: number };

export const MAX_ATTEMPTS = 8;
/**
 * A claim takes no more rows than are sent at once, with a lease just above the SMTP timeouts below: when a
 * process dies, at most `concurrency` emails can go out twice (same Message-ID) and the others are not held at
 * all; the held ones are due again within two minutes.
 */
const DEFAULTS = { batchSize: 5, concurrency: 5, leaseSeconds: 120, maxBatches: 100 };
/** A send never starts this close to the end of the lease (covers the SMTP timeouts below). */
const SEND_BUDGET_MS = 100_000;

export function createSmtpTransport(url: string): MailTransport & { close(): void } {
  // Query parameters in SMTP_URL (e.g. ?pool=false) win over these defaults.
  // loaded when SMTP is configured (the worker's first delivery), not by every process at start-up
  const nodemailer = createRequire(import.meta.url)("nodemailer") as typeof import("nodemailer");
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 5,
    // our own retry counts attempts honestly; the pool re-sending silently could duplicate a message
    maxRequeues: 0,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // Failed sends reject their own promise; an unhandled transport 'error' event must not take the process down.
  transport.on("error", (err: Error) => console.warn(`SMTP transport: ${err.message}`));
  return transport;
}

let processTransport: MailTransport | null | undefined;
let warnedNoSmtp = false;

/**
 * One transport per process, created on first use from SMTP_URL; null when mails go to the development mailbox.
 * Undefined when there is neither (production without SMTP_URL): mails then stay queued until SMTP is configured.
 */
export function defaultTransport(): MailTransport | null | undefined {
  if (processTransport === undefined && (env.SMTP_URL || env.mailboxEnabled)) {
    processTransport = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null;
  }
  return processTransport;
}

type Claimed = {
  id: number;
  toEmail: string;
  template: string;
  locale: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
};

async function claimDue(db: Db, batchSize: number, leaseSeconds: number): Promise<Claimed[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, "pending"),
        lte(outbox.nextAttemptAt, sql`now()`),
        or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(batchSize)
    .for("update", { skipLocked: true });
  return db
    .update(outbox)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(inArray(outbox.id, due))
    .returning({
      id: outbox.id,
      toEmail: outbox.toEmail,
      template: outbox.template,
      locale: outbox.locale,
      payload: outbox.payload,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
    });
}

/** Still ours: nobody re-claimed it after our lease ran out. */
function ours(row: Claimed) {
  return and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), eq(outbox.status, "pending"));
}

function render(row: Claimed): RenderedEmail {
  const payload = row.payload && typeof row.payload === "object" ? (row.payload as Record<string, unknown>) : {};
  return renderEmail(row.template, payload, isLocale(row.locale) ? row.locale : DEFAULT_LOCALE);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return (typeof code === "string" ? `${code}: ` : "") + err.message;
  }
  return String(err);
}

/** The receiving server refused the address itself (5xx on RCPT TO): retrying won't help. */
function isPermanent(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { responseCode?: unknown; command?: unknown };
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.command === "RCPT TO";
}

function messageIdFor(row: Claimed): string {
  let host = "simpul.local";
  try {
    host = new URL(env.APP_URL).hostname || host;
  } catch {
    // keep the fallback
  }
  return `<outbox.${row.id}.${row.createdAt.getTime()}@${host}>`;
}

/**
 * Once an email has left over SMTP its payload is emptied: reset and tracking links must not sit in the database
 * or its backups. In the development mailbox (no SMTP) the row is the delivery itself, so the payload stays.
 */
async function markSent(db: Db, row: Claimed, subject: string, purgePayload: boolean): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "sent", sentAt: sql`now()`, subject, lockedUntil: null, lastError: null, ...(purgePayload ? { payload: {} } : {}) })
    .where(ours(row));
}

async function markFailed(db: Db, row: Claimed, error: string, permanent: boolean, maxAttempts: number): Promise<"retried" | "dead"> {
  const lastError = error.slice(0, 2000);
  if (permanent || row.attempts >= maxAttempts) {
    await db.update(outbox).set({ status: "dead", lockedUntil: null, lastError }).where(ours(row));
    return "dead";
  }
  const delay = backoffMs(row.attempts);
  await db
    .update(outbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${delay / 1000})`, lockedUntil: null, lastError })
    .where(ours(row));
  return "retried";
}

/** Give an unstarted row back without counting the attempt (the lease was about to run out). */
async function release(db: Db, row: Claimed): Promise<void> {
  await db
    .update(outbox)
    .set({ lockedUntil: null, attempts: sql`${outbox.attempts} - 1` })
    .where(ours(row));
}

/**
 * Sends what is due, batch by batch, until nothing is due or maxBatches is reached.
 * Called by the worker loop in every app process (app/worker.server.ts).
 */
export async function deliverDueEmails(db: Db, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const transport = opts.transport === undefined ? defaultTransport() : opts.transport;
  if (transport === undefined) {
    if (!warnedNoSmtp) console.warn("SMTP_URL is not set and the development mailbox is off: emails stay queued.");
    warnedNoSmtp = true;
    return { sent: 0, retried: 0, dead: 0 };
  }
  const from = opts.from ?? env.MAIL_FROM;
  const batchSize = opts.batchSize ?? DEFAULTS.batchSize;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const leaseSeconds = opts.leaseSeconds ?? DEFAULTS.leaseSeconds;
  const maxBatches = opts.maxBatches ?? DEFAULTS.maxBatches;
  const result: DeliveryResult = { sent: 0, retried: 0, dead: 0 };

  for (let batch = 0; batch < maxBatches; batch++) {
    const claimedAt = Date.now();
    const rows = await claimDue(db, batchSize, leaseSeconds);
    if (rows.length === 0) break;
    const deadline = claimedAt + leaseSeconds * 1000 - Math.min(SEND_BUDGET_MS, (leaseSeconds * 1000) / 2);

    // RETURNING does not keep the subquery's order: send the oldest first
    const queue = [...rows].sort((a, b) => a.id - b.id);
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        let mail: RenderedEmail;
        try {
          mail = render(row);
        } catch (err) {
          result[await markFailed(db, row, `render: ${describe(err)}`, true, maxAttempts)]++;
          continue;
        }
        if (!transport) {
          await markSent(db, row, mail.subject, false);
          result.sent++;
          continue;
        }
        if (Date.now() > deadline) {
          await release(db, row);
          continue;
        }
        try {
          await transport.sendMail({
            from,
            to: row.toEmail,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            messageId: messageIdFor(row),
            headers: { "Content-Language": row.locale, "Auto-Submitted": "auto-generated", "X-Simpul-Template": row.template },
            attachments: attachmentsOf(row.payload),
          });
        } catch (err) {
          result[await markFailed(db, row, describe(err), isPermanent(err), maxAttempts)]++;
          continue;
        }
        await markSent(db, row, mail.subject, true);
        result.sent++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    if (rows.length < batchSize) break;
  }
  return result;
}

/** For each kind of mail whose link expires or is spent: the refs (token hashes, offer ids) among `refs` still live. */
const LIVE_LINKS: Record<string, (refs: string[]) => SQL> = {
  "password-reset": (r) => sql`select token_hash as ref from password_reset where token_hash in ${r} and used_at is null and expires_at > now()`,
  "email-verify": (r) => sql`select token_hash as ref from email_verification where token_hash in ${r} and used_at is null and expires_at > now()`,
  "email-change": (r) => sql`select token_hash as ref from email_change where token_hash in ${r} and expires_at > now()`,
  "chapter-invitation": (r) => sql`select token_hash as ref from chapter_invitation where token_hash in ${r} and status = 'pending' and expires_at > now()`,
  "lead-invitation": (r) => sql`select token_hash as ref from chapter_invitation where token_hash in ${r} and status = 'pending' and expires_at > now()`,
  "tutoring-offer": (r) => sql`select id::text as ref from tutoring_offer where id in ${r.map(Number)} and status = 'pending' and expires_at > now()`,
};
const linkOf = (dedupKey: string) => {
  const at = dedupKey.indexOf(":");
  const kind = dedupKey.slice(0, at);
  const ref = dedupKey.slice(at + 1);
  return at > 0 && LIVE_LINKS[kind] && (kind !== "tutoring-offer" || /^\d{1,9}$/.test(ref)) ? { kind, ref } : null;
};

/**
 * The dedup keys, among `dedupKeys`, of mails whose link has expired or been spent (a password reset, an address
 * confirmation or change, an invitation, a tutoring offer), found by the token's hash or the offer's id in the key;
 * one statement per kind of link, whatever the number of mails. Mails whose links do not expire are never in it.
 */
export async function deadLinkKeys(tx: Db, dedupKeys: string[]): Promise<Set<string>> {
  const byKind = new Map<string, { key: string; ref: string }[]>();
  for (const key of dedupKeys) {
    const link = linkOf(key);
    if (!link) continue;
    const list = byKind.get(link.kind) ?? [];
    list.push({ key, ref: link.ref });
    byKind.set(link.kind, list);
  }
  const dead = new Set<string>();
  for (const [kind, links] of byKind) {
    const live = new Set(rowsOf<{ ref: string }>(await tx.execute(LIVE_LINKS[kind]!(links.map((l) => l.ref)))).map((r) => r.ref));
    for (const l of links) if (!live.has(l.ref)) dead.add(l.key);
  }
  return dead;
}

/** Whether the link a queued email carries still works; null for the mails whose links do not expire. */
export async function emailLinkWorks(tx: Db, dedupKey: string): Promise<boolean | null> {
  if (!linkOf(dedupKey)) return null;
  return !(await deadLinkKeys(tx, [dedupKey])).has(dedupKey);
}

export type RetryResult = "retried" | "linkExpired" | "notDead";

/**
 * An admin sends a dead letter again: fresh attempts, due now, recorded in the audit log when an actor is given.
 * A mail whose link has expired or been used is not sent again (it would carry a dead link; the person asks for a new
 * one: "lupa kata sandi", "kirim ulang", a new invitation or offer) and stays dead, so said.
 */
export async function retryDeadEmail(db: Db, id: number, actorId?: string): Promise<RetryResult> {
  return db.transaction(async (tx): Promise<RetryResult> => {
    const [row] = await tx.select({ dedupKey: outbox.dedupKey }).from(outbox).where(and(eq(outbox.id, id), eq(outbox.status, "dead"))).for("update");
    if (!row) return "notDead";
    if ((await emailLinkWorks(tx, row.dedupKey)) === false) return "linkExpired";
    await tx.update(outbox).set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null }).where(eq(outbox.id, id));
    if (actorId) await tx.insert(auditLog).values({ actorId, action: "outbox.retry", subject: `outbox:${id}` });
    return "retried";
  });
}
