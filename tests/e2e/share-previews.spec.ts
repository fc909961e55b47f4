import sharp from "sharp";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { expect, soonInJakarta, test } from "./support";

// WhatsApp's preview is built by a crawler: no JavaScript, no cookie, only the tags in the page's head
test.use({ javaScriptEnabled: false });

test("the home page, the request-for-help form and a chapter page each give a link preview with a card that loads", async ({ page, db, request }) => {
  const chapter = await createChapter(db, { regionCode: "35.09", name: `RTIK Kabupaten Jember ${Date.now() % 100000}` });
  const lead = await createUser(db, { name: "Rahmat Lead" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const when = soonInJakarta();
  const title = `Internet Sehat di MTs Negeri 1 ${Date.now() % 100000}`;
  await createOutreachEvent(db, { chapterId: chapter.id, leadId: lead.id, venueRegion: "35.09.01", title, date: when.date, startTime: when.start, endTime: when.end });

  const og = (name: string) => page.locator(`meta[property="og:${name}"]`);
  async function cardLoads(url: string) {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const res = await request.get(new URL(url).pathname);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    const meta = await sharp(await res.body()).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  }

  await page.goto("/");
  await expect(og("title")).toHaveAttribute("content", "Simpul — Relawan TIK Indonesia");
  await expect(og("description")).toHaveAttribute("content", /Internet Sehat/);
  await expect(og("url")).toHaveAttribute("content", /^http:\/\/127\.0\.0\.1:\d+\/$/);
  await cardLoads((await og("image").getAttribute("content")) ?? "");

  await page.goto("/bantu");
  await expect(page).toHaveTitle("Minta bantuan belajar TIK — Simpul");
  await expect(og("title")).toHaveAttribute("content", "Minta bantuan belajar TIK");
  await expect(og("description")).toHaveAttribute("content", /tidak perlu membuat akun/);
  await expect(og("url")).toHaveAttribute("content", /\/bantu$/);
  await expect(og("locale")).toHaveAttribute("content", "id_ID");
  await cardLoads((await og("image").getAttribute("content")) ?? "");

  await page.goto(`/chapters/${chapter.slug}`);
  await expect(og("title")).toHaveAttribute("content", chapter.name);
  await expect(og("url")).toHaveAttribute("content", new RegExp(`/chapters/${chapter.slug}$`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/chapters/${chapter.slug}$`));
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const image = (await og("image").getAttribute("content")) ?? "";
  expect(image).toMatch(new RegExp(`/chapters/${chapter.slug}/og\\.png$`));
  await cardLoads(image);
  // each tag once: a preview that finds two titles may show either
  await expect(og("title")).toHaveCount(1);
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);

  expect((await request.get("/chapters/tidak-ada-chapter-ini/og.png")).status()).toBe(404);
});
