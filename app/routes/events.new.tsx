import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireChapterLead } from "~/auth/guards.server";
import { EventForm } from "~/components/EventForm";
import type { FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { createEvent, eventFormErrors, eventFormValues, getChapterForPlanning, parseEventForm, planningOptions } from "~/models/events/events.server";
import "~/i18n/strings/routes/events.new";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

function chapterIdOf(request: Request): number {
  const id = Number(new URL(request.url).searchParams.get("chapter"));
  if (!Number.isInteger(id) || id <= 0) throw new Response("Not Found", { status: 404 });
  return id;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const chapterId = chapterIdOf(request);
  await requireChapterLead(db, context, request, chapterId);
  const chapter = await getChapterForPlanning(db, chapterId);
  if (!chapter) throw new Response("Not Found", { status: 404 });
  return {
    title: translator(context.locale)("events.new.title"),
    chapter: { id: chapter.id, name: chapter.name },
    options: await planningOptions(db, chapter.regionCode),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const chapterId = chapterIdOf(request);
  const user = await requireChapterLead(db, context, request, chapterId);
  const form = await request.formData();
  const parsed = parseEventForm(form);
  if (!parsed.success) {
    return data<FormFailure>({ errors: eventFormErrors(parsed.error), values: eventFormValues(form) }, { status: 400 });
  }
  const result = await createEvent(db, { chapterId, userId: user.id, form: parsed.data });
  if (!result.ok) return data<FormFailure>({ errors: result.errors, values: eventFormValues(form) }, { status: 400 });
  return redirect(`/events/${result.eventId}?created=1`);
}

export default function NewEvent() {
  const { chapter, options } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.new.title")}</h1>
      <p className="muted">{chapter.name}</p>
      <EventForm options={options} failure={failure} defaults={{}} roleRows={4} submitLabel={t("events.new.submit")} showRoles />
    </div>
  );
}
