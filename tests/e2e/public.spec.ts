import { gzipSync } from "node:zlib";
import { and, eq, like } from "drizzle-orm";
import ICAL from "ical.js";
import sharp from "sharp";
import { rateLimits } from "../../db/schema/accounts";
import { eventParticipants } from "../../db/schema/events";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, expectAccessible, loginAs, soonInJakarta, test } from "./support";

test("a visitor without JavaScript finds an event from the home page, registers, gets the .ics; the lead checks people in; the report counts the check-ins", async ({ browser, db, request }) => {
  // every journey registers from 127.0.0.1: the per-address budget (40 registrations in 10 minutes) is this one's own
  await db.delete(rateLimits).where(like(rateLimits.key, "participant:ip:%"));
  test.setTimeout(120_000);
  const chapter = await createChapter(db, { regionCode: "13.10", name: `RTIK Kabupaten Dharmasraya ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Nofrianti Lead" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const title = `Sosialisasi Smart City ${Date.now() % 100000}`;
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "13.10.01", venueName: "Gedung Nasional Pulau Punjung", title, date: when.date, startTime: when.start, endTime: when.end });
  const draftId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "13.10.01", title: `Draf ${title}`, date: when.date, startTime: when.start, endTime: when.end, draft: true });

  // the visitor: a phone without JavaScript, no account
  const visitor = await (await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta", viewport: { width: 390, height: 844 } })).newPage();
  const axePage = await (await browser.newContext({ locale: "id-ID", viewport: { width: 390, height: 844 } })).newPage();
  await visitor.goto("/");
  await visitor.getByRole("link", { name: "Kabupaten Dharmasraya", exact: true }).first().click();
  await expect(visitor.getByRole("heading", { name: "Kegiatan mendatang di Kabupaten Dharmasraya" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: `Draf ${title}` })).toHaveCount(0);
  await visitor.getByRole("link", { name: title }).click();
  // remembered: the home page opens on the same kabupaten next time
  await visitor.goto("/");
  await expect(visitor.getByRole("heading", { name: "Kegiatan mendatang di Kabupaten Dharmasraya" })).toBeVisible();
  await axePage.goto("/?wilayah=13.10");
  await expectAccessible(axePage);
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.getByRole("link", { name: "Bagikan ke WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=.*Daftar%20di%20sini|^https:\/\/wa\.me\/\?text=/);
  await axePage.goto(`/e/${eventId}`);
  await expectAccessible(axePage);

  // schema.org Event and the Open Graph card
  const ld = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(ld["@context"]).toBe("https://schema.org");
  expect(ld["@type"]).toBe("Event");
  expect(ld.name).toBe(title);
  expect(new Date(ld.startDate).getTime()).toBeGreaterThan(Date.now());
  expect(ld.location["@type"]).toBe("Place");
  expect(ld.eventStatus).toBe("https://schema.org/EventScheduled");
  const ogUrl = (await visitor.locator('meta[property="og:image"]').getAttribute("content")) ?? "";
  expect(ogUrl).toMatch(new RegExp(`/e/${eventId}/og\\.png$`));
  const og = await request.get(new URL(ogUrl).pathname);
  expect(og.headers()["content-type"]).toBe("image/png");
  const meta = await sharp(await og.body()).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);

  // register ahead: a bad phone is refused at the field, nothing typed is lost
  await visitor.getByRole("link", { name: "Daftar sebagai peserta" }).click();
  await visitor.getByLabel("Nama", { exact: true }).fill("Sri Wahyuni");
  await visitor.getByLabel("Asal lembaga").fill("SMA Negeri 1 Pulau Punjung");
  await visitor.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("021-555");
  await visitor.getByLabel("Tidak, 18 tahun atau lebih").check();
  await visitor.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(visitor.locator("#f-phone-error")).toBeVisible();
  await expect(visitor.getByLabel("Asal lembaga")).toHaveValue("SMA Negeri 1 Pulau Punjung");
  await visitor.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("0812-6677-8899");
  await visitor.getByLabel("Tidak, 18 tahun atau lebih").check();
  await visitor.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
  const ticketCode = (await visitor.getByTestId("ticket-code").textContent()) ?? "";
  expect(ticketCode).toMatch(/^[A-Z2-9]{6}$/);
  await axePage.goto(visitor.url());
  await expectAccessible(axePage);
  const icsHref = (await visitor.getByRole("link", { name: "Tambahkan ke kalender (.ics)" }).getAttribute("href")) ?? "";
  const ics = await request.get(icsHref);
  const comp = new ICAL.Component(ICAL.parse(await ics.text()));
  const vevent = comp.getFirstSubcomponent("vevent");
  expect(vevent?.getFirstPropertyValue("summary")).toBe(title);
  expect(vevent?.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Asia/Jakarta");
  const dtstart = vevent?.getFirstPropertyValue("dtstart");
  expect(dtstart && typeof dtstart === "object" && "hour" in dtstart ? dtstart.hour : -1).toBe(Number(when.start.slice(0, 2)));
  // the same person registering again is not counted twice
  const ticketUrl = visitor.url();
  await visitor.goto(`/e/${eventId}/daftar`);
  await visitor.getByLabel("Nama", { exact: true }).fill("sri  wahyuni");
  await visitor.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("+62 812 6677 8899");
  await visitor.getByLabel("Tidak, 18 tahun atau lebih").check();
  await visitor.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(visitor.getByText("Anda sudah terdaftar sebelumnya; pendaftaran tidak digandakan.", { exact: false })).toBeVisible();
  expect(visitor.url()).not.toContain("/tiket/"); // a repeat never hands out the first registration's secret link
  const second = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await second.goto(`/e/${eventId}/daftar`);
  await second.getByLabel("Nama", { exact: true }).fill("Andi Saputra");
  await second.getByLabel("Tidak, 18 tahun atau lebih").check();
  await second.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
  // her son registers on her phone: another name on the same number is another person, with a ticket of his own
  const son = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await son.goto(`/e/${eventId}/daftar`);
  await son.getByLabel("Nama", { exact: true }).fill("Dimas Wahyudi");
  await son.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("0812-6677-8899");
  await son.getByLabel("Tidak, 18 tahun atau lebih").check();
  await son.getByRole("button", { name: "Daftar", exact: true }).click();
  await expect(son.getByRole("heading", { level: 1 })).toHaveText("Anda terdaftar");
  expect(son.url()).not.toBe(ticketUrl);
  // a visitor reading the English page is written to in English
  const english = await browser.newContext({ javaScriptEnabled: false });
  await english.addCookies([{ name: "simpul_lang", value: "en", url: new URL(son.url()).origin }]);
  const en = await english.newPage();
  await en.goto(`/e/${eventId}/daftar`);
  await en.locator('input[name="name"]').fill("Emma Visser");
  await en.locator('input[name="email"]').fill("emma.visser@contoh.test");
  await en.locator('input[name="minor"][value="no"]').check();
  await en.locator('form.card button[type="submit"]').click();
  await expect(en).toHaveURL(/\/tiket\//);
  const [emma] = await db.select({ locale: eventParticipants.locale }).from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.name, "Emma Visser")));
  expect(emma?.locale).toBe("en");

  // at the door: the lead (no JavaScript either) finds the pre-registered person by name and checks her in
  const l = await (await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", timezoneId: "Asia/Jakarta" })).newPage();
  await loginAs(l, db, lead.id);
  await l.goto(`/events/${eventId}`);
  const doorCode = (await l.getByTestId("checkin-code").textContent()) ?? "";
  await l.getByRole("link", { name: /Daftar peserta umum/ }).click();
  await l.getByLabel("Cari nama atau kode").fill("sri");
  await l.getByRole("button", { name: "Cari" }).click();
  await expect(l.getByTestId("participant")).toHaveCount(1);
  await l.getByRole("button", { name: "Hadir: Sri Wahyuni" }).click();
  await expect(l.getByText(/Hadir \d/)).toBeVisible();
  const lj = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await loginAs(lj, db, lead.id);
  await lj.goto(`/events/${eventId}/participants`);
  await expectAccessible(lj);

  // a walk-in registers at the door; the pre-registered person filling the door form too is not counted again
  const walkIn = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await walkIn.goto(`/e/${eventId}/hadir?code=${doorCode}`);
  await expect(walkIn.getByText(/Isi nama Anda agar tercatat sebagai peserta/)).toBeVisible();
  await walkIn.getByLabel("Nama", { exact: true }).fill("Pendatang Langsung");
  await walkIn.getByLabel("Tidak, 18 tahun atau lebih").check();
  await walkIn.getByRole("button", { name: "Saya hadir" }).click();
  await expect(walkIn.getByText("Terima kasih, kehadiran Anda tercatat.", { exact: false })).toBeVisible();
  await walkIn.getByLabel("Nama", { exact: true }).fill("Sri Wahyuni");
  await walkIn.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("081266778899");
  await walkIn.getByLabel("Tidak, 18 tahun atau lebih").check();
  await walkIn.getByRole("button", { name: "Saya hadir" }).click();
  await expect(walkIn.getByText("Anda sudah terdaftar — kehadiran Anda tercatat satu kali.", { exact: false })).toBeVisible();
  await axePage.goto(walkIn.url());
  await expectAccessible(axePage);
  // a teacher types her number for her pupil: the pupil is counted; the pupil pressing again is not
  for (const [name, message] of [
    ["Rani Putri", "Terima kasih, kehadiran Anda tercatat."],
    ["rani  putri", "Anda sudah terdaftar — kehadiran Anda tercatat satu kali."],
  ]) {
    await walkIn.getByLabel("Nama", { exact: true }).fill(name ?? "");
    await walkIn.getByLabel("Nomor WhatsApp/HP (boleh dikosongkan)").fill("0812 6677 8899");
    await walkIn.getByLabel("Tidak, 18 tahun atau lebih").check();
    await walkIn.getByRole("button", { name: "Saya hadir" }).click();
    await expect(walkIn.getByText(message ?? "", { exact: false })).toBeVisible();
  }

  const checkedIn = await db.select({ id: eventParticipants.id }).from(eventParticipants).where(and(eq(eventParticipants.eventId, eventId)));
  expect(checkedIn).toHaveLength(6); // Sri, Andi, Dimas and Emma (registered, not present), the walk-in, the pupil on Sri's phone
  await l.goto(`/events/${eventId}/report`);
  await expect(l.getByLabel("Jumlah peserta")).toHaveValue("3");

  // search engines: only public, non-draft events
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`/e/${eventId}</loc>`);
  expect(sitemap).not.toContain(`/e/${draftId}</loc>`);
  expect(sitemap).toContain(`/chapters/${chapter.slug}</loc>`);
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Sitemap: .*\/sitemap\.xml/);
  expect((await request.get(`/e/${draftId}`)).status()).toBe(404);

  // the chapter's public page: upcoming event, feed, sharing, contact form
  await visitor.goto(`/chapters/${chapter.slug}`);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Kalender kegiatan chapter (.ics)" })).toHaveAttribute("href", `/chapters/${chapter.slug}/calendar.ics`);
  await visitor.getByLabel("Nama Anda").fill("Pak Yulianto");
  await visitor.getByLabel("Email atau WhatsApp untuk balasan").fill("0813-1111-2222");
  await visitor.getByLabel("Pesan").fill("Apakah sekolah kami bisa dikunjungi untuk Internet Sehat?");
  await visitor.getByRole("button", { name: "Kirim pesan" }).click();
  await expect(visitor.getByText("Pesan terkirim ke koordinator chapter. Terima kasih!")).toBeVisible();
  await axePage.goto(`/chapters/${chapter.slug}`);
  await expectAccessible(axePage);

  // light: every visitor page ≤ 30 KB of HTML gzip and no JavaScript
  const pages = ["/", "/?wilayah=13.10", `/e/${eventId}`, `/e/${eventId}/daftar`, new URL(ticketUrl).pathname, `/e/${eventId}/hadir`, `/chapters/${chapter.slug}`];
  const weights: string[] = [];
  for (const p of pages) {
    const html = await (await request.get(p)).text();
    const kb = gzipSync(html).length / 1024;
    weights.push(`${p} ${kb.toFixed(1)} KB`);
    expect(kb, p).toBeLessThanOrEqual(30);
    expect(html, p).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  }
  console.log(`visitor page weights (HTML gzip): ${weights.join("; ")}`);
});
