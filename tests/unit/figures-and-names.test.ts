import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseInstitutionName, schoolLevel, splitNpsn } from "../../app/models/events/institution-names";
import { progressRatio } from "../../app/models/reports/period";
import { translator } from "../../app/i18n/dictionaries.server";

describe("figures a lead signs", () => {
  it("Persen shows over-achievement: 24 of 20 is 120 %", () => {
    assert.equal(Math.round((progressRatio(24, 20) ?? 0) * 100), 120);
    assert.equal(progressRatio(5, null), null);
  });

  it("Indonesian institution names written several ways are one name; levels and NPSN are read from the line", () => {
    const same = (a: string, b: string) => assert.equal(normaliseInstitutionName(a), normaliseInstitutionName(b), `${a} = ${b}`);
    same("SMAN 2 Jember", "SMA Negeri 2 Jember");
    same("MTs Negeri 1 Jember", "Madrasah Tsanawiyah Negeri 1 Jember");
    same("Ponpes Nurul Jadid", "Pondok Pesantren Nurul Jadid");
    same("Kelurahan Kebonsari", "Desa Kebonsari");
    same("SDN 1 Ajung", "Sekolah Dasar Negeri 1 Ajung");
    assert.notEqual(normaliseInstitutionName("SMAN 2 Jember"), normaliseInstitutionName("SMPN 2 Jember"));
    assert.deepEqual(["SDN 1 Ajung", "MI Nurul Huda", "MTs Negeri 1", "SMK Negeri 2", "MAN 1 Jember", "Yayasan Bina Umat"].map(schoolLevel), ["sd", "sd", "smp", "sma", "sma", "other"]);
    assert.deepEqual(splitNpsn("20523456 - SMA Negeri 2 Jember"), { name: "SMA Negeri 2 Jember", npsn: "20523456" });
    assert.deepEqual(splitNpsn("SMAN 2 Jember (NPSN 20523456)"), { name: "SMAN 2 Jember", npsn: "20523456" });
    assert.deepEqual(splitNpsn("SMAN 2 Jember"), { name: "SMAN 2 Jember", npsn: null });
    // not a school: only a number marked as an NPSN is one
    assert.deepEqual(splitNpsn("Kopi 24041945", false), { name: "Kopi 24041945", npsn: null });
    assert.deepEqual(splitNpsn("Toko Sari (NPSN 20523456)", false), { name: "Toko Sari", npsn: "20523456" });
    assert.deepEqual(splitNpsn("Toko Sari (20523456)", false), { name: "Toko Sari", npsn: "20523456" });
  });

  it("a 'too long' message says the limit, in both languages", () => {
    assert.equal(translator("id")("errors.tooLongMax?max=1000"), "Terlalu panjang. Maksimal 1000 karakter.");
    assert.equal(translator("en")("errors.tooLongMax?max=1000"), "Too long. At most 1000 characters.");
  });
});
