import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** interface to listen on: loopback unless a deployment says otherwise (0.0.0.0 in a container behind a proxy) */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** empty → embedded PGlite */
  DATABASE_URL: z.string().optional().transform((v) => v || undefined),
  PGLITE_DIR: z.string().default("./data/pglite"),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** public origin used in emailed links, e.g. https://simpul.rtik.id */
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** smtp://user:pass@host:port — empty → mails stay in the development mailbox */
  SMTP_URL: z.string().optional().transform((v) => v || undefined),
  MAIL_FROM: z.string().default("Simpul RTIK <no-reply@simpul.local>"),
  /** show /dev/mailbox: only when set to 1 (npm run demo, the e2e server), never in production */
  DEV_MAILBOX: z.enum(["0", "1"]).optional(),
  /** run the email/job worker inside this process */
  WORKER: z.enum(["0", "1"]).default("1"),
  WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(2000),
  UPLOADS_DIR: z.string().default("./uploads"),
  /**
   * reverse proxies in front of the app: a hop count (1 = one nginx) or a comma-separated list of proxy
   * addresses/subnets; the client IP used by rate limits is read from X-Forwarded-For through those only
   */
  TRUST_PROXY: z.string().default("0"),
  /** a learner's name and contact are removed this many months after the request closed (UU PDP retention) */
  LEARNER_CONTACT_RETENTION_MONTHS: z.coerce.number().int().positive().max(120).default(6),
  /** sent (and dead) emails lose their recipient and content this many days after they were queued */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(30),
  ACCESS_LOG_RETENTION_MONTHS: z.coerce.number().int().positive().max(120).default(24),
  /** an event participant's phone and email are removed this many months after the event ended (name, institution and gender stay with the report) */
  PARTICIPANT_CONTACT_RETENTION_MONTHS: z.coerce.number().int().positive().max(120).default(3),
  /** a session unused for this many days ends (sliding: each use extends it) */
  SESSION_IDLE_DAYS: z.coerce.number().int().positive().max(365).default(14),
});

export type Env = z.infer<typeof schema>;

/**
 * The development mailbox shows every email (reset links, learners' tracking links): it is on only when asked
 * for explicitly, never in production, and a second check per request lets only admins or this machine in.
 */
export function mailboxEnabled(e: Pick<Env, "DEV_MAILBOX" | "NODE_ENV">): boolean {
  return e.DEV_MAILBOX === "1" && e.NODE_ENV !== "production";
}

function parseEnv(): Env & { mailboxEnabled: boolean; isProduction: boolean } {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    console.error("Invalid environment:", parsed.error.flatten().fieldErrors);
    throw new Error("Invalid environment");
  }
  const e = parsed.data;
  return {
    ...e,
    PGLITE_DIR: path.resolve(e.PGLITE_DIR),
    UPLOADS_DIR: path.resolve(e.UPLOADS_DIR),
    isProduction: e.NODE_ENV === "production",
    mailboxEnabled: mailboxEnabled(e),
  };
}

export const env = parseEnv();
