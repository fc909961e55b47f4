import { eq } from "drizzle-orm";
import { tutoringRequests } from "../../db/schema/tutoring";
import { claimRequest } from "../../app/models/tutoring/offers.server";
import { createTutoringRequest, leadDecide, parseTutoringForm } from "../../app/models/tutoring/requests.server";
import { addMembership, createChapter, createUser, formOf } from "../factories";
import { expect, fitsPhoneWidth, loginAs, PHONE, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

let ip = 0;

/** A chapter of its own (Kabupaten Jember) with a lead and two volunteers. */
async function chapterWithPeople(db: Db) {
  const chapter = await createChapter(db, { regionCode: "35.09" });
  const person = async (name: string, role: "lead" | "volunteer") => {
    const u = await createUser(db, { name });
    await addMembership(db, { userId: u.id, chapterId: chapter.id, role });
    return u;
  };
  const file = async (over: Record<string, string>) => {
    const values = { name: "Bu Sumarni", topics: "marketplace", forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no", ...over };
    const parsed = parseTutoringForm(formOf(values), "35.09.01.2003");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const r = await createTutoringRequest(db, parsed.data, { ip: `10.78.0.${++ip}`, locale: "id" });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, r.requestId));
    return r;
  };
  return { chapter, lead: await person("Lead Jember", "lead"), rani: await person("Rani Relawan", "volunteer"), bayu: await person("Bayu Relawan", "volunteer"), file };
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("a learner's first try at the form is refused once, with every problem named and nothing typed lost", async ({ page }) => {
    await page.goto("/bantu");
    // no name, two numbers in the WhatsApp field, no kecamatan, no consent: a slow round trip each would be four
    await page.getByLabel("Nomor WhatsApp").fill("0812 3456 7890 / 0856 1111 2222");
    await page.getByLabel("Ceritakan lebih lanjut (opsional)").fill("Mau belajar QRIS untuk warung 🙏 بسم الله");
    await page.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
    await page.getByRole("button", { name: "Kirim permintaan" }).click();
    await page.waitForLoadState("load");
    await expect(page.locator("#f-name-error")).toHaveText("Wajib diisi.");
    await expect(page.locator("#f-whatsapp-error")).toHaveText("Nomor WhatsApp tidak valid. Tulis nomor HP Indonesia, misalnya 0812-3456-7890.");
    await expect(page.getByText("Pilih sampai tingkat kecamatan.")).toBeVisible();
    await expect(page.getByText("Pilih apakah yang belajar berusia di bawah 18 tahun.")).toBeVisible();
    await expect(page.getByText("Centang persetujuan agar kami boleh memakai data Anda.")).toBeVisible();
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("0812 3456 7890 / 0856 1111 2222");
    await expect(page.getByLabel("Ceritakan lebih lanjut (opsional)")).toHaveValue("Mau belajar QRIS untuk warung 🙏 بسم الله");
    expect(await fitsPhoneWidth(page)).toBeNull();
  });

  test("two volunteers take the same request: the second is told on the board, and another's request does not open by its id", async ({ page, db }) => {
    const w = await chapterWithPeople(db);
    const req = await w.file({ whatsapp: "0812-3333-4444", details: "Anak saya Dinda kelas 5 SDN 3, rumah di belakang masjid" });
    await loginAs(page, db, w.bayu.id);
    await page.goto(`/tutoring/${req.requestId}`);
    await expect(page.getByText("Anak saya Dinda", { exact: false })).toBeVisible();
    // Rani takes it first, while Bayu's page is open
    expect(await claimRequest(db, { id: w.rani.id, email: w.rani.email, name: w.rani.name, locale: "id", isAdmin: false }, req.requestId)).toEqual({ ok: true });
    await page.getByRole("button", { name: "Saya yang mendampingi" }).click();
    await expect(page).toHaveURL(/\/tutoring\?selesai=taken$/);
    await expect(page.getByRole("status")).toHaveText("Permintaan itu sudah diambil relawan lain, atau tawarannya sudah berakhir. Pilih permintaan lain di bawah.");
    const [row] = await db.select({ tutorId: tutoringRequests.tutorId }).from(tutoringRequests).where(eq(tutoringRequests.id, req.requestId));
    expect(row?.tutorId).toBe(w.rani.id);
    // the request is Rani's now: its page (and the learner's words) is not Bayu's to read, even by typing its address
    expect((await page.request.get(`/tutoring/${req.requestId}`)).status()).toBe(404);
    await loginAs(page, db, w.rani.id);
    await page.goto(`/tutoring/${req.requestId}`);
    await expect(page.getByText("Anak saya Dinda", { exact: false })).toBeVisible();
    // what the tutor writes about a session is shown on the learner's page: the form says so
    await expect(page.getByLabel("Catatan (opsional; terlihat oleh pelajar)")).toBeVisible();
  });

  test("the lead sees that the same person asked twice, the number written another way", async ({ page, db }) => {
    const w = await chapterWithPeople(db);
    const first = await w.file({ name: "Bu Sumarni", whatsapp: "0812-3333-4444" });
    const again = await w.file({ name: "Bu Sumarmi", whatsapp: "+62 812 3333 4444" });
    await w.file({ name: "Pak Joko", whatsapp: "0813-1111-2222" });
    await loginAs(page, db, w.lead.id);
    await page.goto(`/chapters/${w.chapter.slug}/tutoring/${again.requestId}`);
    const note = page.locator("#same-contact");
    await expect(note).toContainText("Nomor WhatsApp atau email yang sama juga mengirim permintaan ini.");
    await expect(note.getByRole("listitem")).toHaveCount(1);
    await expect(note.getByRole("listitem")).toContainText("Baru diterima");
    expect(await fitsPhoneWidth(page)).toBeNull();
    // the lead's note goes to the learner's page (and the tutor's email): the form says so
    await expect(page.getByLabel("Alasan / catatan (wajib untuk pembatalan; terlihat oleh pelajar)")).toBeVisible();
    await note.getByRole("link", { name: `Permintaan #${first.requestId}` }).click();
    await expect(page).toHaveURL(new RegExp(`/chapters/${w.chapter.slug}/tutoring/${first.requestId}$`));
    await expect(page.locator("#same-contact").getByRole("link", { name: `Permintaan #${again.requestId}` })).toBeVisible();
  });

  test("a learner who picked the wrong kecamatan moves the request from its pages, until a volunteer takes it", async ({ page, db }) => {
    const w = await chapterWithPeople(db);
    const req = await w.file({ whatsapp: "0812-6666-1313" });
    // right after sending, the page says which place was chosen and where to correct it
    await page.goto(`/bantu/terkirim/${req.token}`);
    await expect(page.locator("#chosen-place")).toContainText("Tempat yang Anda pilih: Jombang, Jombang, Kabupaten Jember");
    await page.goto(`/lacak/${req.token}`);
    const panel = page.locator("section").filter({ has: page.locator("h2#place") });
    await expect(panel.getByLabel("Kecamatan")).toHaveValue("35.09.01");
    // another kecamatan, its villages brought by the picker's own button, then the village
    await panel.getByLabel("Kecamatan").selectOption({ label: "Kencong" });
    await panel.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await panel.getByLabel("Desa/Kelurahan").selectOption({ label: "Cakru" });
    expect(await fitsPhoneWidth(page)).toBeNull();
    await panel.getByRole("button", { name: "Simpan tempat yang benar" }).click();
    await expect(page.getByRole("status")).toHaveText("Tempat permintaan sudah diperbaiki.");
    await expect(page.locator("#your-data").locator("..")).toContainText("Cakru, Kencong, Kabupaten Jember");
    await expect(page.locator("#history").locator("..")).toContainText("tempat diperbaiki oleh pelajar");
    const [row] = await db.select({ regionCode: tutoringRequests.regionCode }).from(tutoringRequests).where(eq(tutoringRequests.id, req.requestId));
    expect(row?.regionCode).toBe("35.09.02.2001");
    // only a kabupaten: told next to the picker, nothing moved
    await panel.getByLabel("Kecamatan").selectOption("");
    await panel.getByRole("button", { name: "Simpan tempat yang benar" }).click();
    await expect(panel.getByText("Pilih sampai tingkat kecamatan.")).toBeVisible();
    // a volunteer takes it: the learner is told to write the place in a note instead
    expect(await claimRequest(db, { id: w.rani.id, email: w.rani.email, name: w.rani.name, locale: "id", isAdmin: false }, req.requestId)).toEqual({ ok: true });
    await page.goto(`/lacak/${req.token}`);
    await expect(page.locator("#place-held")).toContainText("Tulis tempat yang benar di “Tambah keterangan”");
    await expect(panel.getByRole("button", { name: "Simpan tempat yang benar" })).toHaveCount(0);
  });

  test("a learner whose request found nobody is told it stays open and what they can do", async ({ page, db }) => {
    const w = await chapterWithPeople(db);
    const req = await w.file({ whatsapp: "0812-5555-1212" });
    expect(await leadDecide(db, { id: w.lead.id, email: w.lead.email, name: w.lead.name, locale: "id", isAdmin: false }, w.chapter.id, req.requestId, "unmatched", "")).toEqual({ ok: true });
    await page.goto(`/lacak/${req.token}`);
    await expect(page.locator("#tutoring-status")).toHaveText("Belum ada relawan yang cocok");
    await expect(page.locator("#unmatched-hint")).toContainText(`Permintaan Anda tetap terbuka untuk relawan ${w.chapter.name}`);
    expect(await fitsPhoneWidth(page)).toBeNull();
    await page.getByLabel("Keterangan tambahan untuk relawan").fill("Bisa juga Minggu sore, atau di balai desa");
    await page.getByRole("button", { name: "Kirim keterangan" }).click();
    await expect(page.getByRole("status")).toHaveText("Keterangan sudah ditambahkan.");
  });
});
