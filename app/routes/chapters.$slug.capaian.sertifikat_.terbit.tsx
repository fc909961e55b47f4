import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireLeadOfChapter } from "~/auth/chapter-lead.server";
import { ErrorText, FormError } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDate } from "~/i18n/format-date";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { chapterCertificates, revokeCertificate } from "~/models/reports/certificates.server";
import styles from "~/styles/reports.css";
import { safeRedirect } from "~/utils/redirect";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters.$slug.capaian.sertifikat_.terbit";
import { useShownSearch } from "~/utils/shown-search";

/** The lead's list of the chapter's certificates: find one, open its verification page, revoke it with a reason. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Simpul` : "Simpul" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { chapter } = await requireLeadOfChapter(context, request, params.slug);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const list = await chapterCertificates(db, chapter.id, { q: url.searchParams.get("q") ?? "", page: Number.isFinite(page) ? page : 1 });
  return {
    title: translator(context.locale)("reports.cert.list.title", { chapter: chapter.name }),
    chapter: { slug: chapter.slug, timeZone: chapter.timeZone },
    revoked: url.searchParams.get("revoked"),
    ...list,
    rows: list.rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null })),
  };
}

type RevokeFailure = { code: string; reason: string; errors: Record<string, string[] | undefined> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { chapter, user } = await requireLeadOfChapter(context, request, params.slug);
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  const reason = String(form.get("reason") ?? "");
  if (form.get("intent") !== "revoke" || !/^[\w-]{8,32}$/.test(code))
    return data<RevokeFailure>({ code, reason, errors: { _form: ["reports.cert.revoke.notFound"] } }, { status: 400 });
  const r = await revokeCertificate(db, { chapterId: chapter.id, code, reason, by: user.id });
  if (!r.ok) return data<RevokeFailure>({ code, reason, errors: r.errors }, { status: 400 });
  const back = new URL(request.url);
  back.searchParams.set("revoked", code);
  return redirect(safeRedirect(`${back.pathname}?${back.searchParams.toString()}`));
}

export default function IssuedCertificates() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const qInput = useShownSearch(d.q ?? "");
  const base = `/chapters/${d.chapter.slug}/capaian/sertifikat/terbit`;
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...(d.q ? { q: d.q } : {}), page: String(p) }).toString()}`;
  return (
    <div className="wide">
      <h1>{d.title}</h1>
      <p>{t("reports.cert.list.hint")}</p>
      {d.revoked ? (
        <p className="notice" role="status">
          {t("reports.cert.revoke.done", { code: d.revoked })}
        </p>
      ) : null}
      <Form method="get" className="period-form" role="search">
        <div className="field">
          <label htmlFor="cert-q">{t("reports.cert.list.q")}</label>
          <input ref={qInput} id="cert-q" name="q" type="search" defaultValue={d.q} maxLength={100} />
        </div>
        <button type="submit" className="secondary">
          {t("reports.cert.list.search")}
        </button>
      </Form>
      <p data-testid="cert-count">{t(countKey("reports.cert.list.count", d.total), { n: d.total })}</p>
      {d.rows.length === 0 ? <p>{t("reports.cert.list.none")}</p> : null}
      {d.suggestions.length ? (
        <nav aria-labelledby="cert-suggest">
          <p id="cert-suggest">{t("reports.cert.list.suggest")}</p>
          <ul>
            {d.suggestions.map((v) => (
              <li key={v}>
                <Link to={`${base}?${new URLSearchParams({ q: v }).toString()}`}>{v}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ul className="ind-list">
        {d.rows.map((c) => {
          const mine = failure?.code === c.code ? failure : null;
          const reasonId = `reason-${c.code}`;
          const errors = mine?.errors.reason;
          return (
            <li key={c.code} className="ind" data-testid={`cert-${c.code}`}>
              <strong>{c.recipientName}</strong> · {c.subject} · {t(countKey("reports.cert.hoursN", c.hours), { n: formatNumber(c.hours, locale) })}
              <br />
              <span className="muted">
                {t("reports.cert.list.issued")} {formatDate(c.issuedAt, locale, d.chapter.timeZone)} ·{" "}
                <Link to={`/sertifikat/${c.code}`}>{c.code}</Link> ·{" "}
                {c.revokedAt ? <span className="status risk">{t("reports.cert.list.revoked", { reason: c.revokeReason ?? "" })}</span> : t("reports.cert.list.valid")}
              </span>
              {c.revokedAt ? null : (
                <details open={mine ? true : undefined}>
                  <summary>{t("reports.cert.revoke.open")}</summary>
                  <Form method="post">
                    <FormError errors={mine?.errors._form} />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="code" value={c.code} />
                    <div className="field">
                      <label htmlFor={reasonId}>{t("reports.cert.revoke.reason")}</label>
                      <textarea
                        id={reasonId}
                        name="reason"
                        rows={2}
                        maxLength={300}
                        required
                        minLength={5}
                        defaultValue={mine?.reason ?? ""}
                        aria-invalid={errors?.length ? true : undefined}
                        aria-describedby={errors?.length ? `${reasonId}-error` : undefined}
                      />
                      <ErrorText id={`${reasonId}-error`} errors={errors} />
                    </div>
                    <button type="submit" className="danger" disabled={busy} aria-label={`${t("reports.cert.revoke.submit")}: ${c.recipientName}, ${c.subject}`}>
                      {t("reports.cert.revoke.submit")}
                    </button>
                  </Form>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      {d.pages > 1 ? (
        <nav className="actions" aria-label={t("reports.cert.list.page", { page: d.page, pages: d.pages })}>
          {d.page > 1 ? <Link to={pageHref(d.page - 1)}>{t("reports.cert.list.prev")}</Link> : null}
          <span>{t("reports.cert.list.page", { page: d.page, pages: d.pages })}</span>
          {d.page < d.pages ? <Link to={pageHref(d.page + 1)}>{t("reports.cert.list.next")}</Link> : null}
        </nav>
      ) : null}
      <p>
        <Link to={`/chapters/${d.chapter.slug}/capaian/sertifikat`}>{t("reports.cert.list.back")}</Link>
      </p>
    </div>
  );
}
