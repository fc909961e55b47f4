import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, isChapterLead, notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import { ReportForm, type ReportFailure } from "~/components/events/ReportForm";
import * as reviewOnServer from "~/components/events/ReportReview.server";
import { ReportStatus } from "~/components/events/ReportStatus";
import { lazyPart } from "~/components/lazy-part";
import { FormError, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getEvent } from "~/models/events/events.server";
import { approveReport, canFileReport, deletePhoto, PHOTO_MAX_BYTES, returnReport } from "~/models/events/outcomes.server";
import { reportPageData, submitReportForm, type ReportActionData } from "~/models/events/report-page.server";
import { withUploadForm } from "~/services/uploads.server";
import "~/i18n/strings/routes/events.$eventId.report";

// the lead's review and the photos, below the report's status: rendered with the page, their code loaded apart
const ReportLower = lazyPart(reviewOnServer.ReportLower, async () => (await import("~/components/events/ReportReview.lazy")).ReportLower);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(params: { eventId?: string }) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event || event.status === "draft") notFound();
  return event;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const lead = await isChapterLead(db, user, event.chapterId);
  if (!(await canFileReport(db, event.id, user.id, lead))) forbidden();
  return { title: translator(context.locale)("events.report.title"), ...(await reportPageData(db, { event, lead, locale: context.locale })) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const lead = await isChapterLead(db, user, event.chapterId);
  if (!(await canFileReport(db, event.id, user.id, lead))) forbidden();
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > 12 * PHOTO_MAX_BYTES) return data<FormFailure>({ errors: { photos: ["events.report.photoSize"] } }, { status: 413 });
  // the photos go to disk as they arrive and are read from there (not the whole body in memory)
  return withUploadForm(request, PHOTO_MAX_BYTES, async (form) => {
    if (form.get("intent") === "deletePhoto") {
      await deletePhoto(db, { eventId: event.id, photoId: Number(form.get("photoId")) });
      return redirect(`/events/${event.id}/report`);
    }
    if (form.get("intent") === "return") {
      await requireChapterLead(db, context, request, event.chapterId);
      const note = String(form.get("note") ?? "").trim().slice(0, 1000);
      if (!note) return data<FormFailure>({ errors: { note: ["errors.required"] } }, { status: 400 });
      await returnReport(db, { eventId: event.id, chapterId: event.chapterId, userId: user.id, note });
      return redirect(`/events/${event.id}/report?returned=1`);
    }
    if (form.get("intent") === "approve") {
      await requireChapterLead(db, context, request, event.chapterId);
      const r = await approveReport(db, { eventId: event.id, chapterId: event.chapterId, userId: user.id });
      if (!r.ok && r.reason === "notEnded") return data<ReportActionData>({ errors: { approve: ["events.report.notEnded"] } }, { status: 409 });
      if (!r.ok && r.reason === "cancelled") return data<ReportActionData>({ errors: { approve: ["events.report.eventCancelled"] } }, { status: 409 });
      if (!r.ok && r.reason === "changed") return data<ReportActionData>({ errors: { stale: ["events.report.approveStale"] } }, { status: 409 });
      return redirect(`/events/${event.id}/report?${r.ok ? "approved=1" : ""}`);
    }
    // search the registry, preview the go-online list, or file the report
    const r = await submitReportForm(db, { event, userId: user.id, lead, form });
    if (!r.ok) return data<ReportActionData>(r.data, { status: r.status });
    return redirect(`/events/${event.id}/report?saved=1`);
  });
}

export default function Report() {
  const { event, lead, institutions, notes, report, maxMb, onlineMax, formToken, door, fresh, opensAt, started, ended, cancelled } = useLoaderData<typeof loader>();
  const failure = useActionData<ReportFailure>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.report.title")}</h1>
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      {cancelled ? (
        <p className="form-error" role="note" data-testid="report-cancelled">
          {cancelled}
        </p>
      ) : null}
      <ReportStatus status={report?.status ?? null} opensAt={started ? null : opensAt} />
      <FormError errors={failure?.errors?.stale} />
      {report ? <ReportLower event={event} status={report.status} ended={ended} errors={failure?.errors} photos={report.photos} lead={lead} cancelled={!!cancelled} /> : null}
      <ReportForm event={event} report={report} fresh={fresh} door={door} institutions={institutions} notes={notes} lead={lead && !cancelled} ended={ended} maxMb={maxMb} onlineMax={onlineMax} formToken={formToken} failure={failure} />
    </div>
  );
}
