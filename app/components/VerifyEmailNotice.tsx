import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";

/**
 * "Confirm your email": the address a new account must confirm before applying to a chapter, with the button that
 * sends the link again (a plain form: works without JavaScript). On the chapters list, where registration lands, and
 * in place of the application form on a chapter's page.
 */
export function VerifyEmailNotice({ email, id, titleId, variant }: { email: string; id?: string; titleId: string; variant: "notice" | "card" }) {
  const t = useT();
  return (
    <section id={id} aria-labelledby={titleId} className={variant}>
      <h2 id={titleId} style={variant === "notice" ? { marginTop: 0 } : undefined}>
        {t("auth.verify.title")}
      </h2>
      <p>{t("auth.verify.needed", { email })}</p>
      <Form method="post" action="/verifikasi-email" reloadDocument>
        <button type="submit" className="button secondary">
          {t("auth.verify.resend")}
        </button>
      </Form>
    </section>
  );
}
