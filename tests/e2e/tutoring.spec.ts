import { and, asc, eq } from "drizzle-orm";
import { chapters } from "../../db/schema/chapters";
import type { Page } from "@playwright/test";
import { tutoringRequests } from "../../db/schema/tutoring";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

const nextButton = (page: Page) => page.getByRole("button", { name: "Tampilkan pilihan berikutnya" });

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
  await nextButton(page).click();
  await page.getByLabel("Kabupaten/Kota").selectOption({ label: "Kabupaten Banyuwangi" });
  await nextButton(page).click();
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Pesanggaran" });
  await nextButton(page).click();
  await expect(page.getByLabel("Desa/Kelurahan")).toBeEnabled();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a learner asks for help, fixes a mistake, keeps the private link, follows it and cancels", async ({ page, db }) => {
    const { chapter } = await banyuwangi(db);
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

    await page.getByLabel("Saya setuju data saya dipakai seperti dijelaskan di atas.").check();
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

    await page.getByRole("button", { name: "Batalkan permintaan" }).click();
    await expect(page.getByText("Wajib diisi.")).toBeVisible();
    await expect(page.getByLabel("Keterangan tambahan untuk relawan")).toHaveAttribute("aria-invalid", /^$|false/).catch(() => undefined);
    await page.getByLabel("Alasan pembatalan").fill("Sudah bisa sendiri");
    await page.getByRole("button", { name: "Batalkan permintaan" }).click();
    await expect(page.getByRole("status")).toHaveText("Permintaan sudah dibatalkan.");
    await expect(page.locator("#tutoring-status")).toHaveText("Dibatalkan");
    await expect(page.getByText("Sudah bisa sendiri")).toBeVisible();
    await expect(page.getByRole("button", { name: "Batalkan permintaan" })).toHaveCount(0);
    const [after] = await db.select().from(tutoringRequests).where(eq(tutoringRequests.id, row?.id ?? 0));
    expect(after?.status).toBe("cancelled");

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
    await page.getByRole("textbox", { name: "Email" }).fill("wati@example.test");
    await page.getByLabel("QRIS & pembayaran digital").check();
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
    await expect(page.getByRole("cell", { name: "Relawan Pesanggaran" })).toBeVisible();
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
  });
});
