/**
 * The key of a counted phrase for a count: its "…One" form for exactly 1 ("1 volunteer found"), else the key itself
 * ("0 volunteers found", "2 volunteers found"). Indonesian has no plural: its "…One" strings are the same words.
 * Used on the server and in the browser; scripts/route-strings.ts ships a key's "…One" form with the key.
 */
export function countKey(key: string, n: number): string {
  return n === 1 ? `${key}One` : key;
}
