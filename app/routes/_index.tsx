import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/react";

export const meta: MetaFunction = () => [
  { title: "Simpul — Relawan TIK Indonesia" },
  { name: "description", content: "Koordinasi relawan TIK Indonesia: relawan, chapter, dan kegiatan." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth.user;
  return { name: user?.name ?? null };
}

export default function Index() {
  const { name } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{name ? t("home.hello", { name }) : t("app.name")}</h1>
      <p>{t("home.lead")}</p>
      {name ? (
        <p>
          <Link to="/chapters">{t("home.findChapter")}</Link>
        </p>
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
