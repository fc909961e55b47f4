import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { regionLabels } from "~/models/regions/regions.server";
import { SERVICES } from "~/models/telecenters/telecenter-form";
import { listTelecenters, regionFilterOptions } from "~/models/telecenters/registry.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/telecenter._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];
/** Public page for phones on 3G: no JavaScript; the filter is a plain GET form. */
export const handle = { hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const q = new URL(request.url).searchParams;
  const region = q.get("region") || null;
  const service = SERVICES.find((s) => s === q.get("service")) ?? null;
  const [options, list] = await Promise.all([regionFilterOptions(db), listTelecenters(db, { regionCode: region && /^\d{2}\.\d{2}(\.\d{2})?$/.test(region) ? region : null, service })]);
  const labels = await regionLabels(db, list.map((t) => t.regionCode));
  return {
    title: translator(context.locale)("telecenters.list.title"),
    signedIn: Boolean(user),
    region,
    service,
    options,
    telecenters: list.map((t) => ({ id: t.id, name: t.name, region: labels.get(t.regionCode) ?? t.regionCode, services: t.services })),
  };
}

export default function TelecenterList() {
  const { options, telecenters, region, service, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("telecenters.list.title")}</h1>
      <p>{t("telecenters.list.lead")}</p>
      {signedIn ? (
        <p>
          <Link to="/telecenter/manage">{t("telecenters.manage.link")}</Link>
        </p>
      ) : null}
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="region">{t("telecenters.list.region")}</label>
          <select id="region" name="region" defaultValue={region ?? ""}>
            <option value="">{t("telecenters.list.allRegions")}</option>
            {options.map((k) => (
              <optgroup key={k.code} label={k.name}>
                <option value={k.code}>{t("telecenters.list.wholeKab", { name: k.name })}</option>
                {k.kecamatan.map((c) => (
                  <option key={c.code} value={c.code}>
                    {t("telecenters.list.kecamatan", { name: c.name })}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="service">{t("telecenters.list.service")}</label>
          <select id="service" name="service" defaultValue={service ?? ""}>
            <option value="">{t("telecenters.list.allServices")}</option>
            {SERVICES.map((s) => (
              <option key={s} value={s}>
                {t(`telecenters.service.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("telecenters.list.filter")}
        </button>
      </Form>
      <p className="muted" role="status">
        {t(countKey("telecenters.list.count", telecenters.length), { n: telecenters.length })}
      </p>
      <ul style={{ listStyle: "none", padding: 0 }}>
        {telecenters.map((tc) => (
          <li key={tc.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.15em" }}>
              <Link to={`/telecenter/${tc.id}`}>{tc.name}</Link>
            </h2>
            <p className="muted" style={{ margin: 0 }}>
              {tc.region}
            </p>
            {tc.services.length ? <p style={{ margin: "4px 0 0" }}>{tc.services.map((s) => t(`telecenters.service.${s}`)).join(" · ")}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
