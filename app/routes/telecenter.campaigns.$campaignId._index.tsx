import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { ErrorText, FormError, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { assignSurveyors, byKecamatan, campaignRows, getCampaign, previousCampaign, progressOf, reopenResponse, setCampaignStatus, surveyorOptions } from "~/models/telecenters/campaigns.server";
import { getVersion } from "~/models/telecenters/instruments.server";
import { SemicolonCsvLink } from "~/components/CsvLinks";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], param: string | undefined) {
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const campaign = await getCampaign(db, id);
  if (!campaign) notFound();
  const user = await requireChapterLead(db, context, request, campaign.chapterId);
  return { user, campaign };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { campaign } = await load(request, context, params.campaignId);
  const [rows, surveyors, previous, version] = await Promise.all([
    campaignRows(db, campaign.id),
    surveyorOptions(db, campaign.chapterId),
    previousCampaign(db, campaign.id),
    getVersion(db, campaign.versionId),
  ]);
  const sectionCount = version?.sections.length ?? 0;
  const plain = rows.map((r) => ({
    assignmentId: r.assignmentId,
    telecenterId: r.telecenterId,
    telecenterName: r.telecenterName,
    kecamatanCode: r.kecamatanCode,
    kecamatanName: r.kecamatanName,
    surveyorId: r.surveyorId,
    surveyorName: r.surveyorName,
    status: r.status,
    saved: r.sectionsSaved?.length ?? 0,
    score: r.score,
    classification: r.classification,
    sectionScores: r.sectionScores ?? [],
    previousScore: r.previousScore,
    previousClass: r.previousClass,
  }));
  return {
    title: campaign.name,
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status, dueOn: campaign.dueOn, chapterName: campaign.chapterName, instrumentName: campaign.instrumentName, versionNumber: campaign.versionNumber, versionId: campaign.versionId, classes: campaign.classes },
    sections: (version?.sections ?? []).map((s) => ({ id: s.id, position: s.position, title: s.title })),
    sectionCount,
    rows: plain,
    progress: progressOf(rows),
    kecamatan: byKecamatan(rows).map((g) => ({ code: g.code, name: g.name, rows: g.rows.map((r) => ({ id: r.assignmentId, name: r.telecenterName, classification: r.classification, status: r.status })) })),
    surveyors,
    previous,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { campaign } = await load(request, context, params.campaignId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "assign") {
    const choices = [...form.entries()]
      .filter(([k]) => /^s_\d+$/.test(k))
      .map(([k, v]) => ({ assignmentId: Number(k.slice(2)), surveyorId: typeof v === "string" && v ? v : null }));
    const r = await assignSurveyors(db, { campaignId: campaign.id, chapterId: campaign.chapterId, choices });
    if (!r.ok) return data<FormFailure>({ errors: { [r.field ?? "_form"]: [r.error] } }, { status: 400 });
    return redirect(`/telecenter/campaigns/${campaign.id}?assigned=1`);
  }
  if (intent === "close" || intent === "open") {
    await setCampaignStatus(db, { campaignId: campaign.id, chapterId: campaign.chapterId, status: intent === "close" ? "closed" : "open" });
    return redirect(`/telecenter/campaigns/${campaign.id}`);
  }
  if (intent === "reopen") {
    await reopenResponse(db, { campaignId: campaign.id, chapterId: campaign.chapterId, assignmentId: Number(form.get("assignmentId")) });
    return redirect(`/telecenter/campaigns/${campaign.id}?reopened=1`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function CampaignPage() {
  const { campaign, rows, progress, kecamatan, surveyors, previous, sections, sectionCount } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const t = useT();
  const classNames = campaign.classes.map((c) => c.name);
  const submitted = rows.filter((r) => r.status === "submitted");
  const fmt = (n: number | null) => (n === null ? "–" : n.toFixed(1));
  return (
    <div>
      <p>
        <Link to="/telecenter/campaigns">{t("surveys.campaigns.title")}</Link>
      </p>
      <h1>{campaign.name}</h1>
      <p className="muted">
        {campaign.chapterName} · <Link to={`/telecenter/instruments/${campaign.versionId}`}>{`${campaign.instrumentName} v${campaign.versionNumber}`}</Link> · {t(`surveys.campaign.status.${campaign.status}`)}
        {campaign.dueOn ? ` · ${t("surveys.campaigns.dueOnValue", { date: campaign.dueOn })}` : ""}
      </p>
      {params.get("created") ? (
        <p className="notice" role="status">
          {t("surveys.campaign.created")}
        </p>
      ) : null}
      {params.get("assigned") ? (
        <p className="notice" role="status">
          {t("surveys.assign.saved")}
        </p>
      ) : null}
      <div className="actions">
        <a className="button secondary" href={`/telecenter/campaigns/${campaign.id}/answers.csv`} download>
          {t("surveys.results.csv")}
        </a>
        <SemicolonCsvLink href={`/telecenter/campaigns/${campaign.id}/answers.csv`} />
        <Form method="post">
          <input type="hidden" name="intent" value={campaign.status === "open" ? "close" : "open"} />
          <button type="submit" className="secondary">
            {campaign.status === "open" ? t("surveys.campaign.close") : t("surveys.campaign.reopen")}
          </button>
        </Form>
      </div>

      <section aria-labelledby="progress">
        <h2 id="progress">{t("surveys.progress.title")}</h2>
        <p>{t("surveys.progress.summary", { total: progress.overall.total, unassigned: progress.overall.unassigned, notStarted: progress.overall.notStarted, inProgress: progress.overall.inProgress, submitted: progress.overall.submitted })}</p>
        {progress.surveyors.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("surveys.progress.table")}>
            <table>
              <caption className="sr-only">{t("surveys.progress.perSurveyor")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("surveys.progress.surveyor")}</th>
                  <th scope="col">{t("surveys.progress.assigned")}</th>
                  <th scope="col">{t("surveys.status.not_started")}</th>
                  <th scope="col">{t("surveys.status.in_progress")}</th>
                  <th scope="col">{t("surveys.status.submitted")}</th>
                </tr>
              </thead>
              <tbody>
                {progress.surveyors.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.total}</td>
                    <td>{s.notStarted}</td>
                    <td>{s.inProgress}</td>
                    <td>{s.submitted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="assign">
        <h2 id="assign">{t("surveys.assign.title")}</h2>
        <FormError errors={failure?.errors?._form} />
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("surveys.assign.table")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("surveys.results.telecenter")}</th>
                  <th scope="col">{t("surveys.progress.surveyor")}</th>
                  <th scope="col">{t("surveys.results.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.assignmentId}>
                    <th scope="row">
                      <label htmlFor={`s_${r.assignmentId}`}>{r.telecenterName}</label>
                      <div className="muted">{r.kecamatanName}</div>
                    </th>
                    <td>
                      <select id={`s_${r.assignmentId}`} name={`s_${r.assignmentId}`} defaultValue={r.surveyorId ?? ""} disabled={r.status === "submitted"}>
                        <option value="">{t("surveys.assign.nobody")}</option>
                        {surveyors.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.name}
                          </option>
                        ))}
                      </select>
                      <ErrorText id={`s_${r.assignmentId}-error`} errors={failure?.errors?.[`s_${r.assignmentId}`]} />
                    </td>
                    <td>
                      {r.surveyorId || r.status !== "not_started" ? t(`surveys.status.${r.status}`) : "–"}
                      {r.status === "in_progress" ? <div className="muted">{t("surveys.mine.sections", { saved: r.saved, total: sectionCount })}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="primary">
            {t("surveys.assign.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="results">
        <h2 id="results">{t("surveys.results.title")}</h2>
        {previous ? <p>{t("surveys.results.comparedWith", { name: previous.name })}</p> : <p className="muted">{t("surveys.results.noPrevious")}</p>}
        <p>
          {classNames.map((c) => (
            <span key={c} style={{ marginRight: 12 }}>
              {c}: <strong>{submitted.filter((r) => r.classification === c).length}</strong>
            </span>
          ))}
        </p>
        {submitted.length === 0 ? <p className="muted">{t("surveys.results.none")}</p> : null}
        {submitted.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("surveys.results.table")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("surveys.results.telecenter")}</th>
                  <th scope="col">{t("surveys.results.score")}</th>
                  <th scope="col">{t("surveys.results.class")}</th>
                  {sections.map((s) => (
                    <th scope="col" key={s.id}>
                      {s.title}
                    </th>
                  ))}
                  {previous ? <th scope="col">{t("surveys.results.previous")}</th> : null}
                  <th scope="col">
                    <span className="sr-only">{t("surveys.results.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {submitted.map((r) => (
                  <tr key={r.assignmentId}>
                    <th scope="row">
                      <Link to={`/telecenter/${r.telecenterId}`}>{r.telecenterName}</Link>
                      <div className="muted">{r.kecamatanName}</div>
                    </th>
                    <td>{fmt(r.score)}</td>
                    <td>
                      <strong>{r.classification}</strong>
                    </td>
                    {sections.map((s) => (
                      <td key={s.id}>{fmt(r.sectionScores.find((x) => x.sectionId === s.id)?.percent ?? null)}</td>
                    ))}
                    {previous ? (
                      <td>
                        {r.previousClass ? `${r.previousClass} (${fmt(r.previousScore)})` : "–"}
                        {r.previousScore !== null && r.score !== null ? (
                          <div className="muted">{t("surveys.results.change", { delta: `${r.score - r.previousScore >= 0 ? "+" : ""}${(r.score - r.previousScore).toFixed(1)}` })}</div>
                        ) : null}
                      </td>
                    ) : null}
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="reopen" />
                        <input type="hidden" name="assignmentId" value={r.assignmentId} />
                        <button type="submit" className="link-button">
                          {t("surveys.results.sendBack")}
                          <span className="sr-only"> {r.telecenterName}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="kecamatan">
        <h2 id="kecamatan">{t("surveys.results.byKecamatan")}</h2>
        {kecamatan.map((k) => (
          <div key={k.code} className="card">
            <h3 style={{ marginTop: 0 }}>{k.name}</h3>
            <ul>
              {k.rows.map((r) => (
                <li key={r.id}>
                  {r.name}: {r.classification ? <strong>{r.classification}</strong> : <span className="muted">{t(`surveys.status.${r.status}`)}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
