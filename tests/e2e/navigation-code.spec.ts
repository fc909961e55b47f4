import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

// A client-side navigation fetches the next route's module and the shared chunks it imports in one round trip
// (app/utils/preload-navigation.client.ts names them as modulepreload links when the navigation starts): on a slow link, each chunk
// the page did not have yet is asked for before the route module has even arrived.
test("a client-side navigation asks for the route's module and its new chunks at once", async ({ page, db }) => {
  const u = await createUser(db, { name: "Nyoman Ponsel" });
  await loginAs(page, db, u.id);
  await page.goto("/events");
  // hydrated, and the menu's routes discovered (Remix asks for the routes of the links on the page)
  await page.waitForFunction(() => "__remixRouter" in window && "routes/profile" in window.__remixManifest.routes);

  // the profile page's code, as the manifest names it, minus what the list page has already loaded
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
  const profileCode = await page.evaluate(() => {
    const route = window.__remixManifest.routes["routes/profile"];
    return route ? [route.module, ...(route.imports ?? [])] : [];
  });
  expect(profileCode.length).toBeGreaterThan(1);
  const fresh = profileCode.slice(1).filter((f) => !loaded.includes(f));
  expect(fresh.length, "the profile page imports a chunk the list has not loaded").toBeGreaterThan(0);

  // every response now takes 400 ms longer: a chunk asked for only after the module arrived starts 400 ms late
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  page.on("request", (r) => started.set(new URL(r.url()).pathname, Date.now()));
  page.on("requestfinished", (r) => finished.set(new URL(r.url()).pathname, Date.now()));
  await page.route("**/build/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });

  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Profil" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profil relawan");
  const moduleDone = finished.get(profileCode[0]!);
  expect(moduleDone).toBeDefined();
  for (const chunk of fresh) {
    expect(started.get(chunk), `${chunk} requested`).toBeDefined();
    expect(started.get(chunk)!, `${chunk} requested before the route module arrived`).toBeLessThan(moduleDone!);
  }
  // the links are in the document's head, each once
  const preloads = await page.evaluate(() => [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute("href")));
  expect(preloads).toContain(profileCode[0]);
  expect(new Set(preloads).size).toBe(preloads.length);
});

// The first events of the list have their page's code hinted with the list (PrefetchPages); a hint for one of the
// list's own files (the entry's chunks, the list route's) would be a second request for a script the page already
// loads as modulepreload, competing with it on the phone's link before hydration.
test("the event list's prefetch hints name none of its own files", async ({ page, db }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Dewi Lestari" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Made Ponsel" });
  await addMembership(db, { userId: vol.id, chapterId: chapter.id });
  const title = `Internet Sehat Arjasa ${Date.now() % 100000}`;
  await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title, date: new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10) });
  await loginAs(page, db, vol.id);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => (m.type() === "error" ? problems.push(`console: ${m.text()}`) : undefined));

  const html = (await (await page.goto("/events"))?.text()) ?? "";
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  const hinted = [...html.matchAll(/<link rel="prefetch" as="script" href="([^"]+)"/g)].map((m) => m[1]);
  expect(preloaded.length).toBeGreaterThan(0);
  expect(hinted.length, "the event page's code is hinted").toBeGreaterThan(0);
  expect(hinted.filter((h) => preloaded.includes(h))).toEqual([]);

  // the hints the browser renders after hydration are the same: the tap still works and signs up
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-hydrated"));
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.getByRole("button", { name: /^Daftar: / }).first().click();
  await expect(page.getByText("Anda terdaftar. Email konfirmasi sudah dikirim.")).toBeVisible();
  expect(problems).toEqual([]);
});
