import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 for tests and the bench: keeps every accepted message (raw),
 * can refuse everything for a while (temporary 451) or refuse given recipients permanently (550).
 */
export type TestSmtp = {
  port: number;
  url: string;
  /** raw messages in the order they were accepted */
  raw: Buffer[];
  parsed(): Promise<ParsedMail[]>;
  /** refuse every message with 451 (temporary) while true */
  failing: boolean;
  rejectRecipients: Set<string>;
  /** a slow server: wait this long before accepting each message */
  delayMs: number;
  /** stop listening (an outage); start() again on the same port */
  stop(): Promise<void>;
  start(): Promise<void>;
};

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  let server: SMTPServer | null = null;
  const state: TestSmtp = {
    port,
    url: "",
    raw: [],
    failing: false,
    rejectRecipients: new Set(),
    delayMs: 0,
    parsed: () => Promise.all(state.raw.map((b) => simpleParser(b))),
    async start() {
      const s = new SMTPServer({
        disabledCommands: ["STARTTLS", "AUTH"],
        authOptional: true,
        disableReverseLookup: true,
        logger: false,
        closeTimeout: 200,
        size: 10 * 1024 * 1024,
        onMailFrom(_address, _session, callback) {
          if (state.failing) callback(smtpError("Try again later", 451));
          else callback();
        },
        onRcptTo(address, _session, callback) {
          if (state.rejectRecipients.has(address.address.toLowerCase())) callback(smtpError("No such user here", 550));
          else callback();
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const accept = () => {
              state.raw.push(Buffer.concat(chunks));
              callback();
            };
            if (state.delayMs > 0) setTimeout(accept, state.delayMs);
            else accept();
          });
        },
      });
      s.on("error", () => {});
      await new Promise<void>((resolve, reject) => {
        s.server.once("error", reject);
        s.listen(state.port, "127.0.0.1", () => resolve());
      });
      state.port = (s.server.address() as AddressInfo).port;
      state.url = `smtp://127.0.0.1:${state.port}`;
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await state.start();
  return state;
}
