import type { MetaDescriptor } from "@remix-run/node";

/** What a link preview shows: the page's title and words, its address, and a 1200×630 PNG card. */
export type ShareCard = {
  title: string;
  description: string;
  /** absolute: a preview is built by a crawler that knows no other address */
  url: string;
  /** absolute, 1200×630 PNG */
  image: string;
  imageAlt?: string;
  /** the page's language, as Open Graph writes it */
  locale: "id" | "en";
};

/** The site's own card (public/og-event.png), for public pages with nothing of their own to draw. */
export const SITE_CARD = "/og-event.png";
export const SITE_NAME = "Simpul · Relawan TIK Indonesia";

/**
 * The tags WhatsApp, Telegram, Facebook and X build a link's preview from. Chapters share their pages in WhatsApp
 * groups, where a link without them is a bare address; the canonical link goes with them.
 */
export function shareMeta(c: ShareCard): MetaDescriptor[] {
  return [
    { name: "description", content: c.description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:title", content: c.title },
    { property: "og:description", content: c.description },
    { property: "og:url", content: c.url },
    { property: "og:image", content: c.image },
    { property: "og:image:type", content: "image/png" },
    // WhatsApp lays the preview out before fetching the image when it knows the size
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: c.imageAlt ?? c.title },
    { property: "og:locale", content: c.locale === "en" ? "en_US" : "id_ID" },
    { name: "twitter:card", content: "summary_large_image" },
    { tagName: "link", rel: "canonical", href: c.url },
  ];
}
