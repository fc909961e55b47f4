import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { regionLabels } from "~/models/regions/regions.server";
import { dueOnText } from "~/models/telecenters/campaigns.server";
import { listMyAssignments } from "~/models/telecenters/responses.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/telecenter.survey._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];
export const handle = { hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const list = await listMyAssignments(db, user.id);
  const labels = await regionLabels(db, list.map((a) => a.regionCode));
  return {
    title: translator(context.locale)("surveys.mine.title"),
    assignments: list.map((a) => ({
      id: a.id,
      campaignName: a.campaignName,
      open: a.campaignStatus === "open",
      dueOn: dueOnText(a.dueOn, context.locale),
      telecenterName: a.telecenterName,
      region: labels.get(a.regionCode) ?? a.regionCode,
      status: a.status ?? "not_started",
      saved: a.sectionsSaved?.length ?? 0,
      sections: a.sectionCount,
    })),
  };
}

export default function MySurveys() {
  const { assignments } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("surveys.mine.title")}</h1>
      {assignments.length === 0 ? <p className="muted">{t("surveys.mine.none")}</p> : null}
      <ul style={{ listStyle: "none", padding: 0 }}>
        {assignments.map((a) => (
          <li key={a.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.15em" }}>{a.open && a.status !== "submitted" ? <Link to={`/telecenter/survey/${a.id}`}>{a.telecenterName}</Link> : a.telecenterName}</h2>
            <p className="muted" style={{ margin: 0 }}>
              {a.region}
            </p>
            <p style={{ margin: 0 }}>
              {a.campaignName}
              {a.dueOn ? ` · ${t("surveys.campaigns.dueOnValue", { date: a.dueOn })}` : ""}
            </p>
            <p style={{ margin: 0 }}>
              <span className="badge">{t(`surveys.status.${a.status}`)}</span> {a.status === "in_progress" ? t(countKey("surveys.mine.sections", a.sections), { saved: a.saved, total: a.sections }) : null}
              {!a.open ? ` · ${t("surveys.campaign.status.closed")}` : null}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
