import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { verifyEmail } from "~/models/accounts/accounts.server";
import "~/i18n/strings/routes/verifikasi-email.$token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The link from the sign-up email: opening it proves the address (works signed in or not, on any device). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = await verifyEmail(db, params.token ?? "");
  return { title: `${translator(context.locale)("auth.verify.title")} — Simpul`, ok: result.ok };
}

export default function VerifyEmail() {
  const { ok } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("auth.verify.title")}</h1>
      <p role="status" className={ok ? "notice" : "form-error"}>
        {ok ? t("auth.verify.done") : t("auth.verify.invalid")}
      </p>
      <p>
        <Link className="button" to="/chapters">
          {t("auth.verify.toChapters")}
        </Link>
      </p>
    </div>
  );
}
