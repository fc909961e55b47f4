import { index, integer, pgTable, primaryKey, serial, text, timestamp, boolean } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { regions } from "./regions";

export const volunteerProfiles = pgTable(
  "volunteer_profile",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** normalised +62… */
    whatsapp: text("whatsapp"),
    /** the most precise home region given (kecamatan or desa) */
    regionCode: text("region_code").references(() => regions.code),
    /** denormalised from region_code for roster filters */
    kecamatanCode: text("kecamatan_code"),
    kabupatenCode: text("kabupaten_code"),
    /** 7 weekdays × 3 parts of day (pagi, siang, malam): bit (weekday*3 + part), weekday 0 = Senin */
    availability: integer("availability").notNull().default(0),
    bio: text("bio"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("volunteer_profile_kecamatan_idx").on(t.kecamatanCode), index("volunteer_profile_region_idx").on(t.regionCode)],
);

export const skills = pgTable("skill", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  nameId: text("name_id").notNull(),
  nameEn: text("name_en").notNull(),
  active: boolean("active").notNull().default(true),
});

export const userSkills = pgTable(
  "user_skill",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    skillId: integer("skill_id")
      .notNull()
      .references(() => skills.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillId] }), index("user_skill_skill_idx").on(t.skillId, t.userId)],
);

export const languages = pgTable("language", {
  code: text("code").primaryKey(),
  nameId: text("name_id").notNull(),
  nameEn: text("name_en").notNull(),
});

export const userLanguages = pgTable(
  "user_language",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    languageCode: text("language_code")
      .notNull()
      .references(() => languages.code, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.languageCode] }), index("user_language_language_idx").on(t.languageCode, t.userId)],
);
