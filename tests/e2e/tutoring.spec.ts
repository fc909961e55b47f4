import { and, asc, desc, eq } from "drizzle-orm";
import { chapters } from "../../db/schema/chapters";
import type { Page } from "@playwright/test";
import { tutoringRequests } from "../../db/schema/tutoring";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

const nextButton = (page: Page) => page.getByRole("button", { name: "Tampilkan pilihan berikutnya" });
// Without JS the step reloads the page; wait for the whole document, or the next step submits a half-parsed form
// (the fields below the region picker would be missing: what a slow phone would also do if tapped too early).
async function nextStep(page: Page) {
  await nextButton(page).click();
  await page.waitForLoadState("load");
}

/** The chapter covering Kabupaten Banyuwangi (requests go to the oldest one), with a new lead. */
async function banyuwangi(db: Db) {
  const lead = await createUser(db, { name: "Lead Banyuwangi" });
  const [existing] = await db.select().from(chapters).where(eq(chapters.regionCode, "35.10")).orderBy(asc(chapters.id)).limit(1);
  const chapter = existing ?? (await createChapter(db, { name: "RTIK Banyuwangi", regionCode: "35.10" }));
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  return { lead, chapter };
}

async function chooseRegion(page: Page) {
  await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await nextStep(page);
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Banyuwangi" });
  await nextStep(page);
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Pesanggaran" });
  await nextStep(page);
  await expect(page.getByLabel("Desa/Kelurahan")).toBeEnabled();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a learner asks for help on a phone; a lead offers it, the tutor accepts and completes; the learner rates it", async ({ page, db }) => {
    const { chapter, lead } = await banyuwangi(db);
    const tutor = await createUser(db, { name: "Wulan Pesanggaran" });
    await addMembership(db, { userId: tutor.id, chapterId: chapter.id, role: "volunteer" });
    await createVolunteerProfile(db, { userId: tutor.id, regionCode: "35.10.01", whatsapp: "+6281377778888", skills: ["marketplace", "media-sosial-umkm"], languages: ["id"], availability: ["sabtu-pagi"] });
    const tcName = `Telecenter Pesanggaran ${Date.now()}`;
    const tc = await createTelecenter(db, { chapterId: chapter.id, userId: lead.id, form: { name: tcName, regionCode: "35.10.01", services: [], address: "Jl. Raya Pesanggaran 5" } });
    expect(tc.ok).toBe(true);
    await page.goto("/bantu");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Minta bantuan belajar TIK");
    await page.getByLabel("Nama Anda").fill("Pak Slamet");
    await page.getByLabel("Nomor WhatsApp").fill("0813-5555-6666");
    await page.getByLabel("Berjualan di marketplace").check();
    await page.getByLabel("Untuk usaha (UMKM)").check();
    await page.getByLabel("Sabtu Pagi").check();
    await chooseRegion(page);
    // the steps kept what was typed
    await expect(page.getByLabel("Nama Anda")).toHaveValue("Pak Slamet");
    await expect(page.getByLabel("Berjualan di marketplace")).toBeChecked();

    // mistake: no consent
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await expect(page.getByText("Centang persetujuan agar kami boleh memakai data Anda.")).toBeVisible();
    await expect(page.getByLabel("Nama Anda")).toHaveValue("Pak Slamet");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("0813-5555-6666");
    await expect(page.getByLabel("Sabtu Pagi")).toBeChecked();
    await expect(page.getByLabel("Kecamatan", { exact: true })).toHaveValue("35.10.01");
    const mine = and(eq(tutoringRequests.chapterId, chapter.id), eq(tutoringRequests.whatsapp, "+6281355556666"));
    expect(await db.select().from(tutoringRequests).where(mine)).toHaveLength(0);

    await page.getByLabel("Tidak, 18 tahun atau lebih").check();
    await page.getByLabel("Saya setuju data saya dipakai seperti dijelaskan di atas.").check();
    // once the region is known, the learner can pick a telecenter of their kabupaten to learn at
    await page.getByLabel("Di telecenter / pusat belajar").check();
    await page.getByLabel("Telecenter pilihan").selectOption({ label: `${tcName}, Jl. Raya Pesanggaran 5` });
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await expect(page).toHaveURL(/\/bantu\/terkirim\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permintaan Anda sudah terkirim");
    const token = page.url().split("/").pop() ?? "";
    const trackingLink = page.getByRole("link", { name: new RegExp(`/lacak/${token}$`) });
    await expect(trackingLink).toBeVisible();
    const wa = await page.getByRole("link", { name: "Kirim tautan ke WhatsApp Anda sendiri" }).getAttribute("href");
    expect(wa).toMatch(/^https:\/\/wa\.me\/\?text=/);
    expect(decodeURIComponent((wa ?? "").split("text=")[1] ?? "")).toContain(`/lacak/${token}`);

    const [row] = await db.select().from(tutoringRequests).where(mine);
    expect(row?.regionCode).toBe("35.10.01");
    expect(row?.mode).toBe("telecenter");
    expect(row?.telecenterId).toBe(tc.ok ? tc.id : -1);
    expect(row?.whatsapp).toBe("+6281355556666");
    expect(row?.email).toBeNull();
    expect(JSON.stringify(row)).not.toContain(token);

    await trackingLink.click();
    await expect(page).toHaveURL(new RegExp(`/lacak/${token}$`));
    await expect(page.locator("#tutoring-status")).toHaveText("Baru diterima — kami sedang mencarikan relawan");
    await expect(page.getByText("Pak Slamet")).toBeVisible();

    await page.getByLabel("Keterangan tambahan untuk relawan").fill("Saya punya HP Android, bisa sore hari.");
    await page.getByRole("button", { name: "Kirim keterangan" }).click();
    await expect(page.getByRole("status")).toHaveText("Keterangan sudah ditambahkan.");
    await expect(page.getByText("Saya punya HP Android, bisa sore hari.")).toBeVisible();

    // the lead offers it to the best candidate
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/tutoring/${row?.id}`);
    await expect(page.getByRole("link", { name: "+62 813-5555-6666" })).toBeVisible();
    await page.getByRole("button", { name: "Tawarkan ke Wulan Pesanggaran" }).click();
    await expect(page.getByRole("status")).toHaveText("Tawaran sudah dikirim ke relawan.");

    // the volunteer finds the offer on the board, sees no contact yet, accepts, logs a session and completes
    await page.context().clearCookies();
    await loginAs(page, db, tutor.id);
    await page.goto("/");
    await page.getByRole("link", { name: "Permintaan di sekitar saya" }).click();
    await page.getByRole("region", { name: "Tawaran untuk Anda" }).getByRole("link", { name: "Berjualan di marketplace" }).click();
    await expect(page.getByRole("heading", { name: "Permintaan ini ditawarkan kepada Anda" })).toBeVisible();
    await expect(page.getByText("Pak Slamet")).toHaveCount(0);
    await expect(page.getByText("0813-5555-6666")).toHaveCount(0);
    await page.getByRole("button", { name: "Terima dan dampingi" }).click();
    await expect(page.getByRole("status")).toContainText("Anda sekarang pendamping");
    await expect(page.getByRole("link", { name: "+62 813-5555-6666" })).toBeVisible();
    await expect(page.getByText("Pak Slamet")).toBeVisible();
    await page.getByLabel("Lama (menit)").fill("2");
    await page.getByLabel("Topik yang dipelajari").fill("Membuka toko di marketplace");
    await page.getByRole("button", { name: "Simpan sesi" }).click();
    await expect(page.getByText("Isi lama sesi dalam menit, sesuai batas di atas.")).toBeVisible();
    await expect(page.getByLabel("Topik yang dipelajari")).toHaveValue("Membuka toko di marketplace");
    await page.getByLabel("Lama (menit)").fill("90");
    await page.getByRole("button", { name: "Simpan sesi" }).click();
    await expect(page.getByRole("status")).toHaveText("Sesi sudah dicatat.");
    await expect(page.locator("#tutoring-status")).toHaveText("Sedang belajar bersama relawan");
    await page.getByRole("button", { name: "Tandai selesai" }).click();
    await expect(page.locator("#tutoring-status")).toHaveText("Selesai");

    // the learner follows the private link: the tutor's first name and WhatsApp, then the rating
    await page.context().clearCookies();
    await page.goto(`/lacak/${token}`);
    await expect(page.locator("#tutoring-status")).toHaveText("Selesai");
    await expect(page.locator("#tutor-name")).toHaveText("Wulan sudah membantu Anda belajar.");
    expect(await page.getByRole("link", { name: /Hubungi Wulan lewat WhatsApp/ }).getAttribute("href")).toBe("https://wa.me/6281377778888");
    await page.getByRole("button", { name: "Kirim nilai" }).click();
    await expect(page.getByText("Pilih nilai 1 sampai 5.")).toBeVisible();
    await page.getByLabel("Komentar (opsional)").fill("Sabar dan jelas");
    await page.getByLabel("5 — sangat puas").check();
    await page.getByRole("button", { name: "Kirim nilai" }).click();
    await expect(page.getByRole("status")).toHaveText("Terima kasih atas nilai Anda.");
    await expect(page.locator("#your-rating")).toHaveText("Nilai Anda: 5 dari 5 — “Sabar dan jelas”");
    const [after] = await db.select().from(tutoringRequests).where(eq(tutoringRequests.id, row?.id ?? 0));
    expect([after?.status, after?.tutorId, after?.rating]).toEqual(["completed", tutor.id, 5]);

    const wrong = await page.goto(`/lacak/${"A".repeat(43)}`);
    expect(wrong?.status()).toBe(404);
  });
});

test.describe("with JavaScript", () => {
  test("the form is accessible; the chapter's lead sees the request, the contact and the candidates", async ({ page, db }) => {
    const { lead, chapter } = await banyuwangi(db);
    const volunteer = await createUser(db, { name: "Relawan Pesanggaran" });
    await addMembership(db, { userId: volunteer.id, chapterId: chapter.id, role: "volunteer" });

    await page.goto("/bantu");
    await expect(page.locator("script[src]")).toHaveCount(0);
    await expectAccessible(page);
    await page.getByLabel("Nama Anda").fill("Bu Wati");
    await page.getByRole("textbox", { name: "Email", exact: true }).fill("wati@example.test");
    await page.getByLabel("QRIS & pembayaran digital").check();
    await page.getByLabel("Tidak, 18 tahun atau lebih").check();
    await page.getByLabel("Saya setuju data saya dipakai seperti dijelaskan di atas.").check();
    await chooseRegion(page);
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permintaan Anda sudah terkirim");
    await expect(page.getByText("Tautan ini juga kami kirim ke email Anda.")).toBeVisible();
    await expectAccessible(page);
    const token = page.url().split("/").pop() ?? "";

    // both emails really go out through the outbox: the learner's carries the private link
    await page.goto("/dev/mailbox");
    const learnerRow = page.getByRole("row").filter({ hasText: "wati@example.test" });
    const leadRow = page.getByRole("row").filter({ hasText: lead.email });
    await expect(async () => {
      await page.reload();
      await expect(learnerRow).toContainText("terkirim", { timeout: 500 });
      await expect(leadRow).toContainText("terkirim", { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await learnerRow.getByRole("link", { name: "Permintaan bantuan belajar Anda sudah kami terima" }).click();
    await expect(page.locator("pre")).toContainText(`/lacak/${token}`);

    await page.goto(`/chapters/${chapter.slug}/tutoring`);
    expect(page.url()).toContain("/login");
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/tutoring`);
    await expect(page.getByRole("cell", { name: "Pesanggaran" }).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: /Permintaan #/ }).last().click();
    await expect(page.getByRole("link", { name: "wati@example.test" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Tawarkan ke Relawan Pesanggaran" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Batalkan permintaan" }).click();
    await expect(page.getByText("Wajib diisi.")).toBeVisible();
    await page.getByRole("button", { name: "Tandai belum ada relawan yang cocok" }).click();
    await expect(page.getByRole("status")).toHaveText("Status permintaan sudah diubah.");
    await expect(page.getByText("Belum ada relawan yang cocok (Pengurus)")).toBeVisible();

    await page.context().clearCookies();
    await loginAs(page, db, volunteer.id);
    const res = await page.goto(`/chapters/${chapter.slug}/tutoring`);
    expect(res?.status()).toBe(403);

    // the volunteer's board: the request without the learner's name or contact; claiming it reveals them
    const [req] = await db.select({ id: tutoringRequests.id }).from(tutoringRequests).where(eq(tutoringRequests.email, "wati@example.test")).orderBy(desc(tutoringRequests.id)).limit(1);
    await page.goto("/tutoring");
    await expectAccessible(page);
    const open = page.getByRole("region", { name: "Permintaan yang belum punya relawan" });
    await expect(open.locator(`a[href="/tutoring/${req?.id}"]`)).toBeVisible();
    await expect(page.getByText("Bu Wati")).toHaveCount(0);
    await open.locator(`a[href="/tutoring/${req?.id}"]`).click();
    await expect(page.getByRole("heading", { name: "Belum ada relawan untuk permintaan ini" })).toBeVisible();
    expect(await page.content()).not.toContain("wati@example.test");
    await expectAccessible(page);

    // nobody else sees it: an anonymous visitor is sent to log in, another chapter's volunteer gets 404
    const html = async (path: string) => (await page.request.get(path, { maxRedirects: 0 })).text();
    const other = await createChapter(db, { name: "RTIK Uji Lain", regionCode: "35.11" });
    const outsider = await createUser(db, { name: "Relawan Bondowoso" });
    await addMembership(db, { userId: outsider.id, chapterId: other.id, role: "volunteer" });
    await page.context().clearCookies();
    const anon = await page.request.get(`/tutoring/${req?.id}`, { maxRedirects: 0 });
    expect(anon.status()).toBe(302);
    expect(anon.headers()["location"]).toContain("/login");
    expect(await html(`/lacak/${"B".repeat(43)}`)).not.toContain("wati@example.test");
    await loginAs(page, db, outsider.id);
    expect((await page.request.get(`/tutoring/${req?.id}`)).status()).toBe(404);
    expect((await page.request.get(`/chapters/${chapter.slug}/tutoring/${req?.id}`)).status()).toBe(403);

    await page.context().clearCookies();
    await loginAs(page, db, volunteer.id);
    await page.goto(`/tutoring/${req?.id}`);
    await page.getByRole("button", { name: "Saya yang mendampingi" }).click();
    await expect(page.getByRole("status")).toContainText("Anda sekarang pendamping");
    await expect(page.getByRole("link", { name: "wati@example.test" })).toBeVisible();
    await expectAccessible(page);

    // the lead's numbers page and the learner's tracking page with a tutor
    await page.context().clearCookies();
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/tutoring`);
    await expect(page.getByRole("heading", { name: /Angka 90 hari terakhir/ })).toBeVisible();
    await expectAccessible(page);
    await page.context().clearCookies();
    await page.goto(`/lacak/${token}`);
    await expect(page.locator("#tutor-name")).toHaveText("Relawan akan membantu Anda belajar.");
    await expectAccessible(page);
    // the rating form of a completed request (state set directly: the journey itself is the no-JS test above)
    await db.update(tutoringRequests).set({ status: "completed" }).where(eq(tutoringRequests.id, req?.id ?? 0));
    await page.reload();
    await expect(page.getByRole("button", { name: "Kirim nilai" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an admin manages the topic list; a new topic shows on the public form", async ({ page, db }) => {
    const admin = await createUser(db, { name: "Admin Topik", isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Topik belajar (bantuan belajar)" }).click();
    await expectAccessible(page);
    const name = `Tanda tangan digital ${Date.now()}`;
    await page.getByRole("button", { name: "Tambah topik" }).click();
    await expect(page.getByText("Wajib diisi.").first()).toBeVisible();
    await page.getByLabel("Nama (Bahasa Indonesia)").fill(name);
    await page.getByLabel("Nama (English)").fill("Digital signatures");
    await page.getByRole("group", { name: "Keahlian relawan yang dibutuhkan" }).getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Tambah topik" }).click();
    await expect(page.getByRole("status")).toHaveText("Topik sudah ditambahkan.");
    await page.goto("/bantu");
    await expect(page.getByLabel(name)).toBeVisible();
  });
});
