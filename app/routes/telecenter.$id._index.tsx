import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { regionLabel } from "~/models/regions/regions.server";
import { isSocialService } from "~/models/telecenters/telecenter-form";
import { getTelecenter, latestClassification, listStaff, telecenterAccess } from "~/models/telecenters/registry.server";
import "~/i18n/strings/routes/telecenter.$id._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.telecenter.name} · Simpul` : "Simpul" }];
export const handle = { hydrate: false };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const tc = await getTelecenter(db, id);
  const user = getUser(context);
  if (!tc) notFound();
  const access = await telecenterAccess(db, user, tc);
  if (!tc.active && !access.manage) notFound();
  // the public sees the place and what it offers; names, contacts and the assessment only its managers and leads
  const insider = access.report;
  return {
    telecenter: {
      id: tc.id,
      name: tc.name,
      region: (await regionLabel(db, tc.regionCode)) ?? tc.regionCode,
      address: tc.address,
      latitude: tc.latitude,
      longitude: tc.longitude,
      managingBody: tc.managingBody,
      chapterName: tc.chapterName,
      facilities: tc.facilities,
      services: tc.services,
      hours: tc.hours,
    },
    access,
    private: insider
      ? {
          contactPhone: tc.contactPhone,
          contactEmail: tc.contactEmail,
          staff: (await listStaff(db, tc.id)).map((s) => ({ role: s.role, name: s.name })),
          assessment: await latestClassification(db, tc.id),
        }
      : null,
  };
}

export default function TelecenterPage() {
  const { telecenter: tc, access, private: insider } = useLoaderData<typeof loader>();
  const t = useT();
  const social = tc.services.filter(isSocialService);
  const commercial = tc.services.filter((s) => !isSocialService(s));
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter">{t("telecenters.page.back")}</Link>
      </p>
      <h1>{tc.name}</h1>
      <p className="muted">{tc.region}</p>
      {tc.address ? <p>{tc.address}</p> : null}
      {tc.latitude !== null && tc.longitude !== null ? (
        <p>
          <a href={`https://www.openstreetmap.org/?mlat=${tc.latitude}&mlon=${tc.longitude}#map=17/${tc.latitude}/${tc.longitude}`}>{t("telecenters.page.map")}</a>
        </p>
      ) : null}
      {tc.managingBody ? <p>{t("telecenters.page.managingBody", { body: tc.managingBody })}</p> : null}
      {access.manage || access.report ? (
        <div className="actions">
          {access.manage ? (
            <Link className="button secondary" to={`/telecenter/${tc.id}/edit`}>
              {t("telecenters.page.edit")}
            </Link>
          ) : null}
          <Link className="button secondary" to={`/telecenter/${tc.id}/reports`}>
            {t("telecenters.page.reports")}
          </Link>
        </div>
      ) : null}
      <section aria-labelledby="services">
        <h2 id="services">{t("telecenters.page.services")}</h2>
        {tc.services.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
        {social.length ? (
          <>
            <h3>{t("telecenters.page.social")}</h3>
            <ul>
              {social.map((s) => (
                <li key={s}>{t(`telecenters.service.${s}`)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {commercial.length ? (
          <>
            <h3>{t("telecenters.page.commercial")}</h3>
            <ul>
              {commercial.map((s) => (
                <li key={s}>{t(`telecenters.service.${s}`)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="hours">
        <h2 id="hours">{t("telecenters.page.hours")}</h2>
        {tc.hours.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
        <ul>
          {tc.hours.map((h) => (
            <li key={h.weekday}>
              {t(`telecenters.weekday.${h.weekday}`)}: {h.opensAt}–{h.closesAt}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="facilities">
        <h2 id="facilities">{t("telecenters.page.facilities")}</h2>
        {tc.facilities.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
        <ul>
          {tc.facilities.map((f) => (
            <li key={f.id}>
              {t(`telecenters.facility.${f.kind}`)} × {f.quantity} — {t(`telecenters.condition.${f.condition}`)}
              {f.note ? ` (${f.note})` : ""}
            </li>
          ))}
        </ul>
      </section>
      {insider ? (
        <section aria-labelledby="insider" className="card">
          <h2 id="insider" style={{ marginTop: 0 }}>
            {t("telecenters.page.insider")}
          </h2>
          <p className="hint">{t("telecenters.page.insiderHint")}</p>
          {insider.contactPhone ? <p>{t("telecenters.page.phone", { phone: insider.contactPhone })}</p> : null}
          {insider.contactEmail ? <p>{t("telecenters.page.email", { email: insider.contactEmail })}</p> : null}
          <h3>{t("telecenters.page.staff")}</h3>
          {insider.staff.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
          <ul>
            {insider.staff.map((s) => (
              <li key={`${s.role}-${s.name}`}>
                {t(`telecenters.role.${s.role}`)}: {s.name}
              </li>
            ))}
          </ul>
          <h3>{t("telecenters.page.assessment")}</h3>
          {insider.assessment ? (
            <p>
              <strong>{insider.assessment.classification}</strong> · {t("surveys.results.scoreOf", { score: insider.assessment.score ?? "–" })} · {insider.assessment.campaignName}
            </p>
          ) : (
            <p className="muted">{t("telecenters.page.noAssessment")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
