import { index, pgTable, smallint, text } from "drizzle-orm/pg-core";

/** Kemendagri administrative areas from idn-area-data: 1 provinsi, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan. */
export const regions = pgTable(
  "region",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: smallint("level").notNull(),
    parentCode: text("parent_code"),
    provinceCode: text("province_code").notNull(),
    timeZone: text("time_zone").notNull(),
  },
  (t) => [index("region_parent_idx").on(t.parentCode, t.name)],
);
