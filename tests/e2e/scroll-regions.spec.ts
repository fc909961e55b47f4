import type { Browser, Page } from "@playwright/test";
import { outbox } from "../../db/schema/outbox";
import { tutoringRequests, tutoringSessions } from "../../db/schema/tutoring";
import { addMembership, createChapter, createUser } from "../factories";
import { insertAttendance, insertEvent, insertInstitution } from "../support/reports-fixture";
import { expect, expectAccessible, loginAs, test } from "./support";

/**
 * Tables on a phone filled with the names and figures chapters really have: a 56-character chapter name, a school named
 * in full, 60-character emails, 7-digit figures. Every table then scrolls sideways at 360 px, and a frame that scrolls
 * must take the keyboard's focus and be named after its table (axe "scrollable-region-focusable", serious).
 */

const CHAPTER = "Relawan TIK Kabupaten Kepulauan Siau Tagulandang Biaro";
const SCHOOL = "Madrasah Ibtidaiyah Negeri 2 Kabupaten Kepulauan Seribu";

/** An email of exactly 60 characters, unique per run. */
function email60(who: string, stamp: number): string {
  const tail = `.${stamp}@relawantik-kepulauan.id`;
  return `${who}.${"x".repeat(60)}`.slice(0, 60 - tail.length) + tail;
}

/** yyyy-mm-dd in WIB, `days` ago, kept inside the current year (the Laporan's default period). */
function wibDay(days: number): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(now.getTime() - days * 86400_000);
  return (d.getUTCFullYear() === now.getUTCFullYear() ? d : new Date(Date.UTC(now.getUTCFullYear(), 0, 1, 12))).toISOString().slice(0, 10);
}

async function phone(browser: Browser, db: Parameters<typeof loginAs>[1], userId: string, locale: "id-ID" | "en-US" = "id-ID"): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: "Asia/Jakarta", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginAs(page, db, userId);
  return page;
}

/** Every element on the page that scrolls sideways, with its focusability and accessible name as the page states them. */
async function scrollers(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => {
        const by = el.getAttribute("aria-labelledby");
        const name = by ? (document.getElementById(by)?.textContent ?? "") : (el.getAttribute("aria-label") ?? "");
        return { tabIndex: el.tabIndex, role: el.getAttribute("role"), name: name.trim() };
      }),
  );
}

test("tables with long names and 7-digit figures scroll at 360 px in frames that take the keyboard's focus and are named, in both languages", async ({ db, browser }) => {
  test.setTimeout(240_000); // axe on a dozen pages on a busy 2-core machine
  const stamp = Date.now() % 100000;
  const chapter = await createChapter(db, { regionCode: "35.09", name: CHAPTER });
  const lead = await createUser(db, { name: "Maria Magdalena Tumbelaka-Lumenta", email: email60("koordinator.siau.tagulandang.biaro", stamp) });
  const vol = await createUser(db, { name: "Christofel Bernhard Makalalag Pangemanan", email: email60("relawan.kepulauan.siau.tagulandang", stamp) });
  const admin = await createUser(db, { name: "Admin Nasional", isAdmin: true });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const school = await insertInstitution(db, `${SCHOOL} ${stamp}`, "school", "35.09");
  const ev = await insertEvent(db, { chapterId: chapter.id, regionCode: "35.09", timeZone: "Asia/Jakarta", title: "Internet Sehat untuk Madrasah se-Kepulauan Siau Tagulandang Biaro", date: wibDay(3), time: "08:00", participants: 1_234_567, reached: [school], venueId: school });
  await insertAttendance(db, ev, vol.id, 3);
  // one open request for help and one completed with 1,234 hours of tutoring by the volunteer
  for (const status of ["new", "completed"] as const) {
    const [r] = await db
      .insert(tutoringRequests)
      .values({ tokenHash: `scroll-${status}-${stamp}`, chapterId: chapter.id, regionCode: "35.09.01", learnerName: "Ibu Theresia Wilhelmina Mangindaan-Sumampouw", whatsapp: "+6281200001111", forWhom: "self", language: "id", mode: "home", consentAt: new Date(), consentVersion: "v1", status, closedAt: status === "completed" ? new Date() : null })
      .returning({ id: tutoringRequests.id });
    if (status === "completed") await db.insert(tutoringSessions).values({ requestId: r!.id, tutorId: vol.id, heldOn: wibDay(2), minutes: 74_040, topic: "WhatsApp" });
  }
  // an email the server gave up on, to a 60-character address
  await db.insert(outbox).values({ dedupKey: `scroll-dead-${stamp}`, toEmail: vol.email, template: "welcome", locale: "id", payload: {}, status: "dead", attempts: 8, lastError: "550 5.1.1 mailbox unavailable" });

  const base = `/chapters/${chapter.slug}`;
  const l = await phone(browser, db, lead.id);
  // the targets form and the roster fit or scroll depending on the phone's font; the others scroll at 360 px
  for (const [path, scrolls] of [[`${base}/targets`, false], [`${base}/capaian/laporan`, true], [`${base}/capaian/schools_internet_sehat`, true], [`${base}/tutoring`, true], [`${base}/roster`, false]] as const) {
    await l.goto(path);
    const found = await scrollers(l);
    if (scrolls) expect(found.length, `${path}: a table wider than the phone`).toBeGreaterThan(0);
    // axe passes a frame holding a link, which takes the focus itself: the frame is checked here as well
    for (const s of found) expect(s, path).toEqual({ tabIndex: 0, role: "region", name: expect.stringMatching(/\S/) });
    await expectAccessible(l);
  }
  // the Laporan's regions carry the names of their sections
  await l.goto(`${base}/capaian/laporan`);
  for (const name of ["Indikator dan target", "Kegiatan per program", "Daftar kegiatan", "Relawan teladan (menurut jam)"]) await expect(l.getByRole("region", { name, exact: true })).toBeVisible();
  const indicators = l.getByRole("region", { name: "Indikator dan target", exact: true });
  await indicators.focus();
  await expect(indicators).toBeFocused();
  await l.keyboard.press("ArrowRight");
  await expect.poll(() => indicators.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  const a = await phone(browser, db, admin.id);
  for (const path of ["/admin/chapters", "/admin/indicators", "/admin/programs", "/admin/outbox", "/admin/languages"]) {
    await a.goto(path);
    for (const s of await scrollers(a)) expect(s, path).toEqual({ tabIndex: 0, role: "region", name: expect.stringMatching(/\S/) });
    await expectAccessible(a);
  }
  await a.goto("/admin/outbox");
  expect(await scrollers(a)).not.toEqual([]);

  // in English the regions are named in English
  const enLead = await createUser(db, { name: "Jonathan Alexander Rumengan-Kalangi", email: email60("coordinator.english.siau.tagulandang", stamp), locale: "en" });
  await addMembership(db, { userId: enLead.id, chapterId: chapter.id, role: "lead" });
  const e = await phone(browser, db, enLead.id, "en-US");
  await e.goto(`${base}/capaian/laporan`);
  for (const name of ["Indicators and targets", "Activities per program", "Activities", "Volunteer honour roll (by hours)"]) await expect(e.getByRole("region", { name, exact: true })).toBeVisible();
  await expectAccessible(e);
});
