import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { personalDataOf, readerTimeZone } from "~/models/accounts/personal-data.server";
import { printablePersonalData } from "~/models/accounts/personal-data-print.server";
import "~/i18n/strings/routes/akun.data.cetak";

/** The same data as /akun/data.json, as a page a person can read and print. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "robots", content: "noindex" }];

/** Nothing on it to press: the page ships no JavaScript (a long page on a phone over 3G). */
export const handle = { hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const personal = await personalDataOf(db, user.id, { locale: context.locale });
  if (!personal) throw redirect("/login");
  // dates written on the server in the reader's zone (WIB/WITA/WIT), times with it named (DECISIONS 118)
  const timeZone = await readerTimeZone(db, user.id);
  // labelled here, on the server: the page needs the whole dictionary's labels (chapters, events, tutoring), not just its own strings
  return { title: translator(context.locale)("privacy.print.title"), personal: printablePersonalData(personal, context.locale, timeZone) };
}

function Rows({ rows }: { rows: [string, string | number | null | undefined][] }) {
  return (
    <dl>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === "" ? "—" : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A list of the download: its title with the number of entries, its newest rows (PRINT_ROWS), and a word that the
 * rest is in the download; "none" when empty.
 */
function Listed<T>({ title, section, none, item }: { title: string; section: { rows: T[]; total: number }; none?: string; item: (row: T) => ReactNode }) {
  const t = useT();
  return (
    <>
      <h2>
        {title} ({section.total})
      </h2>
      {section.total > section.rows.length ? <p className="hint">{t("privacy.print.newest", { shown: section.rows.length, n: section.total })}</p> : null}
      {section.rows.length ? (
        <ul>
          {section.rows.map((r, i) => (
            <li key={i}>{item(r)}</li>
          ))}
        </ul>
      ) : (
        <p>{none ?? t("privacy.print.none")}</p>
      )}
    </>
  );
}

export default function PrintMyData() {
  const { personal: p } = useLoaderData<typeof loader>();
  const t = useT();
  const none = <p>{t("privacy.print.none")}</p>;
  const all = <T,>(rows: T[]) => ({ rows, total: rows.length });
  return (
    <article>
      <h1>{t("privacy.print.title")}</h1>
      <p className="hint">{t("privacy.print.generated", { date: p.generated })}</p>
      <h2>{t("privacy.print.account")}</h2>
      <Rows
        rows={[
          [t("profile.name"), p.account.name],
          [t("profile.email"), p.account.email],
          ["ID", p.account.id],
          [t("privacy.noticeLink"), p.account.privacyVersion ? `${p.account.privacyVersion} (${p.consentDay ?? "—"})` : null],
          [t("privacy.account.emailPending", { email: "" }).replace(/[:：]\s*$/, ""), p.pendingEmailChange?.newEmail],
        ]}
      />
      <h2>{t("privacy.print.profile")}</h2>
      {p.profile ? (
        <Rows
          rows={[
            [t("profile.whatsapp"), p.profile.whatsapp],
            [t("profile.region"), p.profile.region],
            [t("profile.skills"), p.skills.join(", ")],
            [t("profile.languages"), p.languages.join(", ")],
            [t("profile.availability"), p.availability.join(", ")],
            [t("profile.bio"), p.profile.bio],
          ]}
        />
      ) : (
        none
      )}
      <Listed
        title={t("privacy.print.memberships")}
        section={all(p.memberships)}
        item={(m) => (
          <>
            {m.chapter} — {m.role}, {m.status} ({m.appliedDay}){m.motivation ? ` — “${m.motivation}”` : null}
            {m.decisionReason ? ` — ${m.decisionReason}` : null}
          </>
        )}
      />
      <Listed
        title={t("privacy.print.signups")}
        section={p.signups}
        item={(s) => (
          <>
            {s.day} — {s.event} ({s.role}, {s.status}
            {s.attendance ? `, ${s.attendance}` : ""})
          </>
        )}
      />
      <Listed title={t("privacy.print.tutoring")} section={p.tutoring} item={(r) => `#${r.requestId} ${r.chapter} — ${r.status}, ${r.logged}`} />
      <Listed title={t("privacy.print.offers")} section={p.tutoringOffers} item={(o) => `${o.day} — #${o.requestId} ${o.chapter} (${o.kind}, ${o.status})`} />
      <Listed
        title={t("privacy.print.certificates")}
        section={all(p.certificates)}
        item={(c) => `${c.code} — ${c.subject} (${c.activityDate}, ${c.hours})${c.revoked ? " ✗" : ""}`}
      />
      <Listed title={t("privacy.print.telecenters")} section={all(p.telecenters)} item={(s) => `${s.telecenter} — ${s.role} (${s.sinceDay})`} />
      <Listed title={t("privacy.print.surveys")} section={p.surveyAssignments} item={(a) => `${a.day} — ${a.campaign}, ${a.telecenter}`} />
      <Listed title={t("privacy.print.reports")} section={p.reportsSubmitted} item={(r) => `${r.day} — ${r.event} (${r.status})`} />
      <Listed title={t("privacy.print.invitations")} section={p.invitations} item={(i) => `${i.day} — ${i.chapter} (${i.status})`} />
      <Listed title={t("privacy.print.audit")} section={p.auditEntries} item={(a) => `${a.day} — ${a.chapter ?? "—"}: ${a.action}${a.by ? ` (${a.by})` : ""}`} />
      <Listed
        title={t("privacy.account.seenTitle")}
        section={p.seenBy}
        none={t("privacy.account.seenNone")}
        item={(s) => `${s.time} — ${s.actorName ?? "—"} ${t(`privacy.access.kind.${s.kind}`)}${s.chapterName ? ` (${s.chapterName})` : ""}`}
      />
      <Listed
        title={t("privacy.print.accessByMe")}
        section={p.accessByMe}
        none={t("privacy.account.seenNone")}
        item={(s) => `${s.time} — ${t(`privacy.access.kind.${s.kind}`)}${s.what ? `: ${s.what}` : ""}${s.chapterName ? ` (${s.chapterName})` : ""}`}
      />
    </article>
  );
}
