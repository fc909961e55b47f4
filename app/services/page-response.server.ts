/**
 * A rendered page handed from the app's entry (app/entry.server.tsx) to server.ts without a body stream.
 *
 * Node's `Response` wraps any body in a web `ReadableStream`, and in Node 20 every such stream is made transferable
 * (a C++-backed object behind a weak handle): it and the page it holds then outlive the next young-generation
 * collection, so every page's bytes were promoted to the old generation and swept by full collections. The entry
 * instead answers with a body-less `Response` that carries the page's bytes under a global symbol; server.ts sends
 * those bytes. The symbol is global (`Symbol.for`) because server.ts and the app build are bundled apart. A response
 * without it (an error answer the runtime made itself, a resource route) is read from its body as any other.
 */
const PAGE_BYTES = Symbol.for("simpul.pageBytes");

type WithBytes = Response & { [PAGE_BYTES]?: Uint8Array };

export function pageResponse(bytes: Uint8Array, init: ResponseInit): Response {
  const response: WithBytes = new Response(null, init);
  response[PAGE_BYTES] = bytes;
  return response;
}

/** The bytes of a page made by `pageResponse`, or null for any other response. */
export function pageBytesOf(response: Response): Uint8Array | null {
  return (response as WithBytes)[PAGE_BYTES] ?? null;
}
