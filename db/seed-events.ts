// Demo outreach ahead: a 3-day bimtek with a batch of offices per day and a UMKM Go-Online class with people
// already signed up (one role full, so the waitlist shows), for the Jember chapter.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { chapters, memberships } from "./schema/chapters";
import { regions } from "./schema/regions";
import { createOutreachEvent } from "../tests/factories";

function localDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

export async function seedEvents(tx: Db, slug = "rtik-jember"): Promise<void> {
  const [c] = await tx.select({ id: chapters.id, regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.slug, slug));
  if (!c) return;
  const people = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.chapterId, c.id), eq(memberships.status, "active")))
    .orderBy(asc(memberships.id));
  const lead = people.find((p) => p.role === "lead");
  if (!lead) return;
  const [kec] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.parentCode, c.regionCode)).orderBy(asc(regions.code)).limit(1);
  if (!kec) return;
  await createOutreachEvent(tx, {
    chapterId: c.id,
    leadId: lead.userId,
    programSlug: "bimtek-opd",
    venueRegion: kec.code,
    venueName: "Aula Diskominfo Kabupaten Jember",
    venueType: "opd",
    title: "Bimtek Pengelolaan Website dan Keamanan Akun OPD",
    date: localDate(21),
    startTime: "08:00",
    endTime: "15:00",
    days: 3,
    sessionLabels: "Angkatan 1: Diskominfo, Bappeda, Dinas Pendidikan\nAngkatan 2: Dinas Kesehatan, Dinas Sosial, DPMPTSP\nAngkatan 3: Kecamatan se-Kabupaten Jember",
    cutoffHours: 48,
    roles: [
      { name: "Narasumber", capacity: 3, hours: 7 },
      { name: "Fasilitator", capacity: 6, hours: 7 },
      { name: "Registrasi", capacity: 2, hours: 7 },
      { name: "Dokumentasi", capacity: 1, hours: 7 },
    ],
  });
  const umkm = await createOutreachEvent(tx, {
    chapterId: c.id,
    leadId: lead.userId,
    programSlug: "umkm-go-online",
    venueRegion: kec.code,
    venueName: "Balai Desa Ajung",
    title: "UMKM Go-Online: Toko di Marketplace dan QRIS",
    date: localDate(5),
    startTime: "09:00",
    endTime: "12:00",
    roles: [
      { name: "Narasumber", capacity: 1, hours: 3 },
      { name: "Pendamping UMKM", capacity: 4, hours: 3 },
      { name: "Dokumentasi", capacity: 1, hours: 3 },
    ],
  });
  const { getEvent } = await import("../app/models/events/events.server");
  const { signUp } = await import("../app/models/events/signups.server");
  const e = await getEvent(tx, umkm);
  const narasumber = e?.roles[0];
  const pendamping = e?.roles[1];
  const volunteers = people.filter((p) => p.role !== "lead");
  if (!narasumber || !pendamping) return;
  // the first two volunteers want to speak (one waits), the rest accompany the UMKM
  for (const [i, v] of volunteers.entries()) await signUp(tx, { eventId: umkm, roleId: i < 2 ? narasumber.id : pendamping.id, userId: v.userId });
}
