/**
 * A region picker's list as it travels to the browser: one string, "code<TAB>name" lines, in place of an array of
 * {code, name} objects. A volunteer's profile carries four lists (≈ 120 regions); as objects they were 60 % of the
 * page's hydration data and most of the server's cost of encoding it, as one string per list they cost next to
 * nothing. Region names and codes never hold a tab or a line break (idn-area-data).
 */
export type RegionOption = { code: string; name: string };

export function packOptions(options: readonly RegionOption[]): string {
  let out = "";
  for (const o of options) out += `${out ? "\n" : ""}${o.code}\t${o.name}`;
  return out;
}

export function unpackOptions(packed: string): RegionOption[] {
  if (!packed) return [];
  return packed.split("\n").map((line) => {
    const tab = line.indexOf("\t");
    return { code: line.slice(0, tab), name: line.slice(tab + 1) };
  });
}
