import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseForm } from "../../app/utils/forms.server";
import { reportSchema } from "../../app/models/events/outcomes.server";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("numbers typed the Indonesian way in the event forms", () => {
  it("the outcome report takes 1.250 participants and leaves an empty optional count out", () => {
    const r = parseForm(reportSchema, form({ participantsTotal: "1.250", participantsFemale: "  700 ", participantsMale: "" }));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.data.participantsTotal, 1250);
    assert.equal(r.data.participantsFemale, 700);
    assert.equal(r.data.participantsMale, undefined);
  });

  it("a word where a number belongs is explained next to the field and the text is kept", () => {
    const r = parseForm(reportSchema, form({ participantsTotal: "banyak" }));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors.participantsTotal, ["errors.notNumber"]);
    assert.equal(r.values.participantsTotal, "banyak");
  });
});
