import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { ErrorText, FormError } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { dayFormDefaults, parseDayForm, updateEventDay } from "~/models/events/event-days.server";
import { eventFormErrors, getEvent } from "~/models/events/events.server";
import { notifyParticipantsChanged } from "~/models/events/participants.server";
import { formValues } from "~/utils/forms.server";
import "~/i18n/strings/routes/events.$eventId.days";

/**
 * A multi-day event's days one by one (a bimtek whose last day ends at noon, a day moved to the afternoon): one small
 * form per day, no JavaScript needed. The event form keeps every day's own times when its fields are left alone.
 */
export const handle = { hydrate: false };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(params: { eventId?: string }) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event) notFound();
  return event;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const event = await load(params);
  await requireChapterLead(db, context, request, event.chapterId);
  const saved = Number(new URL(request.url).searchParams.get("saved")) || null;
  return {
    title: translator(context.locale)("events.days.title"),
    event: { id: event.id, title: event.title, cancelled: event.status === "cancelled" },
    days: dayFormDefaults(event),
    saved,
  };
}

type DayAnswer = { sessionId: string; errors: Record<string, string[]>; values: Record<string, string | string[]> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const event = await load(params);
  await requireChapterLead(db, context, request, event.chapterId);
  const form = await request.formData();
  const sessionId = String(form.get("sessionId") ?? "");
  const n = event.sessions.findIndex((s) => String(s.id) === sessionId) + 1;
  if (n === 0) return data<DayAnswer>({ sessionId, errors: { _form: ["errors.invalid"] }, values: formValues(form) }, { status: 400 });
  const parsed = parseDayForm(form);
  if (!parsed.success) return data<DayAnswer>({ sessionId, errors: eventFormErrors(parsed.error), values: formValues(form) }, { status: 400 });
  const result = await updateEventDay(db, {
    eventId: event.id,
    chapterId: event.chapterId,
    form: parsed.data,
    alsoTell: (tx, change) => notifyParticipantsChanged(tx, event.id, change),
  });
  if (!result.ok) return data<DayAnswer>({ sessionId, errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/events/${event.id}/days?saved=${n}#day-${n}`);
}

export default function EventDays() {
  const { event, days, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<DayAnswer>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.days.title")}</h1>
      <p>
        <a href={`/events/${event.id}`}>{event.title}</a>
      </p>
      <p className="hint">{t("events.days.lead")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("events.days.saved", { n: saved })}
        </p>
      ) : null}
      {days.map((d) => {
        const mine = failure?.sessionId === String(d.id) ? failure : undefined;
        const v = (k: "date" | "startTime" | "endTime" | "label") => {
          const x = mine?.values[k];
          return typeof x === "string" ? x : d[k];
        };
        const e = mine?.errors;
        const id = `day-${d.n}`;
        const field = (k: "date" | "startTime" | "endTime" | "label", label: string, type: string) => (
          <div className="field">
            <label htmlFor={`${id}-${k}`}>{label}</label>
            <input
              id={`${id}-${k}`}
              name={k}
              type={type}
              defaultValue={v(k)}
              required={k !== "label"}
              maxLength={k === "label" ? 160 : undefined}
              aria-invalid={e?.[k]?.length ? true : undefined}
              aria-describedby={e?.[k]?.length ? `${id}-${k}-error` : undefined}
            />
            <ErrorText id={`${id}-${k}-error`} errors={e?.[k]} />
          </div>
        );
        return (
          <Form key={d.id} method="post" className="card" id={id} aria-labelledby={`${id}-h`}>
            <h2 id={`${id}-h`}>{t("events.days.day", { n: d.n })}</h2>
            {d.past ? <p className="hint">{t("events.days.held")}</p> : null}
            <FormError errors={e?._form} />
            <input type="hidden" name="sessionId" value={d.id} />
            {field("date", t("events.days.date"), "date")}
            <div className="grid-2">
              {field("startTime", t("events.form.startTime"), "time")}
              {field("endTime", t("events.form.endTime"), "time")}
            </div>
            {field("label", t("events.days.label"), "text")}
            {event.cancelled ? null : (
              <button type="submit" className="button">
                {t("events.days.save", { n: d.n })}
              </button>
            )}
          </Form>
        );
      })}
    </div>
  );
}
