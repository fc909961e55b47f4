/**
 * The event report page (/events/<id>/report): what its loader shows and one function for the report form's intents
 * (search the registry, preview the go-online list, file the report), so the route only guards, parses and calls.
 * The rules themselves live in outcomes.server.ts (the report), institutions.server.ts and online-list.server.ts.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { countKey } from "~/i18n/plural";
import { listInstitutions, type EventDetail } from "~/models/events/events.server";
import { institutionsByIds, suggestInstitutions, type InstitutionHit } from "~/models/events/institutions.server";
import { csvFileText, ONLINE_LIST_MAX_ROWS, onlineListText, previewOnlineList, type OnlineListPreview } from "~/models/events/online-list.server";
import { checkPhotos, fileReport, getReport, onboardingRowsFromForm, PHOTO_MAX_BYTES, reportSchema, reportTiming, storePhotos } from "~/models/events/outcomes.server";
import { participantCounts } from "~/models/events/participants.server";
import { formValues, parseForm } from "~/utils/forms.server";

/** What a report form action sends back to the page when it does not redirect. */
export type ReportActionData = {
  errors: Record<string, string[] | undefined>;
  values?: Record<string, string | string[]>;
  found?: InstitutionHit[];
  picked?: InstitutionHit[];
  online?: OnlineListPreview;
  searched?: string;
};

/** The kecamatan's UMKM the report's checklist lists when no more than this many (the rest are found by the search). */
const NEARBY_UMKM_LISTED = 10;

/** Everything the report page renders. */
export async function reportPageData(db: Db, input: { event: EventDetail; lead: boolean; locale: string }) {
  const { event, lead } = input;
  const report = await getReport(db, event.id);
  // the go-online rows count as reached whatever is ticked (fileReport adds them): the checklist leaves them out and
  // says how many there are, instead of repeating a hundred UMKM above their own list
  const online = new Set((report?.online ?? []).map((o) => o.id));
  const door = await participantCounts(db, event.id);
  const timing = await reportTiming(db, event.id);
  const t = translator(input.locale === "en" ? "en" : "id");
  const named = await institutionsByIds(db, { chapterRegion: event.chapterRegion, ids: (report?.reached ?? []).map((r) => r.id) });
  const namedIds = new Set(named.map((x) => x.id));
  const nearby = (await listInstitutions(db, event.regionCode.split(".").slice(0, 3).join("."))).filter((x) => !namedIds.has(x.id) && !online.has(x.id));
  // the UMKM earlier go-online events brought into the kecamatan's registry run to hundreds: past a handful they are
  // found through the search, and a line says how many there are; the event's own venue is always listed
  const listed = (x: { id: number; type: string }) => x.type !== "umkm" || x.id === event.venueId;
  const otherUmkm = nearby.filter((x) => !listed(x)).length;
  const umkmHidden = otherUmkm > NEARBY_UMKM_LISTED ? otherUmkm : 0;
  return {
    event: { id: event.id, title: event.title, outcomes: event.programOutcomes, timeZone: event.timeZone, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() },
    // when the report opens, written by the server: the page ships no date formatting code (DECISIONS 71, 115)
    opensAt: formatDateTime(event.startsAt, input.locale === "en" ? "en" : "id", event.timeZone),
    started: timing?.started ?? false,
    ended: timing?.ended ?? false,
    lead,
    // a cancelled event's report is kept as a record but never approved (DECISIONS 129, 131): said at the top, written here
    cancelled: event.status === "cancelled" ? t("events.report.cancelledNotice") : null,
    door,
    // a first report starts from the door count and the venue
    fresh: report
      ? null
      : {
          participantsTotal: door.total ? String(door.total) : "",
          participantsFemale: door.female ? String(door.female) : "",
          participantsMale: door.male ? String(door.male) : "",
          reached: event.venueId ? [String(event.venueId)] : [],
        },
    // the event's kecamatan (a chapter's whole registry can run to hundreds), plus whatever the report already names
    institutions: [...named, ...nearby.filter((x) => !umkmHidden || listed(x))].filter((x, i, all) => !online.has(x.id) && all.findIndex((y) => y.id === x.id) === i),
    // the checklist's notes, written here: the page ships neither string
    notes: {
      online: online.size ? t(countKey("events.report.onlineReached", online.size), { n: online.size }) : null,
      umkm: umkmHidden ? t(countKey("events.report.umkmSearch", umkmHidden), { n: umkmHidden }) : null,
    },
    report: report
      ? {
          status: report.status,
          participantsTotal: String(report.participantsTotal),
          participantsFemale: report.participantsFemale === null ? "" : String(report.participantsFemale),
          participantsMale: report.participantsMale === null ? "" : String(report.participantsMale),
          notes: report.notes,
          reached: report.reached.filter((r) => !online.has(r.id)).map((r) => String(r.id)),
          onlineCount: report.online.length,
          onlineText: onlineListText(report.online, event.chapterRegion),
          photos: report.photos,
        }
      : null,
    // one per page load, sent with the form: the same form sent twice is saved once
    formToken: randomUUID(),
    maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
    onlineMax: ONLINE_LIST_MAX_ROWS,
  };
}

export type ReportFormResult = { ok: true } | { ok: false; status: number; data: ReportActionData };

/**
 * The report form's submit buttons: "search" (the registry, keeping what is ticked), "preview" (the go-online list)
 * or, by default, file the report with its photos. `ok` means the report was filed.
 */
export async function submitReportForm(db: Db, input: { event: EventDetail; userId: string; lead: boolean; form: FormData }): Promise<ReportFormResult> {
  const { event, userId, lead, form } = input;
  const values = formValues(form);
  // a file input cannot be refilled by the server: an uploaded list comes back as a hidden field (onlineCsvText) and is
  // sent again with the next submit, so a preview or an error never drops it; a newly chosen file replaces it
  const csvFile = form.get("onlineCsv");
  const csvText = csvFile instanceof File && csvFile.size > 0 ? csvFileText(await csvFile.arrayBuffer()) : form.get("onlineCsvDrop") ? "" : String(form.get("onlineCsvText") ?? "");
  values.onlineCsvText = csvText;
  delete values.onlineCsvDrop;
  const selected = form.getAll("institutionIds").map(Number);
  const picked = () => institutionsByIds(db, { chapterRegion: event.chapterRegion, ids: selected });
  const fail = (status: number, data: ReportActionData): ReportFormResult => ({ ok: false, status, data });
  if (form.get("intent") === "search") {
    const q = String(form.get("q") ?? "");
    return fail(200, { errors: {}, values, searched: q, found: await suggestInstitutions(db, { chapterRegion: event.chapterRegion, q }), picked: await picked() });
  }
  const online = await previewOnlineList(db, { chapterRegion: event.chapterRegion, eventRegion: event.regionCode, list: String(form.get("onlineList") ?? ""), file: csvText });
  if (form.get("intent") === "preview") return fail(200, { errors: {}, values, online, picked: await picked() });
  const parsed = parseForm(reportSchema, form);
  const onboarding = onboardingRowsFromForm(form);
  const onlineErrors: Record<string, string[]> = online.fileError ? { onlineList: [online.fileError] } : online.errorCount ? { onlineList: ["events.report.onlineList.fixRows"] } : {};
  if (!parsed.ok || Object.keys(onboarding.errors).length || Object.keys(onlineErrors).length)
    return fail(400, {
      errors: { ...(parsed.ok ? {} : parsed.errors), ...onboarding.errors, ...onlineErrors },
      values,
      online: online.errorCount ? online : undefined,
      picked: await picked(),
    });
  const files = form.getAll("photos").filter((f): f is File => typeof f !== "string");
  const checked = checkPhotos(files);
  if (!checked.ok) return fail(400, { errors: { photos: [checked.error] }, values, picked: await picked() });
  const stored = await storePhotos(checked.files);
  if (!stored.ok) return fail(400, { errors: { photos: [stored.error] }, values, picked: await picked() });
  const filed = await fileReport(db, {
    eventId: event.id,
    chapterRegion: event.chapterRegion,
    eventRegion: event.regionCode,
    userId,
    form: parsed.data,
    onboarded: onboarding.rows,
    photos: stored.stored,
    lead,
    list: String(form.get("onlineList") ?? ""),
    file: csvText,
    formToken: /^[0-9a-f-]{36}$/.test(String(form.get("formToken") ?? "")) ? String(form.get("formToken")) : null,
  });
  if (!filed.ok && filed.reason === "notStarted") return fail(409, { errors: { _form: ["events.report.notStarted"] }, values, picked: await picked() });
  if (!filed.ok) return fail(400, { errors: { onlineList: ["events.report.onlineList.fixRows"] }, values, online: filed.online, picked: await picked() });
  return { ok: true };
}
