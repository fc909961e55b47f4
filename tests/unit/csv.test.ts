import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { csvDelimiterFrom, csvFileName, spreadsheetCsv } from "../../app/services/csv.server";

describe("spreadsheet CSV", () => {
  const rows = [
    ["Relawan", "Jam", "Tempat"],
    ["Ni Luh Putu Ayu", 2.5, "Balai Desa Sukorejo, Kec. Bangsalsari"],
    ["Dedi \"Kang\" Mulyadi", 12, "Telecenter Desa; Ruang 2"],
  ];

  it("starts with a BOM and ends lines in CRLF", () => {
    const csv = spreadsheetCsv(rows);
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.equal(csv.split("\r\n").length, 4);
  });

  it("round-trips through a CSV parser in both flavours", () => {
    for (const delimiter of [",", ";"] as const) {
      const back: string[][] = parse(spreadsheetCsv(rows, delimiter).slice(1), { delimiter });
      assert.deepEqual(back[0], rows[0]);
      assert.equal(back[1]?.[2], "Balai Desa Sukorejo, Kec. Bangsalsari");
      assert.equal(back[2]?.[0], 'Dedi "Kang" Mulyadi');
      assert.equal(back[2]?.[2], "Telecenter Desa; Ruang 2");
    }
  });

  it("writes decimals with a comma in the semicolon flavour only", () => {
    assert.match(spreadsheetCsv(rows, ";"), /Ni Luh Putu Ayu;2,5;/);
    assert.match(spreadsheetCsv(rows, ","), /Ni Luh Putu Ayu,2\.5,/);
  });

  it("takes the flavour from ?sep=semicolon and names the file after it", () => {
    assert.equal(csvDelimiterFrom(new URL("https://x/laporan.csv?sep=semicolon")), ";");
    assert.equal(csvDelimiterFrom(new URL("https://x/laporan.csv?sep=;")), ",");
    assert.equal(csvDelimiterFrom(new URL("https://x/laporan.csv")), ",");
    assert.equal(csvFileName("relawan-jember", ";"), "relawan-jember-excel-id.csv");
    assert.equal(csvFileName("relawan-jember", ","), "relawan-jember.csv");
  });

  it("neutralises a formula after leading spaces, quotes or a line break, and in full-width forms", () => {
    for (const v of [" =HYPERLINK(\"https://evil.example\")", "  @SUM(A1:A2)", '"=1+1', "'=1+1", "\n=1+1", " \t+1", "\u00a0=1", "\u3000-1+2", "＝1+1", "＋cmd", "＠SUM(A1)"]) {
      const csv = spreadsheetCsv([["nama"], [v]]);
      const back: string[][] = parse(csv.slice(1));
      assert.equal(back[1]?.[0], `'${v}`, JSON.stringify(v));
    }
    // what people really write stays as written
    for (const v of [" Siti Aminah", '"Kang" Dedi', "Siti - Aminah", "-2.5", "+6281234567890", "SMA Negeri 2 = SMAN 2"]) {
      const back: string[][] = parse(spreadsheetCsv([["nama"], [v]]).slice(1));
      assert.equal(back[1]?.[0], v, JSON.stringify(v));
    }
  });
});
