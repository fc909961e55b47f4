import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnonymous } from "~/auth/guards.server";
import { deviceCookie, readDeviceToken, startSession } from "~/auth/session.server";
import { AuthFormError, useAfterFailure, type AuthFailure } from "~/components/auth";
import { Field, valueOf } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { authenticateByPassword, loginSchema, rateLimitedError } from "~/models/accounts/accounts.server";
import { parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/login";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The form works without JavaScript: the page ships none (first visit on a phone, often over 3G). */
export const handle = { hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { title: translator(context.locale)("auth.login.metaTitle"), redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context);
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const parsed = parseForm(loginSchema, form);
  if (!parsed.ok) return data<AuthFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await authenticateByPassword(db, { ...parsed.data, ip: context.clientIp, deviceToken: readDeviceToken(request.headers.get("cookie")) });
  if (!result.ok) {
    const values = { email: parsed.data.email };
    if (result.reason === "rateLimited") {
      // the way out for the owner is named: a password reset proves the mailbox and clears the account's counters
      const limited = rateLimitedError(result);
      return data<AuthFailure>({ values, formError: { ...limited, key: countKey("auth.error.loginRateLimited", limited.params.minutes) } }, { status: 429 });
    }
    return data<AuthFailure>({ values, formError: { key: "auth.error.invalidCredentials" } }, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.userId));
  headers.append("Set-Cookie", deviceCookie(result.deviceToken));
  return redirect(redirectTo, { headers });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<AuthFailure>();
  const formRef = useAfterFailure(actionData);
  const t = useT();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("auth.login.title")}</h1>
      <Form method="post" className="card" noValidate ref={formRef}>
        <AuthFormError error={actionData?.formError} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field
          name="email"
          label={t("auth.email")}
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={valueOf(actionData, "email")}
          errors={errors?.email}
        />
        <Field name="password" label={t("auth.password")} type="password" autoComplete="current-password" required errors={errors?.password} />
        <div className="actions">
          <button type="submit" className="primary">
            {t("auth.login.submit")}
          </button>
          <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        </div>
      </Form>
      <p>
        {t("auth.login.noAccount")} <Link to="/register">{t("auth.register.submit")}</Link>
      </p>
    </div>
  );
}
