import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { OG_WIDTH, renderCardPng, wrap } from "../../app/services/og-image.server";

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
