/**
 * Remix 2 with single fetch encodes every document's loader data with turbo-stream (`encodeViaTurboStream`) before it
 * renders the page, and the encoding starts at once (turbo-stream flattens the whole value in the stream's `start`),
 * whether or not anything reads it. Only `<Scripts>` reads it, to write the hydration data into the page; a page that
 * ships no JavaScript (root.tsx: `handle = { hydrate: false }`, e.g. the national and province roll-ups) never does,
 * and the encoding was 7 % of the province page's CPU for nothing.
 *
 * `lazyEncoding` gives the same stream, byte for byte, that begins encoding when it is first read: a page that reads
 * it (a hydrated document, a `.data` request) gets exactly what it got before; one that never reads it never pays.
 * Plain data, what loaders return, is then written by app/services/plain-turbo.server.ts (the same bytes, sooner).
 */
import { createRequire } from "node:module";
import { plainTurboText } from "~/services/plain-turbo.server";

type Encode = (data: unknown, requestSignal: AbortSignal, streamTimeout: number | undefined, serverMode: unknown) => ReadableStream<Uint8Array>;

export function lazyEncoding(encode: Encode, redirectSymbol?: symbol): Encode {
  return (...args) => {
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!reader) {
            // plain data (every loader's, unless it holds a Date, a promise, an error…): the same bytes, sooner
            const text = plainTurboText(args[0], redirectSymbol);
            if (text !== null) {
              controller.enqueue(Buffer.from(`${text}\n`));
              controller.close();
              return;
            }
            reader = encode(...args).getReader();
          }
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        async cancel(reason) {
          await reader?.cancel(reason);
        },
      },
      // no chunk is asked for before a reader asks: a stream's default (one chunk) would start the encoding at once
      { highWaterMark: 0 },
    );
  };
}

/**
 * Replaces `encodeViaTurboStream` of the server runtime's single-fetch module, which the runtime calls through the
 * module's exports object (CommonJS) on every request. Idempotent; call before the Remix build handles a request.
 */
export function installLazyHandoff(): void {
  const singleFetch = createRequire(import.meta.url)("@remix-run/server-runtime/dist/single-fetch.js") as {
    encodeViaTurboStream: Encode & { lazy?: true };
    SingleFetchRedirectSymbol?: symbol;
  };
  if (typeof singleFetch.encodeViaTurboStream !== "function") throw new Error("@remix-run/server-runtime: encodeViaTurboStream not found");
  if (typeof singleFetch.SingleFetchRedirectSymbol !== "symbol") throw new Error("@remix-run/server-runtime: SingleFetchRedirectSymbol not found");
  if (singleFetch.encodeViaTurboStream.lazy) return;
  singleFetch.encodeViaTurboStream = Object.assign(lazyEncoding(singleFetch.encodeViaTurboStream, singleFetch.SingleFetchRedirectSymbol), { lazy: true as const });
}
