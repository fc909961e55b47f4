import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnonymous } from "~/auth/guards.server";
import { AuthFormError, useAfterFailure, type AuthFailure } from "~/components/auth";
import { Field, valueOf } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { forgotPasswordSchema, rateLimitedError, requestPasswordReset } from "~/models/accounts/accounts.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/forgot-password";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The form works without JavaScript: the page ships none (first visit on a phone, often over 3G). */
export const handle = { hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  return { title: translator(context.locale)("auth.forgot.metaTitle"), sent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context);
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data<AuthFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await requestPasswordReset(db, { email: parsed.data.email, ip: context.clientIp });
  if (!result.ok)
    return data<AuthFailure>({ values: { email: parsed.data.email }, formError: rateLimitedError(result) }, { status: 429 });
  // The same answer whether or not the email belongs to an account.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<AuthFailure>();
  const formRef = useAfterFailure(actionData);
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("auth.forgot.title")}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t("auth.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("auth.forgot.lead")}</p>
          <Form method="post" className="card" noValidate ref={formRef}>
            <AuthFormError error={actionData?.formError} />
            <Field
              name="email"
              label={t("auth.email")}
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              maxLength={254}
              defaultValue={valueOf(actionData, "email")}
              errors={actionData?.errors?.email}
            />
            <div className="actions">
              <button type="submit" className="primary">
                {t("auth.forgot.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("auth.forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
