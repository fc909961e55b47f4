import { randomBytes } from "node:crypto";
import { applyToChapter, decideApplication } from "../../app/models/chapters/chapters.server";
import { users } from "../../db/schema/accounts";
import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema/chapters";
import { volunteerProfiles } from "../../db/schema/profiles";
import { addMembership, createChapter, createUser, createVolunteerProfile } from "../factories";
import { expect, linkFromMailbox, loginAs, test } from "./support";

// Volunteers and leads day to day, on a phone: what people really type and what two leads do at once.

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a sign-up whose answer was lost on the line, sent again from the error page, signs in to the account it made", async ({ page, db }) => {
    const email = `dewi.lestari-${randomBytes(4).toString("hex")}@contoh.id`;
    await page.goto("/register");
    await page.getByLabel("Nama lengkap").fill("Dewi Lestari");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi", { exact: true }).fill("kopi susu gula aren");
    await page.getByLabel("Ulangi kata sandi").fill("kopi susu gula aren");
    await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
    // the server makes the account, then the connection drops before the answer arrives
    let dropped = false;
    let aborted = false;
    await page.route("**/register", async (route) => {
      if (route.request().method() !== "POST" || dropped) return route.continue();
      dropped = true;
      await route.fetch({ maxRedirects: 0 });
      await route.abort("connectionreset");
      aborted = true;
    });
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect.poll(() => aborted).toBe(true);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
    // the answer's session cookie never arrived either (route.fetch kept it in the test's browser)
    await page.context().clearCookies();
    // the phone's "reload" sends the form again (once the failed navigation has settled on the browser's error page:
    // a reload pressed while it is being replaced is refused by the browser, and pressed again)
    await expect(async () => void (await page.reload())).toPass({ timeout: 15_000 });
    await expect(page).toHaveURL(/\/chapters$/);
    await expect(page.getByText(`kami mengirim tautan ke ${email}`, { exact: false })).toBeVisible();
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  test("registration refused for a taken email keeps the ticked consent, the name and the email; the chapters page asks to confirm the email", async ({ page, db }) => {
    const taken = await createUser(db, { email: `terpakai-${randomBytes(4).toString("hex")}@contoh.id` });
    await page.goto("/register");
    await page.getByLabel("Nama lengkap").fill("Dr. Hj. Siti Ma’rufah, S.Kom.");
    await page.getByLabel("Email").fill(` ${taken.email.toUpperCase()} `);
    await page.getByLabel("Kata sandi", { exact: true }).fill("gotong royong pagi");
    await page.getByLabel("Ulangi kata sandi").fill("gotong royong pagi");
    await page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ }).check();
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page.getByText("Email ini tidak bisa dipakai untuk mendaftar.", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Nama lengkap")).toHaveValue("Dr. Hj. Siti Ma’rufah, S.Kom.");
    await expect(page.getByLabel("Email")).toHaveValue(taken.email);
    await expect(page.getByRole("checkbox", { name: /Pemberitahuan Privasi/ })).toBeChecked();

    // a different email and the passwords again: the account is made without ticking the box a second time
    const email = `siti.marufah-${randomBytes(4).toString("hex")}@contoh.id`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi", { exact: true }).fill("gotong royong pagi");
    await page.getByLabel("Ulangi kata sandi").fill("gotong royong pagi");
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page).toHaveURL(/\/chapters$/);
    // where registration lands, the next step is said before the first application is refused for it
    await expect(page.getByText(`Konfirmasi alamat email Anda dulu: kami mengirim tautan ke ${email}.`, { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Kirim ulang tautan konfirmasi" })).toBeVisible();
    const [made] = await db.select({ name: users.name }).from(users).where(eq(users.email, email));
    expect(made?.name).toBe("Dr. Hj. Siti Ma’rufah, S.Kom.");
  });

  test("an English roster: skills in English, WhatsApp as people write it; Ma’ruf typed on a phone finds Ma'ruf", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}`, locale: "en" });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const maruf = await createUser(db, { name: `Moh. Ma'ruf ${tag}` });
    await createVolunteerProfile(db, { userId: maruf.id, regionCode: "35.09.01", whatsapp: "+6281234567890", skills: ["jaringan-komputer", "literasi-digital"] });
    await addMembership(db, { userId: maruf.id, chapterId: chapter.id });
    await loginAs(page, db, lead.id);

    await page.goto(`/chapters/${chapter.slug}/roster`);
    const row = page.getByRole("row").filter({ hasText: `Moh. Ma'ruf ${tag}` });
    await expect(row).toContainText("Computer networking, Digital literacy");
    await expect(row).toContainText("+62 812-3456-7890");
    await expect(row).not.toContainText("Jaringan komputer");

    await page.getByLabel("Name, email or phone number").fill(`Ma’ruf ${tag}`);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("1 volunteer", { exact: false })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: `Moh. Ma'ruf ${tag}` })).toBeVisible();
  });

  test("two leads on the applications list: the one whose decision comes second is told who decided what", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const first = await createUser(db, { name: `Ahmad Fauzi ${tag}` });
    const second = await createUser(db, { name: `Dewi Koordinator ${tag}` });
    for (const lead of [first, second]) await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const applicant = await createUser(db, { name: `Yusuf Maulana ${tag}` });
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, applicant.id));
    const applied = await applyToChapter(db, { userId: applicant.id, chapterId: chapter.id, motivation: "Ingin membantu." });
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;

    await loginAs(page, db, second.id);
    await page.goto(`/chapters/${chapter.slug}/applications`);
    const card = page.getByRole("listitem").filter({ hasText: `Yusuf Maulana ${tag}` });
    await card.getByLabel("Alasan penolakan").fill("Kuota relawan bulan ini sudah penuh.");
    // meanwhile the other lead approves on their own phone
    expect(await decideApplication(db, { chapterId: chapter.id, membershipId: applied.membershipId, actorId: first.id, decision: "approve" })).toEqual({ ok: true });
    await card.getByRole("button", { name: `Tolak Yusuf Maulana ${tag}` }).click();
    await expect(page.getByRole("alert")).toContainText(`Pendaftaran Yusuf Maulana ${tag} sudah diterima oleh Ahmad Fauzi ${tag}`);
    await expect(page.getByRole("alert")).toContainText("Keputusan Anda tidak disimpan.");
  });

  test("two leads set the same volunteer inactive: the second lands on the member's page, not on an error", async ({ page, db }) => {
    const tag = randomBytes(3).toString("hex");
    const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Koordinator ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    const volunteer = await createUser(db, { name: `Bayu Setiawan ${tag}` });
    await addMembership(db, { userId: volunteer.id, chapterId: chapter.id });
    await loginAs(page, db, lead.id);
    await page.goto(`/chapters/${chapter.slug}/members/${volunteer.id}`);
    // meanwhile the other lead sets them inactive
    await db.update(memberships).set({ status: "inactive" }).where(and(eq(memberships.userId, volunteer.id), eq(memberships.chapterId, chapter.id)));
    await page.getByRole("button", { name: "Jadikan tidak aktif" }).click();
    await expect(page.getByRole("status")).toHaveText("Relawan ditandai tidak aktif.");
    await expect(page.getByRole("button", { name: "Aktifkan kembali" })).toBeVisible();
  });

  test("locked out after wrong passwords: the message names the password reset, and after it the owner logs in at once", async ({ page, db }) => {
    const owner = await createUser(db, { email: `dewi.lupa-${randomBytes(4).toString("hex")}@contoh.id`, password: "sandi yang benar sekali" });
    await page.goto("/login");
    for (let i = 0; i < 6; i++) {
      await page.getByLabel("Email").fill(owner.email);
      await page.getByLabel("Kata sandi", { exact: true }).fill(`salah ketik ${i}`);
      await page.getByRole("button", { name: "Masuk" }).click();
    }
    await expect(page.getByRole("alert")).toContainText("Terlalu banyak percobaan masuk.");
    await expect(page.getByRole("alert")).toContainText("atur ulang kata sandi lewat “Lupa kata sandi?”");

    await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
    await page.getByLabel("Email").fill(owner.email);
    await page.getByRole("button", { name: "Kirim tautan" }).click();
    const link = await linkFromMailbox(page, owner.email, /reset-password\/[A-Za-z0-9_-]{43}/);
    await page.goto(new URL(link).pathname);
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("sandi baru yang panjang");
    await page.getByLabel("Ulangi kata sandi baru").fill("sandi baru yang panjang");
    await page.getByRole("button", { name: "Simpan kata sandi baru" }).click();
    await expect(page).toHaveURL(/\/account\?reset=1$/);
    // on another browser too: the reset cleared the account's counters
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Kata sandi", { exact: true }).fill("sandi baru yang panjang");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("profile: the number is shown as people write it, and one copied from WhatsApp (non-breaking hyphens) is saved", async ({ page, db }) => {
    const volunteer = await createUser(db, { name: "Nur’aini" });
    await createVolunteerProfile(db, { userId: volunteer.id, regionCode: "35.09.01", whatsapp: "+6281234567890" });
    await loginAs(page, db, volunteer.id);
    await page.goto("/profile");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("+62 812-3456-7890");
    await page.getByLabel("Nomor WhatsApp").fill("\u202a+62 857\u20111234\u20115678\u202c");
    await page.getByRole("button", { name: "Simpan profil" }).click();
    await expect(page.getByText("Profil sudah disimpan.")).toBeVisible();
    const [saved] = await db.select({ whatsapp: volunteerProfiles.whatsapp }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteer.id));
    expect(saved?.whatsapp).toBe("+6285712345678");
    await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("+62 857-1234-5678");
  });
});
