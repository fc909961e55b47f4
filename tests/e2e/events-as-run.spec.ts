import { and, eq } from "drizzle-orm";
import { outbox } from "../../db/schema/outbox";
import { cancelEvent } from "../../app/models/events/events.server";
import { aheadSchema, notifyParticipantsCancelled, registerAhead } from "../../app/models/events/participants.server";
import { createChapterWithLead, createOutreachEvent } from "../factories";
import { expect, expectAccessible, loginAs, test } from "./support";

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a lead moves an event: the participants registered ahead are emailed; once it is cancelled, their ticket says so", async ({ page, db, browser }) => {
    const { chapterId, leadId } = await createChapterWithLead(db, { name: "RTIK Kota Jayapura", regionCode: "91.71" });
    const eventId = await createOutreachEvent(db, { chapterId, leadId, venueRegion: "91.71.02", date: inDays(9), title: "Literasi Digital Abepura" });
    const email = `yakomina.${eventId}@contoh.test`;
    const r = await registerAhead(db, { eventId, form: aheadSchema.parse({ minor: "no", name: "Yakomina Pigai", email }) });
    if (!r.ok || !r.token) throw new Error("not registered");

    await loginAs(page, db, leadId);
    await page.goto(`/events/${eventId}/edit`);
    await page.getByLabel("Tanggal (hari pertama)").fill(inDays(10));
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${eventId}\\?saved=1`));
    const told = await db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.toEmail, email), eq(outbox.template, "participant-changed")));
    expect(told).toHaveLength(1);
    expect((told[0]?.payload as { ticketUrl?: string }).ticketUrl).toContain(`/e/${eventId}/tiket/`);

    expect(await cancelEvent(db, { eventId, chapterId, alsoTell: (tx) => notifyParticipantsCancelled(tx, eventId) })).toBe(true);
    const visitor = await (await browser.newContext({ javaScriptEnabled: false, locale: "id-ID", viewport: { width: 360, height: 740 } })).newPage();
    await visitor.goto(`/e/${eventId}/tiket/${r.token}`);
    await expect(visitor.getByTestId("event-mark")).toHaveText("Kegiatan ini dibatalkan oleh panitia. Anda tidak perlu datang.");
    await expect(visitor.getByRole("button", { name: "Batalkan pendaftaran saya" })).toHaveCount(0);
    await expect(visitor.getByText("Di pintu masuk, sebutkan nama atau kode ini kepada panitia.")).toHaveCount(0);
    // axe runs its script in the page: a page of its own with JavaScript, at the same address
    const axePage = await (await browser.newContext({ javaScriptEnabled: true, locale: "id-ID" })).newPage();
    await axePage.goto(visitor.url());
    await expectAccessible(axePage);
    await axePage.context().close();
    await visitor.context().close();
  });
});
