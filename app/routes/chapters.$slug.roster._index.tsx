import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { DAY_PARTS, WEEKDAYS } from "~/models/accounts/availability";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import { encodeCursor, filtersFromUrl, memberLinkQuery } from "~/models/chapters/roster-query.server";
import { rosterScreen } from "~/models/chapters/roster.server";
import { SemicolonCsvLink } from "~/components/CsvLinks";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.roster._index";
import { TableWrap } from "~/components/TableWrap";
import { useShownSearch } from "~/utils/shown-search";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.chapter.name} — Simpul` : "Simpul" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  // one statement for the chapter, the lead check, the filters' lists and an unfiltered page; a search adds one
  const page = await rosterScreen(db, { slug: params.slug ?? "", reader: user, filters, locale: context.locale });
  if (!page) notFound();
  if (!page.isLead || !page.roster) forbidden();
  const result = page.roster;
  return {
    chapter: { slug: page.chapter.slug, name: page.chapter.name },
    filters: filters.raw,
    query: url.searchParams.toString(),
    // a member's link carries the filters and the page, for the member page's way back here
    memberQuery: memberLinkQuery(url.searchParams.toString()),
    result: {
      total: result.total ?? 0,
      // what the table shows, nothing more
      rows: result.rows.map((r) => ({ userId: r.userId, name: r.name, email: r.email, whatsapp: r.whatsapp ? formatWhatsapp(r.whatsapp) : null, kecamatan: r.kecamatan, status: r.status, skills: r.skills.join(", ") })),
      next: result.next ? encodeCursor(result.next) : null,
      prev: result.prev ? encodeCursor(result.prev) : null,
      paged: Boolean(filters.after ?? filters.before),
      suggestions: (result.suggestions ?? []).map((r) => r.name),
    },
    skills: page.skills,
    kecamatan: page.kecamatan,
  };
}

/** The same filters, another page: ?after=<cursor> (next), ?before=<cursor> (previous), neither (first); `q`: another search. */
function pageLink(query: string, to: { after?: string; before?: string; q?: string }) {
  const p = new URLSearchParams(query);
  for (const k of ["after", "before", "page"]) p.delete(k);
  if (to.after) p.set("after", to.after);
  if (to.before) p.set("before", to.before);
  if (to.q) p.set("q", to.q);
  const s = p.toString();
  return s ? `?${s}` : ".";
}

export default function Roster() {
  const { chapter, filters, result, skills, kecamatan, query, memberQuery } = useLoaderData<typeof loader>();
  const t = useT();
  const qInput = useShownSearch(filters.q ?? "");
  // The members' names are plain links (a <Link> per row costs the server a route resolution each, 25 per page);
  // one handler on the table keeps the in-app navigation of a plain click.
  const navigate = useNavigate();
  const openMember = (e: MouseEvent<HTMLElement>) => {
    const a = e.target instanceof Element ? e.target.closest("a") : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const href = a.getAttribute("href");
    if (!href?.startsWith("/")) return;
    e.preventDefault();
    navigate(href);
  };
  const exportQuery = new URLSearchParams(query);
  for (const k of ["after", "before", "page"]) exportQuery.delete(k);
  return (
    <>
      <h1>{t("roster.title", { chapter: chapter.name })}</h1>
      <p className="actions">
        <a className="button secondary" href={`/chapters/${chapter.slug}/roster.csv?${exportQuery.toString()}`} download>
          {t("roster.export")}
        </a>
        <SemicolonCsvLink href={`/chapters/${chapter.slug}/roster.csv?${exportQuery.toString()}`} />
        <Link className="button secondary" to={`/chapters/${chapter.slug}/roster/import`}>
          {t("roster.import")}
        </Link>
      </p>
      <Form method="get" className="card" aria-label={t("roster.filters")}>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="q">{t("roster.q")}</label>
            <input ref={qInput} id="q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <div className="field">
            <label htmlFor="skill">{t("roster.skill")}</label>
            <select id="skill" name="skill" defaultValue={filters.skill}>
              <option value="">{t("roster.any")}</option>
              {skills.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kec">{t("roster.kecamatan")}</label>
            <select id="kec" name="kec" defaultValue={filters.kec}>
              <option value="">{t("roster.any")}</option>
              {kecamatan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="status">{t("roster.status")}</label>
            <select id="status" name="status" defaultValue={filters.status}>
              {(["active", "pending", "inactive", "declined", "all"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`roster.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="day">{t("roster.weekday")}</label>
            <select id="day" name="day" defaultValue={filters.day}>
              <option value="">{t("roster.any")}</option>
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i}>
                  {t(`profile.day.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="part">{t("roster.part")}</label>
            <select id="part" name="part" defaultValue={filters.part}>
              <option value="">{t("roster.any")}</option>
              {DAY_PARTS.map((d, i) => (
                <option key={d} value={i}>
                  {t(`profile.part.${d}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("roster.apply")}
          </button>
          <Link to={`/chapters/${chapter.slug}/roster`}>{t("roster.reset")}</Link>
        </div>
      </Form>
      <p role="status">{t(countKey("roster.count", result.total), { total: result.total })}</p>
      {result.rows.length === 0 ? (
        <>
          <p>{t("roster.empty")}</p>
          {result.suggestions.length ? (
            <nav aria-labelledby="roster-suggest">
              <p id="roster-suggest">{t("roster.suggest")}</p>
              <ul>
                {result.suggestions.map((name, i) => (
                  <li key={i}>
                    <Link to={pageLink(query, { q: name })}>{name}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </>
      ) : (
        <TableWrap label={t("roster.title", { chapter: chapter.name })}>
          <table onClick={openMember}>
            <thead>
              <tr>
                <th scope="col">{t("roster.col.name")}</th>
                <th scope="col">{t("roster.col.contact")}</th>
                <th scope="col">{t("roster.col.kecamatan")}</th>
                <th scope="col">{t("roster.col.skills")}</th>
                <th scope="col">{t("roster.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.userId}>
                  <td>
                    <a href={`/chapters/${chapter.slug}/members/${r.userId}${memberQuery}`}>{r.name}</a>
                  </td>
                  <td>
                    {r.email}
                    {r.whatsapp ? (
                      <>
                        <br />
                        {r.whatsapp}
                      </>
                    ) : null}
                  </td>
                  <td>{r.kecamatan ?? "—"}</td>
                  <td>{r.skills || "—"}</td>
                  <td>{t(`roster.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {result.prev || result.next ? (
        <nav className="pagination" aria-label={t("pagination.label")}>
          {result.paged ? <Link to={pageLink(query, {})}>{t("pagination.first")}</Link> : null}
          {result.prev ? (
            <Link to={pageLink(query, { before: result.prev })} rel="prev">
              {t("pagination.prev")}
            </Link>
          ) : null}
          {result.next ? (
            <Link to={pageLink(query, { after: result.next })} rel="next">
              {t("pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
