import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { AssignPanel, CampaignActions, KecamatanPanel, ProgressPanel, ResultsPanel } from "~/components/telecenters/CampaignPanels";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import {
  campaignAssignFromForm,
  campaignOpenOrClose,
  campaignPageData,
  campaignReopenFromForm,
  campaignSurveyorSearch,
  dueOnText,
  getCampaign,
  kecamatanParam,
  type AssignAnswer,
} from "~/models/telecenters/campaigns.server";
import "~/i18n/strings/routes/telecenter.campaigns.$campaignId._index";

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
  return {
    title: campaign.name,
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status, dueOn: dueOnText(campaign.dueOn, context.locale), chapterName: campaign.chapterName, instrumentName: campaign.instrumentName, versionNumber: campaign.versionNumber, versionId: campaign.versionId, classes: campaign.classes },
    ...(await campaignPageData(db, campaign, { kec: new URL(request.url).searchParams.get("kec") })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { campaign } = await load(request, context, params.campaignId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "assign") {
    const r = await campaignAssignFromForm(db, campaign, form);
    if (!r.ok) return data<AssignAnswer>({ errors: r.errors, values: r.values, search: r.search, surveyors: r.surveyors, kec: r.kec }, { status: 400 });
    const kec = kecamatanParam(form.get("kec"));
    return redirect(`/telecenter/campaigns/${campaign.id}?assigned=1${kec ? `&kec=${kec}` : ""}`);
  }
  // a search for members to send, or another kecamatan, inside the assignment form: the choices stay
  if (intent === "search" || intent === "kec") return data<AssignAnswer>(await campaignSurveyorSearch(db, campaign, form));
  if (intent === "close" || intent === "open") {
    await campaignOpenOrClose(db, campaign, intent === "open");
    return redirect(`/telecenter/campaigns/${campaign.id}`);
  }
  if (intent === "reopen") {
    const r = await campaignReopenFromForm(db, campaign, form);
    if (!r.ok) return data<AssignAnswer>({ values: {}, sendBack: r.error }, { status: 409 });
    const kec = kecamatanParam(form.get("kec"));
    return redirect(`/telecenter/campaigns/${campaign.id}?reopened=1${kec ? `&kec=${kec}` : ""}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function CampaignPage() {
  const { campaign, rows, progress, assign, kecamatan, surveyors, previous, sections, sectionCount } = useLoaderData<typeof loader>();
  const answer = useActionData<AssignAnswer>();
  const [params] = useSearchParams();
  const t = useT();
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
      {params.get("reopened") ? (
        <p className="notice" role="status">
          {t("surveys.results.sentBack")}
        </p>
      ) : null}
      <CampaignActions campaign={campaign} />

      <ProgressPanel progress={progress} />

      <AssignPanel rows={rows} surveyors={answer?.surveyors ?? surveyors} sectionCount={sectionCount} answer={answer} assign={assign} />

      <ResultsPanel rows={rows} classNames={campaign.classes.map((c) => c.name)} sections={sections} previous={previous} kec={assign.kec} open={campaign.status === "open"} error={answer?.sendBack} />

      <KecamatanPanel kecamatan={kecamatan} />
    </div>
  );
}
