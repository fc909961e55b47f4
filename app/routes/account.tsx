import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { endOtherSessions, repeatedPasswordChange, startSession } from "~/auth/session.server";
import { AuthFormError, useAfterFailure, type AuthFailure } from "~/components/auth";
import { Field } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { changePassword, changePasswordSchema, getAccount, rateLimitedError } from "~/models/accounts/accounts.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/account";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const account = await getAccount(db, user.id);
  if (!account) throw redirect("/login");
  const q = new URL(request.url).searchParams;
  const notice =
    q.get("changed") === "1"
      ? "auth.account.passwordChanged"
      : q.get("reset") === "1"
        ? "auth.account.passwordReset"
        : q.get("others") === "ended"
          ? "auth.account.sessionsEnded"
          : null;
  return {
    title: translator(context.locale)("auth.account.metaTitle"),
    account: { name: account.name, email: account.email, locale: account.locale },
    notice,
    // the personal calendar feed's link ended with the sessions (see endOtherSessions, changePassword, resetPassword)
    feedEnded: notice !== null && q.get("feed") === "ended",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.auth.user) {
    // the password form sent again after its first sending ended this session (see repeatedChangeFrom)
    const cookie = await repeatedPasswordChange(request);
    if (cookie) return redirect("/account?changed=1", { headers: { "Set-Cookie": cookie } });
  }
  const user = requireUser(context, request);
  const form = await request.formData();
  if (form.get("intent") === "otherSessions") {
    // a lost phone, a shared computer: every other session of the account ends, this one stays
    const { feedEnded } = await endOtherSessions(user.id, context.auth.sessionId);
    return redirect(`/account?others=ended${feedEnded ? "&feed=ended" : ""}`);
  }
  if (form.get("intent") !== "password") throw new Response("Bad Request", { status: 400 });
  const parsed = parseForm(changePasswordSchema, form);
  if (!parsed.ok) return data<AuthFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await changePassword(db, {
    userId: user.id,
    sessionId: context.auth.sessionId,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
  });
  if (!result.ok) {
    if (result.reason === "rateLimited") return data<AuthFailure>({ formError: rateLimitedError(result) }, { status: 429 });
    return data<AuthFailure>({ errors: result.errors }, { status: 400 });
  }
  // changePassword ended every session of the user, this one included: start a fresh one here.
  const cookie = await startSession(user.id);
  return redirect(`/account?changed=1${result.feedEnded ? "&feed=ended" : ""}`, { headers: { "Set-Cookie": cookie } });
}

export default function Account() {
  const { account, notice, feedEnded } = useLoaderData<typeof loader>();
  const actionData = useActionData<AuthFailure>();
  const formRef = useAfterFailure(actionData);
  const t = useT();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("auth.account.title")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
          {feedEnded ? (
            <>
              {" "}
              {t("auth.account.feedEnded")} <Link to="/events/mine#feed">{t("auth.account.feedEndedLink")}</Link>
            </>
          ) : null}
        </p>
      ) : null}

      <section className="card" aria-labelledby="account-details">
        <h2 id="account-details" style={{ marginTop: 0 }}>{t("auth.account.details")}</h2>
        <dl style={{ margin: 0 }}>
          <dt style={{ fontWeight: 600 }}>{t("auth.name")}</dt>
          <dd style={{ margin: "0 0 8px" }}>{account.name}</dd>
          <dt style={{ fontWeight: 600 }}>{t("auth.email")}</dt>
          <dd style={{ margin: 0 }}>{account.email}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password" style={{ marginTop: 0 }}>{t("auth.account.changePassword")}</h2>
        <p className="muted">{t("auth.account.changePasswordLead")}</p>
        <Form method="post" noValidate ref={formRef}>
          <input type="hidden" name="intent" value="password" />
          <AuthFormError error={actionData?.formError} />
          <input type="email" name="username" value={account.email} autoComplete="username" readOnly hidden />
          <Field
            name="currentPassword"
            label={t("auth.currentPassword")}
            type="password"
            autoComplete="current-password"
            required
            errors={errors?.currentPassword}
          />
          <Field
            name="newPassword"
            label={t("auth.newPassword")}
            type="password"
            autoComplete="new-password"
            required
            maxLength={128}
            hint={t("auth.passwordHint")}
            errors={errors?.newPassword}
          />
          <Field
            name="newPasswordConfirm"
            label={t("auth.newPasswordConfirm")}
            type="password"
            autoComplete="new-password"
            required
            maxLength={128}
            errors={errors?.newPasswordConfirm}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("auth.account.changePasswordSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="account-sessions">
        <h2 id="account-sessions" style={{ marginTop: 0 }}>{t("auth.account.sessions")}</h2>
        <p className="muted">{t("auth.account.sessionsLead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="otherSessions" />
          <div className="actions">
            <button type="submit" className="secondary">
              {t("auth.account.sessionsSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="account-language">
        <h2 id="account-language" style={{ marginTop: 0 }}>{t("auth.account.language")}</h2>
        <p className="muted">{t("auth.account.languageLead")}</p>
        <Form method="post" action="/locale">
          <input type="hidden" name="redirectTo" value="/account" />
          <fieldset>
            <legend>{t("lang.label")}</legend>
            <div className="checks">
              <label>
                <input type="radio" name="locale" value="id" defaultChecked={account.locale === "id"} /> <span lang="id">{t("lang.id")}</span>
              </label>
              <label>
                <input type="radio" name="locale" value="en" defaultChecked={account.locale === "en"} /> <span lang="en">{t("lang.en")}</span>
              </label>
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="secondary">
              {t("auth.account.languageSubmit")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
