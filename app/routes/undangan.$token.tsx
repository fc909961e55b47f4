import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { acceptLeadInvitationByLink, getLeadInvitation, type LeadInvitationState } from "~/models/chapters/lead-invitations.server";
import { answerInvitation, getInvitation } from "~/models/chapters/roster.server";
import "~/i18n/strings/routes/undangan.$token";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** Two forms and links: the page ships no JavaScript (opened from an email, often on a phone over 3G). */
export const handle = { hydrate: false };

/**
 * The link of a chapter invitation email: a roster import named this person's address (accept or decline), or an
 * admin appointed an address without an account lead of a chapter (DECISIONS 142).
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const t = translator(context.locale);
  const lead = await getLeadInvitation(db, token, getUser(context)?.id ?? null);
  if (lead) {
    const title = lead.state === "gone" ? t("roster.invitation.invalid") : t("roster.leadInvitation.title", { chapter: lead.chapterName });
    return { title: `${title} — Simpul`, lead, invitation: null, path: new URL(request.url).pathname };
  }
  const invitation = await getInvitation(db, token);
  return { title: `${invitation ? t("roster.invitation.title", { chapter: invitation.chapterName }) : t("roster.invitation.invalid")} — Simpul`, lead: null, invitation, path: "" };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const token = params.token ?? "";
  if (form.get("intent") === "lead") {
    const user = requireUser(context, request);
    const r = await acceptLeadInvitationByLink(db, { token, userId: user.id });
    return data({ answered: null, lead: r }, { status: r.ok ? 200 : 409 });
  }
  const answered = await answerInvitation(db, { token, accept: form.get("intent") === "accept" });
  if (!answered) return data({ answered: null, lead: null }, { status: 409 });
  return { answered, lead: null };
}

function LeadInvitation({ lead, path }: { lead: LeadInvitationState; path: string }) {
  const t = useT();
  if (lead.state === "gone") return <h1>{t("roster.invitation.invalid")}</h1>;
  const title = <h1>{t("roster.leadInvitation.title", { chapter: lead.chapterName })}</h1>;
  if (lead.state !== "pending") {
    return (
      <>
        {title}
        <p className="form-error" role="status">
          {t(`roster.leadInvitation.${lead.state === "accepted" ? "spent" : lead.state}`)}
        </p>
      </>
    );
  }
  return (
    <>
      {title}
      <p>{t("roster.leadInvitation.body", { chapter: lead.chapterName, email: lead.emailHint })}</p>
      {lead.viewer === "anonymous" ? (
        <>
          <p>{t("roster.leadInvitation.anonymous")}</p>
          <p className="actions">
            <Link className="button primary" to={`/register?email=${encodeURIComponent(lead.email ?? "")}`}>
              {t("roster.leadInvitation.register")}
            </Link>
            <Link className="button secondary" to={`/login?redirectTo=${encodeURIComponent(path)}`}>
              {t("roster.leadInvitation.login")}
            </Link>
          </p>
        </>
      ) : lead.viewer === "match" ? (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="lead" className="button primary">
            {t("roster.leadInvitation.accept")}
          </button>
        </Form>
      ) : (
        <p className="form-error" role="status">
          {t(lead.viewer === "other" ? "roster.leadInvitation.other" : "roster.leadInvitation.unverified", { email: lead.emailHint })}
        </p>
      )}
    </>
  );
}

export default function Invitation() {
  const { invitation, lead, path } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const answered = actionData?.answered;
  const accepted = actionData?.lead;
  if (accepted?.ok) {
    return (
      <div className="narrow">
        <h1>{t("roster.leadInvitation.title", { chapter: accepted.chapterName })}</h1>
        <p className="notice" role="status">
          {t("roster.leadInvitation.done", { chapter: accepted.chapterName })}
        </p>
        <p>
          <Link to={`/chapters/${accepted.chapterSlug}`}>{t("roster.invitation.toChapter")}</Link>
        </p>
      </div>
    );
  }
  if (lead) {
    return (
      <div className="narrow">
        <LeadInvitation lead={lead} path={path} />
      </div>
    );
  }
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
