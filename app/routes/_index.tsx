import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { useT } from "~/i18n/react";
import { myMemberships } from "~/models/chapters/chapters.server";

export const meta: MetaFunction = () => [
  { title: "Simpul — Relawan TIK Indonesia" },
  { name: "description", content: "Koordinasi relawan TIK Indonesia: relawan, chapter, dan kegiatan." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth.user;
  return { name: user?.name ?? null, memberships: user ? await myMemberships(db, user.id) : [] };
}

export default function Index() {
  const { name, memberships } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{name ? t("home.hello", { name }) : t("app.name")}</h1>
      <p>{t("home.lead")}</p>
      {name ? (
        <section aria-labelledby="my-chapters">
          <h2 id="my-chapters">{t("home.myChapters")}</h2>
          {memberships.length === 0 ? <p>{t("home.noChapters")}</p> : null}
          <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
            {memberships.map((m) => (
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
          <Link className="button" to="/register">
            {t("home.cta.register")}
          </Link>
          <Link className="button secondary" to="/login">
            {t("home.cta.login")}
          </Link>
        </p>
      )}
    </>
  );
}
