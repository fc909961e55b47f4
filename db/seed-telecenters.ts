// Demo telecenters, the demo assessment instrument and a campaign (called from db/seed.ts; the tests reuse the instrument).
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema/accounts";
import { chapters } from "./schema/chapters";
import { regions } from "./schema/regions";
import { surveyAssignments, type QuestionConfig, type QuestionKind } from "./schema/telecenters";
import sharp from "sharp";
import { answerField } from "../app/models/telecenters/telecenter-form";
import { assignSurveyors, createCampaign, setCampaignStatus } from "../app/models/telecenters/campaigns.server";
import { addQuestion, addSection, createInstrument, getVersion } from "../app/models/telecenters/instruments.server";
import { saveSection, storeSurveyPhotos, submitResponse } from "../app/models/telecenters/responses.server";
import { saveOperationsReport } from "../app/models/telecenters/operations.server";
import { addStaff, createTelecenter, setFacilities, setHours } from "../app/models/telecenters/registry.server";

type Q = { kind: QuestionKind; prompt: string; required?: boolean; maxPoints?: number; config?: QuestionConfig; help?: string };
const yes = (prompt: string, points: number, required = false): Q => ({ kind: "yesno", prompt, maxPoints: points, required });
const choice = (prompt: string, options: [string, number][], required = false): Q => ({
  kind: "choice",
  prompt,
  required,
  maxPoints: Math.max(...options.map((o) => o[1])),
  config: { options: options.map(([label, points], i) => ({ value: `o${i + 1}`, label, points })) },
});

/** After the dinas's yearly telecenter instrument: facilities, social and commercial services, management, daily reports, photos. */
export const DEMO_INSTRUMENT: { title: string; weight: number; questions: Q[] }[] = [
  {
    title: "Fasilitas",
    weight: 3,
    questions: [
      { kind: "number", prompt: "Jumlah komputer/laptop yang berfungsi", required: true, maxPoints: 4, config: { bands: [{ min: 1, points: 1 }, { min: 3, points: 2 }, { min: 5, points: 3 }, { min: 10, points: 4 }] } },
      yes("Printer berfungsi", 2, true),
      yes("Kamera tersedia dan berfungsi", 1),
      yes("Proyektor tersedia dan berfungsi", 1),
      choice("Koneksi internet", [["Tidak ada", 0], ["Ada, lambat atau sering putus", 1], ["Stabil", 3]], true),
      { kind: "photo", prompt: "Foto ruang dan perangkat telecenter", required: true, maxPoints: 2, help: "Tampak depan dan ruang komputer." },
    ],
  },
  {
    title: "Layanan sosial",
    weight: 2,
    questions: [
      yes("Pendampingan kewirausahaan, kesehatan atau pendidikan dalam 3 bulan terakhir", 2),
      yes("Pendampingan TIK untuk masyarakat", 2),
      yes("Diskusi kelompok atau persiapan produk UMKM untuk pameran", 1),
      { kind: "number", prompt: "Kegiatan sosial per bulan (rata-rata)", maxPoints: 3, config: { bands: [{ min: 1, points: 1 }, { min: 2, points: 2 }, { min: 4, points: 3 }] } },
    ],
  },
  {
    title: "Layanan komersial",
    weight: 2,
    questions: [
      yes("Pengetikan, pencetakan atau pemindaian", 1),
      yes("Akses internet berbayar", 1),
      yes("Pelatihan komputer atau pembuatan website/blog UMKM", 2),
      yes("Instalasi jaringan atau pembayaran tagihan", 1),
      choice("Pendapatan rata-rata per bulan", [["Kurang dari Rp500.000", 0], ["Rp500.000 – Rp2.000.000", 1], ["Lebih dari Rp2.000.000", 2]]),
    ],
  },
  {
    title: "Pengelolaan",
    weight: 2,
    questions: [
      choice("Struktur pengelola (pengelola, sekretaris, pengembangan & layanan, TI, keamanan)", [["Tidak ada", 0], ["Sebagian terisi", 1], ["Lengkap", 3]], true),
      { kind: "scale", prompt: "Keaktifan pengelola (1 = tidak aktif, 5 = sangat aktif)", required: true, maxPoints: 4, config: { min: 1, max: 5 } },
      { kind: "text", prompt: "Catatan pendamping tentang pengelolaan" },
    ],
  },
  {
    title: "Laporan harian",
    weight: 1,
    questions: [
      choice("Laporan harian (pemakaian, pendapatan, keluhan, kerusakan)", [["Tidak dibuat", 0], ["Kadang-kadang", 1], ["Rutin setiap hari", 3]], true),
      { kind: "photo", prompt: "Foto buku atau lembar laporan", maxPoints: 1 },
    ],
  },
];

export async function createDemoInstrument(db: Db, input: { chapterId: number | null; userId: string; name?: string }) {
  const { instrumentId, versionId } = await createInstrument(db, {
    chapterId: input.chapterId,
    name: input.name ?? "Instrumen Penilaian Telecenter",
    description: "Penilaian tahunan telecenter (Pangkalan Akses Komunitas): fasilitas, layanan, pengelolaan, laporan.",
    userId: input.userId,
  });
  for (const s of DEMO_INSTRUMENT) {
    const r = await addSection(db, { versionId, title: s.title, weight: s.weight });
    if (!r.ok) throw new Error(r.error);
  }
  const v = await getVersion(db, versionId);
  if (!v) throw new Error("version missing");
  for (const [i, s] of DEMO_INSTRUMENT.entries()) {
    const sectionId = v.sections[i]?.id;
    if (!sectionId) throw new Error("section missing");
    for (const q of s.questions) {
      const r = await addQuestion(db, { versionId, sectionId, kind: q.kind, prompt: q.prompt, help: q.help, required: q.required ?? false, maxPoints: q.maxPoints ?? 0, config: q.config ?? {} });
      if (!r.ok) throw new Error(r.error);
    }
  }
  return { instrumentId, versionId };
}

/** Answers every question at a "level" from 0 (poor) to 1 (excellent), with a generated photo, and submits. */
export async function fillDemoResponse(db: Db, input: { assignmentId: number; userId: string; versionId: number; level: number }) {
  const v = await getVersion(db, input.versionId);
  if (!v) throw new Error("version missing");
  const l = input.level;
  for (const s of v.sections) {
    const values: Record<string, string> = {};
    const files: { questionId: number; file: File }[] = [];
    for (const [qi, q] of s.questions.entries()) {
      const name = answerField(q.id);
      if (q.kind === "yesno") values[name] = (qi * 0.17 + l) % 1 < l ? "yes" : "no";
      if (q.kind === "number") values[name] = String(Math.round(10 * l));
      if (q.kind === "choice") values[name] = q.config.options?.[Math.min(Math.floor(l * (q.config.options.length ?? 1)), (q.config.options.length ?? 1) - 1)]?.value ?? "";
      if (q.kind === "scale") values[name] = String(Math.round((q.config.min ?? 1) + l * ((q.config.max ?? 5) - (q.config.min ?? 1))));
      if (q.kind === "text") values[name] = "Catatan kunjungan pendamping.";
      if (q.kind === "photo" && (q.required || l > 0.5)) {
        const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: l > 0.5 ? "#3a7" : "#a73" } }).jpeg().toBuffer();
        files.push({ questionId: q.id, file: new File([jpeg], "foto.jpg", { type: "image/jpeg" }) });
      }
    }
    const stored = await storeSurveyPhotos(files);
    if (!stored.ok) throw new Error(stored.error);
    const r = await saveSection(db, { assignmentId: input.assignmentId, userId: input.userId, sectionId: s.id, values, photos: stored.stored });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
  const done = await submitResponse(db, { assignmentId: input.assignmentId, userId: input.userId });
  if (!done.ok) throw new Error(done.error);
  return done;
}

const PLAN: { chapter: string; names: string[] }[] = [
  { chapter: "rtik-jember", names: ["Telecenter Mandiri", "PAK Cahaya Desa", "Telecenter Karya Bersama"] },
  { chapter: "rtik-pekalongan", names: ["Telecenter Batik Digital", "PAK Kampung Kreatif"] },
  { chapter: "rtik-dharmasraya", names: ["Telecenter Nagari Maju", "PAK Sungai Dareh"] },
];

const userId = async (db: Db, email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;

export async function seedTelecenters(db: Db) {
  const admin = await userId(db, "admin@simpul.test");
  if (!admin) throw new Error("seed the demo users first");
  const national = await createDemoInstrument(db, { chapterId: null, userId: admin });
  let jemberTelecenters: number[] = [];
  for (const p of PLAN) {
    const [c] = await db.select({ id: chapters.id, regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.slug, p.chapter));
    if (!c) continue;
    const kecs = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, c.regionCode)).orderBy(asc(regions.code));
    const ids: number[] = [];
    for (const [i, name] of p.names.entries()) {
      const kec = kecs[(i * 3) % kecs.length];
      if (!kec) continue;
      const [desa] = await db.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, kec.code)).orderBy(asc(regions.code)).limit(1);
      const r = await createTelecenter(db, {
        chapterId: c.id,
        userId: admin,
        form: {
          name,
          regionCode: desa?.code ?? kec.code,
          address: `Jl. Balai Desa No. ${i + 1}`,
          managingBody: i % 2 ? "Karang Taruna" : "Pemerintah Desa",
          services: i % 2 ? ["typing", "printing", "internet", "social-ict-mentoring"] : ["printing", "scanning", "internet", "computer-training", "umkm-website", "social-entrepreneurship", "social-education"],
          contactPhone: "0331-123456",
        },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      await setFacilities(db, {
        id: r.id,
        rows: [
          { kind: "computer", quantity: 5 - i, condition: "good", note: "" },
          { kind: "printer", quantity: 1, condition: i % 2 ? "broken" : "good", note: i % 2 ? "Tinta macet" : "" },
          { kind: "network", quantity: 1, condition: "fair", note: "Internet desa 20 Mbps" },
        ],
      });
      await setHours(db, { id: r.id, rows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: "08:00", closesAt: "16:00" })).concat([{ weekday: 6, opensAt: "08:00", closesAt: "12:00" }]) });
      ids.push(r.id);
    }
    if (p.chapter === "rtik-jember") jemberTelecenters = ids;
  }
  // a volunteer runs the first Jember telecenter and files reports; the Jember lead runs this year's campaign
  const manager = await userId(db, "dewi.jember@simpul.test");
  const first = jemberTelecenters[0];
  if (manager && first) {
    await addStaff(db, { telecenterId: first, role: "manager", email: "dewi.jember@simpul.test" });
    await addStaff(db, { telecenterId: first, role: "it", email: "hasan.jember@simpul.test" });
    const now = new Date();
    for (let m = 1; m <= 3; m++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1)).toISOString().slice(0, 10);
      await saveOperationsReport(db, {
        telecenterId: first,
        userId: manager,
        form: { period: "month", date: d.slice(0, 7), periodStart: d, income: 1_250_000 + m * 100_000, complaints: m - 1, visitors: 150 - m * 10, complaintNotes: m > 1 ? "Internet lambat" : "", damageNotes: m === 2 ? "Printer rusak" : "" },
        usage: [
          { service: "printing", users: 80 + m * 5 },
          { service: "internet", users: 120 - m * 10 },
          { service: "computer-training", users: 12 },
        ],
      });
    }
  }
  const [jember] = await db.select({ id: chapters.id }).from(chapters).where(eq(chapters.slug, "rtik-jember"));
  const siti = await userId(db, "siti.jember@simpul.test");
  const rizal = await userId(db, "rizal.jember@simpul.test");
  const lead = await userId(db, "lead.jember@simpul.test");
  if (jember && lead && jemberTelecenters.length) {
    // last year's campaign, submitted and closed, so this year's results have something to compare with
    const year = new Date().getUTCFullYear();
    const prev = await createCampaign(db, { name: `Survei Telecenter Jember ${year - 1}`, chapterId: jember.id, versionId: national.versionId, telecenterIds: jemberTelecenters, userId: lead });
    if (!prev.ok) throw new Error(prev.error);
    const prevRows = await db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, prev.campaignId)).orderBy(asc(surveyAssignments.id));
    const surveyor = siti ?? lead;
    await assignSurveyors(db, { campaignId: prev.campaignId, chapterId: jember.id, choices: prevRows.map((r) => ({ assignmentId: r.id, surveyorId: surveyor })) });
    for (const [i, r] of prevRows.entries()) await fillDemoResponse(db, { assignmentId: r.id, userId: surveyor, versionId: national.versionId, level: [0.9, 0.7, 0.2][i % 3] ?? 0.5 });
    await setCampaignStatus(db, { campaignId: prev.campaignId, chapterId: jember.id, status: "closed" });
    const c = await createCampaign(db, {
      name: `Survei Telecenter Jember ${year}`,
      chapterId: jember.id,
      versionId: national.versionId,
      telecenterIds: jemberTelecenters,
      userId: lead,
    });
    if (!c.ok) throw new Error(c.error);
    const rows = await db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId)).orderBy(asc(surveyAssignments.id));
    await assignSurveyors(db, {
      campaignId: c.campaignId,
      chapterId: jember.id,
      choices: rows.slice(0, 2).map((r, i) => ({ assignmentId: r.id, surveyorId: (i === 0 ? siti : rizal) ?? null })),
    });
    // one result is already in (compare it with last year); Siti's telecenter is left for trying the field form
    const second = rows[1];
    if (second && rizal) await fillDemoResponse(db, { assignmentId: second.id, userId: rizal, versionId: national.versionId, level: 0.85 });
  }
}
