import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { FormError, type FormFailure } from "~/components/forms";
import { SurveyReview } from "~/components/telecenters/SurveyReview";
import { SurveySectionForm } from "~/components/telecenters/SurveySectionForm";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { PHOTO_MAX_BYTES } from "~/models/events/outcomes.server";
import { withUploadForm } from "~/services/uploads.server";
import { getVersion } from "~/models/telecenters/instruments.server";
import { getHandedOverAssignment, getMyAssignment, typedSectionOf, missingRequired, responseAnswers, saveSectionFromForm, sectionFingerprint, submitResponse, SURVEY_PHOTO_MAX, type Missing } from "~/models/telecenters/responses.server";
import { countKey } from "~/i18n/plural";
import { translator } from "~/i18n/dictionaries.server";
import "~/i18n/strings/routes/telecenter.survey.$assignmentId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.telecenter.name} · Simpul` : "Simpul" }];
/** The field form is for phones on weak connections: plain HTML forms, no JavaScript to download. */
export const handle = { hydrate: false };

async function load(request: Request, context: LoaderFunctionArgs["context"], param: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  // scope: only the surveyor the telecenter is assigned to gets anything but a 404
  const a = await getMyAssignment(db, { assignmentId: id, userId: user.id });
  // handed to someone else while the page was open: the member is told so, rather than a 404 that loses what they typed
  const gone = a ? null : await getHandedOverAssignment(db, { assignmentId: id, userId: user.id });
  if (!a && !gone) notFound();
  const version = await getVersion(db, a?.versionId ?? gone?.versionId ?? 0);
  if (!version) notFound();
  return { user, a, gone, version };
}

/** The page of a survey no longer the reader's: the telecenter and, after a save, what they typed. */
type HandedOver = { handedOver: { title: string; position: number; items: { prompt: string; value: string }[]; photos: number } | null };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { a, gone, version } = await load(request, context, params.assignmentId);
  // still "not found" for the form (it is the assigned surveyor's only), with a page that says why
  if (!a) return data({ handedOver: true as const, telecenter: { name: gone?.telecenterName ?? "", address: gone?.telecenterAddress ?? null }, campaignName: gone?.campaignName ?? "" }, { status: 404 });
  const step = new URL(request.url).searchParams.get("s");
  const { answers, photos } = await responseAnswers(db, a.responseId);
  const review = step === "review" || a.status === "submitted";
  // coming back without a section in the link resumes at the first section not saved yet
  const firstUnsaved = version.sections.findIndex((s) => !(a.sectionsSaved ?? []).includes(s.id)) + 1;
  const position = review ? null : Math.min(Math.max(Number(step) || firstUnsaved || 1, 1), version.sections.length);
  const section = position === null ? null : (version.sections[position - 1] ?? null);
  return {
    handedOver: false as const,
    assignment: { id: a.id, status: a.status ?? "not_started", open: a.campaignStatus === "open", campaignName: a.campaignName, score: a.score, classification: a.classification },
    telecenter: { name: a.telecenterName, address: a.telecenterAddress },
    sections: version.sections.map((s) => ({ id: s.id, position: s.position, title: s.title, saved: (a.sectionsSaved ?? []).includes(s.id) })),
    // what the section held as loaded: a save from a page out of date is refused (DECISIONS 133)
    section: section ? { ...section, index: position ?? 1, loaded: await sectionFingerprint(db, a.responseId, section.questions.map((q) => q.id)) } : null,
    // the review step shows every answer before it is sent
    review: review ? version.sections.map((s, i) => ({ ...s, index: i + 1 })) : [],
    answers: Object.fromEntries(answers),
    photos,
    missing: review ? missingRequired(version, answers, photos) : [],
    maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
    maxPhotos: SURVEY_PHOTO_MAX,
  };
}

type Result = FormFailure & { missing?: Missing[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, a, version } = await load(request, context, params.assignmentId);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > SURVEY_PHOTO_MAX * 2 * PHOTO_MAX_BYTES) return data<Result>({ errors: { _form: ["surveys.fill.photoSize"] } }, { status: 413 });
  // the photos go to disk as they arrive and are read from there (not the whole body in memory)
  return withUploadForm(request, PHOTO_MAX_BYTES, async (form) => {
    if (!a) {
      // nothing is stored (the answers are the new surveyor's to give); what was typed goes back to be copied
      const t = translator(context.locale);
      return data<HandedOver>({ handedOver: form.get("intent") === "submit" ? null : typedSectionOf(version, form, (k) => t(k)) }, { status: 409 });
    }
    const base = `/telecenter/survey/${a.id}`;
    if (form.get("intent") === "submit") {
      const r = await submitResponse(db, { assignmentId: a.id, userId: user.id });
      if (!r.ok) return data<Result>({ errors: { _form: [r.error] }, missing: r.missing }, { status: 400 });
      return redirect(`${base}?s=review&submitted=1`);
    }
    const saved = await saveSectionFromForm(db, { assignmentId: a.id, userId: user.id, versionId: version.id, form });
    if (!saved.ok) return data<Result>({ errors: saved.errors, values: saved.values }, { status: 400 });
    const go = String(form.get("go") ?? "stay");
    const target = go === "next" ? saved.index + 1 : go === "prev" ? saved.index - 1 : saved.index;
    if (target > version.sections.length) return redirect(`${base}?s=review&saved=1`);
    return redirect(`${base}?s=${Math.max(target, 1)}&saved=1`);
  });
}

export default function FieldForm() {
  const d = useLoaderData<typeof loader>();
  return d.handedOver ? <HandedOverPage telecenter={d.telecenter} campaignName={d.campaignName} /> : <SectionPage d={d} />;
}

/**
 * A survey handed to someone else while it was open: said plainly, with what was typed in the section being saved
 * shown back as text to copy (plain HTML, the page has no JavaScript) and send to the lead or the new surveyor.
 */
function HandedOverPage({ telecenter, campaignName }: { telecenter: { name: string; address: string | null }; campaignName: string }) {
  const t = useT();
  const typed = useActionData<HandedOver>()?.handedOver;
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/survey">{t("surveys.mine.title")}</Link>
      </p>
      <h1>{telecenter.name}</h1>
      <p className="muted">
        {campaignName}
        {telecenter.address ? ` · ${telecenter.address}` : ""}
      </p>
      <p className="form-error" role="alert">
        {t("surveys.fill.handedOver")}
      </p>
      {typed ? (
        <section aria-labelledby="typed">
          <h2 id="typed">{t("surveys.fill.handedOverTyped", { title: typed.title })}</h2>
          {typed.items.length ? (
            <>
              <p className="hint">{t("surveys.fill.handedOverCopy")}</p>
              <dl>
                {typed.items.map((i, n) => (
                  <div key={n}>
                    <dt>{i.prompt}</dt>
                    <dd style={{ whiteSpace: "pre-wrap" }}>{i.value}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : (
            <p className="muted">{t("surveys.fill.handedOverNothing")}</p>
          )}
          {typed.photos ? <p>{t(countKey("surveys.fill.handedOverPhotos", typed.photos), { n: typed.photos })}</p> : null}
        </section>
      ) : null}
      <p>{t("surveys.fill.handedOverSaved")}</p>
    </div>
  );
}

function SectionPage({ d }: { d: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { handedOver: true }> }) {
  const result = useActionData<Result>();
  const t = useT();
  const e = result?.errors;
  const submitted = d.assignment.status === "submitted";
  const missing = result?.missing ?? d.missing;
  const saved = d.sections.filter((s) => s.saved).length;
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/survey">{t("surveys.mine.title")}</Link>
      </p>
      <h1>{d.telecenter.name}</h1>
      <p className="muted">
        {d.assignment.campaignName}
        {d.telecenter.address ? ` · ${d.telecenter.address}` : ""}
      </p>
      <nav aria-label={t("surveys.fill.sections")}>
        <p style={{ margin: "0 0 4px" }}>{t(countKey("surveys.mine.sections", d.sections.length), { saved, total: d.sections.length })}</p>
        <ol>
          {d.sections.map((s, i) => (
            <li key={s.id}>
              {d.section?.id === s.id ? (
                <strong aria-current="step">{s.title}</strong>
              ) : submitted ? (
                s.title
              ) : (
                <Link to={`?s=${i + 1}`}>{s.title}</Link>
              )}
              {s.saved ? ` ✓ ${t("surveys.fill.savedMark")}` : ""}
            </li>
          ))}
          <li>{d.section ? <Link to="?s=review">{t("surveys.fill.review")}</Link> : <strong aria-current="step">{t("surveys.fill.review")}</strong>}</li>
        </ol>
      </nav>
      <FormError errors={e?._form} />
      {d.section ? (
        <SurveySectionForm section={d.section} total={d.sections.length} answers={d.answers} photos={d.photos} result={result} open={d.assignment.open} maxMb={d.maxMb} maxPhotos={d.maxPhotos} />
      ) : (
        <SurveyReview sections={d.review} answers={d.answers} photos={d.photos} missing={missing} submitted={submitted} score={d.assignment.score} classification={d.assignment.classification} />
      )}
    </div>
  );
}
