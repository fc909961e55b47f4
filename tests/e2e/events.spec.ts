import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { rowsOf } from "../../db/rows";
import ICAL from "ical.js";
import sharp from "sharp";
import { events, eventSessions, onboardings, outcomePhotos, outcomeReports, signups } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, expectAccessible, loginAs, soonInJakarta, test } from "./support";

const port = Number(process.env.E2E_PORT ?? 3210);
const uploads = path.resolve(`tests/.tmp/uploads-e2e-${port}`);

async function asUser(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 393, height: 851 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

async function planEvent(page: Page, chapterName: string, title: string) {
  const when = soonInJakarta();
  await page.goto("/events");
  await page.getByRole("link", { name: `Kegiatan baru — ${chapterName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rencanakan kegiatan");
  await page.getByLabel("Judul kegiatan").fill(title);
  await page.getByLabel("Program").selectOption({ label: "Internet Sehat" });
  await page.getByLabel("Nama tempat baru").fill("SMP Negeri 3 Jember");
  await page.getByLabel("Jenis lembaga").selectOption("school");
  await page.getByLabel("Kecamatan").selectOption({ index: 1 });
  await page.getByLabel("Tanggal (hari pertama)").fill(when.date);
  await page.getByLabel("Jam mulai").fill(when.start);
  await page.getByLabel("Jam selesai").fill(when.end);
  await page.getByLabel("Batas daftar/batal (jam sebelum mulai)").fill("0");
  await page.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran").fill("Narasumber");
  await page.getByRole("group", { name: "Peran 1" }).getByLabel("Kapasitas").fill("1");
  await page.getByRole("group", { name: "Peran 2" }).getByLabel("Nama peran").fill("Dokumentasi");
  await page.getByRole("group", { name: "Peran 2" }).getByLabel("Kapasitas").fill("2");
  await page.getByRole("button", { name: "Simpan kegiatan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

/** The event is over (it ended an hour ago): a report may be filed and approved only then. */
async function endEvent(db: Parameters<typeof loginAs>[1], eventId: number) {
  const [e] = await db.select({ endsAt: events.endsAt }).from(events).where(eq(events.id, eventId));
  const shift = (e?.endsAt.getTime() ?? 0) - (Date.now() - 3_600_000);
  await db.update(events).set({ startsAt: sql`${events.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${events.endsAt} - ${shift} * interval '1 millisecond'` }).where(eq(events.id, eventId));
  await db.update(eventSessions).set({ startsAt: sql`${eventSessions.startsAt} - ${shift} * interval '1 millisecond'`, endsAt: sql`${eventSessions.endsAt} - ${shift} * interval '1 millisecond'` }).where(eq(eventSessions.eventId, eventId));
}

async function setup(db: Parameters<typeof loginAs>[1]) {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  return { chapter, lead, vol };
}

test("lead plans an event with two roles → volunteer signs up, subscribes, checks in → lead files and approves the report with a photo", async ({ page, db, browser, request }) => {
  const { chapter, lead, vol } = await setup(db);
  await loginAs(page, db, lead.id);
  const eventId = await planEvent(page, chapter.name, "Internet Sehat di SMPN 3");
  await expect(page.getByText("Kegiatan tersimpan.")).toBeVisible();
  const qr = page.getByRole("img", { name: "Kode QR untuk check-in relawan" });
  await expect(qr).toBeVisible();
  // an image of its own (the lead can save or share it), loaded and drawn
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const code = (await page.getByTestId("checkin-code").textContent()) ?? "";
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(page.getByText(/WIB/).first()).toBeVisible();
  await expectAccessible(page);
  await page.locator("#new-role-name").fill("Registrasi");
  await page.locator("#new-role-capacity").fill("3");
  await page.getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Registrasi" })).toBeVisible();

  // the volunteer
  const v = await asUser(browser, db, vol.id);
  await v.goto("/events");
  await v.getByRole("link", { name: "Internet Sehat di SMPN 3" }).click();
  await expectAccessible(v);
  // the QR codes carry the check-in code: a lead's only
  for (const kind of ["checkin", "door"]) expect((await v.request.get(`/events/${eventId}/qr/${kind}`)).status()).toBe(403);
  expect((await request.get(`/events/${eventId}/qr/checkin`, { maxRedirects: 0 })).status()).toBe(302);
  await v.getByRole("button", { name: "Daftar: Narasumber" }).click();
  await expect(v.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
  await expect(v.getByText("Anda terdaftar sebagai Narasumber.")).toBeVisible();
  const confirmation = await db.select({ subject: outbox.subject, status: outbox.status }).from(outbox).where(and(eq(outbox.toEmail, vol.email), eq(outbox.template, "event-signup")));
  expect(confirmation).toHaveLength(1);

  await v.goto("/events");
  await v.getByRole("link", { name: "Jadwal saya dan tautan kalender" }).click();
  await v.getByRole("button", { name: "Buat tautan kalender" }).click();
  const feedUrl = await v.getByTestId("feed-url").inputValue();
  await expectAccessible(v);
  const feed = await request.get(new URL(feedUrl).pathname);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const comp = new ICAL.Component(ICAL.parse(await feed.text()));
  const vevent = comp.getFirstSubcomponent("vevent");
  expect(vevent?.getFirstPropertyValue("summary")).toBe("Internet Sehat di SMPN 3");
  expect(vevent?.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Asia/Jakarta");
  expect(comp.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Asia/Jakarta");
  // only its hash is kept: the link is shown once; later the page says one exists and offers a new one
  await expect(v.getByText("Tautan kalender dibuat.")).toBeVisible();
  await v.reload();
  await expect(v.getByTestId("feed-url")).toHaveCount(0);
  await expect(v.getByTestId("feed-exists")).toBeVisible();
  expect(await v.content()).not.toContain(new URL(feedUrl).pathname);
  // without JavaScript too: a new link is shown in the answer to the form, and the old one stops working
  const vNoJs = await asUser(browser, db, vol.id, false);
  await vNoJs.goto("/events/mine");
  await vNoJs.getByRole("button", { name: "Buat tautan baru (yang lama berhenti)" }).click();
  await expect(vNoJs.getByText("Tautan kalender baru dibuat. Tautan lama tidak berlaku lagi.")).toBeVisible();
  const newFeedUrl = await vNoJs.getByTestId("feed-url").inputValue();
  expect(newFeedUrl).not.toBe(feedUrl);
  expect((await request.get(new URL(feedUrl).pathname)).status()).toBe(404);
  expect((await request.get(new URL(newFeedUrl).pathname)).headers()["content-type"]).toContain("text/calendar");
  await vNoJs.getByRole("button", { name: "Cabut tautan" }).click();
  await expect(vNoJs.getByText("Tautan kalender dicabut.")).toBeVisible();
  await expect(vNoJs.getByRole("button", { name: "Buat tautan kalender" })).toBeVisible();
  expect((await request.get(new URL(newFeedUrl).pathname)).status()).toBe(404);
  await vNoJs.context().close();

  await v.goto(`/events/${eventId}/checkin`);
  await v.getByLabel("Kode check-in").fill("ZZZZZZ");
  await v.getByRole("button", { name: "Saya hadir" }).click();
  await expect(v.getByText("Kode tidak cocok. Periksa lagi huruf dan angkanya.")).toBeVisible();
  await v.getByLabel("Kode check-in").fill(code.toLowerCase());
  await v.getByRole("button", { name: "Saya hadir" }).click();
  await expect(v.getByText(/Terima kasih, kehadiran Anda tercatat\. 2 jam relawan dikreditkan\./)).toBeVisible();
  await expectAccessible(v);
  const [s] = await db.select({ attendedAt: signups.attendedAt, hours: signups.hoursCredited }).from(signups).where(eq(signups.userId, vol.id));
  expect(s?.hours).toBe(2);

  // the lead sees the attendance, files the outcome report with a photo carrying GPS, approves it (after the event)
  await endEvent(db, eventId);
  await page.reload();
  await expect(page.getByRole("button", { name: "Batalkan tanda hadir: Budi Santoso" })).toBeVisible();
  await page.getByRole("link", { name: "Laporan hasil" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Laporan hasil kegiatan");
  await expectAccessible(page);
  await page.getByLabel("Jumlah peserta").fill("150");
  await page.getByLabel("Perempuan (bila diketahui)").fill("80");
  await page.getByLabel("Laki-laki (bila diketahui)").fill("70");
  await page.getByLabel("SMP Negeri 3 Jember").check();
  const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#2b6" } })
    .jpeg()
    .withExif({ IFD0: { Make: "Simpul" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 42/1 0/1" } })
    .toBuffer();
  expect((await sharp(photo).metadata()).exif).toBeTruthy();
  await page.getByLabel("Foto kegiatan").setInputFiles([{ name: "kegiatan.jpg", mimeType: "image/jpeg", buffer: photo }]);
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page.getByText("Laporan terkirim, menunggu persetujuan koordinator")).toBeVisible();
  await expect(page.getByRole("img", { name: "Foto kegiatan 1" })).toBeVisible();
  await page.getByRole("button", { name: "Setujui laporan" }).click();
  await expect(page.getByText("Laporan disetujui")).toBeVisible();

  const [report] = await db.select({ id: outcomeReports.id, status: outcomeReports.status }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
  expect(report?.status).toBe("approved");
  const [stored] = await db.select({ fileName: outcomePhotos.fileName, width: outcomePhotos.width }).from(outcomePhotos).where(eq(outcomePhotos.reportId, report?.id ?? 0));
  expect(stored?.width).toBe(1600);
  const file = await fs.readFile(path.join(uploads, "events", stored?.fileName ?? ""));
  expect((await sharp(file).metadata()).exif).toBeUndefined();
  const [ev] = await db.select({ status: events.status }).from(events).where(eq(events.id, eventId));
  expect(ev?.status).toBe("completed");

  // the public page, as WhatsApp would fetch it
  const anon = await browser.newContext();
  const pub = await anon.newPage();
  await pub.goto(`/e/${eventId}`);
  await expect(pub.locator('meta[property="og:title"]')).toHaveAttribute("content", "Internet Sehat di SMPN 3");
  await expect(pub.locator('meta[property="og:description"]')).toHaveAttribute("content", /WIB/);
  await expect(pub.getByText("150 peserta dan 1 lembaga dijangkau.")).toBeVisible();
  await expectAccessible(pub);
  expect(await pub.locator("script[src]").count()).toBe(0);
});

test("signing up and cancelling with JavaScript: one request each, answered with the page as it now is", async ({ db, browser }) => {
  const { chapter, lead, vol } = await setup(db);
  const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const eventId = await createOutreachEvent(db, {
    chapterId: chapter.id,
    leadId: lead.id,
    venueRegion: "35.09.01",
    title: "Internet Sehat di SMPN 1 Ajung",
    date,
    roles: [
      { name: "Narasumber", capacity: 2 },
      { name: "Dokumentasi", capacity: 1 },
    ],
  });
  const v = await asUser(browser, db, vol.id);
  await v.goto("/events");
  await v.getByRole("link", { name: "Internet Sehat di SMPN 1 Ajung" }).click();
  await expect(v.getByRole("button", { name: "Daftar: Narasumber" })).toBeVisible();
  await expect(v.getByText("0 dari 2 tempat terisi")).toBeVisible();

  // someone else takes a place while the page is open: the answer shows it too (the true state, not a guess)
  const other = await createUser(db, { name: "Siti Aminah" });
  await addMembership(db, { userId: other.id, chapterId: chapter.id });
  const { getEvent } = await import("../../app/models/events/events.server");
  const { signUp } = await import("../../app/models/events/signups.server");
  const roles = (await getEvent(db, eventId))?.roles ?? [];
  await signUp(db, { eventId, roleId: roles[1]!.id, userId: other.id });

  const requests: string[] = [];
  v.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith(`/events/${eventId}`)) requests.push(`${r.method()} ${url.pathname}${url.search}`);
  });
  await v.getByRole("button", { name: "Daftar: Narasumber" }).click();
  await expect(v.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
  await expect(v.getByText("Anda terdaftar sebagai Narasumber.")).toBeVisible();
  await expect(v.getByText("1 dari 2 tempat terisi")).toBeVisible();
  await expect(v.getByText("1 dari 1 tempat terisi")).toBeVisible();
  await expect(v.getByRole("button", { name: /^Daftar: / })).toHaveCount(0);
  expect(requests).toEqual([`POST /events/${eventId}.data?index`]);
  expect(new URL(v.url()).pathname).toBe(`/events/${eventId}`);
  const [mine] = await db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, vol.id)));
  expect(mine?.status).toBe("confirmed");

  requests.length = 0;
  await v.getByRole("button", { name: "Batalkan pendaftaran saya" }).click();
  await expect(v.getByText("Pendaftaran Anda dibatalkan.")).toBeVisible();
  await expect(v.getByText("0 dari 2 tempat terisi")).toBeVisible();
  await expect(v.getByRole("button", { name: "Daftar: Narasumber" })).toBeVisible();
  expect(requests).toEqual([`POST /events/${eventId}.data?index`]);

  // the page loaded afresh shows the same state
  await v.reload();
  await expect(v.getByText("0 dari 2 tempat terisi")).toBeVisible();
  await expect(v.getByText("1 dari 1 tempat terisi")).toBeVisible();
  await expect(v.getByText("Anda terdaftar sebagai Narasumber.")).toHaveCount(0);

  // an address that carries an earlier notice gets the new one (a reload must not show "cancelled" again)
  await v.goto(`/events/${eventId}?n=cancelled`);
  await v.waitForLoadState("networkidle");
  await v.getByRole("button", { name: "Daftar: Narasumber" }).click();
  await expect(v.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
  await expect(v).toHaveURL(new RegExp(`/events/${eventId}\\?n=confirmed$`));
  await expect(v.getByText("Pendaftaran Anda dibatalkan.")).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  test(`a lead of a chapter of 400 members finds one far down the alphabet and assigns them (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const { chapter, lead } = await setup(db);
    // a roster import's worth of members: the list shows the first 50 by name, Yusuf is not among them
    const p = `e2e-assign-${chapter.id}-`;
    await db.execute(sql`insert into app_user (id, email, name)
      select ${p} || g, ${p} || g || '@contoh.test', (array['Agus', 'Ahmad', 'Budi', 'Dewi'])[1 + g % 4] || ' ' || g from generate_series(1, 400) g`);
    await db.execute(sql`insert into membership (user_id, chapter_id, role, status) select ${p} || g, ${chapter.id}::int, 'volunteer', 'active' from generate_series(1, 400) g`);
    const yusuf = await createUser(db, { name: "Yusuf Maulana" });
    await addMembership(db, { userId: yusuf.id, chapterId: chapter.id });
    const date = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: "Bimtek Operator Desa", date, roles: [{ name: "Pendamping", capacity: 3 }] });

    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/events/${eventId}`);
    const card = l.locator("#assign");
    await expect(card.getByText("Menampilkan 50 nama pertama menurut abjad. Cari nama untuk anggota lainnya.")).toBeVisible();
    await expect(card.getByLabel("Nama", { exact: true }).locator("option")).toHaveCount(50);
    await expect(card.getByLabel("Nama", { exact: true }).locator("option", { hasText: "Yusuf" })).toHaveCount(0);

    // a typo first: nothing found, the words kept in the field
    await card.getByLabel("Cari anggota (nama atau email)").fill("yusup");
    await card.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(card.getByText("Tidak ada anggota aktif yang cocok dengan “yusup” dan belum terdaftar di acara ini.")).toBeVisible();
    await expect(card.getByLabel("Cari anggota (nama atau email)")).toHaveValue("yusup");
    await expect(l).toHaveURL(new RegExp(`/events/${eventId}\\?cari=yusup#assign$`));
    // … and who may have been meant, a link to that search
    const meant = card.getByRole("navigation", { name: "Mungkin maksud Anda:" });
    await expect(meant.getByRole("link")).toHaveText(["Yusuf Maulana"]);
    await meant.getByRole("link", { name: "Yusuf Maulana" }).click();
    await expect(card.getByText("1 anggota cocok dengan “Yusuf Maulana”.")).toBeVisible();
    await expect(card.getByLabel("Cari anggota (nama atau email)")).toHaveValue("Yusuf Maulana");
    await expect(card.getByLabel("Nama", { exact: true })).toHaveValue(yusuf.id);

    await card.getByLabel("Cari anggota (nama atau email)").fill("YUSUF");
    await card.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(card.getByText("1 anggota cocok dengan “YUSUF”.")).toBeVisible();
    await expect(card.getByLabel("Nama", { exact: true })).toHaveValue(yusuf.id);
    if (javaScriptEnabled) await expectAccessible(l); // axe runs in the page: not without JavaScript
    await card.getByRole("button", { name: "Tugaskan", exact: true }).click();
    await expect(l.getByText("Relawan ditugaskan.")).toBeVisible();
    const [placed] = await db.select({ status: signups.status }).from(signups).where(and(eq(signups.eventId, eventId), eq(signups.userId, yusuf.id)));
    expect(placed?.status).toBe("confirmed");
    // on the event now: a search for them finds no one to assign
    await l.goto(`/events/${eventId}?cari=yusuf`);
    await expect(l.locator("#assign").getByText("Tidak ada anggota aktif yang cocok dengan “yusuf” dan belum terdaftar di acara ini.")).toBeVisible();
    await expect(l.locator("#assign").getByRole("navigation", { name: "Mungkin maksud Anda:" })).toHaveCount(0);
    await l.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a lead plans an event at a school far down a kabupaten's registry, found by a search inside the form (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const chapter = await createChapter(db, { regionCode: "35.11", name: `RTIK Bondowoso ${javaScriptEnabled ? "A" : "B"}${Date.now() % 100000}` });
    const lead = await createUser(db, { name: "Rina Bondowoso" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    // a kabupaten's schools and UMKM as an import writes them (more than the picker lists), and the school wanted,
    // registered as "SMA Negeri 2 Bondowoso" and searched for as "sman 2"
    await db.execute(sql`insert into institution (type, name, region_code, dedup_key)
      select 'school', 'SD Negeri ' || g || ' Maesan', '35.11.01', 'school|35.11.01|e2e-' || g from generate_series(1, 150) g
      union all select 'school', 'SMA Negeri 2 Bondowoso', '35.11.02', 'school|35.11.02|sman2bondowoso'
      on conflict (dedup_key) do nothing`);
    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.11.01", venueName: "SMP Negeri 1 Maesan", title: "Internet Sehat Maesan", date });

    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/events/new?chapter=${chapter.id}`);
    await expect(l.getByText("Daftar tempat memuat tempat yang pernah dipakai kegiatan chapter ini.", { exact: false })).toBeVisible();
    const venue = l.getByLabel("Tempat yang sudah terdaftar");
    await expect(venue.locator("option")).toHaveText(["— tempat baru (isi di bawah) —", "SMP Negeri 1 Maesan — Maesan"]);
    await l.getByLabel("Judul kegiatan").fill("Internet Sehat SMAN 2");
    await l.getByLabel("Program").selectOption({ label: "Internet Sehat" });
    await l.getByLabel("Tanggal (hari pertama)").fill(date);
    await l.getByLabel("Jam mulai").fill("08:00");
    await l.getByLabel("Jam selesai").fill("10:00");
    await l.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran").fill("Narasumber");
    await l.getByRole("group", { name: "Peran 1" }).getByLabel("Kapasitas").fill("2");

    // a typo first, then the school as people write it; Enter in the search field searches (it does not save)
    const search = l.getByLabel("Cari tempat terdaftar");
    await search.fill("sman 22");
    if (javaScriptEnabled) await l.getByRole("button", { name: "Cari tempat" }).click();
    else await search.press("Enter");
    await expect(l.getByText("Tidak ada tempat terdaftar yang cocok dengan “sman 22”.", { exact: false })).toBeVisible();
    await expect(l.getByLabel("Judul kegiatan")).toHaveValue("Internet Sehat SMAN 2");
    await l.getByLabel("Cari tempat terdaftar").fill("sman 2");
    if (javaScriptEnabled) await l.getByRole("button", { name: "Cari tempat" }).click();
    else await l.getByLabel("Cari tempat terdaftar").press("Enter");
    await expect(l.getByText("1 tempat cocok dengan “sman 2” kini ada di daftar tempat.")).toBeVisible();
    // what was typed is all there, and the one match is chosen
    await expect(l.getByLabel("Judul kegiatan")).toHaveValue("Internet Sehat SMAN 2");
    await expect(l.getByLabel("Jam selesai")).toHaveValue("10:00");
    await expect(l.getByRole("group", { name: "Peran 1" }).getByLabel("Nama peran")).toHaveValue("Narasumber");
    await expect(venue.locator("option:checked")).toHaveText("SMA Negeri 2 Bondowoso — Tamanan");
    if (javaScriptEnabled) await expectAccessible(l); // axe runs in the page: not without JavaScript
    // Enter in the title now saves: the search in the field is the one the list shows
    await l.getByLabel("Judul kegiatan").press("Enter");
    await expect(l.getByRole("heading", { level: 1 })).toHaveText("Internet Sehat SMAN 2");
    const eventId = Number(new URL(l.url()).pathname.split("/")[2]);
    const [saved] = rowsOf<{ name: string }>(await db.execute(sql`select i.name from event e join institution i on i.id = e.venue_id where e.id = ${eventId}`));
    expect(saved?.name).toBe("SMA Negeri 2 Bondowoso");
    // editing it later: the venue is chosen in the list
    await l.goto(`/events/${eventId}/edit`);
    await expect(venue.locator("option:checked")).toHaveText("SMA Negeri 2 Bondowoso — Tamanan");
    await l.context().close();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the planner shows errors in place, and a volunteer signs up, joins the waitlist and cancels", async ({ page, db, browser }) => {
    const { chapter, lead, vol } = await setup(db);
    await loginAs(page, db, lead.id);
    await page.goto(`/events/new?chapter=${chapter.id}`);
    await page.getByLabel("Nama tempat baru").fill("Balai Desa Sukorejo");
    await page.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(page.locator("#f-title-error")).toHaveText("Wajib diisi.");
    await expect(page.getByLabel("Nama tempat baru")).toHaveValue("Balai Desa Sukorejo");
    // a role row begun without its capacity, another without its name: each said next to its own field
    const row = (n: number) => page.getByRole("group", { name: `Peran ${n}` });
    await row(1).getByLabel("Nama peran").fill("Narasumber");
    await row(3).getByLabel("Kapasitas").fill("4");
    await page.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(row(1).getByText("Tulis berapa relawan untuk peran ini.")).toBeVisible();
    await expect(row(1).getByLabel("Kapasitas")).toHaveAttribute("aria-invalid", "true");
    await expect(row(2).getByText("Tulis nama peran ini.")).toBeVisible();
    await expect(row(2).getByLabel("Kapasitas")).toHaveValue("4");
    await expect(row(1).getByLabel("Nama peran")).toHaveValue("Narasumber");
    await expect(page.locator("#f-title-error")).toHaveText("Wajib diisi.");
    const eventId = await planEvent(page, chapter.name, "Desa Go-Online Sukorejo");

    const other = await createUser(db, { name: "Siti Aminah" });
    await addMembership(db, { userId: other.id, chapterId: chapter.id });
    const a = await asUser(browser, db, other.id, false);
    await a.goto(`/events/${eventId}`);
    await a.getByRole("button", { name: "Daftar: Narasumber" }).click();
    await expect(a.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
    await expect(a.getByText("Anda terdaftar sebagai Narasumber.")).toBeVisible();
    await expect(a.getByText("1 dari 1 tempat terisi")).toBeVisible();
    expect(new URL(a.url()).search).toBe("?n=confirmed");

    const b = await asUser(browser, db, vol.id, false);
    await b.goto(`/events/${eventId}`);
    await b.getByRole("button", { name: "Masuk daftar tunggu: Narasumber" }).click();
    await expect(b.getByText("Anda di daftar tunggu Narasumber, nomor 1.")).toBeVisible();

    await a.getByRole("button", { name: "Batalkan pendaftaran saya" }).click();
    await expect(a.getByText("Pendaftaran Anda dibatalkan.")).toBeVisible();
    await b.reload();
    await expect(b.getByText("Anda terdaftar sebagai Narasumber.")).toBeVisible();
  });

  test("the planner refuses more roles than it takes, and shows every row typed again", async ({ page, db }) => {
    const { chapter, lead } = await setup(db);
    await loginAs(page, db, lead.id);
    await page.goto(`/events/new?chapter=${chapter.id}`);
    await page.getByLabel("Judul kegiatan").fill("Bimtek Jaringan OPD");
    // the page shows four rows; a form with 22 (as a longer form or a script would send) must not lose any
    await page.evaluate(() => {
      const first = document.querySelector('[role="group"][aria-label="Peran 1"]');
      if (!first?.parentElement) throw new Error("no role rows");
      for (let i = 0; i < 22; i++) {
        const row = i < 4 ? document.querySelector(`[role="group"][aria-label="Peran ${i + 1}"]`) : first.cloneNode(true);
        if (!(row instanceof HTMLElement)) throw new Error("no role row");
        row.setAttribute("aria-label", `Peran ${i + 1}`);
        for (const input of Array.from(row.querySelectorAll("input"))) {
          input.name = input.name.replace(/^role\.\d+\./, `role.${i}.`);
          input.value = input.name.endsWith(".name") ? `Peran ${i + 1}` : input.name.endsWith(".capacity") ? "2" : "";
        }
        if (i >= 4) first.parentElement.appendChild(row);
      }
    });
    await page.getByRole("button", { name: "Simpan kegiatan" }).click();
    await expect(page.locator("#f-roles-error")).toContainText("paling banyak 20 peran");
    await expect(page.getByLabel("Judul kegiatan")).toHaveValue("Bimtek Jaringan OPD");
    await expect(page.getByRole("group", { name: /^Peran \d+$/ })).toHaveCount(22);
    await expect(page.getByRole("group", { name: "Peran 22" }).getByLabel("Nama peran")).toHaveValue("Peran 22");
    await expect(page.getByRole("group", { name: "Peran 22" }).getByLabel("Kapasitas")).toHaveValue("2");
  });
});

// axe needs JavaScript in the page: forms are driven without it, pages are checked in a JavaScript context
test.describe("a season's registers", () => {
  test("admin declares a program's outcomes; lead keeps the venue registry; participants register at the door; the report lists UMKM brought online", async ({ page, db, browser }) => {
    const admin = await createUser(db, { name: "Admin Pusat", isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.goto("/admin/programs");
    await expect(page.getByRole("cell", { name: "UMKM Go-Online", exact: true })).toBeVisible();
    const name = `Kelas Konten ${Date.now() % 100000}`;
    await page.getByRole("button", { name: "Tambahkan program" }).click();
    await expect(page.locator("#f-nameId-error")).toHaveText("Wajib diisi.");
    await page.getByLabel("Nama (Bahasa Indonesia)").fill(name);
    await page.getByLabel("Nama (English)").fill("Content class");
    await page.getByLabel("UMKM/desa go-online").check();
    await page.getByRole("button", { name: "Tambahkan program" }).click();
    await expect(page.getByText("Program ditambahkan.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("UMKM/desa go-online");
    await expectAccessible(page);

    const { chapter, lead } = await setup(db);
    const when = soonInJakarta();
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", venueName: "Balai Desa Ajung", programSlug: "umkm-go-online", title: "UMKM Go-Online Ajung", date: when.date, startTime: when.start, endTime: when.end });
    const l = await asUser(browser, db, lead.id, false);
    await l.goto(`/chapters/${chapter.slug}/venues`);
    await expect(l.getByRole("cell", { name: "Balai Desa Ajung", exact: true })).toBeVisible();
    await l.getByLabel("Nama lembaga").fill("balai desa  AJUNG");
    await l.getByLabel("Jenis lembaga").selectOption("school");
    await l.getByRole("button", { name: "Tambahkan" }).click();
    await expect(l.locator("#f-regionCode-error")).toBeVisible();
    await expect(l.getByLabel("Nama lembaga")).toHaveValue("balai desa  AJUNG");
    await l.getByLabel("Kecamatan").selectOption("35.09.01");
    await l.getByRole("button", { name: "Tambahkan" }).click();
    await expect(l.getByText("Lembaga ini sudah terdaftar; tidak dibuat dua kali.")).toBeVisible();
    await expect(l.getByRole("cell", { name: /balai desa ajung/i })).toHaveCount(1);
    const lj = await asUser(browser, db, lead.id, true);
    await lj.goto(`/chapters/${chapter.slug}/venues?q=ajung`);
    await expectAccessible(lj);

    await l.goto(`/events/${eventId}`);
    const code = (await l.getByTestId("checkin-code").textContent()) ?? "";
    await expect(l.getByRole("img", { name: "Kode QR daftar hadir peserta" })).toBeVisible();

    // a participant on their own phone, not logged in
    const anon = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await anon.goto(`/e/${eventId}/hadir?code=${code}`);
    await anon.getByRole("button", { name: "Saya hadir" }).click();
    await expect(anon.locator("#f-name-error")).toHaveText("Wajib diisi.");
    await anon.getByLabel("Nama", { exact: true }).fill("Sri Wahyuni");
    await anon.getByLabel("Asal lembaga").fill("Batik Sri Ajung");
    await anon.getByLabel("Perempuan").check();
    await anon.getByLabel("Tidak, 18 tahun atau lebih").check();
    await anon.getByRole("button", { name: "Saya hadir" }).click();
    await expect(anon.getByText("Terima kasih, kehadiran Anda tercatat.", { exact: false })).toBeVisible();
    const anonJs = await (await browser.newContext()).newPage();
    await anonJs.goto(anon.url());
    await expectAccessible(anonJs);

    await endEvent(db, eventId);
    await l.goto(`/events/${eventId}/report`);
    await expect(l.getByText("Daftar hadir di pintu: 1 peserta (1 perempuan, 0 laki-laki).")).toBeVisible();
    await expect(l.getByLabel("Jumlah peserta")).toHaveValue("1");
    const row1 = l.getByRole("group", { name: "Lembaga go-online 1" });
    await row1.getByLabel("Nama lembaga (UMKM, desa, sekolah …)").fill("Batik Sri Ajung");
    await row1.getByLabel("Toko di marketplace").check();
    await row1.getByLabel("QRIS").check();
    await l.getByRole("group", { name: "Lembaga go-online 2" }).getByLabel("Nama lembaga (UMKM, desa, sekolah …)").fill("Kopi Ajung");
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.locator("#f-onb\\.1\\.kinds-error")).toHaveText("Centang minimal satu yang disiapkan.");
    await expect(row1.getByLabel("QRIS")).toBeChecked();
    await l.getByRole("group", { name: "Lembaga go-online 2" }).getByLabel("Halaman media sosial").check();
    // a bad file: a clear message at the field, nothing typed is lost, nothing stored
    await l.getByLabel("Foto kegiatan").setInputFiles([{ name: "daftar-hadir.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 not a photo") }]);
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.locator("#f-photos-error")).toHaveText("Jenis berkas tidak didukung. Unggah foto JPEG, PNG atau WebP.");
    await expect(l.getByRole("group", { name: "Lembaga go-online 2" }).getByLabel("Halaman media sosial")).toBeChecked();
    expect(await db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId))).toHaveLength(0);
    await l.getByLabel("Foto kegiatan").setInputFiles([]);
    await l.getByRole("button", { name: "Kirim laporan" }).click();
    await expect(l.getByText("Laporan terkirim, menunggu persetujuan koordinator")).toBeVisible();
    // what was filed comes back as the editable go-online list
    await expect(l.getByLabel("Daftar go-online (tempel dari spreadsheet)")).toHaveValue(/Batik Sri Ajung;umkm;[^;\n]*;marketplace, qris/);
    await lj.goto(`/events/${eventId}/report`);
    await expectAccessible(lj);
    const [report] = await db.select({ id: outcomeReports.id }).from(outcomeReports).where(eq(outcomeReports.eventId, eventId));
    expect(await db.select({ kinds: onboardings.kinds }).from(onboardings).where(eq(onboardings.reportId, report?.id ?? 0))).toHaveLength(2);
  });
});

test("a long list of events goes on to the next page and back, without JavaScript", async ({ db, browser }) => {
  const { chapter, lead, vol } = await setup(db);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  // a week of "Internet Sehat" talks across the chapter: 105 events, the last five a month later
  for (let i = 0; i < 105; i++)
    await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: `Internet Sehat sesi ${i + 1}`, date: day(i < 100 ? 3 + (i % 7) : 40), startTime: "09:00", endTime: "10:00" });
  const v = await asUser(browser, db, vol.id, false);
  await v.goto("/events");
  await expect(v.getByRole("link", { name: "Internet Sehat sesi 101", exact: true })).toHaveCount(0);
  await v.getByRole("link", { name: "Kegiatan berikutnya →" }).click();
  await expect(v.getByRole("link", { name: "Internet Sehat sesi 101", exact: true })).toBeVisible();
  await expect(v.getByRole("link", { name: "Internet Sehat sesi 105", exact: true })).toBeVisible();
  await expect(v.getByRole("link", { name: "Kegiatan berikutnya →" })).toHaveCount(0);
  await v.getByRole("link", { name: "← Dari awal" }).click();
  await expect(v).toHaveURL(/\/events$/);
  await expect(v.getByRole("link", { name: "Internet Sehat sesi 1", exact: true })).toBeVisible();
  await v.context().close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a lead's forms say what is wrong by the field and keep what was typed; cancelling the event takes a confirmation (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ db, browser }) => {
    const { chapter, lead, vol } = await setup(db);
    const other = await createUser(db, { name: "Citra Ayu" });
    await addMembership(db, { userId: other.id, chapterId: chapter.id });
    const date = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const roles = [{ name: "Pendamping", capacity: 1 }];
    const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: "Kelas Literasi Digital", date, roles });
    const l = await asUser(browser, db, lead.id, javaScriptEnabled);
    await l.goto(`/events/${eventId}`);

    // a new role without a name and with far too many places: each message by its field, the typed values kept
    await l.locator("#new-role-capacity").fill("100000");
    await l.locator("#new-role-skills").fill("desain");
    await l.getByRole("button", { name: "Tambahkan" }).click();
    await expect(l.locator("#new-role-name-error")).toHaveText("Wajib diisi.");
    await expect(l.locator("#new-role-capacity-error")).toHaveText("Kapasitas paling banyak 1000.");
    await expect(l.locator("#new-role-capacity")).toHaveAttribute("aria-invalid", "true");
    await expect(l.locator("#new-role-capacity")).toHaveAttribute("aria-describedby", "new-role-capacity-error");
    await expect(l.locator("#new-role-capacity")).toHaveValue("100000");
    await expect(l.locator("#new-role-skills")).toHaveValue("desain");

    // one place: the second assignment fails, and the first one's notice (still in the address) is not shown with it
    const card = l.locator("#assign");
    await card.getByLabel("Nama", { exact: true }).selectOption({ label: vol.name });
    await card.getByRole("button", { name: "Tugaskan", exact: true }).click();
    await expect(l.getByText("Relawan ditugaskan.")).toBeVisible();
    await card.getByLabel("Nama", { exact: true }).selectOption({ label: other.name });
    await card.getByRole("button", { name: "Tugaskan", exact: true }).click();
    await expect(card.locator("#assign-role-error")).toHaveText("Peran ini sudah penuh. Naikkan kapasitas atau keluarkan seseorang dulu.");
    await expect(card.getByLabel("Nama", { exact: true })).toHaveValue(other.id);
    await expect(l.getByText("Relawan ditugaskan.")).toHaveCount(0);

    // cancelling: the first press only warns; "Kembali" leaves the event as it was
    const status = async () => (await db.select({ status: events.status }).from(events).where(eq(events.id, eventId)))[0]?.status;
    await l.getByRole("link", { name: "Batalkan kegiatan", exact: true }).click();
    const warning = l.locator("#cancel-event");
    await expect(warning).toContainText("tidak bisa diurungkan");
    expect(await status()).toBe("published");
    await warning.getByRole("link", { name: "Kembali" }).click();
    await expect(l.locator("#cancel-event")).toHaveCount(0);
    expect(await status()).toBe("published");
    await l.getByRole("link", { name: "Batalkan kegiatan", exact: true }).click();
    await l.locator("#cancel-event").getByRole("button", { name: "Ya, batalkan kegiatan" }).click();
    await expect(l.getByText("Kegiatan dibatalkan; relawan sudah diberi tahu.")).toBeVisible();
    expect(await status()).toBe("cancelled");
    const told = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toEmail, vol.email), eq(outbox.template, "event-changed")));
    expect(told).toHaveLength(1);
    await l.context().close();
  });
}
