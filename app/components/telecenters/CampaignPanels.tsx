import { Form, Link } from "@remix-run/react";
import { SemicolonCsvLink } from "~/components/CsvLinks";
import { ErrorText, FormError, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { countKey } from "~/i18n/plural";
import { TableWrap } from "~/components/TableWrap";

/** The lead's panels of a survey campaign: downloads and open/close, progress, assignment, results, per kecamatan. */

type Counts = { total: number; unassigned: number; notStarted: number; inProgress: number; submitted: number };
export type CampaignRowView = {
  assignmentId: number;
  telecenterId: number;
  telecenterName: string;
  kecamatanCode: string;
  kecamatanName: string;
  surveyorId: string | null;
  status: string;
  saved: number;
  score: number | null;
  classification: string | null;
  sectionScores: { sectionId: number; percent: number }[];
  previousScore: number | null;
  previousClass: string | null;
};

const fmt = (n: number | null) => (n === null ? "–" : n.toFixed(1));

/** The answers CSV downloads and the button that closes (or reopens) the campaign. */
export function CampaignActions({ campaign }: { campaign: { id: number; status: string } }) {
  const t = useT();
  return (
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
  );
}

/** Assigned / not started / in progress / submitted, overall and per surveyor. */
export function ProgressPanel({ progress }: { progress: { overall: Counts; surveyors: (Counts & { id: string; name: string })[] } }) {
  const t = useT();
  return (
    <section aria-labelledby="progress">
      <h2 id="progress">{t("surveys.progress.title")}</h2>
      <p>{t(countKey("surveys.progress.summary", progress.overall.total), { total: progress.overall.total, unassigned: progress.overall.unassigned, notStarted: progress.overall.notStarted, inProgress: progress.overall.inProgress, submitted: progress.overall.submitted })}</p>
      {progress.surveyors.length ? (
        <TableWrap label={t("surveys.progress.table")}>
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
        </TableWrap>
      ) : null}
    </section>
  );
}

/**
 * One form choosing the surveyor of every telecenter (no JavaScript needed). In a large chapter the lists hold the
 * first members by name, the campaign's surveyors and the matches of a search made inside the form (its own submit
 * button, so nothing chosen before it is lost). A campaign of more than ASSIGN_ALL telecenters shows one kecamatan
 * at a time: "Tampilkan" sends the form too, and choices not yet saved in the kecamatan left travel along as hidden
 * fields, saved with the next "Simpan penugasan".
 */
export function AssignPanel({
  rows,
  surveyors,
  sectionCount,
  answer,
  assign,
}: {
  rows: CampaignRowView[];
  surveyors: { list: { id: string; name: string }[]; more: boolean; matched: number };
  sectionCount: number;
  answer?: { errors?: Record<string, string[]>; values?: Record<string, string>; search?: string; kec?: string | null };
  assign: { kecamatan: { code: string; name: string; total: number; unassigned: number }[] | null; kec: string | null };
}) {
  const t = useT();
  const search = answer?.search ?? "";
  const failure: FormFailure | undefined = answer?.errors ? { errors: answer.errors } : undefined;
  const choiceOf = (r: CampaignRowView) => answer?.values?.[`s_${r.assignmentId}`] ?? r.surveyorId ?? "";
  // the kecamatan shown: the one with a refused choice, else the one the form asked for, else the page's
  const refused = rows.find((r) => failure?.errors?.[`s_${r.assignmentId}`]);
  const kecamatan = assign.kecamatan;
  const kec = !kecamatan ? null : (refused?.kecamatanCode ?? kecamatan.find((k) => k.code === answer?.kec)?.code ?? assign.kec);
  const shown = kec ? rows.filter((r) => r.kecamatanCode === kec) : rows;
  // choices made in another kecamatan and not saved yet (a submitted row's choice cannot change)
  const carried = kec ? rows.filter((r) => r.kecamatanCode !== kec && r.status !== "submitted" && answer?.values?.[`s_${r.assignmentId}`] !== undefined && choiceOf(r) !== (r.surveyorId ?? "")) : [];
  return (
    <section aria-labelledby="assign">
      <h2 id="assign">{t("surveys.assign.title")}</h2>
      <FormError errors={failure?.errors?._form} />
      <Form method="post" preventScrollReset>
        {kecamatan && kec ? (
          <div className="field">
            <label htmlFor="assign-kec">{t("surveys.assign.kecamatan")}</label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <select key={kec} id="assign-kec" name="kec" defaultValue={kec} style={{ flex: "1 1 12rem" }} aria-describedby="assign-kec-hint">
                {kecamatan.map((k) => (
                  <option key={k.code} value={k.code}>
                    {t(countKey("surveys.assign.kecamatanOption", k.total), { name: k.name, total: k.total, unassigned: k.unassigned })}
                  </option>
                ))}
              </select>
              <button type="submit" name="intent" value="kec" className="secondary">
                {t("surveys.assign.kecamatanShow")}
              </button>
            </div>
            <p className="hint" id="assign-kec-hint">
              {t(countKey("surveys.assign.byKecamatan", rows.length), { total: rows.length, kecamatan: kecamatan.length })}
            </p>
            {carried.length ? (
              <p className="notice" role="status">
                {t("surveys.assign.carried", { n: carried.length })}
              </p>
            ) : null}
            {carried.map((r) => (
              <input key={r.assignmentId} type="hidden" name={`s_${r.assignmentId}`} value={choiceOf(r)} />
            ))}
          </div>
        ) : null}
        {surveyors.more || search ? (
          <div className="field">
            <label htmlFor="surveyor-search">{t("surveys.assign.search")}</label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <input key={search} id="surveyor-search" name="cari" type="search" defaultValue={search} maxLength={80} style={{ flex: "1 1 12rem" }} />
              <button type="submit" name="intent" value="search" className="secondary">
                {t("surveys.assign.searchSubmit")}
              </button>
            </div>
            <p className="hint" role="status">
              {!search
                ? t("surveys.assign.first", { n: surveyors.matched })
                : surveyors.matched === 0
                  ? t("surveys.assign.none", { q: search })
                  : surveyors.more
                    ? t("surveys.assign.foundMore", { n: surveyors.matched, q: search })
                    : t(countKey("surveys.assign.found", surveyors.matched), { n: surveyors.matched, q: search })}
            </p>
          </div>
        ) : null}
        <TableWrap label={t("surveys.assign.table")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("surveys.results.telecenter")}</th>
                <th scope="col">{t("surveys.progress.surveyor")}</th>
                <th scope="col">{t("surveys.results.status")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.assignmentId}>
                  <th scope="row">
                    <label htmlFor={`s_${r.assignmentId}`}>{r.telecenterName}</label>
                    <div className="muted">{r.kecamatanName}</div>
                  </th>
                  <td>
                    <select
                      id={`s_${r.assignmentId}`}
                      name={`s_${r.assignmentId}`}
                      defaultValue={choiceOf(r)}
                      disabled={r.status === "submitted"}
                      aria-invalid={failure?.errors?.[`s_${r.assignmentId}`] ? true : undefined}
                      aria-describedby={failure?.errors?.[`s_${r.assignmentId}`] ? `s_${r.assignmentId}-error` : undefined}
                    >
                      <option value="">{t("surveys.assign.nobody")}</option>
                      {surveyors.list.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                    <ErrorText id={`s_${r.assignmentId}-error`} errors={failure?.errors?.[`s_${r.assignmentId}`]} />
                  </td>
                  <td>
                    {r.surveyorId || r.status !== "not_started" ? t(`surveys.status.${r.status}`) : "–"}
                    {r.status === "in_progress" ? <div className="muted">{t(countKey("surveys.mine.sections", sectionCount), { saved: r.saved, total: sectionCount })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <button type="submit" name="intent" value="assign" className="primary">
          {t("surveys.assign.save")}
        </button>
      </Form>
    </section>
  );
}

/** Submitted results: counts per class, score per section, change against the previous campaign, send back (the assignment form stays on kecamatan `kec`). */
export function ResultsPanel({
  rows,
  classNames,
  sections,
  previous,
  kec,
  open,
  error,
}: {
  rows: CampaignRowView[];
  classNames: string[];
  sections: { id: number; title: string }[];
  previous: { name: string } | null;
  kec: string | null;
  /** a closed campaign's results are final: nothing is sent back */
  open: boolean;
  error?: string;
}) {
  const t = useT();
  const submitted = rows.filter((r) => r.status === "submitted");
  return (
    <section aria-labelledby="results">
      <h2 id="results">{t("surveys.results.title")}</h2>
      <FormError errors={error ? [error] : undefined} />
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
        // one form for the table, each "send back" button naming its row (a form per row: 40 KB more at 200 rows)
        <Form method="post">
          <input type="hidden" name="intent" value="reopen" />
          {kec ? <input type="hidden" name="kec" value={kec} /> : null}
          <TableWrap label={t("surveys.results.table")}>
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
                  {open ? (
                    <th scope="col">
                      <span className="sr-only">{t("surveys.results.actions")}</span>
                    </th>
                  ) : null}
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
                    {open ? (
                      <td>
                        <button type="submit" name="assignmentId" value={r.assignmentId} className="link-button">
                          {t("surveys.results.sendBack")}
                          <span className="sr-only"> {r.telecenterName}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Form>
      ) : null}
    </section>
  );
}

/** Every telecenter's class (or status) grouped by kecamatan. */
export function KecamatanPanel({ kecamatan }: { kecamatan: { code: string; name: string; rows: { id: number; name: string; classification: string | null; status: string }[] }[] }) {
  const t = useT();
  return (
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
  );
}
