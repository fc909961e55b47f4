import { createUser } from "../factories";
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
