import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { listCampaigns } from "~/models/telecenters/campaigns.server";
import { ledChapters } from "~/models/telecenters/instruments.server";
import "~/i18n/strings/routes/telecenter.campaigns._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const led = await ledChapters(db, user);
  if (!led.length) forbidden();
  const campaigns = await listCampaigns(db, led.map((c) => c.id));
  return {
    title: translator(context.locale)("surveys.campaigns.title"),
    chapters: led.map((c) => ({ id: c.id, name: c.name })),
    campaigns: campaigns.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
}

export default function Campaigns() {
  const { chapters, campaigns } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/manage">{t("telecenters.manage.title")}</Link>
      </p>
      <h1>{t("surveys.campaigns.title")}</h1>
      <div className="actions">
        {chapters.map((c) => (
          <Link key={c.id} className="button primary" to={`/telecenter/campaigns/new?chapter=${c.id}`}>
            {t("surveys.campaigns.new", { chapter: c.name })}
          </Link>
        ))}
      </div>
      {campaigns.length === 0 ? <p className="muted">{t("surveys.campaigns.none")}</p> : null}
      <ul style={{ listStyle: "none", padding: 0 }}>
        {campaigns.map((c) => (
          <li key={c.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.15em" }}>
              <Link to={`/telecenter/campaigns/${c.id}`}>{c.name}</Link>
            </h2>
            <p style={{ margin: 0 }}>
              {c.chapterName} · {t(`surveys.campaign.status.${c.status}`)} · {t("surveys.campaigns.progress", { submitted: c.submitted, total: c.assigned })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
