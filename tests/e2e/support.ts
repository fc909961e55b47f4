import { TZDate } from "@date-fns/tz";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { openDatabase, type DbHandle } from "../../db/client";
import { sessions } from "../../db/schema/accounts";
import { sessionIdOf } from "../../app/auth/session-token.server";
import { dictionaryFor } from "../../app/i18n/dictionaries.server";
import { urlFor } from "../support/db";
import { E2E_DB } from "./prepare-db";

/**
 * Each page route ships only the strings scripts/route-strings.ts found for it. A key it missed shows raw: every page
 * of every journey (also those of contexts a spec opens itself) is watched for that — dictionary keys in the text and
 * labels of each loaded document (server-rendered, so pages without JavaScript too) and the browser's "i18n:" console
 * errors (a render after a client-side navigation, see app/entry.client.tsx).
 */
const dictionaryKeys = new Set(Object.keys(dictionaryFor("id")));
const stringProblems: string[] = [];
const stringScans = new Set<Promise<void>>();
const watchedPages = new WeakSet<Page>();

function watchStrings(page: Page) {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  page.on("console", (m) => {
    const key = m.type() === "error" ? /^i18n: "([^"]+)"/.exec(m.text())?.[1] : undefined;
    if (key && dictionaryKeys.has(key)) stringProblems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("load", () => {
    const p: Promise<void> = rawKeysOn(page)
      .then((keys) => void stringProblems.push(...keys.map((k) => `${page.url()}: "${k}" shown raw`)))
      .catch(() => undefined) // the page navigated on (or closed) while we looked: its next load is checked
      .finally(() => stringScans.delete(p));
    stringScans.add(p);
  });
}

function watchContext(context: BrowserContext) {
  for (const p of context.pages()) watchStrings(p);
  context.on("page", watchStrings);
}

/** Dictionary keys in the page's visible text, labels and title (never in its scripts: loader data carries keys). */
export async function rawKeysOn(page: Page): Promise<string[]> {
  const tokens = await page.evaluate(() => {
    const found = new Set<string>();
    const add = (s: string | null | undefined) => {
      for (const m of (s ?? "").matchAll(/[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+/g)) found.add(m[0]);
    };
    add(document.title);
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const tag = n.parentElement?.tagName;
      if (tag !== "SCRIPT" && tag !== "STYLE") add(n.textContent);
    }
    for (const el of document.querySelectorAll("[aria-label],[placeholder],[title],[alt]")) {
      for (const a of ["aria-label", "placeholder", "title", "alt"]) add(el.getAttribute(a));
    }
    for (const el of document.querySelectorAll("input[type=submit],input[type=button]")) add((el as HTMLInputElement).value);
    return [...found];
  });
  return tokens.filter((t) => dictionaryKeys.has(t));
}

/** The e2e tests talk to the same database as the server under test (for fixtures and checks). */
export const test = base.extend<{ db: DbHandle["db"]; stringsShown: void }, { dbHandle: DbHandle; watchedBrowser: void }>({
  // contexts and pages a spec opens itself (browser.newContext / newPage) are watched too
  watchedBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      const newPage = browser.newPage.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const context = await newContext(...args);
        watchContext(context);
        return context;
      };
      browser.newPage = async (...args: Parameters<typeof newPage>) => {
        const page = await newPage(...args);
        watchStrings(page);
        return page;
      };
      await use();
      browser.newContext = newContext;
      browser.newPage = newPage;
    },
    { scope: "worker", auto: true },
  ],
  stringsShown: [
    async ({ context }, use) => {
      stringProblems.length = 0;
      watchContext(context);
      await use();
      await Promise.race([Promise.all([...stringScans]), new Promise((r) => setTimeout(r, 5000))]);
      expect([...new Set(stringProblems)], "interface strings missing from a route's strings (scripts/route-strings.ts)").toEqual([]);
    },
    { auto: true },
  ],
  dbHandle: [
    async ({}, use) => {
      const handle = await openDatabase({ databaseUrl: urlFor(E2E_DB), pgliteDir: "", poolSize: 3 });
      await use(handle);
      await handle.close();
    },
    { scope: "worker" },
  ],
  db: async ({ dbHandle }, use) => {
    await use(dbHandle.db);
  },
  // every page a journey visits must fit a 390 px phone (see fitsPhoneWidth)
  page: async ({ page }, use) => {
    await page.setViewportSize(PHONE);
    const overflows: string[] = [];
    const pending = new Set<Promise<void>>();
    const check = () => {
      const p = fitsPhoneWidth(page)
        .then((o) => void (o && overflows.push(o)))
        .catch(() => undefined) // the page navigated on while we measured: the next load is checked instead
        .finally(() => pending.delete(p));
      pending.add(p);
    };
    page.on("load", check);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) check();
    });
    await use(page);
    await Promise.race([Promise.all([...pending]), new Promise((r) => setTimeout(r, 5000))]);
    if (!page.isClosed()) {
      const last = await fitsPhoneWidth(page).catch(() => null);
      if (last) overflows.push(last);
    }
    expect([...new Set(overflows)], "pages wider than a 390 px phone (wide tables belong in a .table-wrap box)").toEqual([]);
  },
});

/** The phone the journeys run on: 390 × 844 CSS px. */
export const PHONE = { width: 390, height: 844 };

/**
 * null when the page has no horizontal page scroll, otherwise the URL, its width and the widest elements that stick
 * out. Checked after every load and navigation of every spec through the `page` fixture above.
 */
export async function fitsPhoneWidth(page: Page): Promise<string | null> {
  // against the phone's width, not window.innerWidth: a mobile browser widens its layout viewport to fit a page
  // that overflows (innerWidth was 894 on a 393 px phone), so that comparison never fails
  const width = page.viewportSize()?.width ?? PHONE.width;
  // synchronous on purpose: pages opened with JavaScript disabled run no animation-frame callbacks
  return page.evaluate((w) => {
    const doc = document.documentElement;
    // measured as the document commits, before a page's own stylesheet has arrived, a page is as wide as its unstyled
    // text: that is not the page people see. The load event (after the stylesheets) measures it again.
    if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((l) => !l.sheet)) return null;
    if (doc.scrollWidth <= w) return null;
    // the innermost elements past the edge, or whose text runs past their box (a long link), outside wide-table boxes
    const past = [...document.body.querySelectorAll<HTMLElement>("*")].filter(
      (el) => !el.closest(".table-wrap") && (el.getBoundingClientRect().right > w + 1 || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible")),
    );
    const wide = past
      .filter((el) => !past.some((o) => o !== el && el.contains(o)))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : ""} “${(el.textContent ?? "").slice(0, 60)}”`);
    return `${location.pathname}${location.search}: ${doc.scrollWidth}px > ${w}px (${wide.join(", ") || "an element inside a .table-wrap box: is the box the containing block of what it holds?"})`;
  }, width);
}

export { expect };

/** E2E specs other than log-in itself start with a session made directly (house style rule 14). */
export async function loginAs(page: Page, db: DbHandle["db"], userId: string): Promise<void> {
  const id = randomBytes(20).toString("hex");
  await db.insert(sessions).values({ id: sessionIdOf(id), userId, expiresAt: new Date(Date.now() + 7 * 86400_000) });
  const url = new URL(`http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`);
  await page.context().addCookies([{ name: "simpul_session", value: id, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
}

/** No serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * Opens the newest email to `to` in the development mailbox (as a person reading their inbox would) and returns
 * the first link in its text that matches `pattern`.
 */
export async function linkFromMailbox(page: Page, to: string, pattern: RegExp): Promise<string> {
  const row = page.getByRole("row").filter({ hasText: to }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(row).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await row.getByRole("link").click();
  const text = (await page.locator("pre").textContent()) ?? "";
  const match = text.match(new RegExp(`https?://\\S*${pattern.source}\\S*`));
  expect(match?.[0], `no link like ${pattern} in the email to ${to}`).toBeTruthy();
  return match?.[0] ?? "";
}

/** A start within the next three hours in WIB (registration ahead and sign-up still open, the door already open), 2 h long. */
export function soonInJakarta(): { date: string; start: string; end: string } {
  const now = new TZDate(Date.now(), "Asia/Jakarta");
  const p = (n: number) => String(n).padStart(2, "0");
  const day = (d: TZDate) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const h = now.getHours();
  if (h <= 20) return { date: day(now), start: `${p(h + 1)}:00`, end: `${p(h + 3)}:00` };
  if (h === 21) return { date: day(now), start: "22:00", end: "23:30" };
  return { date: day(new TZDate(Date.now() + 86400_000, "Asia/Jakarta")), start: "01:00", end: "03:00" };
}
