/**
 * A lead saves an event with hundreds of participants registered ahead (with an e-mail) at a new date: the save
 * queues a `participant-changed` e-mail for each of them inside the edit's transaction, which holds the event row's
 * lock. Times the save (the lock's duration) over several moves. PGlite always, PostgreSQL too when
 * TEST_DATABASE_URL is set. Needs the test templates: `node --import tsx tests/support/db.ts`.
 *
 *   NODE_ENV=test node --import tsx bench/event-edit.ts [participants] [saves]
 */
import { eq, sql } from "drizzle-orm";
import { eventFormDefaults, getEvent, parseEventForm, updateEvent } from "../app/models/events/events.server";
import { aheadSchema, notifyParticipantsChanged, registerAhead, setParticipantCapacity } from "../app/models/events/participants.server";
import { outbox } from "../db/schema/outbox";
import { createChapterWithLead, createOutreachEvent, formOf } from "../tests/factories";
import { createTestDatabase, testDbKind, type TestDatabase } from "../tests/support/db";

const N = Number(process.argv[2] ?? 500);
const SAVES = Number(process.argv[3] ?? 6);
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

async function run(t: TestDatabase, label: string) {
  const { chapterId, leadId } = await createChapterWithLead(t.db, { regionCode: "35.09" });
  const eventId = await createOutreachEvent(t.db, { chapterId, leadId, venueRegion: "35.09.01", date: inDays(20) });
  await setParticipantCapacity(t.db, { eventId, chapterId, capacity: N + 10 });
  for (let i = 0; i < N; i++) {
    const r = await registerAhead(t.db, { eventId, form: aheadSchema.parse({ minor: "no", name: `Peserta Bimtek ${i}`, institutionName: `SD Negeri ${i % 40} Jember`, email: `peserta${i}@contoh.test` }) });
    if (!r.ok) throw new Error("registration refused");
  }
  const times: number[] = [];
  for (let s = 0; s < SAVES; s++) {
    const e = await getEvent(t.db, eventId);
    if (!e) throw new Error("no event");
    const form = parseEventForm(formOf({ ...eventFormDefaults(e), venueId: String(e.venueId), date: inDays(21 + s) }));
    if (!form.success) throw new Error("form");
    const t0 = performance.now();
    const saved = await updateEvent(t.db, { eventId, chapterId, userId: leadId, form: form.data, alsoTell: (tx, change) => notifyParticipantsChanged(tx, eventId, change) });
    times.push(performance.now() - t0);
    if (!saved.ok) throw new Error("not saved");
  }
  const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.template, "participant-changed"));
  if (n?.n !== N * SAVES) throw new Error(`${label}: ${n?.n} e-mails queued, expected ${N * SAVES}`);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${label}: ${N} participants, ${SAVES} saves: median ${sorted[Math.floor(SAVES / 2)]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted[SAVES - 1]?.toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(", ")})`);
}

for (const kind of ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])] as const) {
  process.env.TEST_DB = kind;
  const t = await createTestDatabase();
  try {
    await run(t, testDbKind());
  } finally {
    await t.close();
  }
}
