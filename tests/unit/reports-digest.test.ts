import assert from "node:assert/strict";
import { test } from "node:test";
import { reportsDigest, type ReportsDigestPayload } from "../../emails/reports-digest";

const payload: ReportsDigestPayload = {
  name: "Ahmad",
  chapterName: "RTIK Kabupaten Jember",
  applicants: 1,
  newApplicants: 1,
  shortEvents: [],
  waitingRequests: 1,
  oldestWaitingDays: 1,
  // hours come unrounded from the figures
  atRisk: [{ name: "Jam relawan", value: 71.46000000000001, target: 1000 }],
  urls: { applications: "https://x/a", events: "https://x/e", tutoring: "https://x/t", dashboard: "https://x/d" },
};

test("the weekly digest writes numbers as its reader does, and English counts in the singular when there is one", () => {
  const id = reportsDigest(payload, "id");
  assert.match(id.text, /Jam relawan: 71,5 \/ 1\.000/);
  assert.match(id.text, /1 permintaan menunggu, yang terlama 1 hari\./);
  const en = reportsDigest({ ...payload, atRisk: [{ name: "Volunteer hours", value: 1234.5, target: 5000 }] }, "en");
  assert.match(en.text, /Volunteer hours: 1,234\.5 \/ 5,000/);
  assert.match(en.text, /1 request waiting, the oldest for 1 day\./);
  const many = reportsDigest({ ...payload, waitingRequests: 3, oldestWaitingDays: 12 }, "en");
  assert.match(many.text, /3 requests waiting, the oldest for 12 days\./);
});
