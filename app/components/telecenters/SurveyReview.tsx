import { Form, Link } from "@remix-run/react";
import type { SurveyPhotoView, SurveySectionView } from "~/components/telecenters/SurveySectionForm";
import { useT } from "~/i18n/react";
import { countKey } from "~/i18n/plural";

type Missing = { sectionId: number; questionId: number; prompt: string };

/** The last step: every answer as it will be sent, section by section, each with a link back to correct it. */
export function SurveyReview({
  sections,
  answers,
  photos,
  missing,
  submitted,
  score,
  classification,
}: {
  sections: SurveySectionView[];
  answers: Record<string, string>;
  photos: SurveyPhotoView[];
  missing: Missing[];
  submitted: boolean;
  score: number | null;
  classification: string | null;
}) {
  const t = useT();
  const shown = (q: SurveySectionView["questions"][number]): string => {
    const v = answers[q.id] ?? "";
    if (v === "") return t("surveys.fill.unanswered");
    if (q.kind === "yesno") return v === "yes" ? t("surveys.fill.yes") : t("surveys.fill.no");
    if (q.kind === "choice") return q.config.options?.find((o) => o.value === v)?.label ?? v;
    return v;
  };
  return (
    <section aria-labelledby="review">
      <h2 id="review">{t("surveys.fill.review")}</h2>
      {submitted ? (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t("surveys.fill.submitted")}</p>
          {classification ? <p style={{ margin: 0 }}>{t("surveys.fill.result", { score: score ?? "–", classification })}</p> : null}
        </div>
      ) : missing.length ? (
        <>
          <p>{t(countKey("surveys.fill.missingIntro", missing.length), { n: missing.length })}</p>
          <ul>
            {missing.map((m) => (
              <li key={m.questionId}>
                <Link to={`?s=${sections.findIndex((s) => s.id === m.sectionId) + 1}`}>{m.prompt}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("surveys.fill.ready")}</p>
      )}
      {sections.map((s) => (
        <div key={s.id} className="card review-section">
          <h3 style={{ marginTop: 0 }}>{t("surveys.fill.sectionOf", { n: s.index, total: sections.length, title: s.title })}</h3>
          <dl className="answers">
            {s.questions.map((q) => {
              const mine = photos.filter((p) => p.questionId === q.id);
              return (
                <div key={q.id}>
                  <dt>{q.prompt}</dt>
                  <dd>
                    {q.kind === "photo" ? (mine.length ? t(countKey("surveys.fill.photoCount", mine.length), { n: mine.length }) : t("surveys.fill.unanswered")) : shown(q)}
                  </dd>
                </div>
              );
            })}
          </dl>
          {!submitted ? <Link to={`?s=${s.index}`}>{t("surveys.fill.change", { title: s.title })}</Link> : null}
        </div>
      ))}
      {!submitted ? (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <button type="submit" className="primary">
            {t("surveys.fill.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
