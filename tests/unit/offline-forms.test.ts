import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { OFFLINE_HELD } from "../../app/utils/offline-forms.client";

describe("the note on a form held back offline", () => {
  it("says what the dictionaries say, in both languages", () => {
    assert.equal(OFFLINE_HELD.id, dictionaryFor("id")["common.offlineHeld"]);
    assert.equal(OFFLINE_HELD.en, dictionaryFor("en")["common.offlineHeld"]);
  });
});
