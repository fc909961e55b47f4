// Demo achievements: past outreach with approved reports (and one awaiting approval), attendance, and this
// year's targets for the demo chapters, so the dashboards, the Laporan Capaian and certificates have content.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { chapters, memberships } from "./schema/chapters";
import { indicators, targets } from "./schema/reports";
import { regions } from "./schema/regions";
import { insertAttendance, insertEvent, insertInstitution } from "../tests/support/reports-fixture";
import { issueForAllAttendees } from "../app/models/reports/certificates.server";

const pad = (n: number) => String(n).padStart(2, "0");
function localDay(daysAgo: number, timeZone: string): string {
  const offset = timeZone === "Asia/Jayapura" ? 9 : timeZone === "Asia/Makassar" ? 8 : 7;
  const d = new Date(Date.now() + offset * 3_600_000 - daysAgo * 86400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const PLAN: { daysAgo: number; program: string; title: string; participants: number; reached: [string, "school" | "pesantren" | "umkm" | "village" | "community" | "other"][]; online?: number[]; approved?: boolean }[] = [
  { daysAgo: 300, program: "internet-sehat", title: "Internet Sehat untuk Siswa", participants: 180, reached: [["SMP Negeri 2", "school"], ["SMA Negeri 1", "school"]] },
  { daysAgo: 240, program: "pesantren", title: "Pesantren Go-Digital", participants: 90, reached: [["Pondok Pesantren Nurul Huda", "pesantren"]] },
  { daysAgo: 170, program: "umkm-go-online", title: "Kelas UMKM Go-Online", participants: 40, reached: [["Keripik Bu Sri", "umkm"], ["Batik Sekar Arum", "umkm"], ["Kopi Lereng", "umkm"]], online: [0, 1, 2] },
  { daysAgo: 120, program: "internet-sehat", title: "Internet Sehat dan Anti-Hoaks", participants: 210, reached: [["SMP Negeri 2", "school"], ["MTs Negeri 1", "school"]] },
  { daysAgo: 60, program: "desa-go-online", title: "Desa Go-Online", participants: 35, reached: [["Desa Sukamaju", "village"], ["Komunitas Pemuda Kreatif", "community"]], online: [0, 1] },
  { daysAgo: 20, program: "internet-sehat", title: "Internet Sehat SMK", participants: 150, reached: [["SMK Negeri 3", "school"]], approved: false },
  { daysAgo: 400, program: "internet-sehat", title: "Internet Sehat (tahun lalu)", participants: 120, reached: [["SD Negeri 5", "school"]] },
];

// a mix the demo can show: some met, some on track, some at risk (depending on the time of year)
const TARGETS: Record<string, number> = {
  schools_internet_sehat: 3,
  pesantren_reached: 2,
  umkm_online: 10,
  villages_online: 1,
  schools_online: 5,
  communities_online: 1,
  participants: 600,
  events_held: 8,
  volunteer_hours: 80,
  active_volunteers: 6,
};

export async function seedReports(tx: Db, slugs = ["rtik-jember", "rtik-pekalongan", "rtik-dharmasraya"]): Promise<void> {
  const list = await tx
    .select({ id: chapters.id, regionCode: chapters.regionCode, timeZone: regions.timeZone })
    .from(chapters)
    .innerJoin(regions, eq(regions.code, chapters.regionCode))
    .where(inArray(chapters.slug, slugs));
  const inds = await tx.select({ id: indicators.id, key: indicators.key }).from(indicators);
  const year = Number(localDay(0, "Asia/Jakarta").slice(0, 4));
  for (const c of list) {
    const vols = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.chapterId, c.id), eq(memberships.role, "volunteer"), eq(memberships.status, "active")))
      .orderBy(asc(memberships.id));
    const names = new Map<string, number>();
    let certificateEvent: number | null = null;
    for (const [i, e] of PLAN.entries()) {
      const reached: number[] = [];
      for (const [name, type] of e.reached) {
        let id = names.get(name);
        if (id === undefined) names.set(name, (id = await insertInstitution(tx, name, type, c.regionCode)));
        reached.push(id);
      }
      const ev = await insertEvent(tx, {
        chapterId: c.id,
        regionCode: c.regionCode,
        timeZone: c.timeZone,
        program: e.program,
        title: e.title,
        date: localDay(e.daysAgo, c.timeZone),
        time: "08:30",
        participants: e.participants,
        status: e.approved === false ? "submitted" : "approved",
        reached,
        online: (e.online ?? []).map((k) => reached[k]!),
        venueId: reached[0],
      });
      for (const [j, v] of vols.entries()) if ((i + j) % 3 !== 0) await insertAttendance(tx, ev, v.userId, 3);
      if (e.title === "Desa Go-Online") certificateEvent = ev.id;
    }
    // certificates for one event, so the volunteer's list, the lead's list and /sertifikat/<code> have something to show
    const [lead] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.chapterId, c.id), eq(memberships.role, "lead"), eq(memberships.status, "active")))
      .limit(1);
    if (certificateEvent && lead) await issueForAllAttendees(tx, { eventId: certificateEvent, chapterId: c.id, issuedBy: lead.userId });
    for (const ind of inds) {
      const value = TARGETS[ind.key];
      if (value === undefined) continue;
      await tx
        .insert(targets)
        .values({ scope: "chapter", scopeKey: `chapter:${c.id}`, chapterId: c.id, indicatorId: ind.id, year, semester: 0, value })
        .onConflictDoNothing();
    }
  }
}
