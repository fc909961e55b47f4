import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { answerInvitation, getInvitation } from "~/models/chapters/roster.server";
import "~/i18n/strings/routes/undangan.$token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** The link of a chapter invitation email (a roster import named this person's address): accept or decline. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await getInvitation(db, params.token ?? "");
  const t = translator(context.locale);
  return { title: `${invitation ? t("roster.invitation.title", { chapter: invitation.chapterName }) : t("roster.invitation.invalid")} — Simpul`, invitation };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const form = await request.formData();
  const answered = await answerInvitation(db, { token: params.token ?? "", accept: form.get("intent") === "accept" });
  if (!answered) return data({ answered: null }, { status: 409 });
  return { answered };
}

export default function Invitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const answered = actionData?.answered;
  if (answered) {
    return (
      <div className="narrow">
        <h1>{t("roster.invitation.title", { chapter: answered.chapterName })}</h1>
        <p className="notice" role="status">
          {t(answered.status === "accepted" ? "roster.invitation.accepted" : "roster.invitation.declined", { chapter: answered.chapterName })}
        </p>
        <p>
          <Link to={`/chapters/${answered.chapterSlug}`}>{t("roster.invitation.toChapter")}</Link>
        </p>
      </div>
    );
  }
  if (!invitation || invitation.status !== "pending" || actionData) {
    return (
      <div className="narrow">
        <h1>{t("roster.invitation.invalid")}</h1>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("roster.invitation.title", { chapter: invitation.chapterName })}</h1>
      <p>{t("roster.invitation.body", { chapter: invitation.chapterName })}</p>
      <Form method="post" className="actions">
        <button type="submit" name="intent" value="accept" className="button primary">
          {t("roster.invitation.accept")}
        </button>
        <button type="submit" name="intent" value="decline" className="button secondary">
          {t("roster.invitation.decline")}
        </button>
      </Form>
    </div>
  );
}
