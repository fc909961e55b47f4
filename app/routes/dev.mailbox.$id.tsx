import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireMailboxAccess } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { getMailboxEmail } from "~/services/mailbox.server";
import styles from "~/styles/mailbox.css";
import "~/i18n/strings/routes/dev.mailbox.$id";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.email.subject ? `${data.email.subject} — Simpul` : "Simpul" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  requireMailboxAccess(context, env.mailboxEnabled);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const email = await getMailboxEmail(db, id);
  if (!email) notFound();
  return { email };
}

export default function MailboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const subject = email.subject ?? t("mailbox.noSubject");
  return (
    <>
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1>{subject}</h1>
      <dl className="card mail-meta">
        <dt>{t("mailbox.to")}</dt>
        <dd>{email.to}</dd>
        <dt>{t("mailbox.template")}</dt>
        <dd>{email.template}</dd>
        <dt>{t("mailbox.language")}</dt>
        <dd>{t(`lang.${email.locale}`)}</dd>
        <dt>{t("mailbox.status")}</dt>
        <dd>
          <span className="badge">{t(`mailbox.status.${email.status}`)}</span>
        </dd>
        <dt>{t("mailbox.time")}</dt>
        <dd>{formatDateTime(email.sentAt ?? email.createdAt, locale)}</dd>
        {email.lastError ? (
          <>
            <dt>{t("mailbox.lastError")}</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
      </dl>
      {email.html === null || email.text === null ? (
        <p className="form-error">{t("mailbox.renderFailed")}</p>
      ) : (
        <>
          <h2>{t("mailbox.html")}</h2>
          {/* The email's own HTML in an opaque origin; its CSP forbids scripts (see previewHtml). */}
          <iframe className="mail-frame" title={t("mailbox.htmlFrame", { subject })} sandbox="allow-scripts" srcDoc={email.html} />
          <h2>{t("mailbox.text")}</h2>
          <pre className="card mail-text">{email.text}</pre>
        </>
      )}
    </>
  );
}
