import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventFormErrors, eventFormValues, MAX_FORM_ROLES, parseEventForm, rolesFromForm } from "../../app/models/events/events.server";
import { translator } from "../../app/i18n/dictionaries.server";

function form(roles: Record<number, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ title: "Bimtek Jaringan OPD", programId: "1", venueId: "7", date: "2027-03-03", startTime: "08:00", endTime: "16:00" })) f.append(k, v);
  for (const [i, name] of Object.entries(roles)) {
    f.append(`role.${i}.name`, name);
    f.append(`role.${i}.capacity`, name ? "2" : "");
    f.append(`role.${i}.hours`, "");
    f.append(`role.${i}.skills`, "");
  }
  return f;
}

const rows = (n: number, from = 0) => Object.fromEntries(Array.from({ length: n }, (_, i) => [from + i, `Peran ${from + i + 1}`]));

describe("the event form's roles: never dropped without a word", () => {
  it("keeps a role whatever its row number, in row order, without the empty rows", () => {
    const f = form({ 0: "Narasumber", 3: "", 30: "Dokumentasi", 21: "Registrasi" });
    assert.deepEqual(rolesFromForm(f).map((r) => r.name), ["Narasumber", "Registrasi", "Dokumentasi"]);
    const parsed = parseEventForm(f);
    assert.ok(parsed.success);
    assert.equal(parsed.data.roles.length, 3);
  });

  it(`takes ${MAX_FORM_ROLES} roles`, () => {
    const parsed = parseEventForm(form(rows(MAX_FORM_ROLES)));
    assert.ok(parsed.success);
    assert.equal(parsed.data.roles.length, MAX_FORM_ROLES);
  });

  it("refuses one more, with a message next to the roles in both languages", () => {
    const f = form(rows(MAX_FORM_ROLES + 2));
    const parsed = parseEventForm(f);
    assert.equal(parsed.success, false);
    const errors = parsed.success ? {} : eventFormErrors(parsed.error);
    assert.deepEqual(errors, { roles: [`events.tooManyRoles?max=${MAX_FORM_ROLES}`] });
    const key = errors.roles?.[0] ?? "";
    assert.match(translator("id")(key), /paling banyak 20 peran/);
    assert.match(translator("en")(key), /at most 20 roles/);
  });

  it("gives every row typed back to the form, numbered from 0", () => {
    const values = eventFormValues(form({ ...rows(MAX_FORM_ROLES + 1), 40: "Konsumsi" }));
    assert.equal(values.title, "Bimtek Jaringan OPD");
    assert.equal(values["role.0.name"], "Peran 1");
    assert.equal(values["role.20.name"], "Peran 21");
    assert.equal(values["role.21.name"], "Konsumsi");
    assert.equal(values["role.21.capacity"], "2");
    assert.equal(values["role.40.name"], undefined);
    assert.equal(Object.keys(values).filter((k) => k.endsWith(".name")).length, MAX_FORM_ROLES + 2);
  });
});

describe("the event form's day and times: a day not on the calendar or a time past 23:59 is refused, never rolled over", () => {
  const withWhen = (when: Record<string, string>, capacity = "2") => {
    const f = form({ 0: "Narasumber" });
    f.set("role.0.capacity", capacity);
    for (const [k, v] of Object.entries(when)) f.set(k, v);
    return f;
  };
  const errorsOf = (f: FormData) => {
    const parsed = parseEventForm(f);
    return parsed.success ? null : eventFormErrors(parsed.error);
  };

  it("refuses 30 February and 25:99, each next to its field", () => {
    assert.deepEqual(errorsOf(withWhen({ date: "2026-02-30" })), { date: ["events.dateInvalid"] });
    assert.deepEqual(errorsOf(withWhen({ date: "2027-3-3" })), { date: ["events.dateInvalid"] });
    assert.deepEqual(errorsOf(withWhen({ startTime: "25:99", endTime: "26:00" })), { startTime: ["events.timeInvalid"], endTime: ["events.timeInvalid"] });
    assert.deepEqual(errorsOf(withWhen({ startTime: "08:60" })), { startTime: ["events.timeInvalid"] });
    assert.equal(errorsOf(withWhen({ date: "2028-02-29", startTime: "00:00", endTime: "23:59" })), null, "a leap day and the whole day");
  });

  it("every problem in one answer: a missing program, days and cut-off out of range, end before start, no venue", () => {
    const f = withWhen({ startTime: "15:00", endTime: "09:00", days: "0", cutoffHours: "-5" });
    f.delete("programId");
    f.delete("venueId");
    assert.deepEqual(errorsOf(f), {
      programId: ["errors.required"],
      days: ["errors.tooSmall?min=1"],
      cutoffHours: ["errors.tooSmall?min=0"],
      endTime: ["events.endBeforeStart"],
      venueId: ["events.venueRequired"],
    });
    assert.deepEqual(errorsOf(withWhen({ days: "15" })), { days: ["errors.tooLarge?max=14"] });
  });

  it("a capacity over the limit says the limit, one below 1 says the minimum", () => {
    assert.deepEqual(errorsOf(withWhen({}, "100000")), { "role.0.capacity": ["errors.tooLarge?max=1000"] });
    assert.deepEqual(errorsOf(withWhen({}, "0")), { "role.0.capacity": ["events.capacityMin"] });
  });

  it("each role row's problem is said next to that row's field, numbered as the rows come back", () => {
    // row 1 left empty (dropped), row 2 without a capacity, row 5 without a name and with hours of 0, row 7 fine
    const f = form({ 0: "Narasumber", 1: "", 2: "Dokumentasi", 5: "", 7: "Registrasi" });
    f.set("role.2.capacity", "");
    f.set("role.5.capacity", "3");
    f.set("role.5.hours", "0");
    f.set("role.7.capacity", "1.500");
    const errors = errorsOf(f);
    assert.deepEqual(errors, {
      "role.1.capacity": ["events.roleCapacityRequired"],
      "role.2.hours": ["events.hoursInvalid"],
      "role.2.name": ["events.roleNameRequired"],
      "role.3.capacity": ["errors.tooLarge?max=1000"],
    });
    // the values come back under the same numbers
    const values = eventFormValues(f);
    assert.equal(values["role.1.name"], "Dokumentasi");
    assert.equal(values["role.2.capacity"], "3");
    assert.equal(values["role.3.name"], "Registrasi");
    for (const key of ["events.roleCapacityRequired", "events.roleNameRequired"]) {
      assert.notEqual(translator("id")(key), key);
      assert.notEqual(translator("en")(key), key);
    }
  });

  it("a row's missing name comes with the form's other problems in one answer", () => {
    const f = withWhen({ startTime: "15:00", endTime: "09:00" });
    f.set("role.0.name", "");
    assert.deepEqual(errorsOf(f), { endTime: ["events.endBeforeStart"], "role.0.name": ["events.roleNameRequired"] });
  });
});
