import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { users } from "../../db/schema/accounts";
import { volunteerProfiles } from "../../db/schema/profiles";
import { addMembership, createChapter, createUser } from "../factories";
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./support";

/** A chapter whose roster holds the names as leads meet them: titles, apostrophes, two ways of writing, namesakes. */
async function messyChapter(db: Parameters<typeof createChapter>[0]) {
  const tag = randomBytes(3).toString("hex");
  const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: `Koordinator ${tag}` });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const forms = ["Hj. Siti Aminah", "Dr. Hj. Siti Aminah, S.Kom.", "Aminah Siti", "Siti Nur Aminah", "SITI AMINAH"];
  // 30 namesakes (two pages of 25), and people the search must leave out
  const rows = Array.from({ length: 30 }, (_, i) => ({ id: randomUUID(), email: `aminah-${i}-${tag}@contoh.id`, name: `${forms[i % forms.length]} ${tag}` }));
  rows.push({ id: randomUUID(), email: `maruf-${tag}@contoh.id`, name: `Moh. Ma'ruf ${tag}` }, { id: randomUUID(), email: `siti-r-${tag}@contoh.id`, name: `Siti Rahma ${tag}` });
  await db.insert(users).values(rows);
  await db.insert(memberships).values(rows.map((r) => ({ userId: r.id, chapterId: chapter.id, role: "volunteer" as const, status: "active" as const })));
  return { tag, chapter, lead, memberId: rows[0]!.id };
}

/** The members' names on the page, in order, and their links (the same name is often several people). */
const memberNames = (page: Page) => page.locator("tbody tr td:first-child a").evaluateAll((as) => as.map((a) => a.textContent ?? ""));
const memberLinks = (page: Page) => page.locator("tbody tr td:first-child a").evaluateAll((as) => as.map((a) => (a.getAttribute("href") ?? "").split("?")[0] ?? ""));
/** A roster URL's search, filters and page (the form also sends the filters left empty). */
const rosterState = (url: string) => [...new URL(url).searchParams].filter(([, v]) => v !== "").sort();

test("a lead finds members as they type them, opens one from the second page and comes back to the same search and page", async ({ page, db }) => {
  const { tag, chapter, lead } = await messyChapter(db);
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/roster`);

  // a title without its dot, an apostrophe left out, words in another order
  await page.getByLabel("Nama, email atau nomor HP").fill(`Hj Siti ${tag}`);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByRole("status")).toHaveText("12 relawan ditemukan");
  expect((await memberNames(page)).every((n) => n.startsWith("Hj.") || n.startsWith("Dr. Hj."))).toBe(true);
  await page.getByLabel("Nama, email atau nomor HP").fill(`maruf ${tag}`);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByRole("status")).toHaveText("1 relawan ditemukan");
  await expect(page.getByRole("link", { name: `Moh. Ma'ruf ${tag}` })).toBeVisible();

  // a number as the lead was told it on WhatsApp finds the member whose profile holds it
  const number = `0812${String(parseInt(tag, 16) % 100_000_000).padStart(8, "0")}`;
  await db.insert(volunteerProfiles).values({ userId: (await db.select({ id: users.id }).from(users).where(eq(users.email, `maruf-${tag}@contoh.id`)))[0]!.id, whatsapp: `+62${number.slice(1)}` });
  await page.getByLabel("Nama, email atau nomor HP").fill(`+62 ${number.slice(1, 4)}-${number.slice(4, 8)}-${number.slice(8)}`);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByRole("status")).toHaveText("1 relawan ditemukan");
  await expect(page.getByRole("link", { name: `Moh. Ma'ruf ${tag}` })).toBeVisible();

  await page.getByLabel("Nama, email atau nomor HP").fill(`${tag} siti aminah`);
  await page.getByLabel("Status").selectOption("all");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByRole("status")).toHaveText("30 relawan ditemukan");
  await page.getByRole("link", { name: "Berikutnya" }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  const second = await memberLinks(page);
  expect(second).toHaveLength(5);
  const rosterUrl = page.url();

  const name = (await memberNames(page))[2]!;
  await page.locator("tbody tr td:first-child a").nth(2).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  // a change of status on the member page keeps the way back
  await page.getByRole("button", { name: "Jadikan tidak aktif" }).click();
  await expect(page.getByTestId("member-status")).toHaveText("Tidak aktif");
  await page.getByTestId("member-back").click();
  await expect(page).toHaveURL(/\/roster\?/);
  expect(rosterState(page.url())).toEqual(rosterState(rosterUrl));
  await expect(page.getByLabel("Nama, email atau nomor HP")).toHaveValue(`${tag} siti aminah`);
  await expect(page.getByLabel("Status")).toHaveValue("all");
  expect(await memberLinks(page)).toEqual(second);
});

test("what a lead types while the last search's answer is still on its way stays in the field (a slow connection)", async ({ page, db }) => {
  const { tag, chapter, lead } = await messyChapter(db);
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/roster`);
  const field = page.getByLabel("Nama, email atau nomor HP");
  // the next answer takes 1.5 s, as on 3G
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/roster\.data/, async (route) => {
    await held;
    await route.continue();
  });
  await field.fill(`maruf ${tag}`);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await field.fill(`${tag} siti aminah`); // typed before the first answer arrives
  release();
  await expect(page.getByRole("status")).toHaveText("1 relawan ditemukan");
  await expect(field).toHaveValue(`${tag} siti aminah`);
  await page.unroute(/\/roster\.data/);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/q=[0-9a-f]{6}(\+|%20)siti(\+|%20)aminah/);
  await expect(page.getByRole("status")).not.toHaveText("1 relawan ditemukan");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the member page's back link returns to the roster's search, filters and page", async ({ page, db }) => {
    const { tag, chapter, lead, memberId } = await messyChapter(db);
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/roster`);
    await page.getByLabel("Nama, email atau nomor HP").fill(`aminah siti ${tag}`);
    await page.getByRole("button", { name: "Terapkan" }).click();
    await expect(page.getByRole("status")).toHaveText("30 relawan ditemukan");
    await page.getByRole("link", { name: "Berikutnya" }).click();
    const second = await memberLinks(page);
    const rosterUrl = page.url();
    await page.locator("tbody tr td:first-child a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(tag);
    await page.getByTestId("member-back").click();
    await expect(page).toHaveURL(/\/roster\?/);
  expect(rosterState(page.url())).toEqual(rosterState(rosterUrl));
    await expect(page.getByLabel("Nama, email atau nomor HP")).toHaveValue(`aminah siti ${tag}`);
    expect(await memberLinks(page)).toEqual(second);
    // a member page's link with a forged way back keeps only the roster's own parameters
    await page.goto(`/chapters/${chapter.slug}/members/${memberId}?dari=roster&kembali=${encodeURIComponent(`q=siti&x=1&status=all`)}`);
    await expect(page.getByTestId("member-back")).toHaveAttribute("href", `/chapters/${chapter.slug}/roster?q=siti&status=all`);
  });
});
