import { eq } from "drizzle-orm";
import sharp from "sharp";
import { surveyAssignments, telecenters } from "../../db/schema/telecenters";
import { createDemoInstrument } from "../../db/seed-telecenters";
import { leaveChapter } from "../../app/models/accounts/personal-data.server";
import { assignSurveyors, createCampaign } from "../../app/models/telecenters/campaigns.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, PHONE, test } from "./support";

test.describe("on a phone without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("a telecenter's address filled to its 500 characters over several lines is saved, and coordinates pasted from a map are read", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const chapter = await createChapter(db, { name: `RTIK Jember Ketik ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Lead Ketik ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await loginAs(page, db, lead.id);
    await page.goto(`/telecenter/new?chapter=${chapter.id}`);
    await page.getByLabel("Nama telecenter").fill(`Telecenter Al-Ikhlas 'Bu Ani' ${tag}`);
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Jombang" });
    let address = "";
    while (address.length < 520) address += "Jl. Raya Sukamaju No. 12, RT 03 RW 05, Dusun Krajan, belakang balai desa\n";
    await page.getByLabel("Alamat").focus();
    await page.keyboard.insertText(address);
    // the box stops at its 500 characters, line breaks counted once
    const typed = await page.getByLabel("Alamat").inputValue();
    expect(typed.length).toBe(500);
    expect(typed.split("\n").length).toBeGreaterThan(5);
    await page.getByLabel("Lintang (latitude)").fill("delapan");
    await page.getByLabel("Bujur (longitude)").fill("113.7");
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page.getByText("Tulis koordinat seperti di peta, misalnya -8.1724 (atau 8°10'20\" LS).")).toBeVisible();
    await expect(page.getByText("Terlalu panjang")).toHaveCount(0);
    await expect(page.getByLabel("Alamat")).toHaveValue(typed);
    // pasted as a map copies it, both in the first box
    await page.getByLabel("Lintang (latitude)").fill("-8,1723; 113,7001");
    await page.getByLabel("Bujur (longitude)").fill("");
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page).toHaveURL(/\/telecenter\/\d+\/edit\?created=1$/);
    const id = Number(/\/telecenter\/(\d+)\//.exec(page.url())?.[1]);
    const [row] = await db.select({ address: telecenters.address, latitude: telecenters.latitude, longitude: telecenters.longitude }).from(telecenters).where(eq(telecenters.id, id));
    expect(row?.address).toBe(typed.trim());
    expect([Number(row?.latitude), Number(row?.longitude)]).toEqual([-8.1723, 113.7001]);
  });

  test("a surveyor who left the chapter gets 'not found' for the survey, and the lead sees the telecenter as nobody's", async ({ page, db, browser }) => {
    const tag = `${Date.now() % 100000}`;
    const chapter = await createChapter(db, { name: `RTIK Jember Pamit ${tag}`, regionCode: "35.09" });
    const lead = await createUser(db, { name: `Lead Pamit ${tag}` });
    const surveyor = await createUser(db, { name: `Rizal Pamit ${tag}` });
    await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
    await addMembership(db, { userId: surveyor.id, chapterId: chapter.id });
    const tc = await createTelecenter(db, { chapterId: chapter.id, userId: lead.id, form: { name: `Telecenter Sukamaju ${tag}`, regionCode: "35.09.01.2001", services: [] } });
    if (!tc.ok) throw new Error(JSON.stringify(tc.errors));
    const { versionId } = await createDemoInstrument(db, { chapterId: chapter.id, userId: lead.id, name: `Instrumen ${tag}` });
    const c = await createCampaign(db, { name: `Survei Pamit ${tag}`, chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
    if (!c.ok) throw new Error("campaign");
    const [a] = await db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
    if (!a) throw new Error("assignment");
    await assignSurveyors(db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] });
    await loginAs(page, db, surveyor.id);
    await page.goto(`/telecenter/survey/${a.id}`);
    await expect(page.getByRole("heading", { name: `Telecenter Sukamaju ${tag}` })).toBeVisible();
    // "dua" computers and a screenshot: both told at once, the photo not silently dropped
    await page.getByLabel("Jumlah komputer/laptop yang berfungsi").fill("dua");
    await page.getByLabel("Foto ruang dan perangkat telecenter").setInputFiles({ name: "Screenshot_20261205.png", mimeType: "image/png", buffer: await sharp({ create: { width: 60, height: 120, channels: 3, background: "#eef" } }).png().toBuffer() });
    await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(page.getByText("Foto yang dipilih belum tersimpan: pilih fotonya lagi sebelum menyimpan.")).toBeVisible();
    await expect(page.getByText("Isi dengan angka.")).toBeVisible();
    await expect(page.getByLabel("Jumlah komputer/laptop yang berfungsi")).toHaveValue("dua");
    await leaveChapter(db, surveyor.id, chapter.id);
    const again = await page.goto(`/telecenter/survey/${a.id}`);
    expect(again?.status()).toBe(404);
    await page.goto("/telecenter/survey");
    await expect(page.getByText(`Telecenter Sukamaju ${tag}`)).toHaveCount(0);

    const leadPage = await browser.newPage({ javaScriptEnabled: false, viewport: PHONE });
    await loginAs(leadPage, db, lead.id);
    await leadPage.goto(`/telecenter/campaigns/${c.campaignId}`);
    await expect(leadPage.getByLabel(`Telecenter Sukamaju ${tag}`)).toHaveValue("");
    await expect(leadPage.getByText(`Rizal Pamit ${tag}`)).toHaveCount(0);
    await leadPage.close();
  });
});
