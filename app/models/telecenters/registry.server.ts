/** The telecenter registry: public list and page, who runs each telecenter, create and edit, facilities, hours, staff. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { chapters } from "../../../db/schema/chapters";
import { institutions } from "../../../db/schema/events";
import { regions } from "../../../db/schema/regions";
import { surveyAssignments, surveyCampaigns, surveyResponses, telecenterFacilities, telecenterHours, telecenters, telecenterServices, telecenterStaff, type TelecenterRole, type TelecenterService } from "../../../db/schema/telecenters";
import { isChapterLead } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { findOrCreateInstitution, institutionDedupKey } from "~/models/events/events.server";
import { normaliseInstitutionName } from "~/models/events/institution-names";
import { FACILITY_CONDITIONS, FACILITY_KINDS, FACILITY_ROWS, SERVICES, STAFF_ROLES, WEEKDAYS } from "~/models/telecenters/telecenter-form";
import { normalizeWhatsapp } from "~/models/accounts/whatsapp";
import { manyStrings, typedNumber } from "~/utils/forms.server";
import { env } from "~/env.server";
import { queueEmail } from "~/services/outbox.server";
import { parseTypedNumber } from "~/utils/numbers";

// the page's lists must stay the schema's lists
const _servicesMatch: readonly TelecenterService[] = SERVICES;
const _rolesMatch: readonly TelecenterRole[] = STAFF_ROLES;
void _servicesMatch;
void _rolesMatch;

const prefix = (col: typeof telecenters.regionCode, code: string) => or(eq(col, code), like(col, `${code}.%`));

// ---------- public registry ----------

export type PublicFilter = { regionCode?: string | null; service?: string | null };

/** Active telecenters with their services and latest classification; no personal data. */
export async function listTelecenters(db: Db, f: PublicFilter) {
  const service = SERVICES.find((s) => s === f.service);
  const rows = await db
    .select({ id: telecenters.id, name: telecenters.name, regionCode: telecenters.regionCode, address: telecenters.address, chapterId: telecenters.chapterId })
    .from(telecenters)
    .where(
      and(
        eq(telecenters.active, true),
        f.regionCode ? prefix(telecenters.regionCode, f.regionCode) : undefined,
        service
          ? inArray(
              telecenters.id,
              db.select({ id: telecenterServices.telecenterId }).from(telecenterServices).where(eq(telecenterServices.service, service)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(telecenters.name))
    .limit(1000);
  const ids = rows.map((r) => r.id);
  const services = ids.length ? await db.select().from(telecenterServices).where(inArray(telecenterServices.telecenterId, ids)) : [];
  return rows.map((r) => ({ ...r, services: services.filter((s) => s.telecenterId === r.id).map((s) => s.service) }));
}

/** Kab/kota and kecamatan that have telecenters, for the public filter. */
export async function regionFilterOptions(db: Db) {
  const codes = await db.selectDistinct({ code: telecenters.regionCode }).from(telecenters).where(eq(telecenters.active, true));
  const kab = new Set<string>();
  const kec = new Set<string>();
  for (const { code } of codes) {
    const p = code.split(".");
    kab.add(p.slice(0, 2).join("."));
    if (p.length >= 3) kec.add(p.slice(0, 3).join("."));
  }
  const all = [...kab, ...kec];
  if (!all.length) return [];
  const names = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, all));
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return [...kab]
    .map((k) => ({
      code: k,
      name: nameOf.get(k) ?? k,
      kecamatan: [...kec]
        .filter((c) => c.startsWith(`${k}.`))
        .map((c) => ({ code: c, name: nameOf.get(c) ?? c }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getTelecenter(db: Db, id: number) {
  const [t] = await db
    .select({
      id: telecenters.id,
      chapterId: telecenters.chapterId,
      chapterName: chapters.name,
      chapterRegion: chapters.regionCode,
      institutionId: telecenters.institutionId,
      name: telecenters.name,
      regionCode: telecenters.regionCode,
      address: telecenters.address,
      latitude: telecenters.latitude,
      longitude: telecenters.longitude,
      managingBody: telecenters.managingBody,
      contactPhone: telecenters.contactPhone,
      contactEmail: telecenters.contactEmail,
      active: telecenters.active,
    })
    .from(telecenters)
    .innerJoin(chapters, eq(chapters.id, telecenters.chapterId))
    .where(eq(telecenters.id, id));
  if (!t) return null;
  const [facilities, services, hours] = await Promise.all([
    db
      .select({ id: telecenterFacilities.id, kind: telecenterFacilities.kind, quantity: telecenterFacilities.quantity, condition: telecenterFacilities.condition, note: telecenterFacilities.note })
      .from(telecenterFacilities)
      .where(eq(telecenterFacilities.telecenterId, id))
      .orderBy(asc(telecenterFacilities.id)),
    db.select({ service: telecenterServices.service }).from(telecenterServices).where(eq(telecenterServices.telecenterId, id)),
    db
      .select({ weekday: telecenterHours.weekday, opensAt: telecenterHours.opensAt, closesAt: telecenterHours.closesAt })
      .from(telecenterHours)
      .where(eq(telecenterHours.telecenterId, id))
      .orderBy(asc(telecenterHours.weekday)),
  ]);
  return { ...t, facilities, services: SERVICES.filter((s) => services.some((x) => x.service === s)), hours };
}
export type TelecenterDetail = NonNullable<Awaited<ReturnType<typeof getTelecenter>>>;

/**
 * The latest classification of a closed campaign (public: it is the dinas's assessment of a public facility). While
 * a campaign runs its responses can still be sent back and rescored, so they are not shown here.
 */
export async function latestClassification(db: Db, telecenterId: number) {
  const [r] = await db
    .select({ classification: surveyResponses.classification, score: surveyResponses.score, campaignName: surveyCampaigns.name, submittedAt: surveyResponses.submittedAt })
    .from(surveyResponses)
    .innerJoin(surveyAssignments, eq(surveyAssignments.id, surveyResponses.assignmentId))
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyAssignments.campaignId))
    .where(and(eq(surveyAssignments.telecenterId, telecenterId), eq(surveyResponses.status, "submitted"), eq(surveyCampaigns.status, "closed")))
    .orderBy(desc(surveyResponses.submittedAt))
    .limit(1);
  return r ?? null;
}

// ---------- who may do what ----------

export async function staffRolesOf(db: Db, userId: string, telecenterId: number): Promise<TelecenterRole[]> {
  const rows = await db
    .select({ role: telecenterStaff.role })
    .from(telecenterStaff)
    .where(and(eq(telecenterStaff.userId, userId), eq(telecenterStaff.telecenterId, telecenterId)));
  return rows.map((r) => r.role);
}

export type TelecenterAccess = { lead: boolean; manage: boolean; report: boolean };

/** Leads of the chapter (and admins) manage everything; the manager edits the record; every role files reports. */
export async function telecenterAccess(db: Db, user: SessionUser | null, t: { id: number; chapterId: number }): Promise<TelecenterAccess> {
  if (!user) return { lead: false, manage: false, report: false };
  const lead = await isChapterLead(db, user, t.chapterId);
  const roles = lead ? [] : await staffRolesOf(db, user.id, t.id);
  return { lead, manage: lead || roles.includes("manager"), report: lead || roles.length > 0 };
}

/** Telecenters the user runs (any management role). */
export async function myTelecenters(db: Db, userId: string) {
  return db
    .selectDistinct({ id: telecenters.id, name: telecenters.name })
    .from(telecenterStaff)
    .innerJoin(telecenters, eq(telecenters.id, telecenterStaff.telecenterId))
    .where(eq(telecenterStaff.userId, userId))
    .orderBy(asc(telecenters.name));
}

export async function chapterTelecenters(db: Db, chapterId: number) {
  return db
    .select({ id: telecenters.id, name: telecenters.name, regionCode: telecenters.regionCode, active: telecenters.active })
    .from(telecenters)
    .where(eq(telecenters.chapterId, chapterId))
    .orderBy(asc(telecenters.regionCode), asc(telecenters.name));
}

// ---------- create and edit ----------

const coordinate = (lo: number, hi: number) =>
  typedNumber({ grouping: false, negative: true, min: lo, max: hi, message: "telecenters.form.coordinateInvalid", rangeMessage: "telecenters.form.coordinateRange" }).optional();

/**
 * One coordinate in degrees, minutes and seconds as maps and GPS apps show it ("8°10'20.3\"S", "113° 42' 0\" BT",
 * "8 10 20 LS"): as decimal degrees, south and west negative; null when it is not written that way.
 */
export function dmsCoordinate(raw: string): number | null {
  const m = /^([-−]?)\s*(\d{1,3})\s*[°º˚d]?\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’m]?\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|''|s)?)?)?\s*(N|S|E|W|U|T|B|LU|LS|BT|BB)?$/i.exec(raw.trim());
  if (!m || (!m[5] && !/[°º˚'′’"″”]/.test(raw))) return null;
  const [, minus, d = "0", mi = "0", se = "0", hemi = ""] = m;
  const minutes = Number(mi.replace(",", "."));
  const seconds = Number(se.replace(",", "."));
  if (minutes >= 60 || seconds >= 60) return null;
  const n = Number(d) + minutes / 60 + seconds / 3600;
  const negative = !!minus || /^(S|W|LS|B|BB)$/i.test(hemi);
  return Math.round((negative ? -n : n) * 1e6) / 1e6;
}

/**
 * Coordinates as people paste them: both in the latitude box as a map copies them ("-8.1723, 113.7001",
 * "-8,1723; 113,7001", "-8.1723 113.7001") when the longitude box is empty, and either one in degrees, minutes and
 * seconds. What cannot be read this way is left as typed for the number check and its message.
 */
export function typedCoordinates(values: unknown): unknown {
  if (!values || typeof values !== "object") return values;
  const v = { ...(values as Record<string, unknown>) };
  const lat = typeof v.latitude === "string" ? v.latitude.trim() : "";
  const lon = typeof v.longitude === "string" ? v.longitude.trim() : "";
  if (lat && !lon) {
    // "-8.1723,113.7001": a comma between two numbers written with a decimal point
    const tight = /^([-−]?\d+\.\d+),([-−]?\d+\.\d+)$/.exec(lat);
    const pair = tight ? tight.slice(1) : lat.split(/\s*;\s*|\s*\/\s*|,\s+|\s+(?=[-−]?\d+[.,]\d+\s*$)|(?<=[NSLU])\s*,?\s*(?=\d)/i).filter(Boolean);
    if (pair.length === 2) [v.latitude, v.longitude] = pair;
  }
  for (const k of ["latitude", "longitude"] as const) {
    const raw = v[k];
    if (typeof raw !== "string" || parseTypedNumber(raw, { grouping: false, negative: true }) !== null) continue;
    const n = dmsCoordinate(raw);
    if (n !== null) v[k] = String(n);
  }
  return v;
}

export const telecenterSchema = z.preprocess(
  typedCoordinates,
  z
    .object({
      name: z.string().trim().min(1).max(160),
      regionCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, "telecenters.form.regionRequired"),
      address: z.string().trim().max(500).optional(),
      latitude: coordinate(-11.5, 6.5),
      longitude: coordinate(94, 141.5),
      managingBody: z.string().trim().max(200).optional(),
      contactPhone: z.string().trim().max(40).optional(),
      contactEmail: z.string().trim().email("telecenters.form.emailInvalid").max(200).optional(),
      services: manyStrings,
    })
    .superRefine((v, ctx) => {
      if ((v.latitude === undefined) !== (v.longitude === undefined))
        ctx.addIssue({ code: "custom", path: [v.latitude === undefined ? "latitude" : "longitude"], message: "telecenters.form.coordinatePair" });
      if (v.contactPhone && !normalizeWhatsapp(v.contactPhone).ok && !/^[0-9 ()+-]{6,20}$/.test(v.contactPhone))
        ctx.addIssue({ code: "custom", path: ["contactPhone"], message: "telecenters.form.phoneInvalid" });
    }),
);
export type TelecenterForm = z.infer<typeof telecenterSchema>;

type SaveResult = { ok: true; id: number } | { ok: false; errors: Record<string, string[]>; existing?: { id: number; name: string } };

/**
 * "Telecentre Mandiri", "TC Mandiri", "Tele-center Mandiri" and "Telecenter Mandiri" are one name, and so are
 * "Telecenter Desa Ajung", "TC Kelurahan Ajung" and "TC Ajung": the kecamatan is the same, so "desa"/"kelurahan"
 * before the place's name tells nothing apart.
 */
export function telecenterNameKey(name: string): string {
  const words = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return normaliseInstitutionName(
    words
      .replace(/\b(tele ?cent(er|re)|tc)\b/g, "telecenter")
      .replace(/\b(desa|ds|kelurahan|kel)\b (?=\S)/g, "")
      .trim(),
  );
}

/**
 * A telecenter of the same name in the same kecamatan, whatever desa either was given with (or none): a desa is
 * optional on the form, so "Telecenter Mandiri" in Jombang and in Jombang / Padomasan are one place.
 */
async function sameTelecenterInKecamatan(tx: Db, regionCode: string, name: string, except?: number) {
  const kecamatan = regionCode.split(".").slice(0, 3).join(".");
  const rows = await tx
    .select({ id: telecenters.id, name: telecenters.name })
    .from(telecenters)
    .where(and(prefix(telecenters.regionCode, kecamatan), except ? sql`${telecenters.id} <> ${except}` : undefined));
  const key = telecenterNameKey(name);
  return rows.find((r) => telecenterNameKey(r.name) === key) ?? null;
}

async function regionInChapter(tx: Db, regionCode: string, chapterId: number) {
  const [c] = await tx.select({ regionCode: chapters.regionCode }).from(chapters).where(eq(chapters.id, chapterId));
  const [r] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode));
  return Boolean(c && r && regionCode.startsWith(`${c.regionCode}.`));
}

function basics(f: TelecenterForm) {
  return {
    name: f.name,
    regionCode: f.regionCode,
    address: f.address ?? "",
    latitude: f.latitude ?? null,
    longitude: f.longitude ?? null,
    managingBody: f.managingBody ?? "",
    contactPhone: f.contactPhone ?? null,
    contactEmail: f.contactEmail ?? null,
  };
}

/** The telecenter and its venue row (institution type telecenter) are written together. */
export async function createTelecenter(db: Db, input: { chapterId: number; userId: string; form: TelecenterForm }): Promise<SaveResult> {
  const f = input.form;
  return db.transaction(async (tx): Promise<SaveResult> => {
    if (!(await regionInChapter(tx, f.regionCode, input.chapterId))) return { ok: false, errors: { regionCode: ["telecenters.form.regionOutside"] } };
    // one registration at a time per chapter, so two leads cannot add the same telecenter side by side
    await tx.select({ id: chapters.id }).from(chapters).where(eq(chapters.id, input.chapterId)).for("update");
    const existing = await sameTelecenterInKecamatan(tx, f.regionCode, f.name);
    if (existing) return { ok: false, errors: { name: ["telecenters.form.duplicate"] }, existing };
    const venue = await findOrCreateInstitution(tx, { type: "telecenter", name: f.name, regionCode: f.regionCode, createdBy: input.userId });
    const [taken] = await tx.select({ id: telecenters.id }).from(telecenters).where(eq(telecenters.institutionId, venue.id));
    if (taken) return { ok: false, errors: { name: ["telecenters.form.duplicate"] } };
    await tx.update(institutions).set({ address: f.address ?? null }).where(eq(institutions.id, venue.id));
    const [row] = await tx
      .insert(telecenters)
      .values({ ...basics(f), chapterId: input.chapterId, institutionId: venue.id, createdBy: input.userId })
      .returning({ id: telecenters.id });
    if (!row) throw new Error("telecenter not stored");
    await writeServices(tx, row.id, f.services);
    return { ok: true, id: row.id };
  });
}

async function writeServices(tx: Db, id: number, list: string[]) {
  await tx.delete(telecenterServices).where(eq(telecenterServices.telecenterId, id));
  const chosen = SERVICES.filter((s) => list.includes(s));
  if (chosen.length) await tx.insert(telecenterServices).values(chosen.map((service) => ({ telecenterId: id, service })));
}

export async function updateTelecenter(db: Db, input: { id: number; chapterId: number; form: TelecenterForm }): Promise<SaveResult> {
  const f = input.form;
  return db.transaction(async (tx): Promise<SaveResult> => {
    if (!(await regionInChapter(tx, f.regionCode, input.chapterId))) return { ok: false, errors: { regionCode: ["telecenters.form.regionOutside"] } };
    const [t] = await tx
      .select({ institutionId: telecenters.institutionId })
      .from(telecenters)
      .where(and(eq(telecenters.id, input.id), eq(telecenters.chapterId, input.chapterId)))
      .for("update");
    if (!t) return { ok: false, errors: { _form: ["errors.notFound.title"] } };
    const existing = await sameTelecenterInKecamatan(tx, f.regionCode, f.name, input.id);
    if (existing) return { ok: false, errors: { name: ["telecenters.form.duplicate"] }, existing };
    const dedupKey = institutionDedupKey("telecenter", f.regionCode, f.name);
    const [clash] = await tx
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.dedupKey, dedupKey), sql`${institutions.id} <> ${t.institutionId}`));
    if (clash) return { ok: false, errors: { name: ["telecenters.form.duplicate"] } };
    // the venue row follows the telecenter (events that used it show the new name)
    await tx.update(institutions).set({ name: f.name, regionCode: f.regionCode, address: f.address ?? null, dedupKey }).where(eq(institutions.id, t.institutionId));
    await tx.update(telecenters).set({ ...basics(f), updatedAt: sql`now()` }).where(eq(telecenters.id, input.id));
    await writeServices(tx, input.id, f.services);
    return { ok: true, id: input.id };
  });
}

export type FacilityRow = { kind: (typeof FACILITY_KINDS)[number]; quantity: number; condition: (typeof FACILITY_CONDITIONS)[number]; note: string };

/** Rows fac_<i>_kind / _quantity / _condition / _note; a row without kind is ignored. */
export function facilitiesFromForm(form: FormData): { ok: true; rows: FacilityRow[] } | { ok: false; errors: Record<string, string[]> } {
  const rows: FacilityRow[] = [];
  const errors: Record<string, string[]> = {};
  for (let i = 0; i < FACILITY_ROWS; i++) {
    const kind = String(form.get(`fac_${i}_kind`) ?? "");
    if (!kind) continue;
    const rawQuantity = String(form.get(`fac_${i}_quantity`) ?? "").trim();
    const quantity = rawQuantity === "" ? 1 : parseTypedNumber(rawQuantity, { integer: true });
    const condition = String(form.get(`fac_${i}_condition`) ?? "");
    const k = FACILITY_KINDS.find((x) => x === kind);
    const c = FACILITY_CONDITIONS.find((x) => x === condition);
    if (!k) errors[`fac_${i}_kind`] = ["errors.invalid"];
    if (quantity === null || quantity < 0 || quantity > 1000) errors[`fac_${i}_quantity`] = ["telecenters.facilities.quantityInvalid"];
    if (!c) errors[`fac_${i}_condition`] = ["errors.required"];
    if (k && c && quantity !== null) rows.push({ kind: k, quantity, condition: c, note: String(form.get(`fac_${i}_note`) ?? "").trim().slice(0, 200) });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, rows };
}

export async function setFacilities(db: Db, input: { id: number; rows: FacilityRow[] }) {
  await db.transaction(async (tx) => {
    await tx.delete(telecenterFacilities).where(eq(telecenterFacilities.telecenterId, input.id));
    if (input.rows.length) await tx.insert(telecenterFacilities).values(input.rows.map((r) => ({ ...r, telecenterId: input.id })));
  });
}

/** The facilities form's intent: all rows replaced at once, or nothing when a row is wrong. */
export async function saveFacilitiesForm(db: Db, input: { id: number; form: FormData }): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  const r = facilitiesFromForm(input.form);
  if (!r.ok) return r;
  await setFacilities(db, { id: input.id, rows: r.rows });
  return { ok: true };
}

/**
 * A time of day as typed where the phone's browser has no time picker: "08:00", "8.00", "8:30", "8", "16.00 WIB";
 * as "HH:MM", or null.
 */
export function typedClock(raw: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s*(?:WIB|WITA|WIT))?$/i.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` : null;
}

/** Fields open_<d> / close_<d>; both empty → closed that day. */
export function hoursFromForm(form: FormData): { ok: true; rows: { weekday: number; opensAt: string; closesAt: string }[] } | { ok: false; errors: Record<string, string[]> } {
  const rows: { weekday: number; opensAt: string; closesAt: string }[] = [];
  const errors: Record<string, string[]> = {};
  for (const d of WEEKDAYS) {
    let o = String(form.get(`open_${d}`) ?? "").trim();
    let c = String(form.get(`close_${d}`) ?? "").trim();
    if (!o && !c) continue;
    // both times in the first box: "08.00-16.00", "8 s.d. 16", "08.00 sampai 15.00"
    const range = c ? null : o.split(/\s*[-–—]\s*|\s+s\.?\s?d\.?\s+|\s+sampai\s+/i);
    if (range?.length === 2) [o = "", c = ""] = range;
    const opens = typedClock(o);
    const closes = typedClock(c);
    if (!opens || !closes) errors[`open_${d}`] = ["telecenters.hours.invalid"];
    else if (closes <= opens) errors[`open_${d}`] = ["telecenters.hours.order"];
    else rows.push({ weekday: d, opensAt: opens, closesAt: closes });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, rows };
}

export async function setHours(db: Db, input: { id: number; rows: { weekday: number; opensAt: string; closesAt: string }[] }) {
  await db.transaction(async (tx) => {
    await tx.delete(telecenterHours).where(eq(telecenterHours.telecenterId, input.id));
    if (input.rows.length) await tx.insert(telecenterHours).values(input.rows.map((r) => ({ ...r, telecenterId: input.id })));
  });
}

/** The opening hours form's intent. */
export async function saveHoursForm(db: Db, input: { id: number; form: FormData }): Promise<{ ok: true } | { ok: false; errors: Record<string, string[]> }> {
  const r = hoursFromForm(input.form);
  if (!r.ok) return r;
  await setHours(db, { id: input.id, rows: r.rows });
  return { ok: true };
}

/** Names of the people in the management roles (only for the telecenter's managers and the chapter's leads). */
export async function listStaff(db: Db, telecenterId: number) {
  return db
    .select({ role: telecenterStaff.role, userId: users.id, name: users.name, email: users.email })
    .from(telecenterStaff)
    .innerJoin(users, eq(users.id, telecenterStaff.userId))
    .where(eq(telecenterStaff.telecenterId, telecenterId))
    .orderBy(asc(telecenterStaff.role), asc(users.name));
}

export type AddStaffResult = { ok: true; invited: boolean } | { ok: false; field: string; error: string };

/**
 * People are linked by email. Someone without a Simpul account yet gets one (no password) and an email inviting
 * them to set a password, as for an imported roster; someone with an account gets a note that they were added.
 * Account, role and email are written in one transaction.
 */
export async function addStaff(db: Db, input: { telecenterId: number; role: string; email: string; name?: string; invitedBy?: string }): Promise<AddStaffResult> {
  const role = STAFF_ROLES.find((r) => r === input.role);
  if (!role) return { ok: false, field: "role", error: "errors.required" };
  const email = input.email.trim().toLowerCase();
  if (!z.string().email().max(254).safeParse(email).success) return { ok: false, field: "email", error: "telecenters.staff.emailInvalid" };
  const name = (input.name ?? "").trim().replace(/\s+/g, " ").slice(0, 120);
  return db.transaction(async (tx): Promise<AddStaffResult> => {
    const [tc] = await tx.select({ id: telecenters.id, name: telecenters.name }).from(telecenters).where(eq(telecenters.id, input.telecenterId));
    if (!tc) return { ok: false, field: "_form", error: "errors.notFound.title" };
    let [u] = await tx.select({ id: users.id, name: users.name, locale: users.locale }).from(users).where(eq(users.email, email));
    const invited = !u;
    if (!u) {
      if (!name) return { ok: false, field: "name", error: "telecenters.staff.nameForInvite" };
      const id = randomUUID();
      await tx.insert(users).values({ id, email, name }).onConflictDoNothing();
      [u] = await tx.select({ id: users.id, name: users.name, locale: users.locale }).from(users).where(eq(users.email, email));
      if (!u) throw new Error("account not stored");
    }
    const added = await tx.insert(telecenterStaff).values({ telecenterId: tc.id, role, userId: u.id }).onConflictDoNothing().returning({ userId: telecenterStaff.userId });
    if (added.length)
      await queueEmail(tx, {
        to: email,
        template: "telecenter-staff",
        locale: u.locale === "en" ? "en" : "id",
        payload: { name: u.name, telecenterName: tc.name, role, invited, link: invited ? `${env.APP_URL}/forgot-password` : `${env.APP_URL}/telecenter/${tc.id}` },
        dedupKey: `telecenter-staff:${tc.id}:${role}:${u.id}`,
      });
    return { ok: true, invited };
  });
}

export async function removeStaff(db: Db, input: { telecenterId: number; role: string; userId: string }) {
  const role = STAFF_ROLES.find((r) => r === input.role);
  if (!role) return;
  await db
    .delete(telecenterStaff)
    .where(and(eq(telecenterStaff.telecenterId, input.telecenterId), eq(telecenterStaff.role, role), eq(telecenterStaff.userId, input.userId)));
}

/** A closed telecenter leaves the public list (its history and venue row stay). */
export async function setTelecenterActive(db: Db, input: { id: number; chapterId: number; active: boolean }) {
  await db
    .update(telecenters)
    .set({ active: input.active, updatedAt: sql`now()` })
    .where(and(eq(telecenters.id, input.id), eq(telecenters.chapterId, input.chapterId)));
}

/**
 * Telecenters a learner can choose to be tutored at: the active ones in the same kabupaten/kota as `regionCode`
 * (public facts only: name and address). Empty until the learner has chosen at least a kabupaten/kota.
 */
export async function telecentersForTutoring(db: Db, regionCode: string | null): Promise<{ id: number; name: string; address: string }[]> {
  const kab = regionCode?.split(".").slice(0, 2).join(".");
  if (!kab || !/^\d{2}\.\d{2}$/.test(kab)) return [];
  return db
    .select({ id: telecenters.id, name: telecenters.name, address: telecenters.address })
    .from(telecenters)
    .where(and(eq(telecenters.active, true), or(eq(telecenters.regionCode, kab), like(telecenters.regionCode, `${kab}.%`))))
    .orderBy(asc(telecenters.name))
    .limit(200);
}
