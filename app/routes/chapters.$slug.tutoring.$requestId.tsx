import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, valueOf, type FormFailure } from "~/components/forms";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { keysOfMask, parseSlotKey, DAY_PARTS, WEEKDAYS } from "~/models/availability";
import { getChapterBySlug } from "~/models/chapters.server";
import { MATCH_WEIGHTS, rankCandidates } from "~/models/matching.server";
import { listLanguages } from "~/models/profiles.server";
import { regionLabel } from "~/models/regions.server";
import { CANCEL_REASON_MAX, getRequestForLead, leadDecide, listTopics } from "~/models/tutoring.server";
import { formatWhatsapp, whatsappLink } from "~/models/whatsapp";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const id = Number(params.requestId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const found = await getRequestForLead(db, user, chapter.id, id);
  if (!found.ok) return found.reason === "forbidden" ? forbidden() : notFound();
  const r = found.request;
  const [candidates, topics, langs, place] = await Promise.all([rankCandidates(db, r.id), listTopics(db), listLanguages(db), regionLabel(db, r.regionCode)]);
  const en = context.locale === "en";
  const names = new Map(topics.map((tp) => [tp.slug, en ? tp.nameEn : tp.nameId]));
  const lang = langs.find((l) => l.code === r.language);
  return {
    title: `${translator(context.locale)("tutoring.lead.request", { id: r.id })} — Simpul`,
    chapter: { slug: chapter.slug, name: chapter.name },
    request: {
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      timeZone: r.timeZone,
      learnerName: r.learnerName,
      whatsapp: r.whatsapp ? { label: formatWhatsapp(r.whatsapp), href: whatsappLink(r.whatsapp) } : null,
      email: r.email,
      place,
      topics: r.topics.map((s) => names.get(s) ?? s),
      details: r.details,
      forWhom: r.forWhom,
      mode: r.mode,
      language: lang ? (en ? lang.nameEn : lang.nameId) : r.language,
      availability: keysOfMask(r.availability),
      history: r.history.map((h) => ({ at: h.at.toISOString(), fromStatus: h.fromStatus, toStatus: h.toStatus, actorKind: h.actorKind, note: h.note })),
    },
    candidates,
    weights: MATCH_WEIGHTS,
    decided: new URL(request.url).searchParams.get("decided") === "1",
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const chapter = await getChapterBySlug(db, params.slug ?? "");
  if (!chapter) notFound();
  const id = Number(params.requestId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const form = await request.formData();
  const decision = form.get("intent") === "unmatched" ? "unmatched" : "cancel";
  const note = form.get("note");
  const text = typeof note === "string" ? note : "";
  const result = await leadDecide(db, user, chapter.id, id, decision, text);
  if (!result.ok) {
    if ("reason" in result) return result.reason === "forbidden" ? forbidden() : notFound();
    return data<FormFailure>({ errors: result.errors, values: { note: text } }, { status: 400 });
  }
  return redirect(`/chapters/${chapter.slug}/tutoring/${id}?decided=1`);
}

export default function TutoringRequestDetail() {
  const { chapter, request: r, candidates, weights, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const closable = ["new", "offered", "matched", "in_progress", "unmatched"].includes(r.status);
  const t = useT();
  const locale = useLocale();
  const slotLabel = (key: string) => {
    const s = parseSlotKey(key);
    return s ? t("tutoring.form.slot", { day: t(`profile.day.${WEEKDAYS[s.weekday]}`), part: t(`profile.part.${DAY_PARTS[s.part]}`) }) : key;
  };
  return (
    <div>
      <p>
        <Link to={`/chapters/${chapter.slug}/tutoring`}>{t("tutoring.lead.back")}</Link>
      </p>
      <h1>{t("tutoring.lead.request", { id: r.id })}</h1>
      {decided && !actionData ? (
        <p className="notice" role="status">
          {t("tutoring.lead.decided")}
        </p>
      ) : null}
      <p>
        {t(`tutoring.status.${r.status}`)} · {formatDateTime(r.createdAt, locale, r.timeZone)}
      </p>
      <section className="card" aria-labelledby="contact">
        <h2 id="contact" style={{ marginTop: 0 }}>
          {t("tutoring.lead.contact")}
        </h2>
        <dl>
          <dt>{t("tutoring.form.name")}</dt>
          <dd>{r.learnerName}</dd>
          {r.whatsapp ? (
            <>
              <dt>{t("tutoring.form.whatsapp")}</dt>
              <dd>
                <a href={r.whatsapp.href}>{r.whatsapp.label}</a>
              </dd>
            </>
          ) : null}
          {r.email ? (
            <>
              <dt>{t("tutoring.form.email")}</dt>
              <dd>
                <a href={`mailto:${r.email}`}>{r.email}</a>
              </dd>
            </>
          ) : null}
          <dt>{t("tutoring.track.region")}</dt>
          <dd>{r.place}</dd>
          <dt>{t("tutoring.track.topics")}</dt>
          <dd>{r.topics.join(", ")}</dd>
          {r.details ? (
            <>
              <dt>{t("tutoring.lead.details")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{r.details}</dd>
            </>
          ) : null}
          <dt>{t("tutoring.lead.forWhom")}</dt>
          <dd>{t(`tutoring.forWhom.${r.forWhom}`)}</dd>
          <dt>{t("tutoring.lead.mode")}</dt>
          <dd>{t(`tutoring.mode.${r.mode}`)}</dd>
          <dt>{t("tutoring.lead.language")}</dt>
          <dd>{r.language}</dd>
          <dt>{t("tutoring.lead.availability")}</dt>
          <dd>{r.availability.map(slotLabel).join(", ") || "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t("tutoring.lead.history")}</h2>
        <ol>
          {r.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at, locale, r.timeZone)} — {h.fromStatus === h.toStatus ? t("tutoring.track.noteTitle") : t(`tutoring.status.${h.toStatus}`)} ({t(`tutoring.actor.${h.actorKind}`)})
              {h.note ? `: ${h.note}` : null}
            </li>
          ))}
        </ol>
      </section>
      {closable ? (
        <section className="card" aria-labelledby="decide">
          <h2 id="decide" style={{ marginTop: 0 }}>
            {t("tutoring.lead.decideTitle")}
          </h2>
          <Form method="post" noValidate>
            <Field name="note" label={t("tutoring.lead.decideNote")} multiline defaultValue={valueOf(actionData, "note")} errors={actionData?.errors?.note} maxLength={CANCEL_REASON_MAX} />
            <div className="actions">
              {r.status === "new" || r.status === "offered" ? (
                <button type="submit" name="intent" value="unmatched" className="secondary">
                  {t("tutoring.lead.unmatched")}
                </button>
              ) : null}
              <button type="submit" name="intent" value="cancel" className="danger">
                {t("tutoring.lead.cancel")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="candidates">
        <h2 id="candidates">{t("tutoring.lead.candidates")}</h2>
        <p className="hint">
          {t("tutoring.lead.weights", {
            skill: weights.skill,
            desa: weights.region.desa,
            kecamatan: weights.region.kecamatan,
            kabupaten: weights.region.kabupaten,
            language: weights.language,
            availability: weights.availability,
          })}
        </p>
        {candidates.length === 0 ? (
          <p>{t("tutoring.lead.noCandidates")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("tutoring.form.name")}</th>
                  <th scope="col">{t("tutoring.lead.score")}</th>
                  <th scope="col">{t("tutoring.lead.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.userId}>
                    <td>{c.name}</td>
                    <td>{c.score}</td>
                    <td>
                      {[
                        c.reasons.skillsNeeded ? t("tutoring.reason.skills", { n: c.reasons.skillsMatched, of: c.reasons.skillsNeeded }) : t("tutoring.reason.noSkills"),
                        t(`tutoring.reason.region.${c.reasons.region ?? "none"}`),
                        c.reasons.speaksLanguage ? t("tutoring.reason.language") : t("tutoring.reason.noLanguage"),
                        t("tutoring.reason.slots", { n: c.reasons.slotsShared, of: c.reasons.slotsWanted }),
                      ].join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
