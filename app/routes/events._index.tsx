import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { PrefetchPages } from "~/components/PrefetchPages";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { eventCursorParam, eventListScreen, parseEventCursor } from "~/models/events/event-list.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/events._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const q = new URL(request.url).searchParams;
  const scope = q.get("scope") === "near" ? "near" : q.get("scope") === "all" ? "all" : "mine";
  const programId = Number(q.get("program")) || undefined;
  // one statement: the reader's chapters and home, the programs, the list, the drafts and reports of what they lead
  const after = parseEventCursor(q.get("setelah"));
  const page = await eventListScreen(db, { reader: user, scope, programId, locale: context.locale, after });
  // dates are written here, not in the browser: the first Intl formatter a phone builds loads its locale and zone data
  // (~150 ms of a 4× slowed CPU, a quarter of hydrating this page)
  const when = <E extends { startsAt: Date; timeZone: string }>({ startsAt, timeZone, ...e }: E) => ({ ...e, when: formatDateTime(startsAt, context.locale, timeZone) });
  return {
    title: translator(context.locale)("events.list.title"),
    scope,
    programId: programId ?? null,
    programs: page.programs,
    leadOf: page.leadOf,
    events: page.events.map(when),
    drafts: page.drafts.map(when),
    hasHome: page.hasHome,
    toReport: page.toReport.map(when),
    // a later page: the link to the next one (the same filters, after this page's last event) and back to the start
    next: page.next ? eventCursorParam(page.next) : null,
    later: after !== null,
  };
}

/**
 * The first events of the list, the likeliest to be tapped, have their page's code and route fetched with the list
 * (PrefetchPages). Not their data: data requests are `no-store`, a prefetched answer is never used (Remix's
 * `prefetch="viewport"` fetched it for nothing, three loader runs per view of the list).
 */
const PREFETCH_ON_SIGHT = 3;
const EVENT_PAGE_ROUTE = "routes/events.$eventId._index";

export default function Events() {
  const { events, scope, programs, programId, leadOf, drafts, hasHome, toReport, next, later } = useLoaderData<typeof loader>();
  const listAddress = (setelah: string | null) => {
    const p = new URLSearchParams();
    if (scope !== "mine") p.set("scope", scope);
    if (programId) p.set("program", String(programId));
    if (setelah) p.set("setelah", setelah);
    const qs = p.toString();
    return qs ? `/events?${qs}` : "/events";
  };
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.list.title")}</h1>
      <p>
        <Link to="/events/mine">{t("events.mine.link")}</Link>
      </p>
      {leadOf.length ? (
        <div className="actions">
          {leadOf.map((c) => (
            <Link key={c.id} className="button primary" to={`/events/new?chapter=${c.id}`}>
              {t("events.list.new", { chapter: c.name })}
            </Link>
          ))}
          {leadOf.map((c) => (
            <Link key={`v${c.id}`} className="button" to={`/chapters/${c.slug}/venues`}>
              {t("events.venues.link")} — {c.name}
            </Link>
          ))}
        </div>
      ) : null}
      {toReport.length ? (
        <section aria-labelledby="to-report">
          <h2 id="to-report">{t("events.list.toReport")}</h2>
          <ul>
            {toReport.map((e) => (
              <li key={e.id}>
                <Link to={`/events/${e.id}/report`}>{e.title}</Link> · {e.when} · {e.chapterName} ·{" "}
                {e.reportStatus ? t(`events.report.status.${e.reportStatus}`) : t("events.list.noReport")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {drafts.length ? (
        <section aria-labelledby="drafts">
          <h2 id="drafts">{t("events.list.drafts")}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/events/${d.id}`}>
                  {d.title}
                </Link>{" "}
                · {d.when}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="card">
        <fieldset>
          <legend>{t("events.list.show")}</legend>
          <div className="checks">
            {(["mine", "near", "all"] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="scope" value={s} defaultChecked={scope === s} /> {t(`events.list.scope.${s}`)}
              </label>
            ))}
          </div>
          {scope === "near" && !hasHome ? <p className="hint">{t("events.list.noHome")}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="program">{t("events.form.program")}</label>
          <select id="program" name="program" defaultValue={programId ?? ""}>
            <option value="">{t("events.list.allPrograms")}</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("events.list.filter")}
        </button>
      </Form>
      {events.length === 0 ? <p className="muted">{t("events.list.empty")}</p> : null}
      {/* …and, for a tap as soon as the list is usable, their code and route discovery already while the list loads */}
      <PrefetchPages pages={events.slice(0, PREFETCH_ON_SIGHT).map((e) => ({ path: `/events/${e.id}`, routeId: EVENT_PAGE_ROUTE }))} />
      <ul style={{ listStyle: "none", padding: 0 }}>
        {events.map((e) => (
          <li key={e.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.15em" }}>
              {/* No prefetch="intent": every event has the same page code, fetched with the list (above), and the
                  links are discovered once the list has hydrated; Remix would also prefetch the page's data on
                  touch or hover, an answer that cannot be kept (no-store) and competes with the tap's own request. */}
              <Link to={`/events/${e.id}`}>
                {e.title}
              </Link>
            </h2>
            <p style={{ margin: 0 }}>{e.when}</p>
            <p className="muted" style={{ margin: 0 }}>
              {e.programName} · {[e.venueName, e.regionName].filter(Boolean).join(", ")} · {e.chapterName}
            </p>
            <p style={{ margin: 0 }}>
              {e.status === "cancelled" ? <span className="badge">{t("events.status.cancelled")}</span> : t(countKey("events.page.places", e.places), { confirmed: e.confirmed, capacity: e.places })}
              {e.myStatus === "confirmed" ? <strong> · {t("events.signupStatus.confirmed")}</strong> : null}
              {e.myStatus === "waitlisted" ? <strong> · {t("events.page.waitlistNo", { n: e.myPosition ?? "?" })}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
      {next || later ? (
        <nav aria-label={t("events.list.pages")} style={{ display: "flex", gap: 16, flexWrap: "wrap" }}>
          {later ? <Link to={listAddress(null)}>{t("events.list.fromStart")}</Link> : null}
          {next ? <Link to={listAddress(next)}>{t("events.list.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
