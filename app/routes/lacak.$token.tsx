import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { CancelPanel, CorrectPanel, DoneNotice, ErasePanel, MyDataPanel, NotePanel, PlacePanel, RatePanel, TutorCard, type LearnerFailure } from "~/components/tutoring/LearnerPanels";
import type { PickerState } from "~/components/RegionPicker";
import { TutoringHistory } from "~/components/TutoringHistory";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { learnerPageData } from "~/models/tutoring/learner-page.server";
import { addLearnerNote, cancelByToken, rateByToken } from "~/models/tutoring/requests.server";
import { correctPlaceByToken, correctRequestByToken, eraseRequestByToken } from "~/models/tutoring/learner-data.server";
import { regionFromForm, regionPickerState, regionStepRequested } from "~/models/regions/regions.server";
import { REGION_FIELD } from "~/models/tutoring/tutoring-form";
import "~/i18n/strings/routes/lacak.$token";

/** The learner's private page: whoever holds the token sees the request; zero JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Simpul" },
  { name: "referrer", content: "same-origin" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context, request: httpRequest }: LoaderFunctionArgs) {
  const request = await learnerPageData(db, { token: params.token ?? "", locale: context.locale });
  if (!request) notFound();
  return {
    title: translator(context.locale)("tutoring.track.title"),
    done: new URL(httpRequest.url).searchParams.get("selesai"),
    request,
  };
}

type PlaceFailure = LearnerFailure & { picker: PickerState; step?: boolean };

const INTENTS = { note: "note", cancel: "reason", rate: "rating" } as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await request.formData();
  const raw = form.get("intent");
  if (raw === "place") {
    // the picker's lists come back with every answer; its "next" button (no JavaScript) saves nothing
    const region = regionFromForm(form, REGION_FIELD);
    const picker = () => regionPickerState(db, region, { maxLevel: 4 });
    if (regionStepRequested(form)) return data<PlaceFailure>({ intent: raw, step: true, picker: await picker() });
    const result = await correctPlaceByToken(db, token, region);
    if (!result.ok) {
      if ("notFound" in result) notFound();
      return data<PlaceFailure>({ intent: raw, errors: result.errors, picker: await picker() }, { status: 400 });
    }
    return redirect(`/lacak/${token}?selesai=place`);
  }
  if (raw === "correct" || raw === "erase") {
    const result = raw === "correct" ? await correctRequestByToken(db, token, form) : await eraseRequestByToken(db, token, String(form.get("confirm") ?? ""));
    if (!result.ok) {
      if ("notFound" in result) notFound();
      return data<LearnerFailure>({ intent: raw, errors: result.errors, values: raw === "correct" ? { name: String(form.get("name") ?? ""), whatsapp: String(form.get("whatsapp") ?? ""), email: String(form.get("email") ?? "") } : undefined }, { status: 400 });
    }
    return redirect(`/lacak/${token}?selesai=${raw}`);
  }
  if (raw !== "note" && raw !== "rate" && raw !== "cancel") throw new Response("Bad Request", { status: 400 });
  const intent = raw;
  const field = INTENTS[intent];
  const value = form.get(field);
  const text = typeof value === "string" ? value : "";
  const comment = typeof form.get("comment") === "string" ? String(form.get("comment")) : "";
  const result =
    intent === "note" ? await addLearnerNote(db, token, text) : intent === "rate" ? await rateByToken(db, token, text, comment) : await cancelByToken(db, token, text);
  if (!result.ok) {
    if ("notFound" in result) notFound();
    return data<LearnerFailure>({ intent, errors: result.errors, values: { [field]: text, comment } }, { status: 400 });
  }
  return redirect(`/lacak/${token}?selesai=${intent}`);
}

export default function TrackRequest() {
  const { request: r, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<PlaceFailure | LearnerFailure>();
  const failure = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const t = useT();
  const open = !["completed", "cancelled"].includes(r.status) && !r.erasedAt;
  return (
    <div className="narrow">
      <h1>{t("tutoring.track.title")}</h1>
      <DoneNotice done={done} />
      <p>
        <strong>{t("tutoring.track.status")}:</strong> <span id="tutoring-status">{t(`tutoring.status.${r.status}`)}</span>
      </p>
      <p>
        <strong>{t("tutoring.track.chapter")}:</strong> {r.chapterName}
      </p>
      {r.status === "unmatched" && !r.erasedAt ? <p id="unmatched-hint">{t("tutoring.track.unmatchedHint", { chapter: r.chapterName })}</p> : null}
      {r.tutor ? <TutorCard tutor={r.tutor} status={r.status} sessions={r.sessions} minutes={r.minutes} /> : null}
      {r.status === "completed" && !r.erasedAt ? <RatePanel rating={r.rating} failure={failure("rate")} /> : null}
      <MyDataPanel r={r} />
      <section aria-labelledby="history">
        <h2 id="history">{t("tutoring.track.history")}</h2>
        <TutoringHistory items={r.history} timeZone={r.timeZone} actorLabel={(k) => t(`tutoring.actor.${k}`)} />
      </section>
      <PlacePanel picker={r.placePicker} held={r.placeHeld} failure={actionData?.intent === "place" ? (actionData as PlaceFailure) : undefined} />
      {open ? <NotePanel failure={failure("note")} /> : null}
      {open ? <CancelPanel failure={failure("cancel")} /> : null}
      {r.erasedAt ? null : <CorrectPanel r={r} failure={failure("correct")} />}
      {r.erasedAt ? null : <ErasePanel failure={failure("erase")} />}
    </div>
  );
}
