import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { confirmEmailChange } from "~/models/accounts/personal-data.server";
import "~/i18n/strings/routes/akun.email.$token";

/** The link sent to a new address. Opening it changes nothing (mail scanners open links): the button does. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "referrer", content: "same-origin" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { title: translator(context.locale)("privacy.account.emailTitle") };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const r = await confirmEmailChange(db, params.token ?? "", { currentSessionId: context.auth.sessionId });
  return data({ ok: r.ok }, { status: r.ok ? 200 : 400 });
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("privacy.account.emailTitle")}</h1>
      {result ? (
        <>
          <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
            {t(result.ok ? "privacy.account.emailChanged" : "privacy.account.emailInvalidLink")}
          </p>
          <p>
            <Link to="/login">{t("auth.login.title")}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <button type="submit" className="primary">
            {t("privacy.email.confirmLink")}
          </button>
        </Form>
      )}
    </div>
  );
}
