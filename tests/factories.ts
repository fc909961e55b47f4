// One factory module feeds the seed and the tests (house style rule 13).
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import type { InstitutionType } from "../db/schema/events";
import { passwords, users } from "../db/schema/accounts";
import { chapters, memberships, type MembershipRole, type MembershipStatus } from "../db/schema/chapters";
import { skills, userLanguages, userSkills, volunteerProfiles } from "../db/schema/profiles";
import { hashPassword } from "../app/auth/password.server";
import { maskFromKeys } from "../app/models/accounts/availability";

let counter = 0;
const cachedHashes = new Map<string, string>();

async function hashed(password: string): Promise<string> {
  let h = cachedHashes.get(password);
  if (!h) {
    h = await hashPassword(password);
    cachedHashes.set(password, h);
  }
  return h;
}

export type UserInput = { email?: string; name?: string; password?: string; isAdmin?: boolean; locale?: "id" | "en" };

export async function createUser(db: Db, input: UserInput = {}) {
  counter += 1;
  const id = randomUUID();
  const email = (input.email ?? `user${counter}-${id.slice(0, 6)}@example.test`).toLowerCase();
  const name = input.name ?? `Relawan ${counter}`;
  await db.insert(users).values({ id, email, name, isAdmin: input.isAdmin ?? false, locale: input.locale ?? "id" });
  await db.insert(passwords).values({ userId: id, hash: await hashed(input.password ?? "rahasia-panjang-1") });
  return { id, email, name, password: input.password ?? "rahasia-panjang-1" };
}

export async function createChapter(db: Db, input: { name?: string; slug?: string; regionCode?: string } = {}) {
  counter += 1;
  const slug = input.slug ?? `chapter-${counter}-${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(chapters)
    .values({ slug, name: input.name ?? `RTIK Uji ${counter}`, regionCode: input.regionCode ?? "35.09" })
    .returning({ id: chapters.id, slug: chapters.slug, name: chapters.name, regionCode: chapters.regionCode });
  if (!row) throw new Error("chapter not created");
  return row;
}

export async function addMembership(
  db: Db,
  input: { userId: string; chapterId: number; role?: MembershipRole; status?: MembershipStatus },
) {
  const [row] = await db
    .insert(memberships)
    .values({
      userId: input.userId,
      chapterId: input.chapterId,
      role: input.role ?? "volunteer",
      status: input.status ?? "active",
      decidedAt: input.status === "pending" ? null : new Date(),
    })
    .returning({ id: memberships.id });
  if (!row) throw new Error("membership not created");
  return row;
}

/** A chapter with its lead, as the tests of a lead's pages start. */
export async function createChapterWithLead(db: Db, input: { name?: string; regionCode?: string } = {}): Promise<{ chapterId: number; leadId: string }> {
  const chapter = await createChapter(db, input);
  const lead = await createUser(db);
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  return { chapterId: chapter.id, leadId: lead.id };
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

/** An outreach event planned through the real model (venue, sessions, roles); times are local to the venue. */
export async function createOutreachEvent(
  db: Db,
  input: {
    chapterId: number;
    leadId: string;
    venueRegion: string;
    venueName?: string;
    venueType?: InstitutionType;
    programSlug?: string;
    title?: string;
    date: string;
    startTime?: string;
    endTime?: string;
    days?: number;
    sessionLabels?: string;
    cutoffHours?: number;
    draft?: boolean;
    roles?: { name: string; capacity: number; hours?: number }[];
  },
) {
  const { createEvent } = await import("../app/models/events/events.server");
  const { programs } = await import("../db/schema/events");
  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.slug, input.programSlug ?? "internet-sehat"));
  if (!program) throw new Error("programs not seeded");
  counter += 1;
  const result = await createEvent(db, {
    chapterId: input.chapterId,
    userId: input.leadId,
    form: {
      title: input.title ?? `Internet Sehat ${counter}`,
      programId: program.id,
      description: "Sosialisasi internet sehat untuk siswa.",
      venueType: input.venueType ?? "school",
      venueName: input.venueName ?? `SMP Negeri ${counter}`,
      venueRegion: input.venueRegion,
      date: input.date,
      startTime: input.startTime ?? "08:00",
      endTime: input.endTime ?? "11:00",
      days: input.days ?? 1,
      sessionLabels: input.sessionLabels,
      cutoffHours: input.cutoffHours ?? 0,
      draft: input.draft ? "1" : undefined,
      roles: (input.roles ?? [{ name: "Narasumber", capacity: 2 }, { name: "Dokumentasi", capacity: 1 }]).map((r) => ({ name: r.name, capacity: r.capacity, hours: r.hours })),
    },
  });
  if (!result.ok) throw new Error(`event not created: ${JSON.stringify(result.errors)}`);
  return result.eventId;
}

/** A volunteer profile as saved from /profile; skills by slug, availability as slot keys ("sabtu-pagi"). */
export async function createVolunteerProfile(
  db: Db,
  input: { userId: string; regionCode?: string; whatsapp?: string | null; skills?: string[]; languages?: string[]; availability?: string[]; bio?: string | null },
) {
  const regionCode = input.regionCode ?? "35.09.01";
  const [prov, kab, kec] = regionCode.split(".");
  await db.insert(volunteerProfiles).values({
    userId: input.userId,
    whatsapp: input.whatsapp === undefined ? "+6281234567890" : input.whatsapp,
    regionCode,
    kabupatenCode: kab ? `${prov}.${kab}` : null,
    kecamatanCode: kec ? `${prov}.${kab}.${kec}` : null,
    availability: maskFromKeys(input.availability ?? []).mask,
    bio: input.bio ?? null,
  });
  if (input.skills?.length) {
    const rows = await db.select({ id: skills.id }).from(skills).where(inArray(skills.slug, input.skills));
    if (rows.length !== input.skills.length) throw new Error(`unknown skill in ${input.skills.join(", ")}`);
    await db.insert(userSkills).values(rows.map((r) => ({ userId: input.userId, skillId: r.id })));
  }
  if (input.languages?.length)
    await db.insert(userLanguages).values(input.languages.map((languageCode) => ({ userId: input.userId, languageCode })));
}

/** A form as a browser sends it: a list value becomes one field per item (checkboxes). */
export function formOf(values: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

/** Today as YYYY-MM-DD on an Indonesian calendar (WIB by default): from 17:00 UTC it is already tomorrow in WIB. */
export function todayIn(timeZone = "Asia/Jakarta", now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
}
