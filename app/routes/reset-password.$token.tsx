import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { endSession, startSession } from "~/auth/session.server";
import { AuthFormError, useAfterFailure, type AuthFailure } from "~/components/auth";
import { Field } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { findValidResetToken, resetPassword, resetPasswordSchema } from "~/models/accounts/accounts.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/reset-password.$token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Simpul" },
  // the token is in the URL: keep it out of search engines and referrers
  { name: "robots", content: "noindex" },
];

/** The form works without JavaScript: the page ships none. */
export const handle = { hydrate: false };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await findValidResetToken(db, params.token ?? "");
  return { title: translator(context.locale)("auth.reset.metaTitle"), email: found?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return data<AuthFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await resetPassword(db, { token: params.token ?? "", password: parsed.data.password });
  if (!result.ok) {
    if (result.reason === "fields") return data<AuthFailure>({ errors: result.errors }, { status: 400 });
    return data<AuthFailure>({ formError: { key: "auth.reset.invalid" } }, { status: 410 });
  }
  // Whoever was signed in in this browser is signed out; the account's own sessions ended in the reset.
  if (context.auth.sessionId) await endSession(context.auth.sessionId);
  const cookie = await startSession(result.userId);
  return redirect(`/account?reset=1${result.feedEnded ? "&feed=ended" : ""}`, { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<AuthFailure>();
  const formRef = useAfterFailure(actionData);
  const t = useT();
  if (!email) {
    return (
      <div className="narrow">
        <h1>{t("auth.reset.invalidTitle")}</h1>
        <p>{t("auth.reset.invalid")}</p>
        <p>
          <Link className="button" to="/forgot-password">
            {t("auth.reset.requestNew")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.lead", { email })}</p>
      <Form method="post" className="card" noValidate ref={formRef}>
        <AuthFormError error={actionData?.formError} />
        {/* lets password managers file the new password under the right account */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <Field
          name="password"
          label={t("auth.newPassword")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          hint={t("auth.passwordHint")}
          errors={actionData?.errors?.password}
        />
        <Field
          name="passwordConfirm"
          label={t("auth.newPasswordConfirm")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          errors={actionData?.errors?.passwordConfirm}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("auth.reset.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
