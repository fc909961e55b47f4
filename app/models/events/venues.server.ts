import { eq } from "drizzle-orm";
import { z } from "zod";
import { institutions, INSTITUTION_TYPES } from "../../../db/schema/events";
import type { Db } from "~/db.server";
import { resolveInstitution } from "~/models/events/institutions.server";

export const venueSchema = z.object({
  name: z.string().trim().min(1).max(160),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/),
  address: z.string().trim().max(300).optional(),
  npsn: z.string().trim().regex(/^\d{8}$/, "events.venues.npsnInvalid").optional(),
});
export type VenueForm = z.infer<typeof venueSchema>;

/** Add to the registry of the chapter's area; an equivalent entry is found instead of duplicated. */
export async function addVenue(db: Db, input: { regionPrefix: string; userId: string; form: VenueForm }) {
  const f = input.form;
  if (!f.regionCode.startsWith(`${input.regionPrefix}.`)) return { ok: false as const };
  return db.transaction(async (tx) => {
    const inst = await resolveInstitution(tx, { type: f.type, name: f.name, npsn: f.npsn, regionCode: f.regionCode, chapterRegion: input.regionPrefix, createdBy: input.userId });
    if (inst.created && f.address) await tx.update(institutions).set({ address: f.address }).where(eq(institutions.id, inst.id));
    const [row] = await tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, inst.id));
    return { ok: true as const, id: inst.id, name: row?.name ?? f.name, created: inst.created };
  });
}
