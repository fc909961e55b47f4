import { useT } from "~/i18n/react";

/** "Bagikan ke WhatsApp" (wa.me with a prepared text) and the link to copy; works without JavaScript. */
export function ShareLinks({ whatsappUrl, url }: { whatsappUrl: string; url: string }) {
  const t = useT();
  return (
    <section aria-labelledby="share" className="card">
      <h2 id="share" style={{ marginTop: 0 }}>
        {t("public.share.title")}
      </h2>
      <p>
        <a className="button" href={whatsappUrl} rel="noopener">
          {t("public.share.whatsapp")}
        </a>
      </p>
      <label htmlFor="share-url">{t("public.share.copy")}</label>
      <input id="share-url" type="url" readOnly value={url} style={{ width: "100%" }} />
    </section>
  );
}
