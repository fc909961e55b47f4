import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { participantsPage, registerAhead, registrationTicket } from "../../app/models/events/participants.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/db";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const FIRST = ["Siti", "Dewi", "Rizal", "Bayu", "Nur", "Ahmad", "Putri", "Agus", "Sri", "Eko"];
const LAST = ["Nurhaliza", "Effendi", "Huda", "Santoso", "Wijaya", "Lestari", "Hidayat", "Rahmawati", "Saputra", "Kurniawan"];

describe("participants: a search at the door with a typo offers who was meant", () => {
  let t: TestDatabase;
  let eventId = 0;
  let leadId = "";
  let code = "";

  before(async () => {
    t = await createTestDatabase();
    const chapter = await createChapter(t.db, { regionCode: "35.09", name: "RTIK Kabupaten Jember" });
    const lead = await createUser(t.db);
    leadId = lead.id;
    await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId, venueRegion: "35.09.01", date: inDays(3), title: "Internet Sehat SMAN 2 Jember" });
    // 300 registered ahead: every first name with every surname, from three schools (the same name at another school
    // is another person)
    let token = "";
    for (const school of ["SMA Negeri 2 Jember", "SMK Negeri 1 Jember", "MA Negeri 1 Jember"])
      for (const f of FIRST)
        for (const l of LAST) {
          const r = await registerAhead(t.db, { eventId, form: { name: `${f} ${l}`, institutionName: school } });
          assert.ok(r.ok);
          if (f === "Putri" && l === "Wijaya" && school.startsWith("SMK")) token = r.token ?? "";
        }
    code = (await registrationTicket(t.db, { eventId, token }))?.person.code ?? "";
    assert.match(code, /^[A-Z0-9]{6}$/);
  });
  after(async () => {
    await t?.close();
  });

  const search = async (q: string) => {
    const page = await participantsPage(t.db, { eventId, actorId: leadId, q });
    assert.ok(page);
    return { found: page.list.map((p) => p.name), offered: page.suggestions.map((s) => s.q) };
  };

  it("offers the name a typo was one or two letters from, in the same words or another order; nothing for three letters", async () => {
    assert.deepEqual(await search("Siti Nurhalisa"), { found: [], offered: ["Siti Nurhaliza"] });
    assert.deepEqual(await search("Sitti Nurhaliza"), { found: [], offered: ["Siti Nurhaliza"] });
    assert.deepEqual(await search("rizal efendi"), { found: [], offered: ["Rizal Effendi"] });
    assert.deepEqual(await search("Huda Nur"), { found: [], offered: ["Nur Huda"] });
    assert.deepEqual(await search("Bpk. Agus Santoso"), { found: ["Agus Santoso", "Agus Santoso", "Agus Santoso"], offered: [] }, "a title is not part of a name");
    // one surname misspelt: at most five, the closest and then by name
    assert.deepEqual((await search("Nurhalisa")).offered, ["Agus Nurhaliza", "Ahmad Nurhaliza", "Bayu Nurhaliza", "Dewi Nurhaliza", "Eko Nurhaliza"]);
    assert.deepEqual(await search("Budi Gunawan"), { found: [], offered: [] });
    assert.deepEqual(await search("Sto"), { found: [], offered: [] }, "three letters are not guessed (Sri, Eko)");
  });

  it("the exact search stays the only answer when it finds someone; a ticket code one character off offers its holder", async () => {
    const exact = await search("Nurhaliza");
    assert.equal(exact.found.length, 30);
    assert.deepEqual(exact.offered, []);
    assert.deepEqual((await search(code.toLowerCase())).found, ["Putri Wijaya"]);
    const typo = code.slice(0, 5) + (code[5] === "Z" ? "Y" : "Z");
    const page = await participantsPage(t.db, { eventId, actorId: leadId, q: typo });
    assert.deepEqual(page?.list, []);
    assert.deepEqual(page?.suggestions, [{ name: "Putri Wijaya", code, q: code }]);
  });
});
