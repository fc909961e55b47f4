import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { ledChapters } from "~/models/telecenters/instruments.server";
import { listMyAssignments } from "~/models/telecenters/responses.server";
import { chapterTelecenters, myTelecenters } from "~/models/telecenters/registry.server";
import "~/i18n/strings/routes/telecenter.manage";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const led = await ledChapters(db, user);
  const chapters = await Promise.all(led.map(async (c) => ({ id: c.id, name: c.name, telecenters: await chapterTelecenters(db, c.id) })));
  const assignments = await listMyAssignments(db, user.id);
  return {
    title: translator(context.locale)("telecenters.manage.title"),
    chapters,
    mine: await myTelecenters(db, user.id),
    openAssignments: assignments.filter((a) => a.campaignStatus === "open" && a.status !== "submitted").length,
    isLead: led.length > 0,
  };
}

export default function Manage() {
  const { chapters, mine, openAssignments, isLead } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("telecenters.manage.title")}</h1>
      <ul>
        <li>
          <Link to="/telecenter/survey">{t("surveys.mine.title")}</Link> {openAssignments ? <span className="badge">{openAssignments}</span> : null}
        </li>
        {isLead ? (
          <>
            <li>
              <Link to="/telecenter/campaigns">{t("surveys.campaigns.title")}</Link>
            </li>
            <li>
              <Link to="/telecenter/instruments">{t("surveys.instruments.title")}</Link>
            </li>
          </>
        ) : null}
        <li>
          <Link to="/telecenter">{t("telecenters.list.title")}</Link>
        </li>
      </ul>
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("telecenters.manage.mine")}</h2>
          <ul>
            {mine.map((m) => (
              <li key={m.id}>
                <Link to={`/telecenter/${m.id}`}>{m.name}</Link> · <Link to={`/telecenter/${m.id}/reports`}>{t("telecenters.page.reports")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {chapters.map((c) => (
        <section key={c.id} aria-labelledby={`c-${c.id}`}>
          <h2 id={`c-${c.id}`}>{c.name}</h2>
          <p>
            <Link className="button primary" to={`/telecenter/new?chapter=${c.id}`}>
              {t("telecenters.manage.add")}
            </Link>
          </p>
          {c.telecenters.length === 0 ? <p className="muted">{t("telecenters.manage.none")}</p> : null}
          <ul>
            {c.telecenters.map((tc) => (
              <li key={tc.id}>
                <Link to={`/telecenter/${tc.id}`}>{tc.name}</Link> · <Link to={`/telecenter/${tc.id}/edit`}>{t("telecenters.page.edit")}</Link>
                {tc.active ? null : <span className="badge"> {t("telecenters.manage.inactive")}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
