import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { readerTimeZone } from "~/models/accounts/personal-data.server";
import { outboxOverview } from "~/services/mailbox.server";
import { retryDeadEmail } from "~/services/outbox-delivery.server";
import styles from "~/styles/mailbox.css";
import "~/i18n/strings/routes/admin.outbox";
import { TableWrap } from "~/components/TableWrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

const NOTICES: Record<string, string> = { "1": "mailbox.admin.retried", "0": "mailbox.admin.notRetried", expired: "mailbox.admin.linkExpiredNotice" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAdmin(context, request);
  const retried = new URL(request.url).searchParams.get("retried");
  const [overview, timeZone] = await Promise.all([outboxOverview(db), readerTimeZone(db, user.id)]);
  // times in the reader's zone, named (WIB/WITA/WIT), written on the server
  const at = (d: Date | string) => formatDateTime(d, context.locale, timeZone);
  return {
    title: translator(context.locale)("mailbox.admin.title"),
    ...overview,
    dead: overview.dead.map((m) => ({ ...m, createdAt: at(m.createdAt) })),
    pending: overview.pending.map((m) => ({ ...m, nextAttemptAt: at(m.nextAttemptAt) })),
    notice: retried ? NOTICES[retried] ?? null : null,
    mailbox: env.mailboxEnabled,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAdmin(context, request);
  const form = await request.formData();
  const id = Number(form.get("id"));
  if (form.get("intent") !== "retry" || !Number.isSafeInteger(id) || id < 1) throw new Response("Bad Request", { status: 400 });
  const r = await retryDeadEmail(db, id, user.id);
  return redirect(`/admin/outbox?retried=${r === "retried" ? 1 : r === "linkExpired" ? "expired" : 0}`);
}

export default function AdminOutbox() {
  const { counts, dead, pending, notice, mailbox } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const subjectCell = (m: { id: number; subject: string | null }) => {
    const subject = m.subject ?? t("mailbox.noSubject");
    return mailbox ? <Link to={`/dev/mailbox/${m.id}`}>{subject}</Link> : subject;
  };
  return (
    <>
      <h1>{t("mailbox.admin.title")}</h1>
      <p className="muted">{t("mailbox.admin.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>
        {t("mailbox.admin.counts", {
          pending: formatNumber(counts.pending, locale),
          sent: formatNumber(counts.sent, locale),
          dead: formatNumber(counts.dead, locale),
        })}
      </p>

      <h2 id="dead-title">{t("mailbox.admin.dead")}</h2>
      {dead.length === 0 ? (
        <p>{t("mailbox.admin.noDead")}</p>
      ) : (
        <TableWrap labelledBy="dead-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.attempts")}</th>
                <th scope="col">{t("mailbox.lastError")}</th>
                <th scope="col">{t("mailbox.time")}</th>
                <th scope="col">
                  <span className="sr-only">{t("mailbox.admin.retry")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {dead.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <td>{subjectCell(m)}</td>
                  <td>{m.attempts}</td>
                  <td className="mail-error">{m.lastError}</td>
                  <td>{m.createdAt}</td>
                  <td>
                    {m.linkExpired ? (
                      t("mailbox.admin.linkExpired")
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" className="secondary" aria-label={t("mailbox.admin.retryLabel", { to: m.to })}>
                          {t("mailbox.admin.retry")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2 id="pending-title">{t("mailbox.admin.pending")}</h2>
      {pending.length === 0 ? (
        <p>{t("mailbox.admin.noPending")}</p>
      ) : (
        <TableWrap labelledBy="pending-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.attempts")}</th>
                <th scope="col">{t("mailbox.admin.nextAttempt")}</th>
                <th scope="col">{t("mailbox.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <td>{subjectCell(m)}</td>
                  <td>{m.attempts}</td>
                  <td>{m.nextAttemptAt}</td>
                  <td className="mail-error">{m.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
