import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { packOptions, unpackOptions } from "../../app/utils/region-options";

describe("region picker lists as one string", () => {
  it("comes back as it went, in order, names with spaces, dots, apostrophes and brackets kept", () => {
    const options = [
      { code: "31.01", name: "Kab. Administrasi Kepulauan Seribu" },
      { code: "11.01", name: "Kabupaten Aceh Selatan" },
      { code: "92.04.01.2001", name: "Wa'a (Distrik) — Mimika" },
      { code: "35", name: "Jawa Timur" },
    ];
    assert.deepEqual(unpackOptions(packOptions(options)), options);
  });

  it("an empty list is an empty string, and back", () => {
    assert.equal(packOptions([]), "");
    assert.deepEqual(unpackOptions(""), []);
  });

  it("one option, and the 514 kabupaten/kota of a national list", () => {
    assert.deepEqual(unpackOptions(packOptions([{ code: "35.09", name: "Kabupaten Jember" }])), [{ code: "35.09", name: "Kabupaten Jember" }]);
    const many = Array.from({ length: 514 }, (_, i) => ({ code: `${10 + (i % 80)}.${String(i).padStart(2, "0")}`, name: `Kota ${i}` }));
    assert.deepEqual(unpackOptions(packOptions(many)), many);
  });
});
