import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema/accounts";
import { languages, skills, userLanguages, userSkills, volunteerProfiles } from "../../../db/schema/profiles";
import type { Db } from "~/db.server";
import { catalogueNamesTaken, takenErrors } from "~/models/catalogue-names.server";
import { manyStrings, type FormErrors, type FormResult, formValues, parseForm } from "~/utils/forms.server";
import { isAvailabilityMask, maskFromKeys } from "./availability";
import { BIO_MAX, NAME_MAX, REGION_FIELD } from "./profile-form";
import { ancestorCodes, checkRegion, regionFromForm, regionPath, type Region, type RegionOption, type RegionPickerState } from "~/models/regions/regions.server";
import { jsonColumn, rowsOf } from "../../../db/rows";
import { normalizeWhatsapp } from "./whatsapp";
import { slugify } from "~/utils/slug";
import { packOptions } from "~/utils/region-options";

export { normalizeWhatsapp } from "./whatsapp";

export { BIO_MAX, NAME_MAX, REGION_FIELD } from "./profile-form";

export type Skill = { id: number; slug: string; nameId: string; nameEn: string; active: boolean };
export type Language = { code: string; nameId: string; nameEn: string };

export type Profile = {
  userId: string;
  name: string;
  email: string;
  whatsapp: string | null;
  regionCode: string | null;
  /** province → … → the chosen region */
  regionPath: Region[];
  kecamatanCode: string | null;
  kabupatenCode: string | null;
  timeZone: string | null;
  availability: number;
  bio: string | null;
  skills: Skill[];
  languages: Language[];
  updatedAt: Date | null;
};

export type ProfileInput = {
  name: string;
  /** as typed; normalised to +62… on save, empty for none */
  whatsapp: string | null;
  regionCode: string | null;
  skillIds: number[];
  languageCodes: string[];
  availability: number;
  bio: string | null;
};

export type SaveResult = { ok: true } | { ok: false; errors: FormErrors };

const skillColumns = { id: skills.id, slug: skills.slug, nameId: skills.nameId, nameEn: skills.nameEn, active: skills.active };
const languageColumns = { code: languages.code, nameId: languages.nameId, nameEn: languages.nameEn };

/** Skills in display order; by default only the active ones plus those `holderId` already has. */
export async function listSkills(db: Db, opts: { includeInactive?: boolean; holderId?: string } = {}): Promise<Skill[]> {
  const held = opts.holderId
    ? sql`exists (select 1 from ${userSkills} where ${userSkills.skillId} = "skill"."id" and ${userSkills.userId} = ${opts.holderId})`
    : undefined;
  return db
    .select(skillColumns)
    .from(skills)
    .where(opts.includeInactive ? undefined : held ? or(eq(skills.active, true), held) : eq(skills.active, true))
    .orderBy(asc(skills.nameId));
}

/** Indonesia first, then the regional languages by name, English last (the order people expect). */
export async function listLanguages(db: Db): Promise<Language[]> {
  return db
    .select(languageColumns)
    .from(languages)
    .orderBy(sql`case ${languages.code} when 'id' then 0 when 'en' then 2 else 1 end`, asc(languages.nameId));
}

export async function getProfile(db: Db, userId: string): Promise<Profile | null> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      whatsapp: volunteerProfiles.whatsapp,
      regionCode: volunteerProfiles.regionCode,
      kecamatanCode: volunteerProfiles.kecamatanCode,
      kabupatenCode: volunteerProfiles.kabupatenCode,
      availability: volunteerProfiles.availability,
      bio: volunteerProfiles.bio,
      updatedAt: volunteerProfiles.updatedAt,
    })
    .from(users)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const [skillRows, languageRows, path] = await Promise.all([
    db
      .select(skillColumns)
      .from(userSkills)
      .innerJoin(skills, eq(skills.id, userSkills.skillId))
      .where(eq(userSkills.userId, userId))
      .orderBy(asc(skills.nameId)),
    db
      .select(languageColumns)
      .from(userLanguages)
      .innerJoin(languages, eq(languages.code, userLanguages.languageCode))
      .where(eq(userLanguages.userId, userId))
      .orderBy(asc(languages.nameId)),
    row.regionCode ? regionPath(db, row.regionCode) : Promise.resolve([]),
  ]);
  return {
    ...row,
    availability: row.availability ?? 0,
    regionPath: path,
    timeZone: path.at(-1)?.timeZone ?? null,
    skills: skillRows,
    languages: languageRows,
  };
}

const profileFormSchema = z.object({
  name: z.string().trim().min(1).max(NAME_MAX),
  whatsapp: z.string().trim().max(40, "profile.whatsappInvalid").optional(),
  bio: z.string().trim().max(BIO_MAX).optional(),
  skills: manyStrings,
  languages: manyStrings,
  availability: manyStrings,
});

/**
 * The profile form as sent (text fields, checkbox groups, the region picker) → a ProfileInput.
 * Only shape is checked here; saveProfile applies the business rules.
 */
export function parseProfileForm(form: FormData): FormResult<ProfileInput> {
  const parsed = parseForm(profileFormSchema, form);
  const regionCode = regionFromForm(form, REGION_FIELD);
  if (!parsed.ok) return parsed;
  const { mask, unknown } = maskFromKeys(parsed.data.availability);
  const skillIds = parsed.data.skills.map(Number);
  if (unknown.length || skillIds.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    const errors: FormErrors = {};
    if (unknown.length) errors.availability = ["errors.invalid"];
    if (skillIds.some((n) => !Number.isSafeInteger(n) || n <= 0)) errors.skills = ["profile.skillUnknown"];
    return { ok: false, errors, values: formValues(form) };
  }
  return {
    ok: true,
    data: {
      name: parsed.data.name,
      whatsapp: parsed.data.whatsapp ?? null,
      regionCode,
      skillIds: [...new Set(skillIds)],
      languageCodes: [...new Set(parsed.data.languages)],
      availability: mask,
      bio: parsed.data.bio ?? null,
    },
  };
}

type CleanProfile = {
  name: string;
  whatsapp: string | null;
  regionCode: string;
  kecamatanCode: string;
  kabupatenCode: string;
  skillIds: number[];
  languageCodes: string[];
  availability: number;
  bio: string | null;
};

/**
 * Checks the business rules (WhatsApp number, region down to kecamatan, skills and languages from the
 * managed lists, availability mask, lengths), then writes everything in one transaction.
 * Field errors come back as dictionary keys; nothing is written unless everything is valid.
 */
export async function saveProfile(db: Db, userId: string, input: ProfileInput): Promise<SaveResult> {
  const errors: FormErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = ["errors.required"];
  else if (name.length > NAME_MAX) errors.name = [`errors.tooLongMax?max=${NAME_MAX}`];

  let whatsapp: string | null = null;
  if (input.whatsapp?.trim()) {
    const wa = normalizeWhatsapp(input.whatsapp);
    if (wa.ok) whatsapp = wa.value;
    else errors.whatsapp = [wa.error];
  }

  const bio = input.bio?.trim() || null;
  if (bio && bio.length > BIO_MAX) errors.bio = [`errors.tooLongMax?max=${BIO_MAX}`];
  if (!isAvailabilityMask(input.availability)) errors.availability = ["errors.invalid"];

  const regionError = await checkRegion(db, input.regionCode, 3);
  if (regionError) errors[REGION_FIELD] = [regionError];

  const skillIds = [...new Set(input.skillIds)];
  if (skillIds.length) {
    // an inactive skill may be kept by someone who already has it, not newly chosen
    const allowed = await db
      .select({ id: skills.id })
      .from(skills)
      .where(
        and(
          inArray(skills.id, skillIds),
          or(
            eq(skills.active, true),
            sql`exists (select 1 from ${userSkills} where ${userSkills.skillId} = "skill"."id" and ${userSkills.userId} = ${userId})`,
          ),
        ),
      );
    if (allowed.length !== skillIds.length) errors.skills = ["profile.skillUnknown"];
  }
  const languageCodes = [...new Set(input.languageCodes)];
  if (languageCodes.length) {
    const known = await db.select({ code: languages.code }).from(languages).where(inArray(languages.code, languageCodes));
    if (known.length !== languageCodes.length) errors.languages = ["profile.languageUnknown"];
  }

  if (Object.keys(errors).length || !input.regionCode) return { ok: false, errors };
  const [, kabupaten, kecamatan] = input.regionCode.split(".");
  const [province] = input.regionCode.split(".");
  await writeProfile(db, userId, {
    name,
    whatsapp,
    regionCode: input.regionCode,
    kabupatenCode: `${province}.${kabupaten}`,
    kecamatanCode: `${province}.${kabupaten}.${kecamatan}`,
    skillIds,
    languageCodes,
    availability: input.availability,
    bio,
  });
  return { ok: true };
}

/** The unchecked write, all or nothing. Exported for the transaction test; call saveProfile instead. */
export async function writeProfile(db: Db, userId: string, p: CleanProfile): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ name: p.name }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!updated.length) throw new Error(`no user ${userId}`);
    const profile = {
      whatsapp: p.whatsapp,
      regionCode: p.regionCode,
      kecamatanCode: p.kecamatanCode,
      kabupatenCode: p.kabupatenCode,
      availability: p.availability,
      bio: p.bio,
      updatedAt: new Date(),
    };
    await tx
      .insert(volunteerProfiles)
      .values({ userId, ...profile })
      .onConflictDoUpdate({ target: volunteerProfiles.userId, set: profile });
    await tx.delete(userSkills).where(eq(userSkills.userId, userId));
    if (p.skillIds.length) await tx.insert(userSkills).values(p.skillIds.map((skillId) => ({ userId, skillId })));
    await tx.delete(userLanguages).where(eq(userLanguages.userId, userId));
    if (p.languageCodes.length)
      await tx.insert(userLanguages).values(p.languageCodes.map((languageCode) => ({ userId, languageCode })));
  });
}

// ---------- managed list of skills (admin) ----------

export const skillNamesSchema = z.object({
  nameId: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
});


/** Skills with how many volunteers hold each, for the admin list. */
export async function listSkillsWithCounts(db: Db): Promise<(Skill & { holders: number })[]> {
  return db
    .select({ ...skillColumns, holders: sql<number>`(select count(*)::int from ${userSkills} where ${userSkills.skillId} = ${skills.id})` })
    .from(skills)
    .orderBy(sql`${skills.active} desc`, asc(skills.nameId));
}

const SKILL_LIST = { table: skills, id: skills.id, nameId: skills.nameId, nameEn: skills.nameEn, lock: "skill" };

export async function addSkill(db: Db, input: { nameId: string; nameEn: string }): Promise<{ ok: true; id: number } | { ok: false; errors: FormErrors }> {
  return db.transaction(async (tx): Promise<{ ok: true; id: number } | { ok: false; errors: FormErrors }> => {
    // "desain  grafis" and "Désain-Grafis" are "Desain grafis": compared as people read them (catalogue-names)
    const taken = takenErrors(await catalogueNamesTaken(tx, SKILL_LIST, input, null), "profile.admin.skills.duplicate");
    if (taken) return { ok: false, errors: taken };
    const base = slugify(input.nameId, "keahlian");
    const [row] = await tx
      .insert(skills)
      .values({ slug: base, nameId: input.nameId, nameEn: input.nameEn })
      .onConflictDoNothing({ target: skills.slug })
      .returning({ id: skills.id });
    if (row) return { ok: true, id: row.id };
    // the slug was taken by a differently spelled name: keep slugs unique with a suffix
    const [again] = await tx
      .insert(skills)
      .values({ slug: `${base}-${Date.now().toString(36)}`, nameId: input.nameId, nameEn: input.nameEn })
      .returning({ id: skills.id });
    if (!again) throw new Error("skill not created");
    return { ok: true, id: again.id };
  });
}

/** The slug stays: it is what other modules and CSV files refer to. */
export async function renameSkill(db: Db, id: number, input: { nameId: string; nameEn: string }): Promise<SaveResult> {
  return db.transaction(async (tx): Promise<SaveResult> => {
    const [exists] = await tx.select({ id: skills.id }).from(skills).where(eq(skills.id, id));
    if (!exists) return { ok: false, errors: { _form: ["errors.notFound.title"] } };
    const taken = takenErrors(await catalogueNamesTaken(tx, SKILL_LIST, input, id), "profile.admin.skills.duplicate");
    if (taken) return { ok: false, errors: taken };
    await tx.update(skills).set({ nameId: input.nameId, nameEn: input.nameEn }).where(eq(skills.id, id));
    return { ok: true };
  });
}

export async function setSkillActive(db: Db, id: number, active: boolean): Promise<boolean> {
  const rows = await db.update(skills).set({ active }).where(eq(skills.id, id)).returning({ id: skills.id });
  return rows.length > 0;
}

// ---------- the profile page ----------

/** What the profile page shows, the option names already in the reader's language. */
export type ProfilePage = {
  name: string;
  email: string;
  whatsapp: string | null;
  bio: string | null;
  regionCode: string | null;
  availability: number;
  updatedAt: Date | null;
  /** active skills plus the inactive ones this volunteer holds, by Indonesian name */
  skills: { id: number; name: string; active: boolean }[];
  heldSkills: number[];
  /** Indonesia first, the regional languages by name, English last */
  languages: { code: string; name: string }[];
  heldLanguages: string[];
  picker: RegionPickerState;
};


/**
 * Everything the profile page reads, in one statement (the page is opened often and was ten round trips):
 * the user and profile, the skill and language lists with what the volunteer holds, and the region picker's
 * lists (provinces, then the children of each chosen ancestor, as regionPickerState with maxLevel 4).
 */
export async function getProfilePage(db: Db, userId: string, locale: "id" | "en"): Promise<ProfilePage | null> {
  const en = locale === "en";
  const rows = rowsOf<{
    name: string;
    email: string;
    whatsapp: string | null;
    bio: string | null;
    region_code: string | null;
    availability: number | null;
    updated_at: string | Date | null;
    skills: unknown;
    languages: unknown;
    regions: unknown;
  }>(
    await db.execute(sql`
      with me as (
        select u.id, u.name, u.email, p.whatsapp, p.bio, p.region_code, p.availability, p.updated_at,
               string_to_array(p.region_code, '.') as parts
        from app_user u left join volunteer_profile p on p.user_id = u.id
        where u.id = ${userId}
      )
      select me.name, me.email, me.whatsapp, me.bio, me.region_code, me.availability, me.updated_at,
        (select coalesce(json_agg(json_build_array(s.id, case when ${en} then s.name_en else s.name_id end, s.active, us.user_id is not null) order by s.name_id), '[]')
           from skill s left join user_skill us on us.skill_id = s.id and us.user_id = me.id
          where s.active or us.user_id is not null) as skills,
        (select coalesce(json_agg(json_build_array(l.code, case when ${en} then l.name_en else l.name_id end, ul.user_id is not null)
                                  order by case l.code when 'id' then 0 when 'en' then 2 else 1 end, l.name_id), '[]')
           from language l left join user_language ul on ul.language_code = l.code and ul.user_id = me.id) as languages,
        (select coalesce(json_agg(json_build_array(r.parent_code, r.code, r.name) order by r.name), '[]')
           from region r
          where r.parent_code is null
             or r.parent_code = any (array(select array_to_string(me.parts[1:k], '.') from generate_series(1, least(cardinality(me.parts), 3)) k))
        ) as regions
      from me`),
  );
  const row = rows[0];
  if (!row) return null;
  const skillRows = jsonColumn<[number, string, boolean, boolean][]>(row.skills, []);
  const languageRows = jsonColumn<[string, string, boolean][]>(row.languages, []);
  const regionRows = jsonColumn<[string | null, string, string][]>(row.regions, []);
  const children = new Map<string | null, RegionOption[]>();
  for (const [parent, code, name] of regionRows) {
    const list = children.get(parent);
    if (list) list.push({ code, name });
    else children.set(parent, [{ code, name }]);
  }
  const chosen = row.region_code ? ancestorCodes(row.region_code) : [];
  const levels: RegionPickerState["levels"] = ([1, 2, 3, 4] as const).map((level) => {
    const parent = level === 1 ? null : (chosen[level - 2] ?? undefined);
    return { level, options: parent === undefined ? "" : packOptions(children.get(parent) ?? []), selected: chosen[level - 1] ?? null };
  });
  return {
    name: row.name,
    email: row.email,
    whatsapp: row.whatsapp,
    bio: row.bio,
    regionCode: row.region_code,
    availability: row.availability ?? 0,
    updatedAt: row.updated_at ? new Date(row.updated_at) : null,
    skills: skillRows.map(([id, name, active]) => ({ id, name, active })),
    heldSkills: skillRows.filter((s) => s[3]).map((s) => s[0]),
    languages: languageRows.map(([code, name]) => ({ code, name })),
    heldLanguages: languageRows.filter((l) => l[2]).map((l) => l[0]),
    picker: { levels, value: row.region_code },
  };
}
