import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { phoneForSpreadsheet } from "../../app/models/accounts/whatsapp";
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

  it("writes a mobile number in groups, which a spreadsheet keeps as text, whichever way it was typed", () => {
    for (const typed of ["+6281234567890", "081234567890", "0812-3456-7890", "62 812 3456 7890"]) assert.equal(phoneForSpreadsheet(typed), "+62 812 3456 7890", typed);
    assert.equal(phoneForSpreadsheet("+628111234567"), "+62 811 1234 567");
    assert.equal(phoneForSpreadsheet("+62812345678901"), "+62 812 3456 78901");
    // not a mobile number: as typed (an email as a guardian's contact, a landline)
    assert.equal(phoneForSpreadsheet("ibu.sari@contoh.id"), "ibu.sari@contoh.id");
    assert.equal(phoneForSpreadsheet("0331 412345"), "0331 412345");
    assert.equal(phoneForSpreadsheet(null), "");
    // the grouped number passes through the CSV as it is, in both flavours: no apostrophe, no quotes
    assert.match(spreadsheetCsv([["Rina", phoneForSpreadsheet("081234567890")]], ";"), /^\uFEFFRina;\+62 812 3456 7890\r\n$/);
  });
});
