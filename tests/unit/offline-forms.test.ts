import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { LOST_RESTORED, OFFLINE_HELD } from "../../app/utils/offline-forms.client";

describe("the note on a form held back offline", () => {
  it("says what the dictionaries say, in both languages", () => {
    assert.equal(OFFLINE_HELD.id, dictionaryFor("id")["common.offlineHeld"]);
    assert.equal(OFFLINE_HELD.en, dictionaryFor("en")["common.offlineHeld"]);
  });
  it("so does the note over a form put back after its request was lost", () => {
    assert.equal(LOST_RESTORED.id, dictionaryFor("id")["common.lostRestored"]);
    assert.equal(LOST_RESTORED.en, dictionaryFor("en")["common.lostRestored"]);
  });
});
