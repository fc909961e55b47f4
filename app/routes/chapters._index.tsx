import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { VerifyEmailNotice } from "~/components/VerifyEmailNotice";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { isEmailVerified } from "~/models/accounts/accounts.server";
import { listChapters } from "~/models/chapters/chapters.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/chapters._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const [list, verified] = await Promise.all([listChapters(db, user?.id ?? null), user ? isEmailVerified(db, user.id) : true]);
  const groups: { provinceName: string; chapters: typeof list }[] = [];
  for (const c of list) {
    const last = groups[groups.length - 1];
    if (last && last.provinceName === c.provinceName) last.chapters.push(c);
    else groups.push({ provinceName: c.provinceName, chapters: [c] });
  }
  // where registration lands: the address must be confirmed before applying, so say so here, before the first try
  return { title: translator(context.locale)("chapters.metaTitle"), groups, signedIn: !!user, verifyEmail: user && !verified ? user.email : null };
}

export default function Chapters() {
  const { groups, signedIn, verifyEmail } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("chapters.title")}</h1>
      <p className="muted">{t("chapters.lead")}</p>
      {verifyEmail ? <VerifyEmailNotice email={verifyEmail} titleId="verify-title" variant="notice" t={t} /> : null}
      {groups.length === 0 ? <p>{t("chapters.empty")}</p> : null}
      {groups.map((g) => (
        <section key={g.provinceName} aria-labelledby={`prov-${g.chapters[0]?.provinceCode}`}>
          <h2 id={`prov-${g.chapters[0]?.provinceCode}`}>{g.provinceName}</h2>
          <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
            {g.chapters.map((c) => (
              <li key={c.id} className="card">
                <h3 style={{ marginTop: 0 }}>
                  <Link to={`/chapters/${c.slug}`}>{c.name}</Link>
                </h3>
                <p className="muted">
                  {c.regionName} · {t(countKey("chapters.members", c.activeMembers), { count: c.activeMembers })}
                </p>
                {c.iLead ? <p className="badge">{t("chapters.youLead")}</p> : null}
                {c.myStatus ? (
                  <p>
                    <span className="badge" data-status={c.myStatus}>
                      {t("chapters.myStatus", { status: t(`chapters.status.${c.myStatus}`) })}
                    </span>
                  </p>
                ) : null}
                {!c.iLead && (!c.myStatus || c.myStatus === "declined" || c.myStatus === "inactive") ? (
                  <p className="actions">
                    <Link className="button secondary" to={signedIn ? `/chapters/${c.slug}#apply` : `/login?redirectTo=${encodeURIComponent(`/chapters/${c.slug}`)}`}>
                      {signedIn ? t("chapters.applyTo", { name: c.name }) : t("chapters.loginToApply")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
