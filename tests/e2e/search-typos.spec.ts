import { randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { memberships } from "../../db/schema/chapters";
import { eventParticipants } from "../../db/schema/events";
import { certificates } from "../../db/schema/reports";
import { rowsOf } from "../../db/rows";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

async function asUser(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a lead misspells a member's name on the roster and follows "Mungkin maksud Anda" to her (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const names = ["Siti Nurhaliza", "Siti Aminah", "Rizal Effendi", "Drs. H. Abdul Rahman", "Nurul Huda", "Tjoa Hok Lie"];
    const rows = [...names, ...Array.from({ length: 60 }, (_, i) => `Relawan Wijaya ${i}`)].map((name, i) => ({ id: randomUUID(), email: `typo-${i}-${tag}@contoh.id`, name }));
    await db.insert(users).values(rows);
    await db.insert(memberships).values(rows.map((r) => ({ userId: r.id, chapterId: chapter.id, role: "volunteer" as const, status: "active" as const })));

    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/chapters/${chapter.slug}/roster`);
    const search = l.getByLabel("Nama, email atau nomor HP");
    await search.fill("Nurhalisa");
    if (javaScriptEnabled) await l.getByRole("button", { name: "Terapkan" }).click();
    else await search.press("Enter");
    await expect(l.getByRole("status")).toHaveText("0 relawan ditemukan");
    await expect(l.getByText("Tidak ada relawan yang cocok dengan saringan ini.")).toBeVisible();
    const suggestions = l.getByRole("navigation", { name: "Mungkin maksud Anda:" });
    await expect(suggestions.getByRole("link")).toHaveText(["Siti Nurhaliza"]);
    if (javaScriptEnabled) await expectAccessible(l);
    await suggestions.getByRole("link", { name: "Siti Nurhaliza" }).click();
    await expect(l.getByRole("status")).toHaveText("1 relawan ditemukan");
    await expect(search).toHaveValue("Siti Nurhaliza");
    await expect(l.locator("tbody tr td:first-child a")).toHaveText(["Siti Nurhaliza"]);
    await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" })).toHaveCount(0);

    // two words, one misspelt; a title without its dot and a typo in the name
    for (const [typed, meant] of [
      ["Rizal Efendi", "Rizal Effendi"],
      ["Drs Abdul Rahmat", "Drs. H. Abdul Rahman"],
    ] as const) {
      await search.fill(typed);
      if (javaScriptEnabled) await l.getByRole("button", { name: "Terapkan" }).click();
      else await search.press("Enter");
      await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" }).getByRole("link")).toHaveText([meant]);
    }
    // nothing alike: no suggestion block at all
    await search.fill("Qwertyuiop");
    if (javaScriptEnabled) await l.getByRole("button", { name: "Terapkan" }).click();
    else await search.press("Enter");
    await expect(l.getByRole("status")).toHaveText("0 relawan ditemukan");
    await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" })).toHaveCount(0);
    // clearing the filters clears the field too
    await l.getByRole("link", { name: "Hapus saringan" }).click();
    await expect(l.getByRole("status")).toHaveText("66 relawan ditemukan");
    await expect(search).toHaveValue("");
    await l.context().close();
  });

  test(`a lead misspells a school in the event form's venue search, picks the look-alike and saves (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "35.11", name: `RTIK Bondowoso T${javaScriptEnabled ? "A" : "B"}${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Rina Bondowoso" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    // more registry entries than the picker lists, so the form searches
    await db.execute(sql`insert into institution (type, name, region_code, dedup_key)
      select 'school', 'SD Negeri ' || g || ' Maesan', '35.11.01', 'school|35.11.01|e2e-' || g from generate_series(1, 150) g
      union all select 'school', 'SMA Negeri 2 Bondowoso', '35.11.02', 'school|35.11.02|sman2bondowoso'
      union all select 'school', 'PP Nurul Jadid Tamanan', '35.11.02', 'school|35.11.02|pesantrennuruljadidtamanan'
      on conflict (dedup_key) do nothing`);
    const when = { date: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), start: "08:00", end: "10:00" };
    await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.11.01", venueName: "SMP Negeri 1 Maesan", title: "Internet Sehat Maesan", date: when.date });

    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/events/new?chapter=${chapter.id}`);
    await l.getByLabel("Judul kegiatan").fill("Internet Sehat SMAN 2");
    await l.getByLabel("Program").selectOption({ label: "Internet Sehat" });
    await l.getByLabel("Tanggal (hari pertama)").fill(when.date);
    await l.getByLabel("Jam mulai").fill(when.start);
    await l.getByLabel("Jam selesai").fill(when.end);
    await l.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran").fill("Narasumber");
    await l.getByRole("group", { name: "Peran 1" }).getByLabel("Kapasitas").fill("2");

    const search = l.getByLabel("Cari tempat terdaftar");
    await search.fill("SMAN 2 Bondowsoo");
    if (javaScriptEnabled) await l.getByRole("button", { name: "Cari tempat" }).click();
    else await search.press("Enter");
    await expect(l.getByText("Tidak ada tempat terdaftar yang cocok dengan “SMAN 2 Bondowsoo”. Mungkin maksud Anda:", { exact: false })).toBeVisible();
    const venue = l.getByLabel("Tempat yang sudah terdaftar");
    // the most alike first; nothing is chosen for the lead
    await expect(venue.locator("option").nth(1)).toHaveText("SMA Negeri 2 Bondowoso — Tamanan");
    await expect(venue.locator("option:checked")).toHaveText("— tempat baru (isi di bawah) —");
    await expect(l.getByLabel("Judul kegiatan")).toHaveValue("Internet Sehat SMAN 2");
    await venue.selectOption({ label: "SMA Negeri 2 Bondowoso — Tamanan" });
    await l.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(l.getByRole("heading", { level: 1 })).toHaveText("Internet Sehat SMAN 2");
    const eventId = Number(new URL(l.url()).pathname.split("/")[2]);
    const [saved] = rowsOf<{ name: string }>(await db.execute(sql`select i.name from event e join institution i on i.id = e.venue_id where e.id = ${eventId}`));
    expect(saved?.name).toBe("SMA Negeri 2 Bondowoso");
    await l.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a lead misspells a recipient in the chapter's issued certificates and follows the suggestion (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    let n = 0;
    for (const [name, subject] of [
      ["Siti Nurhaliza", "Literasi Digital SMAN 2 Jember"],
      ["Rizal Effendi", "Literasi Digital SMAN 2 Jember"],
    ] as const) {
      const u = await createUser(db, { name });
      n++;
      await db.insert(certificates).values({ code: `T${tag}${n}`, kind: "event", dedupKey: `e2e-typo|${tag}|${n}`, userId: u.id, chapterId: chapter.id, recipientName: name, chapterName: chapter.name, subject, activityDate: "2026-11-01", hours: 3, year: 2026, issuedBy: lead.id });
    }
    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/chapters/${chapter.slug}/capaian/sertifikat/terbit`);
    const search = l.getByLabel("Cari nama, kegiatan atau kode");
    await search.fill("Nurhalisa");
    await search.press("Enter");
    await expect(l.getByTestId("cert-count")).toHaveText("0 sertifikat");
    const suggestions = l.getByRole("navigation", { name: "Mungkin maksud Anda:" });
    await expect(suggestions.getByRole("link")).toHaveText(["Siti Nurhaliza"]);
    await suggestions.getByRole("link", { name: "Siti Nurhaliza" }).click();
    await expect(l.getByTestId("cert-count")).toHaveText("1 sertifikat");
    await expect(search).toHaveValue("Siti Nurhaliza");
    await expect(l.getByTestId(`cert-T${tag}1`)).toBeVisible();
    await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" })).toHaveCount(0);
    await l.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`at the door a lead misspells a registered participant and checks her in from "Mungkin maksud Anda" (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const date = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date, title: `Internet Sehat ${tag}` });
    const names = ["Siti Nurhaliza", "Siti Aminah", "Rizal Effendi", "Nurul Huda", ...Array.from({ length: 40 }, (_, i) => `Peserta Wijaya ${i}`)];
    await db.insert(eventParticipants).values(
      names.map((name, i) => ({ eventId, name, institutionName: "SMA Negeri 2 Jember", personKey: `${name.toLowerCase()}|sman2jember`, source: "ahead" as const, code: `K${tag.toUpperCase().slice(0, 3)}${String(i).padStart(2, "0")}`.slice(0, 6) })),
    );

    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/events/${eventId}/participants`);
    const search = l.getByLabel("Cari nama atau kode");
    await search.fill("Nurhalisa");
    await l.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(l.getByText("Tidak ada peserta yang cocok dengan “Nurhalisa”.")).toBeVisible();
    await expect(l.getByText("Belum ada peserta.")).toHaveCount(0);
    const suggestions = l.getByRole("navigation", { name: "Mungkin maksud Anda:" });
    await expect(suggestions.getByRole("link")).toHaveText(["Siti Nurhaliza"]);
    if (javaScriptEnabled) await expectAccessible(l);
    await suggestions.getByRole("link", { name: "Siti Nurhaliza" }).click();
    await expect(l.getByTestId("participant")).toHaveCount(1);
    await expect(l.getByTestId("participant")).toContainText("Siti Nurhaliza");
    await expect(search).toHaveValue("Siti Nurhaliza");
    await l.getByTestId("participant").getByRole("button", { name: "Hadir" }).click();
    await expect(l.getByTestId("participant-counts")).toContainText("Hadir: 1 ·");

    // the words in another order; nothing alike at all
    await search.fill("Huda Nurul");
    await l.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" }).getByRole("link")).toHaveText(["Nurul Huda"]);
    await search.fill("Qwertyuiop");
    await l.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(l.getByText("Tidak ada peserta yang cocok dengan “Qwertyuiop”.")).toBeVisible();
    await expect(l.getByRole("navigation", { name: "Mungkin maksud Anda:" })).toHaveCount(0);
    await l.context().close();
  });
}
