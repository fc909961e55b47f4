import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getRequestByToken, trackingUrl } from "~/models/tutoring/requests.server";
import { regionLabel } from "~/models/regions/regions.server";
import "~/i18n/strings/routes/bantu.terkirim.$token";

/** Right after the public form: the private tracking link, to keep or send to oneself on WhatsApp. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Simpul" },
  { name: "referrer", content: "same-origin" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const request = await getRequestByToken(db, token);
  if (!request) notFound();
  const t = translator(context.locale);
  const url = trackingUrl(token);
  return {
    title: t("tutoring.done.title"),
    url,
    path: `/lacak/${token}`,
    chapterName: request.chapterName,
    // the place as chosen, so a wrong kecamatan is seen while the learner still has the page (corrected on /lacak)
    place: (await regionLabel(db, request.regionCode)) ?? request.regionCode,
    emailSent: Boolean(request.email),
    whatsappHref: `https://wa.me/?text=${encodeURIComponent(t("tutoring.done.whatsappText", { url }))}`,
  };
}

export default function TutoringSent() {
  const { url, path, chapterName, place, emailSent, whatsappHref } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("tutoring.done.title")}</h1>
      <p className="notice" role="status">
        {t("tutoring.done.lead", { chapter: chapterName })}
      </p>
      <p>{t("tutoring.done.link")}</p>
      <p style={{ wordBreak: "break-all" }}>
        <a href={path}>{url}</a>
      </p>
      {emailSent ? <p>{t("tutoring.done.emailSent")}</p> : null}
      <p id="chosen-place">{t("tutoring.done.place", { place })}</p>
      <p className="actions">
        <a className="button primary" href={whatsappHref} rel="noreferrer">
          {t("tutoring.done.whatsapp")}
        </a>
        <Link className="button secondary" to={path}>
          {t("tutoring.done.open")}
        </Link>
      </p>
    </div>
  );
}
