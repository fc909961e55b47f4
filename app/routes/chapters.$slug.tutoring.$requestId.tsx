import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, type FormFailure } from "~/components/forms";
import { lazyPart } from "~/components/lazy-part";
import * as lowerOnServer from "~/components/tutoring/LeadRequestLower.server";
import { ContactPanel } from "~/components/tutoring/LeadRequestPanels";
import * as progressOnServer from "~/components/tutoring/LeadRequestProgress.server";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getChapterBySlug } from "~/models/chapters/chapters.server";
import { leadCloseRequest, leadCompleteRequest, leadOfferRequest, leadRequestPageData, type LeadRequestFailure, type LeadRequestOutcome } from "~/models/tutoring/lead-request-page.server";
import "~/i18n/strings/routes/chapters.$slug.tutoring.$requestId";

// Offers made, history, closing and the ranked candidates sit below the request's facts: rendered by the server with the page,
// their code fetched by the browser after the page's (keeps the page's first-load JavaScript under 90 KB gzip)
const LeadRequestProgress = lazyPart(progressOnServer.LeadRequestProgress, async () => (await import("~/components/tutoring/LeadRequestProgress.lazy")).LeadRequestProgress);
const LeadRequestLower = lazyPart(lowerOnServer.LeadRequestLower, async () => (await import("~/components/tutoring/LeadRequestLower.lazy")).LeadRequestLower);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

async function scopeOf(params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"], request: Request) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const requestId = Number(params.requestId);
  if (!Number.isInteger(requestId) || requestId <= 0) notFound();
  return { user, chapter, chapterId: chapter.id, requestId };
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const scope = await scopeOf(params, context, request);
  const page = await leadRequestPageData(db, { ...scope, locale: context.locale });
  if (!page.ok) return page.reason === "forbidden" ? forbidden() : notFound();
  const { ok: _ok, ...rest } = page;
  return {
    title: `${translator(context.locale)("tutoring.lead.request", { id: page.request.id })} — Simpul`,
    chapter: { slug: scope.chapter.slug, name: scope.chapter.name },
    ...rest,
    decided: new URL(request.url).searchParams.get("decided"),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const scope = await scopeOf(params, context, request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const answer = (r: LeadRequestOutcome, decided: string) => {
    if (r.ok) return redirect(`/chapters/${scope.chapter.slug}/tutoring/${scope.requestId}?decided=${decided}`);
    if ("reason" in r) return r.reason === "forbidden" ? forbidden() : notFound();
    return data<LeadRequestFailure>(r.failure, { status: r.status });
  };
  if (intent === "offer") return answer(await leadOfferRequest(db, scope, form), intent);
  if (intent === "complete") return answer(await leadCompleteRequest(db, scope, form), intent);
  return answer(await leadCloseRequest(db, scope, intent === "unmatched" ? "unmatched" : "cancel", form), "1");
}

export default function TutoringRequestDetail() {
  const { chapter, request: r, candidates, canOffer, offers, sessions, tutor, rating, weights, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const closable = ["new", "offered", "matched", "in_progress", "unmatched"].includes(r.status);
  const t = useT();
  return (
    <div>
      <p>
        <Link to={`/chapters/${chapter.slug}/tutoring`}>{t("tutoring.lead.back")}</Link>
      </p>
      <h1>{t("tutoring.lead.request", { id: r.id })}</h1>
      {decided && !actionData ? (
        <p className="notice" role="status">
          {t(decided === "offer" ? "tutoring.lead.offered" : decided === "complete" ? "tutoring.volunteer.done.complete" : "tutoring.lead.decided")}
        </p>
      ) : null}
      {actionData?.errors?._form ? <FormError errors={actionData.errors._form} /> : null}
      <p>
        {t(`tutoring.status.${r.status}`)} · {r.createdText}
      </p>
      <ContactPanel r={r} />
      {tutor || sessions.length || r.status === "in_progress" ? <LeadRequestProgress tutor={tutor} rating={rating} sessions={sessions} inProgress={r.status === "in_progress"} /> : null}
      <LeadRequestLower offers={offers} history={r.history} timeZone={r.timeZone} closable={closable} status={r.status} result={actionData} candidates={candidates} canOffer={canOffer} weights={weights} />
    </div>
  );
}
