import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnonymous } from "~/auth/guards.server";
import { deviceCookie, readDeviceToken, startSession } from "~/auth/session.server";
import { AuthFormError, useAfterFailure, type AuthFailure } from "~/components/auth";
import { ErrorText, Field, valueOf } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { authenticateByPassword, rateLimitedError, registerSchema, registerUser } from "~/models/accounts/accounts.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/register";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The form works without JavaScript: the page ships none (first visit on a phone, often over 3G). */
export const handle = { hydrate: false };

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAnonymous(context);
  // an invitation's link (DECISIONS 142) brings the invited address: the form starts with it
  const email = (new URL(request.url).searchParams.get("email") ?? "").trim().toLowerCase().slice(0, 254);
  return { title: translator(context.locale)("auth.register.metaTitle"), email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context);
  const parsed = parseForm(registerSchema, await request.formData());
  if (!parsed.ok) return data<AuthFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, email, password, privacy } = parsed.data;
  const result = await registerUser(db, { name, email, password, locale: context.locale, ip: context.clientIp });
  if (!result.ok) {
    // the ticked consent stays ticked (only the passwords are typed again)
    const values = { name, email, privacy: privacy ?? "" };
    if (result.reason === "rateLimited")
      return data<AuthFailure>({ values, formError: rateLimitedError(result) }, { status: 429 });
    // the same sign-up sent again (a second tap on a slow line, a resend after the answer was lost): the account it
    // made answers to its address and password, so it signs in as the log-in form would (with the log-in's limits)
    if (result.errors.email?.[0] === "auth.error.emailTaken") {
      const again = await authenticateByPassword(db, { email, password, ip: context.clientIp, deviceToken: readDeviceToken(request.headers.get("cookie")) });
      if (again.ok) {
        const headers = new Headers();
        headers.append("Set-Cookie", await startSession(again.userId));
        headers.append("Set-Cookie", deviceCookie(again.deviceToken));
        return redirect("/chapters", { headers });
      }
    }
    return data<AuthFailure>({ errors: result.errors, values }, { status: 400 });
  }
  const cookie = await startSession(result.userId);
  return redirect("/chapters", { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const actionData = useActionData<AuthFailure>();
  const { email } = useLoaderData<typeof loader>();
  const formRef = useAfterFailure(actionData);
  const t = useT();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("auth.register.title")}</h1>
      <p>{t("auth.register.lead")}</p>
      <Form method="post" className="card" noValidate ref={formRef}>
        <AuthFormError error={actionData?.formError} />
        <Field name="name" label={t("auth.name")} autoComplete="name" required maxLength={100} defaultValue={valueOf(actionData, "name")} errors={errors?.name} />
        <Field
          name="email"
          label={t("auth.email")}
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={valueOf(actionData, "email", email)}
          errors={errors?.email}
        />
        <Field
          name="password"
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          hint={t("auth.passwordHint")}
          errors={errors?.password}
        />
        <Field
          name="passwordConfirm"
          label={t("auth.passwordConfirm")}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          errors={errors?.passwordConfirm}
        />
        <div className="field">
          <label>
            <input
              type="checkbox"
              name="privacy"
              value="yes"
              defaultChecked={valueOf(actionData, "privacy") === "yes"}
              aria-invalid={errors?.privacy ? true : undefined}
              aria-describedby={errors?.privacy ? "f-privacy-error" : undefined}
            />{" "}
            <span>
              {t("privacy.consentLabel")} <Link to="/privasi">{t("privacy.noticeLink")}</Link>
            </span>
          </label>
          <ErrorText id="f-privacy-error" errors={errors?.privacy} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("auth.register.submit")}
          </button>
        </div>
      </Form>
      <p>
        {t("auth.register.haveAccount")} <Link to="/login">{t("auth.login.title")}</Link>
      </p>
    </div>
  );
}
