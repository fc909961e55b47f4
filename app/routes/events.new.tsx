import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireChapterLead } from "~/auth/guards.server";
import { EventForm, type EventFormAnswer } from "~/components/EventForm";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { createEvent, eventFormErrors, eventFormValues, getChapterForPlanning, parseEventForm, planningOptions } from "~/models/events/events.server";
import { venueChoices, venueSearchOf, wantsVenueSearch } from "~/models/events/institutions.server";
import "~/i18n/strings/routes/events.new";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

function chapterIdOf(request: Request): number {
  const id = Number(new URL(request.url).searchParams.get("chapter"));
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not Found", { status: 404 });
  return id;
}

async function chapterFor(chapterId: number) {
  const chapter = await getChapterForPlanning(db, chapterId);
  if (!chapter) throw new Response("Not Found", { status: 404 });
  return chapter;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const chapterId = chapterIdOf(request);
  await requireChapterLead(db, context, request, chapterId);
  const chapter = await chapterFor(chapterId);
  const [options, venues] = await Promise.all([planningOptions(db, chapter.regionCode), venueChoices(db, { chapterId, chapterRegion: chapter.regionCode })]);
  return {
    title: translator(context.locale)("events.new.title"),
    chapter: { id: chapter.id, name: chapter.name },
    options: { ...options, venues },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const chapterId = chapterIdOf(request);
  const user = await requireChapterLead(db, context, request, chapterId);
  const chapter = await chapterFor(chapterId);
  const form = await request.formData();
  // every answer but a redirect carries the venue list as the lead left it: the search, the venue chosen
  const venues = () => venueChoices(db, { chapterId, chapterRegion: chapter.regionCode, search: venueSearchOf(form.get("venueQ")), keep: [form.get("venueId")?.toString()] });
  if (wantsVenueSearch(form)) return data<EventFormAnswer>({ values: eventFormValues(form), venues: await venues() });
  const parsed = parseEventForm(form);
  if (!parsed.success) {
    return data<EventFormAnswer>({ errors: eventFormErrors(parsed.error), values: eventFormValues(form), venues: await venues() }, { status: 400 });
  }
  const result = await createEvent(db, { chapterId, userId: user.id, form: parsed.data });
  if (!result.ok) return data<EventFormAnswer>({ errors: result.errors, values: eventFormValues(form), venues: await venues() }, { status: 400 });
  return redirect(`/events/${result.eventId}?created=1`);
}

export default function NewEvent() {
  const { chapter, options } = useLoaderData<typeof loader>();
  const failure = useActionData<EventFormAnswer>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.new.title")}</h1>
      <p className="muted">{chapter.name}</p>
      <EventForm options={options} failure={failure} defaults={{}} roleRows={4} submitLabel={t("events.new.submit")} showRoles />
    </div>
  );
}
