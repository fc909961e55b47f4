import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { dateTimeFormat, formatDays, formatNumber, localeTag } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { getCertificate } from "~/models/reports/certificates.server";
import "~/i18n/strings/routes/sertifikat.$code._index";

/** Public: anyone who scans the QR code or opens the link can check the certificate. No JavaScript, no log-in. */
export const handle = { hydrate: false };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }, { name: "robots", content: "noindex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  // a link copied out of a sentence ("cek di …/sertifikat/AbC123xyz_9k.") brings the sentence's punctuation along
  const bare = code.replace(/[\s.,;:!?)\]}'"»”’]+$/u, "");
  if (bare !== code && /^[\w-]{8,32}$/.test(bare)) throw redirect(`/sertifikat/${bare}`);
  const cert = /^[\w-]{8,32}$/.test(code) ? await getCertificate(db, code) : null;
  if (!cert) notFound();
  return {
    title: translator(context.locale)("reports.cert.verifyTitle"),
    cert: {
      code: cert.code,
      kind: cert.kind,
      recipientName: cert.recipientName,
      chapterName: cert.chapterName,
      subject: cert.subject,
      // the days attended as issued ("12–14 Desember 2026"); a certificate issued before names one day
      days: cert.kind === "event" ? formatDays(cert.activityDate.split(","), context.locale) : null,
      hours: cert.hours,
      issuedAt: cert.issuedAt.toISOString(),
      timeZone: cert.timeZone,
      revoked: cert.revokedAt !== null,
      revokedAt: cert.revokedAt?.toISOString() ?? null,
      revokeReason: cert.revokeReason,
    },
  };
}

export default function VerifyCertificate() {
  const { cert } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const date = (d: string) => dateTimeFormat(localeTag(locale), { dateStyle: "long", timeZone: cert.timeZone }).format(new Date(d.length === 10 ? `${d}T12:00:00+07:00` : d));
  return (
    <div className="narrow">
      <h1>{t("reports.cert.verifyTitle")}</h1>
      <p className={cert.revoked ? "form-error" : "notice"} role="status" data-testid="cert-status">
        {cert.revoked ? t("reports.cert.revoked") : t("reports.cert.valid")}
        {cert.revokedAt ? (
          <>
            {" "}
            {t("reports.cert.revokedOn", { date: date(cert.revokedAt) })}
            {cert.revokeReason ? (
              <>
                <br />
                {t("reports.cert.revokedWhy", { reason: cert.revokeReason })}
              </>
            ) : null}
          </>
        ) : null}
      </p>
      <dl className="card">
        <dt>{t("reports.cert.recipient")}</dt>
        <dd data-testid="cert-recipient">{cert.recipientName}</dd>
        <dt>{t("reports.cert.subject")}</dt>
        <dd>{cert.subject}</dd>
        {cert.kind === "event" ? (
          <>
            <dt>{t("reports.cert.date")}</dt>
            <dd data-testid="cert-days">{cert.days}</dd>
          </>
        ) : null}
        <dt>{t("reports.cert.hoursLabel")}</dt>
        <dd data-testid="cert-hours">{formatNumber(cert.hours, locale)}</dd>
        <dt>{t("reports.cert.chapter")}</dt>
        <dd>{cert.chapterName}</dd>
        <dt>{t("reports.cert.issuedAt")}</dt>
        <dd>{date(cert.issuedAt)}</dd>
      </dl>
      <p className="muted">{t("reports.cert.code", { code: cert.code })}</p>
      {cert.revoked ? null : (
        <p>
          <a href={`/sertifikat/${cert.code}/pdf`}>{t("reports.cert.download")}</a>
        </p>
      )}
    </div>
  );
}
