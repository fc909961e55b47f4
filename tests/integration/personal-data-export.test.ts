import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { personalDataOf } from "../../app/models/accounts/personal-data.server";
import { printablePersonalData } from "../../app/models/accounts/personal-data-print.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("take my data: readable in the reader's language", () => {
  let t: TestDatabase;
  let volunteer: { id: string };

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    volunteer = await createUser(t.db, { name: "Nur Madura", locale: "en" });
    await addMembership(t.db, { userId: volunteer.id, chapterId: chapter.id });
    await createVolunteerProfile(t.db, { userId: volunteer.id, skills: ["literasi-digital", "jaringan-komputer"], languages: ["mad", "id"], availability: ["sabtu-pagi", "rabu-malam"] });
  });
  after(async () => {
    await t.close();
  });

  it("the English printable page names skills and languages in English", async () => {
    const data = await personalDataOf(t.db, volunteer.id, { locale: "en" });
    assert.ok(data);
    const print = printablePersonalData(data, "en");
    assert.deepEqual(print.skills, ["Computer networking", "Digital literacy"]);
    assert.deepEqual(print.languages, ["Indonesian", "Madurese"]);
    assert.deepEqual(print.availability, ["Wednesday Evening", "Saturday Morning"]);
  });

  it("the printable page writes dates and the WhatsApp number as the app shows them; the download keeps them raw", async () => {
    const data = await personalDataOf(t.db, volunteer.id, { locale: "en" });
    assert.ok(data);
    const withCertificate = { ...data, certificates: [{ code: "qYRLO33g3jsP", subject: "Desa Go-Online", activityDate: "2026-10-06", hours: 3, revoked: false }] };
    const en = printablePersonalData(withCertificate, "en");
    assert.equal(en.certificates[0]?.activityDate, "6 Oct 2026");
    assert.equal(en.profile?.whatsapp, "+62 812-3456-7890");
    assert.equal(printablePersonalData(withCertificate, "id").certificates[0]?.activityDate, "6 Okt 2026");
    assert.equal(data.profile?.whatsapp, "+6281234567890");
    assert.equal(withCertificate.certificates[0]?.activityDate, "2026-10-06");
  });

  it("the Indonesian page and the download keep the Indonesian names", async () => {
    const data = await personalDataOf(t.db, volunteer.id);
    assert.ok(data);
    assert.deepEqual(printablePersonalData(data, "id").skills, ["Jaringan komputer", "Literasi digital"]);
    assert.deepEqual(data.languages, ["Indonesia", "Madura"]);
  });

  it("the JSON download gives the availability as slot keys next to the stored bitmask", async () => {
    const data = await personalDataOf(t.db, volunteer.id);
    const json = JSON.parse(JSON.stringify(data)) as { profile: { availability: number; availabilitySlots: string[] } };
    assert.equal(json.profile.availability, 33024);
    assert.deepEqual(json.profile.availabilitySlots, ["rabu-malam", "sabtu-pagi"]);
  });
});
