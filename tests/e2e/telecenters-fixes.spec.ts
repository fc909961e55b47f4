import { eq } from "drizzle-orm";
import { surveyAssignments, surveyCampaigns, surveyResponses } from "../../db/schema/telecenters";
import { createDemoInstrument, fillDemoResponse } from "../../db/seed-telecenters";
import { assignSurveyors, createCampaign } from "../../app/models/telecenters/campaigns.server";
import { saveOperationsReport } from "../../app/models/telecenters/operations.server";
import { createTelecenter } from "../../app/models/telecenters/registry.server";
import { addMembership, createChapter, createUser } from "../factories";
import { expect, loginAs, test } from "./support";

type Db = Parameters<typeof loginAs>[1];

/** A Jember chapter with a lead, a surveyor, one telecenter in Jombang and a campaign that sends the surveyor there. */
async function setup(db: Db, tag: string) {
  const chapter = await createChapter(db, { name: `RTIK Jember ${tag}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: `Lead ${tag}` });
  const surveyor = await createUser(db, { name: `Surveyor ${tag}` });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  await addMembership(db, { userId: surveyor.id, chapterId: chapter.id });
  const tc = await createTelecenter(db, { chapterId: chapter.id, userId: lead.id, form: { name: `Telecenter Mandiri ${tag}`, regionCode: "35.09.01.2001", services: ["internet"] } });
  if (!tc.ok) throw new Error(JSON.stringify(tc.errors));
  const { versionId } = await createDemoInstrument(db, { chapterId: chapter.id, userId: lead.id, name: `Instrumen ${tag}` });
  const c = await createCampaign(db, { name: `Survei ${tag}`, chapterId: chapter.id, versionId, telecenterIds: [tc.id], userId: lead.id });
  if (!c.ok) throw new Error("campaign");
  const [a] = await db.select({ id: surveyAssignments.id }).from(surveyAssignments).where(eq(surveyAssignments.campaignId, c.campaignId));
  if (!a) throw new Error("assignment");
  await assignSurveyors(db, { campaignId: c.campaignId, chapterId: chapter.id, choices: [{ assignmentId: a.id, surveyorId: surveyor.id }] });
  return { chapter, lead, surveyor, telecenterId: tc.id, campaignId: c.campaignId, assignmentId: a.id, versionId };
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a closed campaign's survey cannot be sent back: no button, and a page loaded before closing gets a message", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const s = await setup(db, tag);
    await fillDemoResponse(db, { assignmentId: s.assignmentId, userId: s.surveyor.id, versionId: s.versionId, level: 0.7 });
    await loginAs(page, db, s.lead.id);
    await page.goto(`/telecenter/campaigns/${s.campaignId}`);
    const results = page.getByRole("region", { name: "Hasil dan klasifikasi" });
    const sendBack = results.getByRole("button", { name: `Kembalikan Telecenter Mandiri ${tag}` });
    await expect(sendBack).toBeVisible();
    // closed in another tab; this page still shows the button
    await db.update(surveyCampaigns).set({ status: "closed" }).where(eq(surveyCampaigns.id, s.campaignId));
    await sendBack.click();
    await expect(page.getByRole("alert")).toHaveText("Kampanye ini sudah ditutup; jawaban tidak bisa diubah.");
    const [r] = await db.select({ status: surveyResponses.status, classification: surveyResponses.classification }).from(surveyResponses).where(eq(surveyResponses.assignmentId, s.assignmentId));
    expect(r?.status).toBe("submitted");
    expect(r?.classification).toBeTruthy();
    await page.goto(`/telecenter/campaigns/${s.campaignId}`);
    await expect(page.getByRole("cell", { name: r?.classification ?? "-" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Kembalikan/ })).toHaveCount(0);
    await page.goto(`/telecenter/${s.telecenterId}`);
    await expect(page.getByText("Belum pernah dinilai")).toHaveCount(0);
  });

  test("registering a telecenter already in the kecamatan under another spelling is refused with a link to it, keeping what was typed", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const s = await setup(db, tag);
    await loginAs(page, db, s.lead.id);
    await page.goto(`/telecenter/new?chapter=${s.chapter.id}`);
    await page.getByLabel("Nama telecenter").fill(`TC Mandiri ${tag}`);
    await page.getByLabel("Akses internet").check();
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Jombang" });
    await page.getByRole("button", { name: "Tampilkan pilihan berikutnya" }).click();
    await page.waitForLoadState("load");
    await page.getByRole("button", { name: "Simpan telecenter" }).click();
    await expect(page.getByText("Telecenter dengan nama ini sudah terdaftar di lokasi tersebut.")).toBeVisible();
    await expect(page.getByLabel("Nama telecenter")).toHaveValue(`TC Mandiri ${tag}`);
    await expect(page.getByLabel("Akses internet")).toBeChecked();
    await page.getByRole("link", { name: `Telecenter Mandiri ${tag}` }).click();
    await expect(page).toHaveURL(new RegExp(`/telecenter/${s.telecenterId}$`));
  });

  test("a chosen photo of 0 bytes gets a message next to the photo field and the answers typed stay", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const s = await setup(db, tag);
    await loginAs(page, db, s.surveyor.id);
    await page.goto(`/telecenter/survey/${s.assignmentId}`);
    await page.getByLabel(/Jumlah komputer/).fill("6");
    await page.getByLabel(/Foto ruang dan perangkat/).setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(0) });
    await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(page.getByText("Foto kosong atau tidak terbaca.")).toBeVisible();
    await expect(page.getByLabel(/Jumlah komputer/)).toHaveValue("6");
    const saved = await db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.assignmentId, s.assignmentId));
    expect(saved).toEqual([]);
  });

  test("a section saved from a second tab opened before a save is refused with what was typed kept, and saves once reloaded", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const s = await setup(db, tag);
    await loginAs(page, db, s.surveyor.id);
    const other = await page.context().newPage();
    await page.goto(`/telecenter/survey/${s.assignmentId}?s=1`);
    await other.goto(`/telecenter/survey/${s.assignmentId}?s=1`);
    await page.getByLabel(/Jumlah komputer/).fill("6");
    await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(page).toHaveURL(/s=2/);
    await other.getByLabel(/Jumlah komputer/).fill("9");
    await other.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(other.getByText(/Bagian ini sudah berubah sejak halaman dibuka/)).toBeVisible();
    await expect(other.getByLabel(/Jumlah komputer/)).toHaveValue("9");
    await other.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(other).toHaveURL(/s=2/);
  });
});

test.describe("a survey handed to another surveyor while open, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the first surveyor's save says the survey was handed over and shows back what was typed; the new surveyor gets the sections saved before", async ({ page, db }) => {
    const tag = `${Date.now() % 100000}`;
    const s = await setup(db, tag);
    const second = await createUser(db, { name: `Surveyor Baru ${tag}` });
    await addMembership(db, { userId: second.id, chapterId: s.chapter.id });
    await loginAs(page, db, s.surveyor.id);
    await page.goto(`/telecenter/survey/${s.assignmentId}?s=1`);
    await page.getByLabel(/Jumlah komputer/).fill("6");
    await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
    await expect(page).toHaveURL(/s=2/);
    await page.goto(`/telecenter/survey/${s.assignmentId}?s=4`);
    // the lead hands the telecenter to someone else while this section is being filled in
    await assignSurveyors(db, { campaignId: s.campaignId, chapterId: s.chapter.id, choices: [{ assignmentId: s.assignmentId, surveyorId: second.id }] });
    await page.getByLabel("Lengkap").check();
    await page.getByLabel(/Catatan pendamping/).fill("Atap bocor di pojok =HYPERLINK(\"x\")\nbaris kedua");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Simpan dan lanjut" }).click();
    expect((await response).status()).toBe(409);
    await expect(page.getByRole("alert")).toHaveText(/sudah diserahkan koordinator ke surveyor lain/);
    await expect(page.getByText("Atap bocor di pojok =HYPERLINK(\"x\")")).toBeVisible();
    await expect(page.getByText(/baris kedua/)).toBeVisible();
    await expect(page.getByText("Lengkap", { exact: true })).toBeVisible();
    // the link opened again: the same words, no form, and still "not found" for the form
    const again = await page.goto(`/telecenter/survey/${s.assignmentId}?s=4`);
    expect(again?.status()).toBe(404);
    await expect(page.getByRole("alert")).toHaveText(/sudah diserahkan koordinator ke surveyor lain/);
    await expect(page.getByRole("textbox")).toHaveCount(0);
    // the new surveyor finds the first section as it was saved
    await loginAs(page, db, second.id);
    await page.goto(`/telecenter/survey/${s.assignmentId}?s=1`);
    await expect(page.getByLabel(/Jumlah komputer/)).toHaveValue("6");
  });
});

test("a month without an operations report shows as a row of its own, with no figures", async ({ page, db }) => {
  const tag = `${Date.now() % 100000}`;
  const s = await setup(db, tag);
  const monthAgo = (n: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - n);
    return d.toISOString().slice(0, 7);
  };
  for (const m of [monthAgo(4), monthAgo(2)])
    await saveOperationsReport(db, {
      telecenterId: s.telecenterId,
      userId: s.lead.id,
      form: { period: "month", date: m, periodStart: `${m}-01`, income: 100_000, complaints: 0, visitors: 1200, complaintNotes: "", damageNotes: "" },
      usage: [],
    });
  await loginAs(page, db, s.lead.id);
  await page.goto(`/telecenter/${s.telecenterId}/reports`);
  const table = page.getByRole("region", { name: /./ }).filter({ has: page.getByRole("table") }).last();
  await expect(table.getByRole("row", { name: new RegExp(monthAgo(3)) })).toContainText("tidak ada laporan");
  await expect(table.getByRole("row", { name: new RegExp(monthAgo(1)) })).toContainText("tidak ada laporan");
  await expect(table.getByRole("row", { name: new RegExp(monthAgo(2)) })).toContainText("laporan bulanan");
});
