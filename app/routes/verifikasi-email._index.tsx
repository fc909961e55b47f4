import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { isEmailVerified, rateLimitedError, resendVerification } from "~/models/accounts/accounts.server";
import "~/i18n/strings/routes/verifikasi-email._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { title: `${translator(context.locale)("auth.verify.title")} — Simpul`, email: user.email, verified: await isEmailVerified(db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const r = await resendVerification(db, { userId: user.id });
  if (!r.ok) return data({ sent: false, error: rateLimitedError(r) }, { status: 429 });
  return { sent: true, error: null };
}

export default function VerifyEmailStatus() {
  const { email, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("auth.verify.title")}</h1>
      {verified ? (
        <p className="notice">{t("auth.verify.already")}</p>
      ) : (
        <>
          {actionData?.sent ? (
            <p className="notice" role="status">
              {t("auth.verify.sent")}
            </p>
          ) : null}
          {actionData?.error ? (
            <p className="form-error" role="alert">
              {t(actionData.error.key, actionData.error.params)}
            </p>
          ) : null}
          <p>{t("auth.verify.needed", { email })}</p>
          <Form method="post">
            <button type="submit" className="button secondary">
              {t("auth.verify.resend")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/chapters">{t("auth.verify.toChapters")}</Link>
      </p>
    </div>
  );
}
