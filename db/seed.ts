// `npm run db:seed`: demo chapters, leads, volunteers and events. Safe to run again (skips when present).
import { fileURLToPath } from "node:url";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { seedEvents } from "./seed-events";
import { seedReports } from "./seed-reports";
import { seedTelecenters } from "./seed-telecenters";
import { seedTutoring } from "./seed-tutoring";
import { chapters } from "./schema/chapters";
import { regions } from "./schema/regions";
import { analyzeDatabase } from "./statistics";
import { addMembership, createChapter, createOutreachEvent, createUser, createVolunteerProfile } from "../tests/factories";

export const DEMO_PASSWORD = "relawan-demo-2026";

type Person = {
  name: string;
  email: string;
  /** index of the kecamatan (by code order) within the chapter's kabupaten */
  kec: number;
  skills: string[];
  languages: string[];
  availability: string[];
  bio: string;
  whatsapp: string;
  locale?: "id" | "en";
};

type ChapterPlan = {
  slug: string;
  name: string;
  regionCode: string;
  lead: Person;
  volunteers: Person[];
  pending: Person[];
  event: { title: string; venueName: string; inDays: number; kec: number };
};

const p = (
  name: string,
  email: string,
  kec: number,
  skills: string[],
  languages: string[],
  availability: string[],
  bio: string,
  whatsapp: string,
  locale?: "id" | "en",
): Person => ({ name, email, kec, skills, languages, availability, bio, whatsapp, locale });

const PLANS: ChapterPlan[] = [
  {
    slug: "rtik-jember",
    name: "RTIK Kabupaten Jember",
    regionCode: "35.09",
    lead: p("Ahmad Fauzi", "lead.jember@simpul.test", 0, ["literasi-digital", "public-speaking", "jaringan-komputer"], ["id", "jv", "mad"], ["sabtu-pagi", "sabtu-siang", "minggu-pagi"], "Guru TIK SMK di Jember, mengoordinasi relawan sejak 2019.", "+6281234560101"),
    volunteers: [
      p("Siti Nurhaliza", "siti.jember@simpul.test", 1, ["desain-grafis", "media-sosial-umkm"], ["id", "jv"], ["rabu-malam", "sabtu-pagi"], "Desainer lepas, senang membantu UMKM tampil di media sosial.", "+6281234560102"),
      p("Moh. Rizal Hidayat", "rizal.jember@simpul.test", 2, ["jaringan-komputer", "keamanan-internet"], ["id", "mad"], ["jumat-malam", "minggu-pagi"], "Teknisi jaringan di kantor desa.", "+6281234560103"),
      p("Dewi Anggraini", "dewi.jember@simpul.test", 3, ["literasi-digital", "aplikasi-perkantoran"], ["id", "jv"], ["sabtu-pagi", "sabtu-siang"], "Mahasiswi Universitas Jember, aktif di karang taruna.", "+6281234560104"),
      p("Hasan Basri", "hasan.jember@simpul.test", 4, ["fotografi-dokumentasi", "video-editing"], ["id", "mad"], ["minggu-pagi", "minggu-siang"], "Fotografer acara, mendokumentasikan kegiatan relawan.", "+6281234560105"),
      p("Lailatul Fitriyah", "laila.jember@simpul.test", 5, ["marketplace", "qris-pembayaran-digital"], ["id", "jv", "mad"], ["kamis-malam", "sabtu-siang"], "Pendamping UMKM tembakau dan kopi.", "+6281234560106"),
      p("Bayu Setiawan", "bayu.jember@simpul.test", 6, ["pembuatan-website", "pemrograman"], ["id", "jv", "en"], ["selasa-malam", "sabtu-pagi"], "Programmer web, membuat situs desa wisata.", "+6281234560107", "en"),
      p("Nur Aini", "nuraini.jember@simpul.test", 7, ["layanan-pemerintahan-online", "literasi-digital"], ["id", "jv"], ["senin-pagi", "rabu-pagi"], "Perangkat desa, membantu warga mengurus layanan daring.", "+6281234560108"),
    ],
    pending: [p("Yusuf Maulana", "yusuf.jember@simpul.test", 2, ["public-speaking", "literasi-digital"], ["id", "mad"], ["sabtu-siang"], "Santri dan guru ngaji, ingin mengajar internet sehat.", "+6281234560109")],
    event: { title: "Internet Sehat untuk Siswa SMP", venueName: "SMP Negeri 1 Jombang", inDays: 10, kec: 0 },
  },
  {
    slug: "rtik-pekalongan",
    name: "RTIK Kota Pekalongan",
    regionCode: "33.75",
    lead: p("Rina Kartikasari", "lead.pekalongan@simpul.test", 0, ["media-sosial-umkm", "marketplace", "public-speaking"], ["id", "jv"], ["sabtu-pagi", "minggu-pagi"], "Pegiat UMKM batik, koordinator RTIK Kota Pekalongan.", "+6285712340201"),
    volunteers: [
      p("Agus Salim", "agus.pekalongan@simpul.test", 1, ["fotografi-dokumentasi", "desain-grafis"], ["id", "jv"], ["sabtu-siang", "minggu-siang"], "Fotografer produk batik.", "+6285712340202"),
      p("Fitri Handayani", "fitri.pekalongan@simpul.test", 2, ["literasi-digital", "keamanan-internet"], ["id", "jv"], ["rabu-malam", "sabtu-pagi"], "Guru SD, mengajar keamanan internet untuk anak.", "+6285712340203"),
      p("Muhammad Iqbal", "iqbal.pekalongan@simpul.test", 3, ["pembuatan-website", "marketplace"], ["id", "jv"], ["jumat-malam", "sabtu-malam"], "Membantu pembatik berjualan di marketplace.", "+6285712340204"),
      p("Sri Wahyuni", "sri.pekalongan@simpul.test", 0, ["aplikasi-perkantoran", "layanan-pemerintahan-online"], ["id", "jv"], ["senin-siang", "kamis-siang"], "Staf kelurahan, melatih aplikasi perkantoran.", "+6285712340205"),
      p("Taufik Hidayat", "taufik.pekalongan@simpul.test", 1, ["jaringan-komputer", "qris-pembayaran-digital"], ["id", "jv", "su"], ["minggu-pagi"], "Teknisi warnet dan pendamping QRIS untuk pedagang pasar.", "+6285712340206"),
      p("Annisa Rahmawati", "annisa.pekalongan@simpul.test", 2, ["video-editing", "media-sosial-umkm"], ["id", "jv", "en"], ["sabtu-siang", "minggu-siang"], "Kreator konten, membuat video promosi kampung batik.", "+6285712340207", "en"),
    ],
    pending: [],
    event: { title: "Kelas Jualan Online untuk Pembatik", venueName: "Balai Kelurahan Kauman", inDays: 17, kec: 1 },
  },
  {
    slug: "rtik-dharmasraya",
    name: "RTIK Kabupaten Dharmasraya",
    regionCode: "13.10",
    lead: p("Rahmat Hidayat Putra", "lead.dharmasraya@simpul.test", 1, ["literasi-digital", "jaringan-komputer", "public-speaking"], ["id", "min"], ["sabtu-pagi", "sabtu-siang"], "ASN Diskominfo Dharmasraya, koordinator relawan TIK.", "+6281374560301"),
    volunteers: [
      p("Nofrianti", "nofrianti.dharmasraya@simpul.test", 0, ["literasi-digital", "aplikasi-perkantoran"], ["id", "min"], ["rabu-siang", "sabtu-pagi"], "Guru SMA di Koto Baru.", "+6281374560302"),
      p("Fadhli Rahman", "fadhli.dharmasraya@simpul.test", 2, ["jaringan-komputer", "keamanan-internet"], ["id", "min"], ["jumat-malam", "minggu-pagi"], "Teknisi jaringan di nagari.", "+6281374560303"),
      p("Yulia Sari", "yulia.dharmasraya@simpul.test", 3, ["desain-grafis", "media-sosial-umkm"], ["id", "min"], ["sabtu-siang"], "Mendampingi kelompok tani memasarkan produk sawit dan karet.", "+6281374560304"),
      p("Andika Pratama", "andika.dharmasraya@simpul.test", 4, ["fotografi-dokumentasi", "video-editing"], ["id", "min", "jv"], ["minggu-siang", "minggu-malam"], "Videografer, dokumentasi kegiatan nagari.", "+6281374560305"),
      p("Rika Oktaviani", "rika.dharmasraya@simpul.test", 5, ["layanan-pemerintahan-online", "literasi-digital"], ["id", "min"], ["senin-pagi", "kamis-pagi"], "Operator layanan kependudukan di kecamatan.", "+6281374560306"),
      p("Zulkifli", "zulkifli.dharmasraya@simpul.test", 6, ["pemrograman", "pembuatan-website"], ["id", "min", "en"], ["selasa-malam", "kamis-malam"], "Mahasiswa informatika, membuat situs nagari.", "+6281374560307"),
    ],
    pending: [p("Desi Ratnasari", "desi.dharmasraya@simpul.test", 7, ["marketplace", "qris-pembayaran-digital"], ["id", "min"], ["sabtu-pagi"], "Pedagang pasar, ingin mengajari teman berjualan daring.", "+6281374560308")],
    event: { title: "Aman Bertransaksi Digital", venueName: "Aula Nagari Sungai Rumbai", inDays: 24, kec: 2 },
  },
];

export type DemoLogin = { email: string; role: string; chapter: string };

function localDate(daysAhead: number): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A desa of the kecamatan at `index` (code order) in the kabupaten; real codes from the region table. */
async function homeRegion(db: Db, kabupaten: string, index: number): Promise<string> {
  const kecs = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, kabupaten)).orderBy(asc(regions.code));
  const kec = kecs[index % kecs.length];
  if (!kec) throw new Error(`no kecamatan in ${kabupaten}`);
  const desas = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, kec.code)).orderBy(asc(regions.code));
  return desas[index % Math.max(desas.length, 1)]?.code ?? kec.code;
}

async function person(db: Db, who: Person, kabupaten: string) {
  const user = await createUser(db, { email: who.email, name: who.name, password: DEMO_PASSWORD, locale: who.locale ?? "id" });
  await createVolunteerProfile(db, {
    userId: user.id,
    regionCode: await homeRegion(db, kabupaten, who.kec),
    whatsapp: who.whatsapp,
    skills: who.skills,
    languages: who.languages,
    availability: who.availability,
    bio: who.bio,
  });
  return user;
}

/** Creates the demo data unless the demo chapters exist; everything in one transaction. */
export async function seedDemo(db: Db): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const existing = await db.select({ id: chapters.id }).from(chapters).where(inArray(chapters.slug, PLANS.map((c) => c.slug)));
  const logins: DemoLogin[] = [{ email: "admin@simpul.test", role: "admin nasional", chapter: "—" }];
  for (const plan of PLANS) {
    const alsoVolunteers = plan.slug === "rtik-jember" ? " + relawan di RTIK Kota Pekalongan" : "";
    logins.push({ email: plan.lead.email, role: `koordinator (lead)${alsoVolunteers}`, chapter: plan.name });
    for (const v of plan.volunteers) logins.push({ email: v.email, role: "relawan aktif", chapter: plan.name });
    for (const v of plan.pending) logins.push({ email: v.email, role: "pendaftar (pending)", chapter: plan.name });
  }
  logins.push({ email: "baru@simpul.test", role: "akun baru tanpa chapter", chapter: "—" });
  if (existing.length > 0) return { created: false, logins };

  await db.transaction(async (tx) => {
    await createUser(tx, { email: "admin@simpul.test", name: "Admin Nasional RTIK", password: DEMO_PASSWORD, isAdmin: true });
    await createUser(tx, { email: "baru@simpul.test", name: "Putri Ayu Lestari", password: DEMO_PASSWORD });
    const created: { id: number; plan: ChapterPlan; leadId: string }[] = [];
    for (const plan of PLANS) {
      const chapter = await createChapter(tx, { name: plan.name, slug: plan.slug, regionCode: plan.regionCode });
      const lead = await person(tx, plan.lead, plan.regionCode);
      await addMembership(tx, { userId: lead.id, chapterId: chapter.id, role: "lead", status: "active" });
      for (const v of plan.volunteers) {
        const u = await person(tx, v, plan.regionCode);
        await addMembership(tx, { userId: u.id, chapterId: chapter.id, role: "volunteer", status: "active" });
      }
      for (const v of plan.pending) {
        const u = await person(tx, v, plan.regionCode);
        await addMembership(tx, { userId: u.id, chapterId: chapter.id, role: "volunteer", status: "pending" });
      }
      created.push({ id: chapter.id, plan, leadId: lead.id });
    }
    // a person may lead one chapter and volunteer in another: the Jember lead also volunteers in Pekalongan
    const [jember, pekalongan] = created;
    if (jember && pekalongan) await addMembership(tx, { userId: jember.leadId, chapterId: pekalongan.id, role: "volunteer", status: "active" });
    for (const c of created) {
      await createOutreachEvent(tx, {
        chapterId: c.id,
        leadId: c.leadId,
        venueRegion: await homeRegion(tx, c.plan.regionCode, c.plan.event.kec),
        venueName: c.plan.event.venueName,
        title: c.plan.event.title,
        date: localDate(c.plan.event.inDays),
        startTime: "08:30",
        endTime: "12:00",
        roles: [
          { name: "Narasumber", capacity: 2, hours: 3 },
          { name: "Pendamping peserta", capacity: 4, hours: 3 },
          { name: "Dokumentasi", capacity: 1, hours: 3 },
        ],
      });
    }
    await seedEvents(tx);
    await seedTelecenters(tx);
    await seedTutoring(tx);
    await seedReports(tx);
  });
  return { created: true, logins };
}

export function printLogins(logins: DemoLogin[]): void {
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD})`);
  for (const l of logins) console.log(`  ${l.email.padEnd(36)} ${l.role.padEnd(52)} ${l.chapter}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = { databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || "./data/pglite" };
  const started = Date.now();
  await migrateDatabase(config);
  const handle = await openDatabase({ ...config, poolSize: 2 });
  try {
    const r = await seedDemo(handle.db);
    // thousands of rows just arrived in tables the planner knew empty
    if (r.created) await analyzeDatabase(handle.db);
    console.log(r.created ? `Demo data created in ${Date.now() - started} ms.` : "Demo chapters already exist; nothing changed.");
    printLogins(r.logins);
  } finally {
    await handle.close();
  }
}
