// Sign-up rate of the model alone (no HTTP): N concurrent signUp() calls for one role, through one pool.
// Usage: TEST_DATABASE_URL=postgres://… node --import tsx bench/signup.ts [N] [capacity]
import { getEvent } from "../app/models/events.server";
import { signUp } from "../app/models/signups.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../tests/factories";
import { createTestDatabase } from "../tests/support/db";

const n = Number(process.argv[2] ?? 200);
const capacity = Number(process.argv[3] ?? 20);
const t = await createTestDatabase();
try {
  const chapter = await createChapter(t.db, { regionCode: "35.09" });
  const lead = await createUser(t.db);
  await addMembership(t.db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const date = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
  const eventId = await createOutreachEvent(t.db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date, roles: [{ name: "Fasilitator", capacity }] });
  const roleId = (await getEvent(t.db, eventId))?.roles[0]?.id ?? 0;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(t.db);
    await addMembership(t.db, { userId: u.id, chapterId: chapter.id });
    ids.push(u.id);
  }
  const t0 = performance.now();
  const results = await Promise.all(ids.map((userId) => signUp(t.db, { eventId, roleId, userId })));
  const s = (performance.now() - t0) / 1000;
  const confirmed = results.filter((r) => r.ok && r.status === "confirmed").length;
  console.log(`${t.kind}: ${n} sign-ups in ${s.toFixed(2)} s = ${(n / s).toFixed(0)}/s (${confirmed} confirmed, ${n - confirmed} waitlisted)`);
} finally {
  await t.close();
}
