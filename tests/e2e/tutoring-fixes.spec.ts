import { and, asc, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { chapters, memberships } from "../../db/schema/chapters";
import { tutoringRequests } from "../../db/schema/tutoring";
import { claimRequest, completeRequest, logSession, offerRequest } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { eraseRequestByToken } from "../../app/models/tutoring/learner-data.server";
import { addMembership, createChapter, createUser, todayIn } from "../factories";
import { expect, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

let ip = 0;

/** A request filed through the model (the form itself is covered by tutoring.spec.ts), in Kabupaten Banyuwangi. */
async function fileRequest(db: Db, over: Record<string, string> = {}) {
  const [existing] = await db.select().from(chapters).where(eq(chapters.regionCode, "35.10")).orderBy(asc(chapters.id)).limit(1);
  const chapter = existing ?? (await createChapter(db, { name: "RTIK Banyuwangi", regionCode: "35.10" }));
  const form = new FormData();
  const values: Record<string, string> = { name: "Pak Budi", whatsapp: "0812-3333-4444", topics: "marketplace", forWhom: "umkm", language: "id", mode: "home", availability: "sabtu-pagi", consent: "yes", minor: "no", ...over };
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  const parsed = parseTutoringForm(form, "35.10.01");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const r = await createTutoringRequest(db, parsed.data, { ip: `10.77.0.${++ip}`, locale: "id" });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { ...r, chapter };
}

const post = (page: Page, path: string, form: Record<string, string>) => page.request.post(path, { form, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });

const nextButton = (page: Page) => page.getByRole("button", { name: "Tampilkan pilihan berikutnya" });
async function nextStep(page: Page) {
  await nextButton(page).click();
  await page.waitForLoadState("load");
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a volunteer who left the chapter cannot accept an offer and is told why", async ({ page, db }) => {
    const r = await fileRequest(db);
    const lead = await createUser(db, { name: "Lead Banyuwangi" });
    await addMembership(db, { userId: lead.id, chapterId: r.chapter.id, role: "lead" });
    const gone = await createUser(db, { name: "Siti Pergi" });
    await addMembership(db, { userId: gone.id, chapterId: r.chapter.id, role: "volunteer" });
    const leadUser = { id: lead.id, email: lead.email, name: lead.name, locale: "id" as const, isAdmin: false };
    expect(await offerRequest(db, leadUser, r.chapter.id, r.requestId, gone.id)).toEqual({ ok: true });
    await loginAs(page, db, gone.id);
    await page.goto(`/tutoring/${r.requestId}`);
    await db.update(memberships).set({ status: "inactive" }).where(and(eq(memberships.userId, gone.id), eq(memberships.chapterId, r.chapter.id)));
    await page.getByRole("button", { name: "Terima dan dampingi" }).click();
    await expect(page).toHaveURL(/\/tutoring\?selesai=notMember$/);
    await expect(page.getByRole("status")).toHaveText("Anda bukan lagi relawan aktif chapter ini.");
    const [row] = await db.select({ tutorId: tutoringRequests.tutorId }).from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    expect(row?.tutorId).toBeNull();
    await db.update(tutoringRequests).set({ status: "cancelled", closedAt: new Date() }).where(eq(tutoringRequests.id, r.requestId));
  });

  test("the same request form sent twice makes one request and shows the same tracking page", async ({ page, db }) => {
    const [existing] = await db.select().from(chapters).where(eq(chapters.regionCode, "35.10")).orderBy(asc(chapters.id)).limit(1);
    if (!existing) await createChapter(db, { name: "RTIK Banyuwangi", regionCode: "35.10" });
    await page.goto("/bantu");
    const name = `Pak Dobel ${Date.now()}`;
    await page.getByLabel("Nama Anda").fill(name);
    await page.getByLabel("Nomor WhatsApp").fill("0813-4444-7777");
    await page.getByLabel("Berjualan di marketplace").check();
    await page.getByLabel("Untuk usaha (UMKM)").check();
    await page.getByLabel("Sabtu Pagi").check();
    await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
    await nextStep(page);
    await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Banyuwangi" });
    await nextStep(page);
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Pesanggaran" });
    await nextStep(page);
    await page.getByLabel("Tidak, 18 tahun atau lebih").check();
    await page.getByLabel("Saya setuju data saya dipakai seperti dijelaskan di atas.").check();
    // what the phone sends: every field of the form, the hidden tracking token included
    const sent = await page.locator("form[method=post]").last().evaluate((f) => [...new FormData(f as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)]));
    expect(sent.some(([k, v]) => k === "requestKey" && /^[A-Za-z0-9_-]{43}$/.test(v ?? ""))).toBe(true);
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await expect(page).toHaveURL(/\/bantu\/terkirim\/[A-Za-z0-9_-]{43}$/);
    const token = page.url().split("/").pop() ?? "";

    // the answer was lost: the same form is sent again
    const again = await page.request.post("/bantu", {
      data: new URLSearchParams(sent as [string, string][]).toString(),
      headers: { Origin: new URL(page.url()).origin, "Content-Type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toBe(`/bantu/terkirim/${token}`);
    expect(await db.select({ id: tutoringRequests.id }).from(tutoringRequests).where(eq(tutoringRequests.learnerName, name))).toHaveLength(1);
    // off the chapter's open list, which other tests read
    await db.update(tutoringRequests).set({ status: "cancelled", closedAt: new Date() }).where(eq(tutoringRequests.learnerName, name));
  });

  test("an unknown form on the tracking page changes nothing; an erased request takes no rating", async ({ page, db }) => {
    const r = await fileRequest(db);
    await page.goto(`/lacak/${r.token}`);
    const bogus = await post(page, `/lacak/${r.token}`, { intent: "bogus", reason: "x" });
    expect(bogus.status()).toBe(400);
    const [row] = await db.select({ status: tutoringRequests.status }).from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    expect(row?.status).toBe("new");

    const tutor = await createUser(db, { name: "Wulan Tutor" });
    await addMembership(db, { userId: tutor.id, chapterId: r.chapter.id, role: "volunteer" });
    const su = { id: tutor.id, email: tutor.email, name: tutor.name, locale: "id" as const, isAdmin: false };
    expect(await claimRequest(db, su, r.requestId)).toEqual({ ok: true });
    await logSession(db, su, r.requestId, { heldOn: todayIn(), minutes: 60, topic: "Marketplace" });
    expect(await completeRequest(db, su, r.requestId, "")).toEqual({ ok: true });
    await page.reload();
    await expect(page.getByRole("button", { name: "Kirim nilai" })).toBeVisible();
    expect(await eraseRequestByToken(db, r.token, "yes")).toEqual({ ok: true });
    await page.reload();
    await expect(page.getByRole("button", { name: "Kirim nilai" })).toHaveCount(0);
    const rate = await post(page, `/lacak/${r.token}`, { intent: "rate", rating: "4", comment: "Nama saya Budi Santoso, 0812" });
    expect(rate.status()).toBe(400);
    const [after] = await db.select({ rating: tutoringRequests.rating, comment: tutoringRequests.ratingComment }).from(tutoringRequests).where(eq(tutoringRequests.id, r.requestId));
    expect(after).toEqual({ rating: null, comment: null });
  });

  test("the tutor of a child sees the guardian and that sessions are arranged with them", async ({ page, db }) => {
    const r = await fileRequest(db, { name: "Rani", minor: "yes", guardianName: "Ibu Rahmawati", guardianContact: "0812-9999-8888", guardianConsent: "yes" });
    const tutor = await createUser(db, { name: "Siti Tutor" });
    await addMembership(db, { userId: tutor.id, chapterId: r.chapter.id, role: "volunteer" });
    await loginAs(page, db, tutor.id);
    await page.goto(`/tutoring/${r.requestId}`);
    await expect(page.getByText("Ibu Rahmawati")).toHaveCount(0);
    await page.getByRole("button", { name: "Saya yang mendampingi" }).click();
    await expect(page.locator("#learner-minor")).toHaveText("Pelajar ini di bawah 18 tahun: atur sesi bersama orang tua/walinya.");
    await expect(page.locator("#guardian-name")).toHaveText("Ibu Rahmawati");
    await expect(page.getByRole("link", { name: "+62 812-9999-8888" })).toBeVisible();
    await db.update(tutoringRequests).set({ status: "cancelled", closedAt: new Date() }).where(eq(tutoringRequests.id, r.requestId));
  });
});
