import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { personalDataOf, printablePersonalData, readerTimeZone } from "~/models/accounts/personal-data.server";
import "~/i18n/strings/routes/akun.data.cetak";

/** The same data as /akun/data.json, as a page a person can read and print. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }, { name: "robots", content: "noindex" }];

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

export default function PrintMyData() {
  const { personal: p } = useLoaderData<typeof loader>();
  const t = useT();
  const none = <p>{t("privacy.print.none")}</p>;
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
      <h2>{t("privacy.print.memberships")}</h2>
      {p.memberships.length ? (
        <ul>
          {p.memberships.map((m, i) => (
            <li key={i}>
              {m.chapter} — {m.role}, {m.status} ({m.appliedDay}){m.motivation ? ` — “${m.motivation}”` : null}
              {m.decisionReason ? ` — ${m.decisionReason}` : null}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h2>{t("privacy.print.signups")}</h2>
      {p.signups.length ? (
        <ul>
          {p.signups.map((s, i) => (
            <li key={i}>
              {s.day} — {s.event} ({s.role}, {s.status}
              {s.attendance ? `, ${s.attendance}` : ""})
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h2>{t("privacy.print.tutoring")}</h2>
      {p.tutoring.length ? (
        <ul>
          {p.tutoring.map((r) => (
            <li key={r.requestId}>
              #{r.requestId} {r.chapter} — {r.status}, {r.logged}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h2>{t("privacy.print.certificates")}</h2>
      {p.certificates.length ? (
        <ul>
          {p.certificates.map((c) => (
            <li key={c.code}>
              {c.code} — {c.subject} ({c.activityDate}, {c.hours} h){c.revoked ? " ✗" : ""}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h2>{t("privacy.print.telecenters")}</h2>
      {p.telecenters.length ? (
        <ul>
          {p.telecenters.map((s, i) => (
            <li key={i}>
              {s.telecenter} — {s.role} ({s.sinceDay})
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h2>{t("privacy.account.seenTitle")}</h2>
      {p.seenBy.length ? (
        <ul>
          {p.seenBy.map((s, i) => (
            <li key={i}>
              {p.seenAt[i]} — {s.actorName ?? "—"} {t(`privacy.access.kind.${s.kind}`)}
              {s.chapterName ? ` (${s.chapterName})` : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("privacy.account.seenNone")}</p>
      )}
    </article>
  );
}
