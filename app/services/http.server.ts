import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import http, { type IncomingMessage, type RequestListener } from "node:http";
import type { Socket } from "node:net";

/**
 * HTTP plumbing of server.ts that is worth testing on its own: request body limits counted on the bytes that
 * actually arrive, control characters taken out of forms and queries, refusal of broken multipart bodies, the proxy-trust setting,
 * the security headers and the error page shown when the app itself cannot answer.
 */

/** Plain forms (log-in, /bantu, every form without a file): far above the largest real one (~20 KB). */
export const FORM_BODY_LIMIT = 256 * 1024;

export type BodyLimit = { bytes: number; stream: boolean };

export class BodyRejected extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "BodyRejected";
  }
}

/** Reads a plain-form body into memory, counting the bytes as they arrive; stops at the limit. */
export function bufferBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "");
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyRejected(413, "declared length over the limit"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) {
        cleanup();
        req.pause();
        reject(new BodyRejected(413, "body over the limit"));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * An upload body passed on as a stream (photos: buffering twice would double the memory), counted as it is read.
 * Past the limit `onOverflow` runs once (the server answers 413 at once) and the stream errors, so the route
 * never sees a truncated form.
 */
export function countedStream(req: IncomingMessage, limit: number, onOverflow: () => void): ReadableStream<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "");
  let seen = 0;
  let failed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (Number.isFinite(declared) && declared > limit) {
        failed = true;
        onOverflow();
        controller.error(new BodyRejected(413, "declared length over the limit"));
        return;
      }
      req.on("data", (chunk: Buffer) => {
        if (failed) return;
        seen += chunk.length;
        if (seen > limit) {
          failed = true;
          req.pause();
          onOverflow();
          controller.error(new BodyRejected(413, "body over the limit"));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once("end", () => {
        if (!failed) controller.close();
      });
      req.once("error", (err) => {
        if (!failed) controller.error(err);
        failed = true;
      });
      req.pause();
    },
    pull() {
      if (!failed) req.resume();
    },
    cancel() {
      failed = true;
      req.pause();
    },
  }, { highWaterMark: 4, size: () => 1 });
}

/**
 * Control characters in what people type: PostgreSQL text cannot hold NUL, and the other C0 characters (but tab, LF
 * and CR) are never meant: a text pasted from a PDF, a broken keyboard app. They are taken out of form fields and
 * search parameters before the app reads them, so the form's own checks run on what is left and nothing typed is lost.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** One percent-encoded: %00–%08, %0B, %0C, %0E–%1F. */
const ENCODED_CONTROL = /%(?:0[0-8bcef]|1[0-9a-f])/i;

export function withoutControls(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, "") : text;
}

function cleanedParams(query: string): string {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(query)) out.append(withoutControls(k), withoutControls(v));
  return out.toString();
}

/**
 * A form body as the app should read it: the same bytes when no field holds a control character (a plain form is
 * tested on its raw text, a multipart one on its fields, which were parsed here anyway to refuse a broken one), else
 * the form again without them, with the content type of the new body.
 */
export async function checkFormBody(body: Buffer, contentType: string): Promise<{ body: Buffer; contentType: string } | null> {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") {
    const raw = body.toString("latin1");
    if (!ENCODED_CONTROL.test(raw) && !HAS_CONTROL.test(raw)) return null;
    return { body: Buffer.from(cleanedParams(body.toString("utf8"))), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new BodyRejected(400, "malformed multipart body");
    }
    let dirty = false;
    for (const [key, value] of form.entries()) if (HAS_CONTROL.test(key) || (typeof value === "string" && HAS_CONTROL.test(value))) dirty = true;
    if (!dirty) return null;
    const clean = new FormData();
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") clean.append(withoutControls(key), withoutControls(value));
      else clean.append(withoutControls(key), value, value.name);
    }
    const rebuilt = new Response(clean);
    return { body: Buffer.from(await rebuilt.arrayBuffer()), contentType: rebuilt.headers.get("content-type") ?? contentType };
  }
  return null;
}

/**
 * The address as the app should read it: null when it holds no control character (one `indexOf` when it has no
 * "%", one short regular expression when it has: raw control characters never get past Node's parser); "refuse" when
 * one is in the path, which nobody types; else the address with them taken out of the query's parameters.
 */
export function cleanedUrl(url: string): string | "refuse" | null {
  if (url.indexOf("%") < 0 || !ENCODED_CONTROL.test(url)) return url.includes("\0") ? "refuse" : null;
  const q = url.indexOf("?");
  if (q < 0 || ENCODED_CONTROL.test(url.slice(0, q))) return "refuse";
  const query = cleanedParams(url.slice(q + 1));
  return query ? `${url.slice(0, q)}?${query}` : url.slice(0, q);
}

/**
 * TRUST_PROXY → Express's "trust proxy": a number of reverse-proxy hops in front of the app (1 = one nginx),
 * or a comma-separated list of proxy addresses/subnets. Never `true`: that would believe whatever
 * X-Forwarded-For the client sends, and every per-IP limit could be dodged.
 */
export function trustProxySetting(value: string | undefined): number | string[] | false {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v.toLowerCase() === "false") return false;
  if (/^\d+$/.test(v)) return Number.parseInt(v, 10);
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits] = entry.split("/");
    const named = ["loopback", "linklocal", "uniquelocal"].includes(entry);
    if (!named && (!addr || !isIP(addr) || (bits !== undefined && !/^\d{1,3}$/.test(bits))))
      throw new Error(`TRUST_PROXY: "${entry}" is neither a hop count nor a proxy address`);
  }
  return list;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Strict CSP: no inline script without this response's nonce, no eval, scripts otherwise only from this origin
 * (Remix's <link rel=modulepreload> carry no nonce, so 'strict-dynamic' would block them); no plugins, no framing,
 * no <base>.
 */
export function contentSecurityPolicy(nonce: string): string {
  return CSP_HEAD + nonce + CSP_TAIL;
}

const NONCE_MARK = "\u0000nonce\u0000";
const [CSP_HEAD, CSP_TAIL] = cspTemplate().split(NONCE_MARK) as [string, string];

function cspTemplate(): string {
  const nonce = NONCE_MARK;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // inline style attributes only (emails in the mailbox preview, chart widths); no inline <style> from outside
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
  ].join("; ");
}

export function securityHeaders(opts: { production: boolean; nonce?: string }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), geolocation=(), microphone=()",
    "Content-Security-Policy": opts.nonce
      ? contentSecurityPolicy(opts.nonce)
      : "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  };
  if (opts.production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/**
 * The security headers of every response, for server.ts: the fixed ones are computed once, the CSP per request
 * from its nonce (the same values as securityHeaders).
 */
export function securityHeaderWriter(production: boolean): (res: { setHeader(name: string, value: string): unknown }, nonce: string) => void {
  const fixed = Object.entries(securityHeaders({ production })).filter(([k]) => k !== "Content-Security-Policy");
  return (res, nonce) => {
    for (const [k, v] of fixed) res.setHeader(k, v);
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  };
}

/** Connection problems (database down, refused, timed out) as opposed to a bug in a query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P02", "57P03"].includes(code))
      return true;
    if (code.startsWith("08")) return true;
  }
  return false;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** The page the server writes itself when Remix cannot answer (database down, body refused): no script, no stack. */
export function plainErrorPage(opts: { locale: string; title: string; body: string; back: string; nonce: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(opts.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)} · Simpul</title>
<style nonce="${opts.nonce}">body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b}header{background:#0b5394;color:#fff;padding:.75rem 1rem;font-weight:700}main{padding:1rem;max-width:40rem}a{color:#0b5394}</style>
</head><body><header>Simpul</header><main id="main"><h1>${escapeHtml(opts.title)}</h1><p>${escapeHtml(opts.body)}</p><p><a href="/">${escapeHtml(opts.back)}</a></p></main></body></html>`;
}

/**
 * An HTTP server for an Express 4 app whose requests and responses are made with Express's own prototypes.
 * Express gives every request and response its prototype in its first middleware (`Object.setPrototypeOf`); V8 then
 * keeps each of them, and what it references, through the next young-generation collection, so every request's
 * objects were promoted to the old generation: collections of 5–15 ms every few hundred requests and a full one
 * every second or so, measured even on a route that answers "ok". Made with those prototypes from the start, the
 * middleware's `setPrototypeOf` changes nothing and a request's garbage dies young.
 */
export function expressServer(app: RequestListener & { request: object; response: object }): http.Server {
  function Request(this: IncomingMessage, socket: Socket) {
    Reflect.apply(http.IncomingMessage, this, [socket]);
  }
  Request.prototype = app.request;
  function Response(this: http.ServerResponse, req: IncomingMessage, options?: object) {
    Reflect.apply(http.ServerResponse, this, [req, options]);
  }
  Response.prototype = app.response;
  return http.createServer(
    { IncomingMessage: Request as unknown as typeof http.IncomingMessage, ServerResponse: Response as unknown as typeof http.ServerResponse },
    app,
  );
}
