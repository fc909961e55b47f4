import type { Page } from "@playwright/test";
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
