import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { type FormFailure } from "~/components/forms";
import { MonthlyTotals, OperationsReportForm, RecentReports } from "~/components/telecenters/OperationsReport";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { SERVICES } from "~/models/telecenters/telecenter-form";
import { fileOperationsReport, monthlyTotals, recentReports, telecenterToday } from "~/models/telecenters/operations.server";
import { getTelecenter, telecenterAccess } from "~/models/telecenters/registry.server";
import { formValues } from "~/utils/forms.server";
import "~/i18n/strings/routes/telecenter.$id.reports";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], idParam: string | undefined) {
  const user = requireUser(context, request);
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const tc = await getTelecenter(db, id);
  if (!tc) notFound();
  if (!(await telecenterAccess(db, user, tc)).report) forbidden();
  return { user, tc };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { tc } = await load(request, context, params.id);
  return {
    title: translator(context.locale)("telecenters.reports.title", { name: tc.name }),
    telecenter: { id: tc.id, name: tc.name },
    // the services the telecenter lists come first; any other one can be reported too
    listed: tc.services,
    others: SERVICES.filter((s) => !tc.services.includes(s)),
    totals: await monthlyTotals(db, tc.id),
    recent: await recentReports(db, tc.id),
    today: telecenterToday(tc.regionCode),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, tc } = await load(request, context, params.id);
  const form = await request.formData();
  const r = await fileOperationsReport(db, { telecenterId: tc.id, regionCode: tc.regionCode, userId: user.id, form });
  if (!r.ok) return data<FormFailure>({ errors: r.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/telecenter/${tc.id}/reports?saved=1`);
}

export default function Reports() {
  const { telecenter: tc, listed, others, totals, recent, today } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="narrow">
      <p>
        <Link to={`/telecenter/${tc.id}`}>{tc.name}</Link>
      </p>
      <h1>{t("telecenters.reports.title", { name: tc.name })}</h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("telecenters.reports.saved")}
        </p>
      ) : null}
      <OperationsReportForm listed={listed} others={others} today={today} failure={failure} />
      <MonthlyTotals totals={totals} />
      <RecentReports recent={recent} />
    </div>
  );
}
