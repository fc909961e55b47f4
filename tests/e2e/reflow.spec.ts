import { eq } from "drizzle-orm";
import { events } from "../../db/schema/events";
import { tutoringRequests } from "../../db/schema/tutoring";
import { addMembership, createChapter, createOutreachEvent, createUser } from "../factories";
import { insertInstitution } from "../support/reports-fixture";
import { expect, expectAccessible, loginAs, test } from "./support";

// What people really type has long unbroken words: a pasted Google Forms link, a long email address, a WhatsApp
// group invitation. On a 360 px phone none of it may push a page sideways (the page fixture checks every page's width
// after every load: see fitsPhoneWidth in ./support).
const FORM_LINK = "https://docs.google.com/forms/d/e/1FAIpQLSfT8n3kYQ0v6mZb2wX9hJ4cR7uE5sA1dG3fK8lP0oI2uY6tRw/viewform?usp=sf_link";
const GROUP_LINK = "https://chat.whatsapp.com/KpL9xQ2wE7rT4yU1iO3pA5sD8fG6hJ0kZc";

test("long links and addresses wrap on a 360 px phone: event pages, the tutoring request and its lead's page", async ({ page, db }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const tag = `${Date.now() % 100000}`;
  await createChapter(db, { name: `RTIK Jember lain ${tag}`, regionCode: "35.09" }); // as other journeys leave them
  const chapter = await createChapter(db, { name: `RTIK Kabupaten Jember ${tag}`, regionCode: "35.09" });
  const lead = await createUser(db, { name: `Koordinator ${tag}`, email: `koordinator.relawantik.kabupatenjember.${tag}@pemerintahdaerah.go.id` });
  await addMembership(db, { userId: lead.id, chapterId: chapter.id, role: "lead" });
  const volunteer = await createUser(db, { name: `Muhammad Rizky Ramadhani Saputra ${tag}`, email: `muhammadrizkyramadhanisaputra.relawan${tag}@gmail.com` });
  await addMembership(db, { userId: volunteer.id, chapterId: chapter.id });
  const eventId = await createOutreachEvent(db, {
    chapterId: chapter.id,
    leadId: lead.id,
    venueRegion: "35.09.01",
    venueName: `SMK Muhammadiyah 2 Kalisat (Laboratorium Komputer Terpadu) ${tag}`,
    title: `Sosialisasi Internet Sehat dan Literasi Digital ${tag}`,
    date: "2027-02-15",
  });
  await db
    .update(events)
    .set({ description: `Daftar hadir peserta: ${FORM_LINK}\nGrup koordinasi: ${GROUP_LINK}\nNarahubung: ${lead.email}` })
    .where(eq(events.id, eventId));

  await page.goto(`/e/${eventId}`);
  expect(page.viewportSize()?.width).toBe(360);
  await expect(page.getByText(FORM_LINK)).toBeVisible();
  await expectAccessible(page);

  await loginAs(page, db, volunteer.id);
  await page.goto(`/events/${eventId}`);
  await expect(page.getByText(GROUP_LINK)).toBeVisible();
  await expectAccessible(page);
  await page.goto("/profile");
  await expectAccessible(page);

  // a learner's request with a long email address and a pasted link: the tracking page and the lead's page
  const { createTutoringRequest, parseTutoringForm } = await import("../../app/models/tutoring/requests.server");
  const form = new FormData();
  for (const [k, v] of Object.entries({ name: `Siti Nurhaliza ${tag}`, email: `sitinurhaliza.umkmbatiktulisjember${tag}@gmail.com`, whatsapp: "0812-7777-8888", topics: "marketplace", forWhom: "umkm", language: "id", mode: "home", consent: "yes", minor: "no", details: `Toko saya: https://shopee.co.id/batiktulisjember_sitinurhaliza_official_store${tag}` }))
    form.append(k, v);
  const parsed = parseTutoringForm(form, "35.09.01");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const filed = await createTutoringRequest(db, parsed.data, { ip: `10.77.0.${Number(tag) % 250}`, locale: "id" });
  if (!filed.ok) throw new Error(JSON.stringify(filed));
  // other journeys' chapters cover Jember too: this one is the chapter that received it
  await db.update(tutoringRequests).set({ chapterId: chapter.id }).where(eq(tutoringRequests.id, filed.requestId));
  await page.context().clearCookies();
  await page.goto(`/lacak/${filed.token}`);
  await expect(page.getByText(`sitinurhaliza.umkmbatiktulisjember${tag}@gmail.com`)).toBeVisible();
  await expectAccessible(page);
  await loginAs(page, db, lead.id);
  await page.goto(`/chapters/${chapter.slug}/tutoring/${filed.requestId}`);
  await expect(page.getByText(`sitinurhaliza.umkmbatiktulisjember${tag}@gmail.com`)).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/events/${eventId}`);
  await expectAccessible(page);

  // the report's checklist of institutions in the event's kecamatan: a name typed without spaces (40 letters) made
  // the report page 1,880 px wide on a phone
  const longName = `TelecenterDesaSukamakmurKecamatanKalisat${tag}`;
  await insertInstitution(db, longName, "telecenter", "35.09.01");
  await page.goto(`/events/${eventId}/report`);
  await expect(page.getByText(longName)).toBeVisible();
  await expectAccessible(page);
});
