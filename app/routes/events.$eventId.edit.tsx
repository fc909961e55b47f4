import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { EventForm, type EventFormAnswer } from "~/components/EventForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { eventFormDefaults, eventFormErrors, getEvent, parseEventForm, planningOptions, updateEvent } from "~/models/events/events.server";
import { venueChoices, venueSearchOf, wantsVenueSearch } from "~/models/events/institutions.server";
import { notifyParticipantsChanged } from "~/models/events/participants.server";
import { formValues } from "~/utils/forms.server";
import "~/i18n/strings/routes/events.$eventId.edit";

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
  const [options, venues] = await Promise.all([
    planningOptions(db, event.chapterRegion),
    // the event's own venue is in the list however far down the registry it is
    venueChoices(db, { chapterId: event.chapterId, chapterRegion: event.chapterRegion, keep: [event.venueId] }),
  ]);
  return {
    title: translator(context.locale)("events.edit.title"),
    event: { id: event.id, title: event.title, status: event.status },
    defaults: { ...eventFormDefaults(event), draft: event.status === "draft" ? "1" : "" },
    options: { ...options, venues },
    copied: new URL(request.url).searchParams.get("copied") === "1",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const event = await load(params);
  const user = await requireChapterLead(db, context, request, event.chapterId);
  const form = await request.formData();
  // every answer but a redirect carries the venue list as the lead left it: the search, the venue chosen
  const venues = () =>
    venueChoices(db, { chapterId: event.chapterId, chapterRegion: event.chapterRegion, search: venueSearchOf(form.get("venueQ")), keep: [form.get("venueId")?.toString(), event.venueId] });
  if (wantsVenueSearch(form)) return data<EventFormAnswer>({ values: formValues(form), venues: await venues() });
  const parsed = parseEventForm(form);
  if (!parsed.success) return data<EventFormAnswer>({ errors: eventFormErrors(parsed.error), values: formValues(form), venues: await venues() }, { status: 400 });
  const result = await updateEvent(db, {
    eventId: event.id,
    chapterId: event.chapterId,
    userId: user.id,
    form: parsed.data,
    alsoTell: (tx, change) => notifyParticipantsChanged(tx, event.id, change),
  });
  // refused for days changed meanwhile: saving again from this page (after a look) goes through
  const loaded = result.ok || result.sequence === undefined ? {} : { loaded: String(result.sequence) };
  if (!result.ok) return data<EventFormAnswer>({ errors: result.errors, values: { ...formValues(form), ...loaded }, venues: await venues() }, { status: 400 });
  return redirect(`/events/${event.id}?saved=1`);
}

export default function EditEvent() {
  const { event, defaults, options, copied } = useLoaderData<typeof loader>();
  const failure = useActionData<EventFormAnswer>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.edit.title")}</h1>
      {copied ? (
        <p className="notice" role="status">
          {t("events.notice.copied")}
        </p>
      ) : null}
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      <p className="hint">{t("events.edit.notifyHint")}</p>
      <p>
        <a href={`/events/${event.id}/days`}>{t("events.days.link")}</a>
      </p>
      <EventForm options={options} failure={failure} defaults={defaults} roleRows={0} submitLabel={t("form.save")} showRoles={false} />
    </div>
  );
}
