import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import * as leadOnServer from "~/components/events/LeadSection.server";
import { MySignupCard, RoleCard } from "~/components/events/SignupPanels";
import { lazyPart } from "~/components/lazy-part";
import type { PageAnswer } from "~/utils/page-answer";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { formatSessionRange } from "~/models/events/event-time";
import {
  eventPage,
  leadAddRole,
  leadAssign,
  leadAttendance,
  leadCancelEvent,
  leadCopy,
  leadDeleteRole,
  leadPublish,
  leadRemove,
  leadRemoveParticipant,
  leadSaveRole,
  leadSetCapacity,
  volunteerCancel,
  volunteerSignUp,
  type PageResult,
} from "~/models/events/event-page.server";
import { eventScope } from "~/models/events/events.server";
import "~/i18n/strings/routes/events.$eventId._index";

// The lead's panels: rendered by the server with the page, their code fetched by the browser apart from the page's
const LeadSection = lazyPart(leadOnServer.LeadSection, async () => (await import("~/components/events/LeadSection.lazy")).LeadSection);
const LeadRole = lazyPart(leadOnServer.LeadRole, async () => (await import("~/components/events/LeadSection.lazy")).LeadRole);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} — Simpul` : "Simpul" }];

function eventIdOf(params: { eventId?: string }): number {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

/** What the page shows: the loader's answer, and the answer to a volunteer's form sent with JavaScript. */
async function pageFor(context: AppLoadContext, user: Parameters<typeof eventPage>[1]["user"], eventId: number, notice: string | null, assignSearch?: string | null) {
  // one statement; its lead panels (`lead`) are there only for a lead of the event's chapter (isChapterLead's rule)
  const page = await eventPage(db, { eventId, user, locale: context.locale, assignSearch });
  if (!page || (page.event.status === "draft" && !page.lead)) notFound();
  // dates are written here, not in the browser: the first Intl formatter a phone builds loads its locale and zone data
  // (~150 ms of a 4× slowed CPU, on the way from the list to the sign-up button)
  const { locale } = context;
  const sessions = page.event.sessions.map((s) => ({ ...s, when: formatSessionRange(s.startsAt, s.endsAt, locale, page.event.timeZone) }));
  return {
    title: translator(locale)("events.page.title"),
    ...page,
    event: { ...page.event, sessions },
    overlaps: page.overlaps.map((o) => ({ ...o, when: formatDateTime(o.startsAt, locale, o.timeZone) })),
    notice,
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const q = new URL(request.url).searchParams;
  const notice = q.get("created") ? "events.notice.created" : q.get("saved") ? "events.notice.saved" : q.get("n") ? `events.notice.${q.get("n")}` : null;
  // ?cari=: the lead looking for a member to assign (a large chapter's list shows the first few)
  return pageFor(context, user, eventIdOf(params), notice, q.get("cari"));
}

/** A form's failure: the message above the page and, for a lead's form with fields, its messages by field and what was sent (LeadPanels shows them in that form). */
type ActionFailure = { formError: string; errors?: Record<string, string[]>; values?: Record<string, string> };
type PageData = Awaited<ReturnType<typeof pageFor>>;

/**
 * Signing up (or cancelling) from a page with JavaScript: the answer carries the page as it now is (the person's
 * place, the places left, the notice), and no loader runs again after it (shouldRevalidate below, and the root's),
 * so the confirmation is one round trip instead of two (the action's redirect, then the page's data). Without
 * JavaScript the browser posts the form and follows the redirect to the page, as before.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  typeof actionResult === "object" && actionResult !== null && "page" in actionResult ? false : defaultShouldRevalidate;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const eventId = eventIdOf(params);
  const scope = await eventScope(db, eventId);
  if (!scope) notFound();
  const ev = { eventId, chapterId: scope.chapterId, status: scope.status };
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const answer = (r: PageResult | null) => {
    if (!r) notFound();
    if (!r.ok) return data<ActionFailure>({ formError: r.error, errors: r.errors, values: r.values }, { status: 409 });
    return redirect(r.redirectTo ?? `/events/${eventId}?n=${r.notice}`);
  };

  // the volunteer's own intents: with JavaScript (a data request), answered with the page itself — unless the
  // page's address carries an earlier notice (?n=…, after a lead's form), which a reload would show again: then the
  // redirect gives it the new one
  const q = new URL(request.url).searchParams;
  const noticeInAddress = q.has("n") || q.has("created") || q.has("saved");
  const answerVolunteer = async (r: PageResult) => {
    if (!r.ok || r.redirectTo || !context.dataRequest || noticeInAddress) return answer(r);
    const page: PageAnswer<PageData> = {
      page: await pageFor(context, user, eventId, `events.notice.${r.notice}`),
    };
    return page;
  };
  if (intent === "signup") {
    if (scope.status === "draft") notFound();
    return answerVolunteer(await volunteerSignUp(db, ev, user.id, form));
  }
  if (intent === "cancel") return answerVolunteer(await volunteerCancel(db, ev, user.id, form));
  // everything below is the lead's
  const lead = await requireChapterLead(db, context, request, scope.chapterId);
  switch (intent) {
    case "assign":
      return answer(await leadAssign(db, ev, lead.id, form, context.locale));
    case "remove":
      return answer(await leadRemove(db, ev, form));
    case "attend":
    case "unattend":
      return answer(await leadAttendance(db, ev, form, intent === "attend"));
    case "saveRole":
      return answer(await leadSaveRole(db, ev, form));
    case "deleteRole":
      return answer(await leadDeleteRole(db, ev, form));
    case "capacity":
      return answer(await leadSetCapacity(db, ev, form));
    case "addRole":
      return answer(await leadAddRole(db, ev, form));
    case "removeParticipant":
      return answer(await leadRemoveParticipant(db, ev, form));
    case "publish":
      return answer(await leadPublish(db, ev));
    case "cancelEvent":
      return answer(await leadCancelEvent(db, ev, form));
    case "copy":
      return answer(await leadCopy(db, ev, lead.id));
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function EventPage() {
  const loaded = useLoaderData<typeof loader>();
  const answered = useActionData<ActionFailure | PageAnswer<PageData>>();
  const { event, mine, member, overlaps, lead, notice, reportStatus } = answered && "page" in answered ? answered.page : loaded;
  const failure = answered && "formError" in answered ? answered : undefined;
  const t = useT();
  const one = event.sessions.length <= 1;
  const myRole = event.roles.find((r) => r.id === mine.find((m) => m.status === "confirmed")?.roleId);
  return (
    <div className="narrow">
      <p className="muted">
        {event.program} · {event.chapterName}
      </p>
      <h1>{event.title}</h1>
      {event.status !== "published" ? <p className="badge">{t(`events.status.${event.status}`)}</p> : null}
      {/* the address may still carry an earlier success (?n=…): not shown next to this answer's failure */}
      {notice && !failure ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {failure?.formError ? (
        <div className="form-error" role="alert">
          {t(failure.formError)}
        </div>
      ) : null}

      <section className="card" aria-labelledby="when">
        <h2 id="when">{t("events.page.when")}</h2>
        <ul>
          {event.sessions.map((s, i) => (
            <li key={s.id}>
              {event.sessions.length > 1 ? `${t("events.page.day", { n: i + 1 })}: ` : ""}
              {s.when}
              {s.label ? ` · ${s.label}` : ""}
            </li>
          ))}
        </ul>
        <p>
          <strong>{t("events.page.where")}:</strong> {[event.venueName, event.regionName].filter(Boolean).join(", ")}
        </p>
        {event.description ? <p style={{ whiteSpace: "pre-line" }}>{event.description}</p> : null}
        <p>
          <a href={`/events/${event.id}/calendar.ics`}>{t("events.page.ics")}</a> · <Link to={`/e/${event.id}`}>{t("events.page.publicLink")}</Link>
        </p>
      </section>

      {overlaps.length > 0 ? (
        <div className="notice" role="note">
          {t("events.page.overlap")}{" "}
          {overlaps.map((o) => (
            <Link key={o.id} to={`/events/${o.id}`}>
              {o.title} ({o.when})
            </Link>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="roles">
        <h2 id="roles">{t("events.page.roles")}</h2>
        <MySignupCard eventId={event.id} mine={mine} roles={event.roles} sessions={event.sessions} />
        {!member && !lead ? <p className="muted">{t("events.page.notMember")}</p> : null}
        {event.roles.map((r) => (
          <RoleCard
            key={r.id}
            role={r}
            sessions={event.sessions}
            places={event.places}
            mine={mine}
            canSignUp={event.open && member && (one ? mine.length === 0 : mine.every((m) => m.roleId === r.id))}
          >
            {lead ? <LeadRole role={r} sessions={event.sessions} places={event.places} /> : null}
          </RoleCard>
        ))}
      </section>

      {lead ? (
        <LeadSection event={event} lead={lead} reportStatus={reportStatus} />
      ) : reportStatus !== "approved" && myRole?.name.toLowerCase().includes("dokumentasi") ? (
        <p>
          <Link to={`/events/${event.id}/report`}>{t("events.lead.report")}</Link>
        </p>
      ) : null}
    </div>
  );
}
