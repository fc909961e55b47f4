/**
 * turbo-stream's encoding of plain data, written for speed: the same text, character for character, as
 * `turbo-stream`'s `encode` (2.4) gives for a value made only of plain objects, arrays, strings, finite and special
 * numbers, booleans, null and undefined — what every loader of this app returns. On a signed-in page turbo-stream's
 * general encoder (a closure and an array per value, every plugin asked about every object, a timer per request) was
 * the largest single piece of what a page costs beyond the bare route.
 *
 * Anything else (a Date, Map, Set, Promise, Error, Remix's redirect or error response, a class instance, an object
 * without prototype, a function, bigint or symbol) makes `plainTurboText` return null, and the caller uses
 * turbo-stream itself. tests/unit/plain-turbo.test.ts compares both on random and real page data.
 */

// turbo-stream's constants (dist/utils.js)
const HOLE = -1;
const NAN = -2;
const NEGATIVE_INFINITY = -3;
const NEGATIVE_ZERO = -4;
const NULL = -5;
const POSITIVE_INFINITY = -6;
const UNDEFINED = -7;

class NotPlain extends Error {}
const notPlain = new NotPlain("not plain data");

/**
 * The text turbo-stream's `encode(value)` sends as its one line (without the newline), or null when `value` holds
 * something other than plain data. `skip` (Remix's SingleFetchRedirectSymbol): an object carrying it is not plain.
 */
export function plainTurboText(value: unknown, skip?: symbol): string | null {
  const indices = new Map<unknown, number>();
  const parts: string[] = [];
  let next = 0;

  function flatten(input: unknown): number {
    // as turbo-stream: index 0 (the root) is falsy, so it is never referred back to
    const existing = indices.get(input);
    if (existing) return existing;
    if (input === undefined) return UNDEFINED;
    if (input === null) return NULL;
    if (typeof input === "number") {
      if (Number.isNaN(input)) return NAN;
      if (input === Number.POSITIVE_INFINITY) return POSITIVE_INFINITY;
      if (input === Number.NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
      if (input === 0 && 1 / input < 0) return NEGATIVE_ZERO;
    }
    const index = next++;
    indices.set(input, index);
    switch (typeof input) {
      case "string":
      case "number":
      case "boolean":
        parts[index] = JSON.stringify(input);
        return index;
      case "object": {
        if (Array.isArray(input)) {
          let text = "[";
          for (let i = 0; i < input.length; i++) text += (i ? "," : "") + (i in input ? flatten(input[i]) : HOLE);
          parts[index] = `${text}]`;
          return index;
        }
        if (Object.getPrototypeOf(input) !== Object.prototype || (skip !== undefined && skip in input)) throw notPlain;
        let text = "{";
        let first = true;
        for (const key of Object.keys(input)) {
          const k = flatten(key);
          text += `${first ? "" : ","}"_${k}":${flatten((input as Record<string, unknown>)[key])}`;
          first = false;
        }
        parts[index] = `${text}}`;
        return index;
      }
      default:
        throw notPlain;
    }
  }

  try {
    const id = flatten(value);
    return id < 0 ? String(id) : `[${parts.join(",")}]`;
  } catch (e) {
    if (e === notPlain) return null;
    throw e;
  }
}
