import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventFormErrors, parseEventForm } from "../../app/models/events/events.server";
import { calendarDate } from "../../app/utils/forms.server";

function eventForm(date: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ title: "Bimtek Jaringan OPD", programId: "1", venueId: "7", date, startTime: "08:00", endTime: "16:00", "role.0.name": "Narasumber", "role.0.capacity": "2", "role.0.hours": "", "role.0.skills": "" })) f.append(k, v);
  return f;
}

describe("calendar dates: years outside 2000–2100 are typos", () => {
  it("refuses year 0000 (stored as 1900), 0026, 1999, 2101 and 9999 with the date's own message", () => {
    for (const date of ["0000-01-01", "0026-03-03", "1999-12-31", "2101-01-01", "9999-12-31"]) {
      const parsed = parseEventForm(eventForm(date));
      assert.deepEqual(parsed.success ? null : eventFormErrors(parsed.error), { date: ["events.dateInvalid"] }, date);
      assert.equal(calendarDate().safeParse(date).success, false, date);
    }
  });

  it("takes the first and last day of the range and a leap day", () => {
    for (const date of ["2000-01-01", "2100-12-31", "2028-02-29"]) {
      assert.equal(parseEventForm(eventForm(date)).success, true, date);
      assert.equal(calendarDate().safeParse(date).success, true, date);
    }
  });
});
