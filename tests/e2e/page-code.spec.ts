import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { tutoringRequests } from "../../db/schema/tutoring";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

// Less JavaScript on the first load (issue 13): the lead's panels of the event page and the profile's region picker
// are parts whose code the browser fetches after the page's (app/components/lazy-part.tsx), and the event list
// prefetches the first events' route discovery and code (app/components/PrefetchPages.tsx). These journeys prove the
// parts still render, hydrate without a mismatch and work, on a first load and after a client-side navigation.

/** Every uncaught error and console error of the page (a hydration mismatch is one: React logs it and re-renders). */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  return problems;
}

function inNextDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("the lead's panels come with the server's page, their code apart: they hydrate and work, also after a client-side navigation from the list", async ({ page, db }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: "Internet Sehat Ajung", date: inNextDays(3) });
  await loginAs(page, db, lead.id);
  const problems = problemsOf(page);

  // first load: the page's HTML neither loads nor preloads the part's chunk, but shows the part
  const partRequests: string[] = [];
  page.on("request", (r) => (r.url().includes("LeadSection.lazy") ? partRequests.push(r.url()) : undefined));
  const response = await page.goto(`/events/${eventId}`);
  const html = (await response?.text()) ?? "";
  expect(html).not.toContain("LeadSection.lazy");
  expect(html).toContain("Untuk koordinator");
  await expect(page.getByRole("heading", { name: "Untuk koordinator" })).toBeVisible();
  await expect.poll(() => partRequests.length).toBeGreaterThan(0);

  // the part's form works through Remix (no new document) once its code is there
  const documents: string[] = [];
  page.on("request", (r) => (r.isNavigationRequest() && r.frame() === page.mainFrame() ? documents.push(r.url()) : undefined));
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Nama peran", { exact: true }).last().fill("Konsumsi");
  await page.getByLabel("Kapasitas", { exact: true }).last().fill("3");
  await page.getByRole("button", { name: "Tambahkan", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Konsumsi" })).toBeVisible();
  expect(documents, "the form was sent by Remix, not as a new document").toEqual([]);

  // from the list: its HTML prefetches the event's route discovery and code; the tap is a client-side navigation,
  // and the lead's part arrives with its code
  const list = await page.goto("/events");
  const listHtml = (await list?.text()) ?? "";
  expect(listHtml).toContain(`rel="prefetch" as="fetch" href="/__manifest?p=%2Fevents%2F${eventId}&amp;version=`);
  expect(listHtml).toMatch(/rel="prefetch" as="script" href="\/build\/routes\/events\.\$eventId\._index-[A-Z0-9]+\.js"/);
  await page.waitForLoadState("networkidle");
  documents.length = 0;
  await page.getByRole("link", { name: "Internet Sehat Ajung" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Internet Sehat Ajung");
  await expect(page.getByRole("heading", { name: "Untuk koordinator" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Konsumsi" })).toBeVisible();
  expect(documents).toEqual([]);

  expect(problems).toEqual([]);
});

test("a volunteer's event page carries no lead code at all", async ({ page, db }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title: "Internet Sehat Sukowono", date: inNextDays(4) });
  await loginAs(page, db, vol.id);
  const problems = problemsOf(page);
  const partRequests: string[] = [];
  page.on("request", (r) => (r.url().includes("LeadSection.lazy") ? partRequests.push(r.url()) : undefined));
  await page.goto(`/events/${eventId}`);
  await expect(page.getByRole("button", { name: /^Daftar: / }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Untuk koordinator" })).toHaveCount(0);
  expect(partRequests).toEqual([]);
  expect(problems).toEqual([]);
});

test("a volunteer's pages on a phone build no date formatter in the browser: the server writes their dates", async ({ page, db }) => {
  // the first Intl.DateTimeFormat a phone builds loads locale and zone data: ~150 ms of a 4× slowed CPU (DECISIONS 71)
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Budi Santoso" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const title = `Internet Sehat Kalisat ${Date.now() % 100000}`;
  await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title, date: inNextDays(5) });
  await page.addInitScript(() => {
    const w = window as unknown as { __formatters: number };
    w.__formatters = 0;
    Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
      construct(target, args) {
        w.__formatters++;
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args) {
        w.__formatters++;
        return Reflect.apply(target, self, args) as unknown;
      },
    });
  });
  await loginAs(page, db, vol.id);
  const problems = problemsOf(page);
  const formatters = () => page.evaluate(() => (window as unknown as { __formatters: number }).__formatters);

  await page.goto("/events");
  await page.waitForLoadState("networkidle");
  const card = page.locator("li.card", { has: page.getByRole("link", { name: title }) });
  await expect(card).toContainText(/\d{4},? \d{2}\.\d{2} WIB/);
  // after a client-side navigation too (the event page's days), then the sign-up answered with the page
  await card.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: "Waktu dan tempat" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Waktu dan tempat" })).toContainText(/\d{2}\.\d{2} WIB/);
  await page.getByRole("button", { name: /^Daftar: / }).first().click();
  await expect(page.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
  expect(await formatters()).toBe(0); // counted per document: checked before each new one
  await page.goto("/events/mine");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.locator("main li", { has: page.getByRole("link", { name: title }) })).toContainText("WIB");
  expect(await formatters()).toBe(0);
  // the tutoring board with an open request of the volunteer's chapter
  const f = new FormData();
  for (const [k, v] of Object.entries({ name: "Pak Harjo", whatsapp: "0813-4444-9002", topics: "marketplace", forWhom: "self", language: "id", mode: "home", consent: "yes", minor: "no" })) f.append(k, v);
  const parsed = parseTutoringForm(f, "35.09.01");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const filed = await createTutoringRequest(db, parsed.data, { ip: `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, locale: "id" });
  if (!filed.ok) throw new Error(JSON.stringify(filed));
  await db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, filed.requestId));
  await page.goto("/tutoring");
  await page.waitForLoadState("networkidle");
  await expect(page.locator(`main li.card:has(a[href="/tutoring/${filed.requestId}"])`)).toContainText(/\d{2}\.\d{2} WIB/);
  expect(await formatters()).toBe(0);
  expect(problems).toEqual([]);
});

test("the report page of an event not yet started says when it opens, written by the server in the reader's language", async ({ page, db }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const eventId = await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", date: "2027-03-10", startTime: "08:00" });
  await page.addInitScript(() => {
    const w = window as unknown as { __formatters: number };
    w.__formatters = 0;
    Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
      construct(target, args) {
        w.__formatters++;
        return Reflect.construct(target, args) as object;
      },
    });
  });
  await loginAs(page, db, lead.id);
  const problems = problemsOf(page);
  await page.goto(`/events/${eventId}/report`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("note")).toHaveText(/^Laporan bisa diisi mulai 10 Mar 2027,? 08\.00 WIB, saat kegiatan dimulai\.$/);
  expect(await page.evaluate(() => (window as unknown as { __formatters: number }).__formatters)).toBe(0);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("note")).toHaveText(/^The report can be filed from 10 Mar 2027,? 08:00 WIB, when the event starts\.$/);
  expect(problems).toEqual([]);
});

test("a page names its scripts in a Link header (the same ones as its modulepreload tags); the log-in page names none", async ({ page, db }) => {
  const vol = await createUser(db, { name: "Budi Santoso" });
  await loginAs(page, db, vol.id);
  const problems = problemsOf(page);
  const res = await page.goto("/events");
  const html = (await res?.text()) ?? "";
  const header = res?.headers()["link"] ?? "";
  const fromHeader = [...header.matchAll(/<([^>]+)>; rel=modulepreload/g)].map((m) => m[1]);
  const fromTags = [...new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]))];
  expect(fromHeader.length).toBeGreaterThan(2);
  expect(fromHeader.some((h) => /\/build\/routes\/events\._index-/.test(h ?? ""))).toBe(true);
  expect([...fromHeader].sort()).toEqual([...fromTags].sort());
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(problems).toEqual([]);

  const anon = await page.context().browser()!.newContext();
  const login = await (await anon.newPage()).goto("/login");
  expect(login?.headers()["link"]).toBeUndefined();
  await anon.close();
});
