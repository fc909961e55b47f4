import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { FormError, type FormFailure } from "~/components/forms";
import { lazyPart } from "~/components/lazy-part";
import * as tutorOnServer from "~/components/tutoring/TutorSessions.server";
import * as panelsOnServer from "~/components/tutoring/VolunteerRequestPanels.server";
import { TutoringRequestFacts } from "~/components/TutoringRequestFacts";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { dateTimeFormat, formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { keysOfMask } from "~/models/accounts/availability";
import { listLanguages } from "~/models/accounts/profiles.server";
import { regionLabel } from "~/models/regions/regions.server";
import { claimRequest, completeRequest, getRequestForVolunteer, logSession, parseSessionForm, respondToOffer, type Outcome } from "~/models/tutoring/offers.server";
import { listTopics } from "~/models/tutoring/requests.server";
import { formatWhatsapp, whatsappLink } from "~/models/accounts/whatsapp";
import { formValues } from "~/utils/forms.server";
import "~/i18n/strings/routes/tutoring.$requestId";

// The tutor's sessions, completion and history: rendered by the server with the page, their code fetched by the
// browser after the page's (only the volunteer who accepted the request sees them)
const OfferClaimContact = lazyPart(panelsOnServer.OfferClaimContact, async () => (await import("~/components/tutoring/VolunteerRequestPanels.lazy")).OfferClaimContact);
const TutorSessions = lazyPart(tutorOnServer.TutorSessions, async () => (await import("~/components/tutoring/TutorSessions.lazy")).TutorSessions);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

function requestId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

/** A request as the volunteer sees it; the learner's contact only once they are its tutor. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const r = await getRequestForVolunteer(db, user, requestId(params.requestId));
  if (!r) notFound();
  const [topics, langs, place] = await Promise.all([listTopics(db), listLanguages(db), regionLabel(db, r.learner ? r.regionCode : r.regionCode.split(".").slice(0, 3).join("."))]);
  const en = context.locale === "en";
  const names = new Map(topics.map((tp) => [tp.slug, en ? tp.nameEn : tp.nameId]));
  const lang = langs.find((l) => l.code === r.language);
  return {
    title: `${translator(context.locale)("tutoring.lead.request", { id: r.id })} — Simpul`,
    // a new key per page: the same form pressed twice logs one session
    submissionKey: randomUUID(),
    done: DONE.find((d) => d === new URL(request.url).searchParams.get("selesai")) ?? null,
    // the default session date is today where the learner lives (en-CA formats as YYYY-MM-DD)
    today: dateTimeFormat("en-CA", { timeZone: r.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()),
    request: {
      id: r.id,
      status: r.status,
      chapterName: r.chapterName,
      createdAt: r.createdAt.toISOString(),
      timeZone: r.timeZone,
      place,
      topics: r.topics.map((s) => names.get(s) ?? s),
      details: r.details,
      forWhom: r.forWhom,
      mode: r.mode,
      telecenter: r.telecenter,
      language: lang ? (en ? lang.nameEn : lang.nameId) : r.language,
      availability: keysOfMask(r.availability),
      isTutor: r.isTutor,
      canClaim: r.canClaim,
      offerExpiresAt: r.offer ? r.offer.expiresAt.toISOString() : null,
      learner: r.learner
        ? {
            name: r.learner.name,
            whatsapp: r.learner.whatsapp ? { label: formatWhatsapp(r.learner.whatsapp), href: whatsappLink(r.learner.whatsapp) } : null,
            email: r.learner.email,
            // a child: the tutor arranges the sessions with the parent or guardian who consented
            guardian: r.learner.isMinor ? { name: r.learner.guardianName ?? "", ...contactLinks(r.learner.guardianContact) } : null,
          }
        : null,
      sessions: r.sessions,
      history: r.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note })),
    },
  };
}

/** A stored contact (a normalised WhatsApp number, else an email address) as the learner's own is shown. */
function contactLinks(raw: string | null) {
  if (!raw) return { whatsapp: null, email: null };
  return raw.startsWith("+") ? { whatsapp: { label: formatWhatsapp(raw), href: whatsappLink(raw) }, email: null } : { whatsapp: null, email: raw };
}

type ActionData = FormFailure & { intent: string };

const DONE = ["accept", "claim", "session", "complete"] as const;

export async function action({ params, context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = requestId(params.requestId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  let result: Outcome;
  if (intent === "accept" || intent === "decline") result = await respondToOffer(db, user, id, intent);
  else if (intent === "claim") result = await claimRequest(db, user, id);
  else if (intent === "session") {
    const parsed = parseSessionForm(form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    result = await logSession(db, user, id, parsed.data);
  } else if (intent === "complete") {
    const note = form.get("note");
    result = await completeRequest(db, user, id, typeof note === "string" ? note : "");
  } else throw new Response("Bad Request", { status: 400 });
  if (!result.ok) {
    // no longer a volunteer of the chapter: the offer is gone and so is this page for them; the board says why
    if (intent === "accept" && "errors" in result && result.errors._form?.includes("tutoring.volunteer.notMember")) return redirect("/tutoring?selesai=notMember");
    if ("errors" in result) return data<ActionData>({ intent, errors: result.errors, values: formValues(form) }, { status: 400 });
    // taken by another volunteer at the same moment, or the offer ended: the page is no longer theirs to open, and
    // "reload" would send the form again; the board says what happened
    if (result.reason === "conflict" && (intent === "claim" || intent === "accept")) return redirect("/tutoring?selesai=taken");
    if (result.reason === "conflict") return data<ActionData>({ intent, errors: { _form: ["tutoring.volunteer.conflict"] } }, { status: 409 });
    notFound();
  }
  if (intent === "decline") return redirect("/tutoring?selesai=decline");
  return redirect(`/tutoring/${id}?selesai=${intent}`);
}

export default function VolunteerRequest() {
  const { request: r, done, today, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const locale = useLocale();
  const failure = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const sessionFailure = failure("session");
  return (
    <div className="narrow">
      <p>
        <Link to="/tutoring">{t("tutoring.volunteer.back")}</Link>
      </p>
      <h1>{t("tutoring.lead.request", { id: r.id })}</h1>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`tutoring.volunteer.done.${done}`)}
        </p>
      ) : null}
      {actionData?.errors?._form ? <FormError errors={actionData.errors._form} /> : null}
      <p>
        <strong>{t("tutoring.track.status")}:</strong> <span id="tutoring-status">{t(`tutoring.status.${r.status}`)}</span> · {r.chapterName}
      </p>

      <OfferClaimContact r={r} />

      <section aria-labelledby="what">
        <h2 id="what">{t("tutoring.volunteer.what")}</h2>
        <dl>
          <TutoringRequestFacts r={r} />
          <dt>{t("tutoring.lead.age")}</dt>
          <dd>{formatDateTime(r.createdAt, locale, r.timeZone)}</dd>
        </dl>
      </section>

      {r.isTutor ? <TutorSessions r={r} today={today} submissionKey={submissionKey} sessionFailure={sessionFailure} completeFailure={failure("complete")} /> : null}
    </div>
  );
}
