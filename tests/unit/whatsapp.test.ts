import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { formatWhatsapp, normalizeWhatsapp, whatsappE164, whatsappLink } from "../../app/models/accounts/whatsapp";

describe("WhatsApp numbers", () => {
  it("normalises the ways people write an Indonesian mobile number to +62…", () => {
    for (const typed of [
      "0812-3456-7890",
      "+62 812 3456 7890",
      "62812 3456 7890",
      "6281234567890",
      "812-3456-7890",
      "(0812) 3456.7890",
      "(+62) 812-3456-7890",
      "0062 812 3456 7890",
      "+62 0812 3456 7890",
      "  0812 3456 7890  ",
    ]) {
      assert.deepEqual(normalizeWhatsapp(typed), { ok: true, value: "+6281234567890" }, typed);
    }
  });

  it("reads a number copied from WhatsApp or the phone's contacts: special hyphens, direction marks, wide digits", () => {
    for (const typed of [
      "+62 812\u20113456\u20117890", // WhatsApp's "copy phone number": non-breaking hyphens
      "\u202a+62 812\u20113456\u20117890\u202c", // … wrapped in left-to-right embedding marks
      "\u200e+62 812-3456-7890\u200e",
      "0812\u20133456\u20137890", // en dashes, as a word processor writes them
      "0812\u20103456\u20127890",
      "0812\u00a03456\u202f7890",
      "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10", // full-width digits
      "\uff0b62 812 3456 7890",
    ]) {
      assert.deepEqual(normalizeWhatsapp(typed), { ok: true, value: "+6281234567890" }, JSON.stringify(typed));
    }
    assert.deepEqual(normalizeWhatsapp("0812\u20133456"), { ok: false, error: "profile.whatsappInvalid" });
  });

  it("accepts 9 to 12 digits after 62, starting with 8", () => {
    assert.deepEqual(normalizeWhatsapp("0811-123-456"), { ok: true, value: "+62811123456" });
    assert.deepEqual(normalizeWhatsapp("0812-3456-78901"), { ok: true, value: "+62812345678901" });
    assert.deepEqual(normalizeWhatsapp("0895 1234 5678"), { ok: true, value: "+6289512345678" });
  });

  it("refuses numbers too short or too long, other countries, letters and landlines", () => {
    const cases: [string, string][] = [
      ["0812-345", "profile.whatsappInvalid"],
      ["0812-3456-789012", "profile.whatsappInvalid"],
      ["+60 12 345 6789", "profile.whatsappInvalid"],
      ["+1 415 555 0100", "profile.whatsappInvalid"],
      ["0812-34AB-7890", "profile.whatsappInvalid"],
      ["08123456789+", "profile.whatsappInvalid"],
      ["", "profile.whatsappInvalid"],
      ["(021) 3456 7890", "profile.whatsappNotMobile"],
      ["+62 21 3456789", "profile.whatsappNotMobile"],
      ["0331 487 123", "profile.whatsappNotMobile"],
    ];
    for (const [typed, error] of cases) assert.deepEqual(normalizeWhatsapp(typed), { ok: false, error }, typed);
  });

  it("is idempotent on the stored form", () => {
    const once = normalizeWhatsapp("0812-3456-7890");
    assert.ok(once.ok);
    assert.deepEqual(normalizeWhatsapp(once.value), once);
  });

  it("formats for reading and links to wa.me", () => {
    assert.equal(formatWhatsapp("+6281234567890"), "+62 812-3456-7890");
    assert.equal(whatsappLink("+6281234567890"), "https://wa.me/6281234567890");
  });
});

test("whatsappE164 reads a number as normalizeWhatsapp does, without the reason of a refusal", () => {
  for (const input of ["0812-3456-7890", "+62 812 3456 7890", "62812.3456.7890", "(0812) 3456 7890", "０８１２‐３４５６‐７８９０", "021-555-1234", "0812-34", "Siti", "+1 812 3456 7890"]) {
    const full = normalizeWhatsapp(input);
    assert.equal(whatsappE164(input), full.ok ? full.value : null, input);
  }
});
