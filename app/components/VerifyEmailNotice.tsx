/**
 * "Confirm your email": the address a new account must confirm before applying to a chapter, with the button that
 * sends the link again. On the chapters list, where registration lands, and in place of the application form on a
 * chapter's page. A plain form (a full page load, with or without JavaScript) and the page's own `t`: the module
 * imports nothing, so the small chunk the two pages share costs the chapters list as few bytes as possible.
 */
export function VerifyEmailNotice(props: { email: string; id?: string; titleId: string; variant: "notice" | "card"; t: (key: string, params?: Record<string, string>) => string }) {
  const { email, id, titleId, variant, t } = props;
  return (
    <section id={id} aria-labelledby={titleId} className={variant}>
      <h2 id={titleId} style={variant === "notice" ? { marginTop: 0 } : undefined}>
        {t("auth.verify.title")}
      </h2>
      <p>{t("auth.verify.needed", { email })}</p>
      <form method="post" action="/verifikasi-email">
        <button type="submit" className="button secondary">
          {t("auth.verify.resend")}
        </button>
      </form>
    </section>
  );
}
