import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { myMemberships } from "~/models/chapters/chapters.server";
import { NATIONAL_KEYS, visitorHome } from "~/models/events/public.server";
import { SITE_CARD, shareMeta } from "~/utils/share-meta";
import "~/i18n/strings/routes/_index";

/** The visitor's front door, opened on 3G phones: no JavaScript; every link and form works without it. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Simpul — Relawan TIK Indonesia" },
  ...shareMeta({
    title: "Simpul — Relawan TIK Indonesia",
    description: "Kegiatan Relawan TIK di dekat Anda: Internet Sehat, UMKM Go-Online, literasi digital. Gratis, daftar tanpa akun.",
    url: `${data?.site ?? ""}/`,
    image: `${data?.site ?? ""}${SITE_CARD}`,
    locale: "id",
  }),
];

const COOKIE = "simpul_wilayah";
const REGION = /^\d{2}\.\d{2}$/;

function cookieRegion(header: string | null): string | null {
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(header ?? "");
  const v = m?.[1] ? decodeURIComponent(m[1]) : null;
  return v && REGION.test(v) ? v : null;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = context.auth.user;
  const url = new URL(request.url);
  const asked = url.searchParams.get("wilayah");
  // a region picked once is remembered (a year, no account); "semua" forgets it
  const regionCode = asked === "semua" ? null : asked && REGION.test(asked) ? asked : cookieRegion(request.headers.get("Cookie"));
  const home = await visitorHome(db, { regionCode, programSlug: url.searchParams.get("program") });
  const headers = new Headers();
  if (asked === "semua") headers.append("Set-Cookie", `${COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`);
  else if (asked && home.region) headers.append("Set-Cookie", `${COOKIE}=${encodeURIComponent(home.region.code)}; Path=/; Max-Age=31536000; SameSite=Lax`);
  return data(
    {
      site: env.APP_URL,
      name: user?.name ?? null,
      memberships: user ? await myMemberships(db, user.id) : [],
      region: home.region,
      program: home.program?.slug ?? null,
      regions: home.regions.map((r) => ({ code: r.code, name: r.name, provinceName: r.provinceName })),
      programs: home.programs,
      events: home.events.map((e) => ({
        id: e.id,
        title: e.title,
        status: e.status,
        startsAt: e.startsAt.toISOString(),
        timeZone: e.timeZone,
        place: [e.venueName, e.regionName].filter(Boolean).join(", "),
        chapterName: e.chapterName,
        programId: e.programNameId,
        programEn: e.programNameEn,
      })),
      figures: home.figures,
    },
    { headers },
  );
}

export default function Index() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const byProvince = new Map<string, { code: string; name: string }[]>();
  for (const r of d.regions) byProvince.set(r.provinceName, [...(byProvince.get(r.provinceName) ?? []), r]);
  const q = (program: string | null) => (program ? `?program=${encodeURIComponent(program)}` : "?");
  return (
    <>
      <h1>{d.name ? t("home.hello", { name: d.name }) : t("app.name")}</h1>
      <p>{t("public.home.lead")}</p>

      <section aria-labelledby="near">
        <h2 id="near">{d.region ? t("public.home.eventsIn", { region: d.region.name }) : t("public.home.eventsAll")}</h2>
        <details open={!d.region} className="card">
          <summary>{d.region ? t("public.home.changeRegion") : t("public.home.pickRegion")}</summary>
          {[...byProvince].map(([province, list]) => (
            <div key={province}>
              <h3 style={{ fontSize: "1rem", marginBottom: 4 }}>{province}</h3>
              <ul className="chips" style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: 8, margin: 0 }}>
                {list.map((r) => (
                  <li key={r.code}>
                    <a href={`/?wilayah=${r.code}${d.program ? `&program=${encodeURIComponent(d.program)}` : ""}`} aria-current={d.region?.code === r.code ? "true" : undefined}>
                      {r.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {d.region ? (
            <p>
              <a href="/?wilayah=semua">{t("public.home.allRegions")}</a>
            </p>
          ) : null}
        </details>
        <nav aria-label={t("public.home.programs")}>
          <ul style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: 12 }}>
            <li>
              <a href="/?" aria-current={d.program ? undefined : "true"}>
                {t("public.home.allPrograms")}
              </a>
            </li>
            {d.programs.map((p) => (
              <li key={p.slug}>
                <a href={q(p.slug)} aria-current={d.program === p.slug ? "true" : undefined}>
                  {locale === "id" ? p.nameId : p.nameEn}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {d.events.length === 0 ? <p>{t("public.home.noEvents")}</p> : null}
        <ul style={{ listStyle: "none", padding: 0 }}>
          {d.events.map((e) => (
            <li key={e.id} className="card" data-testid="home-event">
              <p className="muted" style={{ marginTop: 0 }}>
                {locale === "id" ? e.programId : e.programEn} · {e.chapterName}
              </p>
              <h3 style={{ margin: "4px 0" }}>
                <Link to={`/e/${e.id}`}>{e.title}</Link>
              </h3>
              <p style={{ marginBottom: 0 }}>
                {formatDateTime(e.startsAt, locale, e.timeZone)} · {e.place}
                {e.status === "cancelled" ? (
                  <>
                    {" "}
                    <span className="badge">{t("events.status.cancelled")}</span>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
        {d.region ? (
          <p>
            <Link to={`/chapters/${d.region.chapterSlug}`}>{t("public.home.chapterLink", { chapter: d.region.chapterName })}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="invite" className="card">
        <h2 id="invite" style={{ marginTop: 0 }}>
          {t("public.home.invite")}
        </h2>
        <p className="actions">
          <Link className="button" to="/bantu">
            {t("public.home.askHelp")}
          </Link>
          <Link className="button secondary" to="/register">
            {t("home.cta.register")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="figures">
        <h2 id="figures">{t("public.home.figures", { year: d.figures.year })}</h2>
        <dl className="figures" data-testid="national-figures">
          {NATIONAL_KEYS.map((k) => (
            <div key={k}>
              <dt>{t(`public.figure.${k}`)}</dt>
              <dd>{formatNumber(d.figures.figures[k] ?? 0, locale)}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t("public.home.figuresHint")}</p>
      </section>

      {d.name ? (
        <section aria-labelledby="my-chapters">
          <h2 id="my-chapters">{t("home.myChapters")}</h2>
          {d.memberships.length === 0 ? <p>{t("home.noChapters")}</p> : null}
          <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
            {d.memberships.map((m) => (
              <li key={`${m.chapterId}-${m.role}`} className="card">
                <p style={{ marginTop: 0 }}>
                  <Link to={`/chapters/${m.slug}`}>{m.name}</Link>
                </p>
                <p>
                  <span className="badge" data-status={m.status}>
                    {t("chapters.home.roleStatus", {
                      role: t(m.role === "lead" ? "chapters.home.leads" : "chapters.home.volunteer"),
                      status: t(`chapters.status.${m.status}`),
                    })}
                  </span>
                </p>
                {m.role === "lead" && m.status === "active" ? (
                  <p className="actions">
                    <Link className="button" to={`/chapters/${m.slug}/applications`}>
                      {t("chapters.applications")} ({t("chapters.pendingCount", { count: m.pendingCount })})
                    </Link>
                    <Link className="button secondary" to={`/chapters/${m.slug}/roster`}>
                      {t("chapters.roster")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/chapters">{t("home.findChapter")}</Link>
          </p>
        </section>
      ) : (
        <p className="actions">
          <Link className="button secondary" to="/login">
            {t("home.cta.login")}
          </Link>
        </p>
      )}
    </>
  );
}
