import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMailboxAccess } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { listMailbox } from "~/services/mailbox.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/dev.mailbox._index";
import { TableWrap } from "~/components/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

/** Every email the app wrote, newest first; only where no real SMTP server is used (env.mailboxEnabled). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireMailboxAccess(context, env.mailboxEnabled);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const { items, total, pages } = await listMailbox(db, { page });
  return { title: translator(context.locale)("mailbox.title"), items, total, page, pages };
}

export default function Mailbox() {
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="muted">{t("mailbox.lead")}</p>
      {items.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <>
          <p>{t(countKey("mailbox.count", total), { count: formatNumber(total, locale) })}</p>
          <TableWrap labelledBy="mailbox-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("mailbox.subject")}</th>
                  <th scope="col">{t("mailbox.to")}</th>
                  <th scope="col">{t("mailbox.template")}</th>
                  <th scope="col">{t("mailbox.status")}</th>
                  <th scope="col">{t("mailbox.time")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/dev/mailbox/${m.id}`}>{m.subject ?? t("mailbox.noSubject")}</Link>
                    </td>
                    <td>{m.to}</td>
                    <td>{m.template}</td>
                    <td>
                      <span className="badge">{t(`mailbox.status.${m.status}`)}</span>
                    </td>
                    <td>{formatDateTime(m.sentAt ?? m.createdAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {pages > 1 ? (
            <nav className="pagination" aria-label={t("pagination.page", { page, pages })}>
              {page > 1 ? <Link to={`?page=${page - 1}`}>{t("pagination.prev")}</Link> : null}
              <span>{t("pagination.page", { page, pages })}</span>
              {page < pages ? <Link to={`?page=${page + 1}`}>{t("pagination.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
