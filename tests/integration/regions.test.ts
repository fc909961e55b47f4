import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { regions } from "../../db/schema/regions";
import { timeZoneForProvince } from "../../db/regions";
import { timeZoneOfRegionCode } from "../../app/models/regions/time-zones";
import {
  checkRegion,
  getRegion,
  listRegionChildren,
  regionFromForm,
  regionLabel,
  regionLabels,
  regionPath,
  regionPickerState,
  regionStepRequested,
} from "../../app/models/regions/regions.server";
import { rowsOf } from "../../db/rows";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { unpackOptions } from "../../app/utils/region-options";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.close();
});

async function provinceNamed(name: string) {
  const [row] = await t.db
    .select({ code: regions.code, timeZone: regions.timeZone })
    .from(regions)
    .where(and(eq(regions.level, 1), eq(regions.name, name)));
  assert.ok(row, `no province ${name}`);
  return row;
}

describe("Indonesian regions from idn-area-data", () => {
  it("has every level, with the official counts", async () => {
    const rows = await t.db
      .select({ level: regions.level, n: sql<number>`count(*)::int` })
      .from(regions)
      .groupBy(regions.level)
      .orderBy(regions.level);
    // idn-area-data 3.1.2 (Kepmendagri 2022/2023 codes)
    assert.deepEqual(rows, [
      { level: 1, n: 38 },
      { level: 2, n: 514 },
      { level: 3, n: 7277 },
      { level: 4, n: 83763 },
    ]);
  });

  it("links every region to an existing parent whose code is its prefix", async () => {
    const orphans = await t.db.execute(sql`
      select c.code from region c left join region p on p.code = c.parent_code
      where c.level > 1 and (p.code is null or p.level <> c.level - 1 or c.code not like p.code || '.%'
        or c.province_code <> split_part(c.code, '.', 1))
      limit 5`);
    assert.deepEqual(rowsOf<{ code: string }>(orphans).map((r) => r.code), []);
  });

  it("takes the time zone from the province: Jawa Timur WIB, Bali WITA, Papua WIT", async () => {
    assert.equal((await provinceNamed("Jawa Timur")).timeZone, "Asia/Jakarta");
    assert.equal((await provinceNamed("Bali")).timeZone, "Asia/Makassar");
    assert.equal((await provinceNamed("Papua")).timeZone, "Asia/Jayapura");
    assert.equal((await provinceNamed("Kalimantan Barat")).timeZone, "Asia/Jakarta");
    assert.equal((await provinceNamed("Kalimantan Timur")).timeZone, "Asia/Makassar");
    assert.equal((await provinceNamed("Maluku Utara")).timeZone, "Asia/Jayapura");
    // a desa carries its province's zone
    assert.equal((await getRegion(t.db, "35.09.01.2003"))?.timeZone, "Asia/Jakarta");
    const zones = await t.db
      .select({ zone: regions.timeZone, n: sql<number>`count(*)::int` })
      .from(regions)
      .where(eq(regions.level, 1))
      .groupBy(regions.timeZone)
      .orderBy(regions.timeZone);
    assert.deepEqual(zones, [
      { zone: "Asia/Jakarta", n: 18 },
      { zone: "Asia/Jayapura", n: 8 },
      { zone: "Asia/Makassar", n: 12 },
    ]);
  });

  it("the browser's copy of the zone rule agrees with the loader's for every province", async () => {
    const provinces = await t.db.select({ code: regions.code, timeZone: regions.timeZone }).from(regions).where(eq(regions.level, 1));
    for (const p of provinces) {
      assert.equal(timeZoneOfRegionCode(p.code), p.timeZone, p.code);
      assert.equal(timeZoneForProvince(p.code), p.timeZone, p.code);
    }
  });

  it("names a region with its path", async () => {
    const path = await regionPath(t.db, "35.09.01.2003");
    assert.deepEqual(
      path.map((r) => [r.code, r.level]),
      [
        ["35", 1],
        ["35.09", 2],
        ["35.09.01", 3],
        ["35.09.01.2003", 4],
      ],
    );
    assert.equal(await regionLabel(t.db, "35.09.01.2003"), "Jombang, Jombang, Kabupaten Jember, Jawa Timur");
    assert.equal(await regionLabel(t.db, null), null);
    const labels = await regionLabels(t.db, ["35.09", "51.03"]);
    assert.equal(labels.get("35.09"), "Kabupaten Jember, Jawa Timur");
    assert.equal(labels.get("51.03"), "Kabupaten Badung, Bali");
  });

  it("lists children by name", async () => {
    const provinces = await listRegionChildren(t.db, null);
    assert.equal(provinces.length, 38);
    const jember = await listRegionChildren(t.db, "35.09");
    assert.equal(jember.length, 31);
    assert.deepEqual(
      jember.map((r) => r.name),
      [...jember.map((r) => r.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
});

describe("region picker on the server", () => {
  it("reads the deepest consistent choice and drops a deeper level left over from another parent", () => {
    assert.equal(regionFromForm({ region_1: "35", region_2: "35.09", region_3: "35.09.01", region_4: "35.09.01.2003" }, "region"), "35.09.01.2003");
    assert.equal(regionFromForm({ region_1: "35", region_2: "35.09", region_3: "35.09.01", region_4: "" }, "region"), "35.09.01");
    // the province was changed to Jawa Timur without JavaScript; Bali's kabupaten and kecamatan still sent
    assert.equal(regionFromForm({ region_1: "35", region_2: "51.03", region_3: "51.03.01" }, "region"), "35");
    // the kabupaten changed; the old kecamatan is dropped
    assert.equal(regionFromForm({ region_1: "35", region_2: "35.10", region_3: "35.09.01" }, "region"), "35.10");
    // a code of the wrong level stops the walk
    assert.equal(regionFromForm({ region_1: "35.09" }, "region"), null);
    assert.equal(regionFromForm({}, "region"), null);
    // FormData works too, and other pickers on the page are separate
    const form = new FormData();
    form.set("home_1", "51");
    form.set("home_2", "51.03");
    form.set("region_1", "35");
    assert.equal(regionFromForm(form, "home"), "51.03");
    // under a root (a chapter's kabupaten) only the levels below it count
    assert.equal(regionFromForm({ region_3: "35.09.01", region_4: "35.09.01.2003" }, "region", "35.09"), "35.09.01.2003");
    assert.equal(regionFromForm({ region_3: "35.10.01" }, "region", "35.09"), null);
  });

  it("knows when the no-JavaScript step button was pressed", () => {
    const form = new FormData();
    assert.equal(regionStepRequested(form), null);
    form.set("_regionStep", "region");
    assert.equal(regionStepRequested(form), "region");
  });

  it("builds the picker state: options of every level down to the choice", async () => {
    const empty = await regionPickerState(t.db, null);
    assert.deepEqual(
      empty.levels.map((l) => [l.level, unpackOptions(l.options).length, l.selected]),
      [
        [1, 38, null],
        [2, 0, null],
        [3, 0, null],
        [4, 0, null],
      ],
    );
    const s = await regionPickerState(t.db, "35.09.01", { maxLevel: 4 });
    assert.equal(s.value, "35.09.01");
    assert.deepEqual(
      s.levels.map((l) => [l.level, unpackOptions(l.options).length, l.selected]),
      [
        [1, 38, "35"],
        [2, 38, "35.09"],
        [3, 31, "35.09.01"],
        [4, 6, null],
      ],
    );
    assert.ok(unpackOptions(s.levels[3]?.options ?? "").some((o) => o.code === "35.09.01.2003" && o.name === "Jombang"));

    const kab = await regionPickerState(t.db, "51.03", { maxLevel: 3 });
    assert.deepEqual(kab.levels.map((l) => l.level), [1, 2, 3]);
    assert.equal(unpackOptions(kab.levels[2]?.options ?? "").length, 6);

    // a chapter's picker: upper levels pinned, a choice outside the root is ignored
    const rooted = await regionPickerState(t.db, "35.09.01", { maxLevel: 3, root: "35.09" });
    assert.deepEqual(rooted.levels.map((l) => [l.level, unpackOptions(l.options).length, l.selected]), [[3, 31, "35.09.01"]]);
    const outside = await regionPickerState(t.db, "51.03.01", { maxLevel: 3, root: "35.09" });
    assert.deepEqual(outside.levels.map((l) => [l.level, unpackOptions(l.options).length, l.selected]), [[3, 31, null]]);
  });

  it("checks a choice: exists, precise enough, inside the root", async () => {
    assert.equal(await checkRegion(t.db, null, 3), "regions.required");
    assert.equal(await checkRegion(t.db, "35.99.99", 3), "regions.invalid");
    assert.equal(await checkRegion(t.db, "35.09", 3), "regions.needKecamatan");
    assert.equal(await checkRegion(t.db, "35.09.01", 4), "regions.needDesa");
    assert.equal(await checkRegion(t.db, "35.09.01", 3), null);
    assert.equal(await checkRegion(t.db, "35.09.01.2003", 3), null);
    assert.equal(await checkRegion(t.db, "35.10.01", 3, "35.09"), "regions.outside");
    assert.equal(await checkRegion(t.db, "35.09.01", 3, "35.09"), null);
  });
});
