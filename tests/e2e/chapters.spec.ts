import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { chapters, memberships } from "../../db/schema/chapters";
import { users } from "../../db/schema/accounts";
import { outbox } from "../../db/schema/outbox";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

test("a volunteer applies, the lead approves on the applications page, the volunteer sees the active status", async ({ page, db, browser }) => {
  const chapter = await createChapter(db, { name: "RTIK Kabupaten Uji Jember", regionCode: "35.09" });
  const lead = await createUser(db, { name: "Ahmad Lead" });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const vol = await createUser(db, { name: "Siti Relawan" });
  await createVolunteerProfile(db, { userId: vol.id, regionCode: "35.09.01.2003", skills: ["literasi-digital"] });

  await loginAs(page, db, vol.id);
  await page.goto("/chapters");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chapter Relawan TIK");
  await expect(page.getByRole("heading", { level: 2, name: "Jawa Timur" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `Daftar ke ${chapter.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(chapter.name);
  await expect(page.getByTestId("chapter-leads")).toHaveText("Koordinator: Ahmad");
  await expectAccessible(page);
  await page.getByLabel("Motivasi (opsional)").fill("Saya guru TIK dan ingin membantu literasi digital.");
  await page.getByRole("button", { name: `Daftar ke ${chapter.name}` }).click();
  await expect(page.getByRole("status")).toContainText("Pendaftaran Anda sudah dikirim");
  await expect(page.getByTestId("my-status")).toHaveText("Status Anda: Menunggu keputusan");

  const leadContext = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`, locale: "id-ID" });
  const leadPage = await leadContext.newPage();
  await loginAs(leadPage, db, lead.id);
  await leadPage.goto(`/chapters/${chapter.slug}/applications`);
  await expect(leadPage.getByRole("heading", { level: 2, name: "Siti Relawan" })).toBeVisible();
  await expect(leadPage.getByText("Literasi digital", { exact: true })).toBeVisible();
  await expect(leadPage.getByText(/Jombang/)).toBeVisible();
  await expectAccessible(leadPage);
  // declining without a reason is refused next to the field
  await leadPage.getByRole("button", { name: "Tolak Siti Relawan" }).click();
  await expect(leadPage.getByText("Tuliskan alasan penolakan")).toBeVisible();
  await leadPage.getByRole("button", { name: "Setujui Siti Relawan" }).click();
  await expect(leadPage.getByRole("status")).toContainText("Pendaftaran disetujui");
  await expect(leadPage.getByText("Tidak ada pendaftaran yang menunggu.")).toBeVisible();
  await leadPage.goto(`/chapters/${chapter.slug}/members/${vol.id}`);
  await expect(leadPage.getByTestId("member-status")).toHaveText("Anggota aktif");
  // the number as people write it, and the availability named for the lead (not "when can you usually help?")
  await expect(leadPage.getByText("+62 812-3456-7890", { exact: true })).toBeVisible();
  await expect(leadPage.getByText("Waktu luang setiap pekan", { exact: true })).toBeVisible();
  await expectAccessible(leadPage);
  await leadContext.close();

  const [m] = await db.select({ status: memberships.status }).from(memberships).where(and(eq(memberships.userId, vol.id), eq(memberships.chapterId, chapter.id)));
  expect(m?.status).toBe("active");
  const mail = await db.select({ template: outbox.template }).from(outbox).where(eq(outbox.toEmail, vol.email));
  expect(mail.map((r) => r.template)).toEqual(["membership-approved"]);

  await page.goto("/");
  await expect(page.getByText("Relawan · Anggota aktif")).toBeVisible();
  await page.goto(`/chapters/${chapter.slug}`);
  await expect(page.getByTestId("my-status")).toHaveText("Status Anda: Anggota aktif");
});

test("a volunteer cannot open the applications page; the admin appoints and removes a lead and edits chapters", async ({ page, db, browser }) => {
  const chapter = await createChapter(db, { name: "RTIK Kota Uji Pekalongan", regionCode: "33.75" });
  const vol = await createUser(db);
  await addMembership(db, { userId: vol.id, chapterId: chapter.id, role: "volunteer" });
  await loginAs(page, db, vol.id);
  const res = await page.goto(`/chapters/${chapter.slug}/applications`);
  expect(res?.status()).toBe(403);

  const admin = await createUser(db, { isAdmin: true });
  await loginAs(page, db, admin.id);
  await page.goto("/admin");
  await page.getByRole("main").getByRole("link", { name: "Chapter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kelola chapter");
  await expectAccessible(page);
  await page.getByRole("link", { name: `Ubah ${chapter.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ubah chapter: ${chapter.name}`);
  await expect(page.getByLabel("Kabupaten/Kota")).toHaveValue("33.75");
  // a chapter without a lead: the admin reads where its mail goes meanwhile
  await expect(page.getByText("Belum ada koordinator. Sampai koordinator diangkat, pendaftaran relawan, permintaan bantuan, pesan dari masyarakat, dan laporan kegiatan chapter ini dikirim ke admin nasional.")).toBeVisible();
  const appoint = page.getByRole("form", { name: `Angkat koordinator ${chapter.name}` });
  await appoint.getByLabel("Email koordinator").fill("belum-terdaftar@");
  await appoint.getByRole("button", { name: "Angkat koordinator" }).click();
  await expect(page.getByText("Alamat email ini tidak benar.")).toBeVisible();
  await expect(appoint.getByLabel("Email koordinator")).toHaveValue("belum-terdaftar@");
  // an address without an account is invited (DECISIONS 142), listed, and can be withdrawn
  await appoint.getByLabel("Email koordinator").fill("belum-terdaftar@example.test");
  await appoint.getByRole("button", { name: "Angkat koordinator" }).click();
  await expect(page.getByRole("status")).toContainText("Alamat ini belum punya akun: undangan sudah dikirim ke sana.");
  await expect(page.getByRole("list", { name: "Undangan yang belum diterima" })).toContainText("belum-terdaftar@example.test");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Tarik undangan untuk belum-terdaftar@example.test" }).click();
  await expect(page.getByRole("status")).toContainText("Undangan sudah ditarik");
  await expect(page.getByRole("list", { name: "Undangan yang belum diterima" })).toHaveCount(0);
  await appoint.getByLabel("Email koordinator").fill(vol.email);
  await appoint.getByRole("button", { name: "Angkat koordinator" }).click();
  await expect(page.getByRole("status")).toContainText("Koordinator sudah diangkat.");
  await expectAccessible(page);
  // the new lead now opens the applications page
  const leadContext = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`, locale: "id-ID" });
  const leadPage = await leadContext.newPage();
  await loginAs(leadPage, db, vol.id);
  expect((await leadPage.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(200);
  // the only lead is not removed: a successor is appointed first (here the admin, for the time between)
  await page.getByRole("button", { name: /^Berhentikan / }).click();
  await expect(page.getByText("Satu-satunya koordinator tidak bisa diberhentikan")).toBeVisible();
  await appoint.getByLabel("Email koordinator").fill(admin.email);
  await appoint.getByRole("button", { name: "Angkat koordinator" }).click();
  await expect(page.getByRole("status")).toContainText("Koordinator sudah diangkat.");
  await page.getByRole("button", { name: `Berhentikan ${vol.name} sebagai koordinator` }).click();
  await expect(page.getByRole("status")).toContainText("Koordinator sudah diberhentikan");
  expect((await leadPage.goto(`/chapters/${chapter.slug}/applications`))?.status()).toBe(403);
  await leadContext.close();
  await page.getByLabel("Nama chapter").fill(`${chapter.name} Raya`);
  await page.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(page.getByRole("status")).toContainText("Perubahan chapter sudah disimpan.");
  await page.getByRole("link", { name: "Kembali ke daftar chapter" }).click();
  // the list is a page at a time: the admin finds the chapter by a word of its name
  await page.getByLabel("Cari nama atau wilayah").fill(`${chapter.name.split(" ").at(-1)} raya`);
  await page.getByRole("button", { name: "Cari", exact: true }).click();
  await expect(page.getByRole("row", { name: new RegExp(`${chapter.name} Raya`) })).toContainText("Kota Pekalongan, Jawa Tengah");

  const slug = `rtik-uji-${Date.now()}`;
  await page.getByText("Buat chapter baru").click();
  await page.getByLabel("Nama chapter").fill("RTIK Kabupaten Uji Badung");
  await page.getByLabel("Alamat singkat").fill(slug.toUpperCase());
  await page.getByRole("button", { name: "Buat chapter" }).click();
  await expect(page.getByText("Pilih kabupaten/kota yang dilayani chapter.")).toBeVisible();
  await expect(page.getByLabel("Nama chapter")).toHaveValue("RTIK Kabupaten Uji Badung");
  await page.getByLabel("Provinsi").selectOption({ label: "Bali" });
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Badung" });
  await page.getByRole("button", { name: "Buat chapter" }).click();
  await expect(page.getByText("Chapter sudah dibuat.")).toBeVisible();
  await expect(page.getByRole("row", { name: /RTIK Kabupaten Uji Badung/ })).toContainText("Kabupaten Badung, Bali");
  // the same kabupaten again, its name written another way: refused next to the place, what was typed kept
  await page.getByText("Buat chapter baru").click();
  await page.getByLabel("Nama chapter").fill("RTIK Kab. Badung");
  await page.getByLabel("Alamat singkat").fill(`${slug}-2`);
  await page.getByLabel("Provinsi").selectOption({ label: "Bali" });
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Badung" });
  await page.getByRole("button", { name: "Buat chapter" }).click();
  await expect(page.getByText("Kabupaten/kota ini sudah punya chapter (mungkin dengan nama lain).")).toBeVisible();
  await expect(page.getByLabel("Nama chapter")).toHaveValue("RTIK Kab. Badung");
  await expect(page.getByRole("row", { name: /RTIK Kab\. Badung/ })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the admin finds a chapter among hundreds by a word, pages through, lists the leadless ones, and sees a create error at the top", async ({ page, db }) => {
    // 60 chapters of one province-wide program, named as chapters are ("Kab." and "Kabupaten"), 5 of them with a lead
    const tag = randomUUID().slice(0, 6);
    const made = await db
      .insert(chapters)
      .values(Array.from({ length: 60 }, (_, i) => ({ slug: `uji-daftar-${tag}-${i}`, name: `RTIK ${i % 2 ? "Kab." : "Kabupaten"} Uji Daftar${tag} ${String(i).padStart(2, "0")}`, regionCode: "51.03" })))
      .returning({ id: chapters.id, name: chapters.name });
    const leads = await Promise.all(Array.from({ length: 5 }, () => createUser(db)));
    const first = made.filter((c) => / 0[0-4]$/.test(c.name));
    await db.insert(memberships).values(first.map((c, i) => ({ userId: leads[i]!.id, chapterId: c.id, role: "lead" as const, status: "active" as const })));
    const admin = await createUser(db, { isAdmin: true });
    await loginAs(page, db, admin.id);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/admin/chapters");
    const all = Number((await page.getByRole("status").textContent())?.match(/^(\d+) chapter/)?.[1]);
    expect(all).toBeGreaterThanOrEqual(60);
    // never the whole country on one page
    expect(await page.getByRole("row").count()).toBeLessThanOrEqual(51);
    await expect(page.getByText(/^Halaman 1 dari \d+$/)).toBeVisible();

    await page.getByLabel("Cari nama atau wilayah").fill(`DAFTAR${tag.toUpperCase()}`);
    await page.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(new RegExp(`^60 dari ${all} chapter cocok`));
    // words in any order, punctuation and case as typed, the kabupaten's name found too
    await page.getByLabel("Cari nama atau wilayah").fill(`Kab. Badung  daftar${tag}`);
    await page.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(new RegExp(`^60 dari ${all} chapter cocok`));
    await expect(page.getByText("Halaman 1 dari 2")).toBeVisible();
    await page.getByRole("link", { name: "Berikutnya" }).click();
    await expect(page.getByText("Halaman 2 dari 2")).toBeVisible();
    await expect(page.getByLabel("Cari nama atau wilayah")).toHaveValue(`Kab. Badung  daftar${tag}`);
    expect(await page.getByRole("row").count()).toBe(11);
    await page.getByRole("link", { name: "Sebelumnya" }).click();
    await expect(page.getByText("Halaman 1 dari 2")).toBeVisible();

    // the chapters whose mail goes to the national admins, because nobody leads them
    await page.getByRole("checkbox", { name: /^Hanya chapter tanpa koordinator \(\d+\)$/ }).check();
    await page.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(new RegExp(`^55 dari ${all} chapter cocok`));
    await expect(page.getByRole("row", { name: new RegExp(`Daftar${tag} 0[0-4]`) })).toHaveCount(0);
    await expect(page.getByRole("row", { name: new RegExp(`Daftar${tag} 05`) })).toContainText("Belum ada koordinator");
    await page.getByRole("link", { name: "Tampilkan semua" }).click();
    await expect(page.getByRole("status")).toHaveText(`${all} chapter`);

    // the create form sits above the list: a refusal shows at once, with what was typed
    await page.getByText("Buat chapter baru").click();
    await page.getByLabel("Nama chapter").fill("RTIK Kabupaten Uji Tanpa Wilayah");
    await page.getByRole("button", { name: "Buat chapter", exact: true }).click();
    await expect(page.getByText("Wajib diisi.")).toBeInViewport();
    await expect(page.getByText("Pilih kabupaten/kota yang dilayani chapter.")).toBeVisible();
    await expect(page.getByLabel("Nama chapter")).toHaveValue("RTIK Kabupaten Uji Tanpa Wilayah");
  });

  test("roster pages: next, previous and first page keep the search, nobody twice across 60 members of the same name", async ({ page, db }) => {
    const chapter = await createChapter(db, { name: "RTIK Kabupaten Uji Halaman", regionCode: "35.09" });
    const lead = await createUser(db, { name: "Lead Halaman" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: randomUUID(), email: `sama-${i}-${randomUUID().slice(0, 6)}@contoh.id`, name: i % 3 ? "Dewi Lestari" : "Dewi  Lestari" }));
    await db.insert(users).values([...rows, { id: randomUUID(), email: `lain-${randomUUID().slice(0, 6)}@contoh.id`, name: "Budi Lain" }]);
    await db.insert(memberships).values(rows.map((r) => ({ userId: r.id, chapterId: chapter.id, role: "volunteer" as const, status: "active" as const })));

    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/roster`);
    await page.getByLabel("Nama, email atau nomor HP").fill("dewi");
    await page.getByRole("button", { name: "Terapkan" }).click();
    await expect(page.getByRole("status")).toHaveText("60 relawan ditemukan");
    const seen: string[] = [];
    // each member's page (the link also carries the roster's page, for the way back)
    const names = async () => (await page.locator("tbody tr td:first-child a").evaluateAll((as) => as.map((a) => (a.getAttribute("href") ?? "").split("?")[0] ?? "")));
    seen.push(...(await names()));
    await expect(page.getByRole("link", { name: "Sebelumnya" })).toHaveCount(0);
    for (;;) {
      const next = page.getByRole("link", { name: "Berikutnya" });
      if ((await next.count()) === 0) break;
      await next.click();
      await expect(page).toHaveURL(/[?&]q=dewi/);
      await expect(page.getByLabel("Nama, email atau nomor HP")).toHaveValue("dewi");
      seen.push(...(await names()));
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    // back one page, then to the first
    await page.getByRole("link", { name: "Sebelumnya" }).click();
    expect(await names()).toEqual(seen.slice(25, 50));
    await page.getByRole("link", { name: "Halaman pertama" }).click();
    expect(await names()).toEqual(seen.slice(0, 25));
  });

  test("apply, decline with a reason, set a member inactive and reactivate", async ({ page, db, browser }) => {
    const chapter = await createChapter(db, { name: "RTIK Kabupaten Uji Dharmasraya", regionCode: "13.10" });
    const lead = await createUser(db, { name: "Rahmat Lead" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const vol = await createUser(db, { name: "Yulia Sari", locale: "en" });
    await createVolunteerProfile(db, { userId: vol.id, regionCode: "13.10.01" });
    const member = await createUser(db, { name: "Fadhli Rahman" });
    await createVolunteerProfile(db, { userId: member.id, regionCode: "13.10.01", skills: ["jaringan-komputer"], languages: ["id", "min"] });
    await addMembership(db, { userId: member.id, chapterId: chapter.id, role: "volunteer" });

    await loginAs(page, db, vol.id);
    await page.goto(`/chapters/${chapter.slug}`);
    await page.getByRole("button", { name: `Apply to ${chapter.name}` }).click();
    await expect(page.getByTestId("my-status")).toHaveText("Your status: Waiting for a decision");

    const leadContext = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`, locale: "id-ID", javaScriptEnabled: false });
    const leadPage = await leadContext.newPage();
    await loginAs(leadPage, db, lead.id);
    await leadPage.goto(`/chapters/${chapter.slug}/applications`);
    await leadPage.getByLabel("Alasan penolakan").fill("Kuota relawan bulan ini sudah penuh.");
    await leadPage.getByRole("button", { name: "Tolak Yulia Sari" }).click();
    await expect(leadPage.getByRole("status")).toContainText("Pendaftaran ditolak");

    await leadPage.goto(`/chapters/${chapter.slug}/members/${member.id}`);
    await expect(leadPage.getByTestId("member-status")).toHaveText("Anggota aktif");
    await expect(leadPage.getByText("Jaringan komputer", { exact: false })).toBeVisible();
    await leadPage.getByRole("button", { name: "Jadikan tidak aktif" }).click();
    await expect(leadPage.getByTestId("member-status")).toHaveText("Tidak aktif");
    await leadPage.getByRole("button", { name: "Aktifkan kembali" }).click();
    await expect(leadPage.getByTestId("member-status")).toHaveText("Anggota aktif");
    await leadContext.close();

    const [mail] = await db.select({ template: outbox.template, locale: outbox.locale, payload: outbox.payload }).from(outbox).where(eq(outbox.toEmail, vol.email));
    expect(mail?.template).toBe("membership-declined");
    expect(mail?.locale).toBe("en");
    expect(JSON.stringify(mail?.payload)).toContain("Kuota relawan bulan ini sudah penuh.");

    await page.goto(`/chapters/${chapter.slug}`);
    await expect(page.getByTestId("my-status")).toHaveText("Your status: Declined");
    await expect(page.getByText("Reason: Kuota relawan bulan ini sudah penuh.")).toBeVisible();
    // not at once: the page says from when, and that updating the profile brings the form back sooner
    await expect(page.getByTestId("reapply-wait")).toContainText("You can apply to this chapter again from ");
    await expect(page.getByRole("heading", { name: "Apply again" })).toHaveCount(0);
    // pressing the old form again (a tab left open, a resend) applies nothing and e-mails no lead
    const resent = await page.request.post(`/chapters/${chapter.slug}`, { form: { motivation: "lagi" }, headers: { Origin: new URL(page.url()).origin } });
    expect(resent.status()).toBe(409);
    expect(await db.select().from(outbox).where(and(eq(outbox.toEmail, lead.email), eq(outbox.template, "membership-applied")))).toHaveLength(1);
    await page.goto("/profile");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page).toHaveURL(/\/profile\?saved=1$/);
    await page.goto(`/chapters/${chapter.slug}`);
    await expect(page.getByTestId("reapply-wait")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Apply again" })).toBeVisible();
  });
});
