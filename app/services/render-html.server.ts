/**
 * A whole document rendered to one string, for a server that sends each page in one compressed piece (server.ts,
 * renderedBody) and so never streams it.
 *
 * `renderToPipeableStream` writes every small piece of markup into byte buffers as it goes (TextEncoder, one call per
 * attribute and text), then the pieces travel through a Node stream and a web stream to be joined again: on the event
 * page that was a fifth of the request's CPU. React's string renderer (`renderToNodeStream`, the legacy server build
 * that also serves `renderToString`) keeps the markup as strings, and it waits for every Suspense boundary (the page's
 * hydration data arrives through one) before it writes anything, so the document is complete, the markup the same.
 * Its stream pushes each piece on its own (a Buffer per piece): here the pieces are joined into one string instead,
 * by giving its readable class a `push` that collects (installed once, below). Nothing else in the process uses it.
 * The markup is byte for byte what the streaming renderer wrote, once the doctype it adds is added here.
 *
 * What React's legacy renderer cannot do: report an error inside a Suspense boundary (it renders the boundary's
 * fallback marker and lets the browser render that part). `renderHtml` tells it by the marker and says so
 * (`partFailed`), so the caller can log it and answer 500 as before.
 */
import { Readable } from "node:stream";
import type { ReactNode } from "react";
import { renderToNodeStream } from "react-dom/server";

type Collecting = Readable & { html?: string; finished?: boolean; onFinish?: (html: string) => void };

let installed = false;

function installCollectingPush(): void {
  if (installed) return;
  const probe = withoutDeprecationWarning(() => renderToNodeStream(null)) as unknown as Readable;
  const proto = Object.getPrototypeOf(probe) as object;
  probe.destroy();
  // React's ReactMarkupReadableStream: a direct subclass of Readable with its own _read
  if (proto === Readable.prototype || Object.getPrototypeOf(proto) !== Readable.prototype || !Object.hasOwn(proto, "_read")) {
    throw new Error("react-dom/server: renderToNodeStream no longer returns React's own Readable subclass");
  }
  Object.defineProperty(proto, "push", {
    configurable: true,
    writable: true,
    value(this: Collecting, chunk: string | null): boolean {
      if (chunk === null) {
        this.finished = true;
        this.onFinish?.(this.html ?? "");
        return false;
      }
      this.html = this.html === undefined ? chunk : this.html + chunk;
      return true;
    },
  });
  installed = true;
}

/**
 * React's development build (tests, `npm run dev`) warns on every call that renderToNodeStream is deprecated (in
 * favour of the streaming renderer this module replaces on purpose); that one warning is left out, every other passes.
 */
function withoutDeprecationWarning<T>(render: () => T): T {
  // (not decided by NODE_ENV: the server bundle has it replaced at build time, while React picks its build at run time)
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (!String(args[0]).includes("renderToNodeStream is deprecated")) error(...args);
  };
  try {
    return render();
  } finally {
    console.error = error;
  }
}

/** The boundary marker React writes where a part failed to render and is left to the browser ("<!--$!-->"). */
const FAILED_PART = "<!--$!-->";

export type RenderedHtml = { html: string; partFailed: boolean };

/** Renders `element` completely; rejects when the document itself fails to render or takes longer than `timeoutMs`. */
export function renderHtml(element: ReactNode, timeoutMs: number): Promise<RenderedHtml> {
  installCollectingPush();
  // the streaming renderer starts a document whose root is <html> with its doctype; the string renderer does not
  const done = (html: string): RenderedHtml => ({ html: html.startsWith("<html") ? `<!DOCTYPE html>${html}` : html, partFailed: html.includes(FAILED_PART) });
  const stream = withoutDeprecationWarning(() => renderToNodeStream(element)) as unknown as Collecting;
  if (stream.finished) return Promise.resolve(done(stream.html ?? ""));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => stream.destroy(new Error(`the page took more than ${timeoutMs} ms to render`)), timeoutMs);
    stream.onFinish = (html) => {
      clearTimeout(timer);
      resolve(done(html));
    };
    // a failed shell destroys the stream: its 'error' comes on a later tick, after this listener is in place
    stream.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
