/**
 * Remix 2 with single fetch encodes every document's loader data with turbo-stream (`encodeViaTurboStream`) before it
 * renders the page, and the encoding starts at once (turbo-stream flattens the whole value in the stream's `start`),
 * whether or not anything reads it. Only `<Scripts>` reads it, to write the hydration data into the page; a page that
 * ships no JavaScript (root.tsx: `handle = { hydrate: false }`, e.g. the national and province roll-ups) never does,
 * and the encoding was 7 % of the province page's CPU for nothing.
 *
 * `lazyEncoding` gives the same bytes, as a stream-like object that begins encoding when it is first read: a page that reads
 * it (a hydrated document, a `.data` request) gets exactly what it got before; one that never reads it never pays.
 * Plain data, what loaders return, is then written by app/services/plain-turbo.server.ts (the same bytes, sooner).
 */
import { createRequire } from "node:module";
import { plainTurboText } from "~/services/plain-turbo.server";

type Encode = (data: unknown, requestSignal: AbortSignal, streamTimeout: number | undefined, serverMode: unknown) => ReadableStream<Uint8Array>;

/**
 * The encoding as the runtime uses it, without a web stream: `<Scripts>` reads it through `getReader()`, a `.data`
 * answer makes it the body of a `Response` (an async iterable body). In Node 20 every web `ReadableStream` is made
 * transferable (a C++-backed object behind a weak handle) and outlives the next young-generation collection with
 * everything it holds; a page that never reads its hydration data (the roll-ups) now makes none.
 */
class LazyHandoff {
  #reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  #done = false;
  constructor(
    private readonly encode: Encode,
    private readonly args: Parameters<Encode>,
    private readonly redirectSymbol: symbol | undefined,
  ) {}

  async #read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    if (this.#done) return { done: true, value: undefined };
    if (!this.#reader) {
      // plain data (every loader's, unless it holds a Date, a promise, an error…): the same bytes, sooner
      const text = plainTurboText(this.args[0], this.redirectSymbol);
      if (text !== null) {
        this.#done = true;
        return { done: false, value: Buffer.from(`${text}\n`) };
      }
      this.#reader = this.encode(...this.args).getReader();
    }
    const r = await this.#reader.read();
    if (r.done) this.#done = true;
    return r;
  }

  getReader() {
    return {
      read: () => this.#read(),
      cancel: (reason?: unknown) => this.cancel(reason),
      releaseLock: () => {},
    };
  }

  async cancel(reason?: unknown): Promise<void> {
    this.#done = true;
    await this.#reader?.cancel(reason);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (let r = await this.#read(); !r.done; r = await this.#read()) yield r.value;
    } finally {
      // a body cancelled before its end (the browser went away from a `.data` answer) stops the encoding too
      if (!this.#done) await this.cancel();
    }
  }
}

export function lazyEncoding(encode: Encode, redirectSymbol?: symbol): Encode {
  // the runtime only calls getReader() on it or hands it to `new Response`, which takes an async iterable
  return (...args) => new LazyHandoff(encode, args, redirectSymbol) as unknown as ReadableStream<Uint8Array>;
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
