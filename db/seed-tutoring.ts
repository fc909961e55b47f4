// Demo tutoring requests in every state, made through the real model functions (called from db/seed.ts).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema/accounts";
import { chapters, memberships } from "./schema/chapters";
import { regions } from "./schema/regions";
import { tutoringRequests } from "./schema/tutoring";
import type { SessionUser } from "../app/auth/session.server";
import { claimRequest, completeRequest, logSession, offerRequest, respondToOffer } from "../app/models/tutoring/offers.server";
import { cancelByToken, createTutoringRequest, hashToken, leadDecide, parseTutoringForm, rateByToken } from "../app/models/tutoring/requests.server";

/** Fixed tracking tokens of two demo requests, so the learner's page can be shown: /lacak/<token>. */
export const DEMO_TRACKING_TOKENS = {
  completed: "DemoJemberSelesai0000000000000000000000000A",
  inProgress: "DemoJemberBerjalan000000000000000000000000A",
} as const;

type Plan = {
  name: string;
  whatsapp?: string;
  email?: string;
  topics: string[];
  details?: string;
  forWhom: string;
  language: string;
  mode: string;
  availability: string[];
  kec: number;
  then?: "offered" | "matched" | "in_progress" | "completed" | "cancelled" | "unmatched";
  token?: string;
};

const JEMBER: Plan[] = [
  { name: "Sri Wahyuni", whatsapp: "081311110001", email: "sri.wahyuni@contoh.test", topics: ["marketplace", "qris"], details: "Warung keripik, ingin jualan online.", forWhom: "umkm", language: "jv", mode: "home", availability: ["sabtu-pagi", "minggu-pagi"], kec: 1 },
  { name: "Pak Darto", whatsapp: "081311110002", topics: ["smartphone", "video-call"], details: "Ingin video call dengan cucu di Surabaya.", forWhom: "self", language: "mad", mode: "home", availability: ["senin-siang"], kec: 3, then: "offered" },
  { name: "SDN Sumbersari 2", email: "sdn.sumbersari2@contoh.test", topics: ["office-apps", "gov-services"], forWhom: "school", language: "id", mode: "telecenter", availability: ["rabu-siang"], kec: 2, then: "matched" },
  { name: "Ibu Kartini", whatsapp: "081311110004", email: "kartini@contoh.test", topics: ["social-media-business", "photo-video"], forWhom: "umkm", language: "id", mode: "online", availability: ["rabu-malam"], kec: 1, then: "in_progress", token: DEMO_TRACKING_TOKENS.inProgress },
  { name: "Mas Yoga", whatsapp: "081311110005", email: "yoga@contoh.test", topics: ["website"], details: "Website untuk karang taruna.", forWhom: "community", language: "id", mode: "telecenter", availability: ["sabtu-pagi"], kec: 1, then: "completed", token: DEMO_TRACKING_TOKENS.completed },
  { name: "Bu Lastri", whatsapp: "081311110006", topics: ["internet-safety"], forWhom: "self", language: "jv", mode: "home", availability: [], kec: 4, then: "cancelled" },
  { name: "Kantor Desa", whatsapp: "081311110007", topics: ["gov-services"], forWhom: "village_office", language: "id", mode: "village_office", availability: ["kamis-pagi"], kec: 5, then: "unmatched" },
];

const OTHERS: Record<string, Plan[]> = {
  "rtik-pekalongan": [
    { name: "Ibu Ratna (batik)", whatsapp: "081311110101", topics: ["marketplace", "photo-video"], forWhom: "umkm", language: "jv", mode: "home", availability: ["jumat-siang"], kec: 0 },
  ],
  "rtik-dharmasraya": [
    { name: "Pak Yusrizal", whatsapp: "081311110201", topics: ["qris"], forWhom: "umkm", language: "min", mode: "home", availability: ["selasa-pagi"], kec: 0 },
  ],
};

async function place(db: Db, kabupaten: string, index: number): Promise<string> {
  const kecs = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, kabupaten)).orderBy(asc(regions.code));
  const kec = kecs[index % kecs.length];
  if (!kec) throw new Error(`no kecamatan in ${kabupaten}`);
  const [desa] = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, kec.code)).orderBy(asc(regions.code)).limit(1);
  return desa?.code ?? kec.code;
}

async function people(db: Db, chapterId: number, role: "lead" | "volunteer"): Promise<SessionUser[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.chapterId, chapterId), eq(memberships.role, role), eq(memberships.status, "active")))
    .orderBy(asc(memberships.id));
  return rows.map((r) => ({ ...r, locale: r.locale === "en" ? "en" : "id", isAdmin: false }));
}

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`seed-tutoring: ${what} missing`);
  return v;
}

async function seedChapter(db: Db, slug: string, plans: Plan[], n: { ip: number }): Promise<void> {
  const [chapter] = await db.select({ id: chapters.id, regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.slug, slug));
  if (!chapter) return;
  const lead = must((await people(db, chapter.id, "lead"))[0], "lead");
  const volunteers = await people(db, chapter.id, "volunteer");
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, p] of plans.entries()) {
    const form = new FormData();
    const values: Record<string, string | string[]> = { name: p.name, whatsapp: p.whatsapp ?? "", email: p.email ?? "", topics: p.topics, details: p.details ?? "", forWhom: p.forWhom, language: p.language, mode: p.mode, availability: p.availability, consent: "yes", minor: "no" };
    for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) if (one) form.append(k, one);
    const parsed = parseTutoringForm(form, await place(db, chapter.regionCode, p.kec));
    if (!parsed.ok) throw new Error(`seed-tutoring: ${p.name}: ${JSON.stringify(parsed.errors)}`);
    const created = await createTutoringRequest(db, parsed.data, { ip: `seed-${++n.ip}`, locale: "id" });
    if (!created.ok) throw new Error(`seed-tutoring: ${p.name}: ${JSON.stringify(created)}`);
    let token = created.token;
    if (p.token) {
      await db.update(tutoringRequests).set({ tokenHash: hashToken(p.token) }).where(eq(tutoringRequests.id, created.requestId));
      token = p.token;
    }
    const tutor = must(volunteers[i % Math.max(volunteers.length, 1)], "volunteer");
    const id = created.requestId;
    const session = (minutes: number, topic: string) => logSession(db, tutor, id, { heldOn: today, minutes, topic, notes: "" });
    if (p.then === "offered") await offerRequest(db, lead, chapter.id, id, tutor.id);
    if (p.then === "matched") await claimRequest(db, tutor, id);
    if (p.then === "in_progress" || p.then === "completed") {
      await offerRequest(db, lead, chapter.id, id, tutor.id);
      await respondToOffer(db, tutor, id, "accept");
      await session(90, "Mengenal fitur dan membuat akun");
    }
    if (p.then === "completed") {
      await session(60, "Latihan mandiri dan tanya jawab");
      await completeRequest(db, tutor, id, "Sudah bisa mengelola sendiri.");
      await rateByToken(db, token, "5", "Relawannya sabar dan jelas, terima kasih!");
    }
    if (p.then === "cancelled") await cancelByToken(db, token, "Sudah dibantu anak saya.");
    if (p.then === "unmatched") await leadDecide(db, lead, chapter.id, id, "unmatched", "Belum ada relawan di kecamatan ini.");
  }
}

/** Idempotent by the caller (db/seed.ts runs it once, with the demo chapters). */
export async function seedTutoring(db: Db): Promise<void> {
  const n = { ip: 0 };
  await seedChapter(db, "rtik-jember", JEMBER, n);
  for (const [slug, plans] of Object.entries(OTHERS)) await seedChapter(db, slug, plans, n);
}
