import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { cardSvg, OG_WIDTH, renderCardPng, wrap } from "../../app/services/og-image.server";

/** The right-most column with ink darker than the card's grey lines, above the footer band. */
async function inkRight(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let right = 0;
  for (let y = 20; y < info.height - 90; y++) for (let x = 0; x < info.width; x++) if ((data[y * info.width + x] ?? 255) < 100 && x > right) right = x;
  return right;
}

test("a card's title stays inside the card, in capitals, in long words and in lower case", async () => {
  const titles = [
    "PELATIHAN LITERASI DIGITAL DAN KEAMANAN SIBER UNTUK GURU SMA SE-KABUPATEN JEMBER",
    "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
    "Sosialisasi Internet Sehat dan Aman untuk Siswa SMP Negeri 2 Ambulu dan Wali Murid",
    "Bimtek Pengelolaan Website Desa bagi Operator Pemerintah Desa Kecamatan Sumberbaru",
    "WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW",
  ];
  for (const title of titles) {
    const png = await renderCardPng({ kicker: "Internet Sehat · RTIK Kabupaten Jember", title, lines: ["Sabtu, 12 Desember 2026 08.00 WIB", "SMA NEGERI 2 JEMBER, KECAMATAN KALIWATES, KABUPATEN JEMBER"], footer: "Daftar: simpul.relawantik.or.id/e/12" });
    const right = await inkRight(png);
    assert.ok(right <= OG_WIDTH - 60, `"${title}": ink reaches x = ${right}`);
    assert.ok(wrap(title, 1060 / 60, 3).length <= 3);
  }
});

test("wrapping keeps words whole and says when it cut", () => {
  assert.deepEqual(wrap("Internet Sehat", 20, 3), ["Internet Sehat"]);
  const lines = wrap("PELATIHAN LITERASI DIGITAL DAN KEAMANAN SIBER UNTUK GURU SMA SE-KABUPATEN JEMBER", 1060 / 60, 3);
  assert.equal(lines.length, 3);
  assert.ok(lines[2]?.endsWith("…"));
  for (const l of lines.slice(0, 2)) assert.ok(!l.endsWith("…"));
});

test("long lines take a second row while there is room above the footer, and never reach it", () => {
  const reach = "Capaian tahun 2026: 20 sekolah melalui Internet Sehat, 3 pesantren, 10 UMKM go-online dan 3 desa go-online";
  const next = "Kegiatan berikutnya: UMKM Go-Online: Toko di Marketplace dan QRIS, 10 Des 2026, 09.00 WIB";
  const rowsOf = (svg: string) => [...svg.matchAll(/<text x="70" y="(\d+)" font-size="38"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ y: Number(m[1]), text: m[2] ?? "" }));
  // a one-line title: both lines whole or nearly, two rows each
  const short = rowsOf(cardSvg({ kicker: "Relawan TIK · Jawa Timur", title: "RTIK Kabupaten Jember", lines: [reach, next], footer: "Simpul" }));
  assert.equal(short.length, 4);
  assert.ok(short[1]?.text.includes("desa") || short[1]?.text.endsWith("…"));
  assert.ok(short[3]?.text.includes("WIB"), short[3]?.text);
  // a three-line title leaves three rows: the first line keeps two only if the second still gets one
  const long = rowsOf(cardSvg({ kicker: "x", title: "WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW WWW", lines: [reach, next, "Kalender: .ics"], footer: "Simpul" }));
  assert.equal(long.length, 3);
  for (const r of [...short, ...long]) assert.ok(r.y <= 630 - 90 - 24, `a row at y = ${r.y} reaches the footer`);
  // short lines stay one row each, as on the event cards
  assert.equal(rowsOf(cardSvg({ kicker: "x", title: "Internet Sehat", lines: ["Sabtu, 12 Desember 2026 08.00 WIB", "SMA Negeri 2 Jember"], footer: "y" })).length, 2);
});
