import type { Locale } from "../app/i18n/locale";
import { button, escapeHtml, htmlLayout, type RenderedEmail } from "./layout";

export type SurveyAssignedPayload = { name: string; campaignName: string; chapterName: string; telecenters: string[]; dueOn: string | null; url: string };

export function surveyAssigned(p: SurveyAssignedPayload, locale: Locale): RenderedEmail {
  const s =
    locale === "id"
      ? {
          subject: `Tugas survei telecenter: ${p.campaignName}`,
          hello: `Halo ${p.name},`,
          body: `${p.chapterName} menugaskan Anda menyurvei telecenter berikut dalam ${p.campaignName}:`,
          due: p.dueOn ? `Batas waktu: ${p.dueOn}.` : "",
          tip: "Formulir bisa diisi di ponsel bagian demi bagian; setiap bagian langsung tersimpan, jadi sinyal lemah tidak menghilangkan jawaban.",
          cta: "Buka tugas survei saya",
        }
      : {
          subject: `Telecenter survey assignment: ${p.campaignName}`,
          hello: `Hello ${p.name},`,
          body: `${p.chapterName} asked you to survey these telecenters in ${p.campaignName}:`,
          due: p.dueOn ? `Deadline: ${p.dueOn}.` : "",
          tip: "You can fill in the form on your phone section by section; each section is saved at once, so a weak signal loses no answers.",
          cta: "Open my survey assignments",
        };
  const list = p.telecenters.map((t) => `<li>${escapeHtml(t)}</li>`).join("");
  const html = htmlLayout(
    locale,
    s.subject,
    `<p>${escapeHtml(s.hello)}</p>\n<p>${escapeHtml(s.body)}</p>\n<ul>${list}</ul>\n${s.due ? `<p>${escapeHtml(s.due)}</p>\n` : ""}<p>${escapeHtml(s.tip)}</p>\n${button(p.url, s.cta)}`,
  );
  const text = `${s.hello}\n\n${s.body}\n${p.telecenters.map((t) => `- ${t}`).join("\n")}\n\n${s.due ? `${s.due}\n\n` : ""}${s.tip}\n\n${s.cta}: ${p.url}\n\n-- \nSimpul · Relawan TIK Indonesia\n`;
  return { subject: s.subject, html, text };
}
