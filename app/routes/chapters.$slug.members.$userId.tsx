import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { db } from "~/db.server";
import { logDataAccess } from "~/models/privacy/access-log.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { keysOfMask } from "~/models/accounts/availability";
import { formatWhatsapp } from "~/models/accounts/whatsapp";
import { getChapterBySlug, getMember, setMembershipStatus } from "~/models/chapters/chapters.server";
import { rosterQueryOf } from "~/models/chapters/roster-query.server";
import "~/i18n/strings/routes/chapters.$slug.members.$userId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.member.name} — ${data.chapter.name} — Simpul` : "Simpul" }];

async function chapterFor(slug: string | undefined) {
  const chapter = await getChapterBySlug(db, slug ?? "");
  if (!chapter) notFound();
  return chapter;
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const chapter = await chapterFor(params.slug);
  const viewer = await requireChapterLead(db, context, request, chapter.id);
  const member = await getMember(db, chapter.id, params.userId ?? "");
  if (!member) notFound();
  await logDataAccess(db, viewer.id, { kind: "member_profile", chapterId: chapter.id, subjectUserId: params.userId ?? null });
  const q = new URL(request.url).searchParams;
  const done = q.get("done");
  // back where the lead came from (the roster and the applications say so in the link); else by where the person is
  // listed: applicants on the applications, members on the roster
  const from = q.get("dari");
  const back = from === "roster" || from === "pendaftaran" ? from : member.status === "pending" ? "pendaftaran" : "roster";
  // the roster as the lead left it: its search, filters and page (the roster's link says which)
  const rosterQuery = back === "roster" ? rosterQueryOf(q.get("kembali")) : "";
  return {
    back: back === "roster" ? `/chapters/${chapter.slug}/roster${rosterQuery ? `?${rosterQuery}` : ""}` : `/chapters/${chapter.slug}/applications`,
    backToRoster: back === "roster",
    chapter: { slug: chapter.slug, name: chapter.name, timeZone: chapter.timeZone },
    // the number as people write it (+62 812-3456-0102), as the tutoring pages show it
    member: { ...member, whatsapp: member.whatsapp ? formatWhatsapp(member.whatsapp) : null, availabilityKeys: keysOfMask(member.availability) },
    notice: done === "deactivated" || done === "reactivated" ? `chapters.member.${done}` : null,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const chapter = await chapterFor(params.slug);
  const user = await requireChapterLead(db, context, request, chapter.id);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "deactivate" && intent !== "reactivate") throw new Response("Bad Request", { status: 400 });
  // the page's way back (where the lead came from, the roster's filters) survives the change of status
  const sent = new URL(request.url).searchParams;
  const origin = new URLSearchParams();
  const from = sent.get("dari");
  if (from === "roster" || from === "pendaftaran") origin.set("dari", from);
  const rosterQuery = from === "roster" ? rosterQueryOf(sent.get("kembali")) : "";
  if (rosterQuery) origin.set("kembali", rosterQuery);
  const originQuery = origin.toString();
  const ok = await setMembershipStatus(db, {
    chapterId: chapter.id,
    userId: params.userId ?? "",
    actorId: user.id,
    status: intent === "deactivate" ? "inactive" : "active",
  });
  if (!ok) {
    // another lead changed it first (or it was sent twice): what was asked for holds, so it is reported as done;
    // a volunteer who left the chapter meanwhile is no longer found
    const now = await getMember(db, chapter.id, params.userId ?? "");
    if (!now) notFound();
    if (now.status !== (intent === "deactivate" ? "inactive" : "active")) return redirect(`/chapters/${chapter.slug}/members/${params.userId}${originQuery ? `?${originQuery}` : ""}`);
  }
  return redirect(`/chapters/${chapter.slug}/members/${params.userId}?done=${intent}d${originQuery ? `&${originQuery}` : ""}`);
}

export default function Member() {
  const { chapter, member, notice, back, backToRoster } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const none = t("chapters.member.none");
  const slot = (key: string) => {
    const [day, part] = key.split("-");
    return `${t(`profile.day.${day}`)} ${t(`profile.part.${part}`).toLowerCase()}`;
  };
  return (
    <div className="narrow">
      <p className="actions">
        <Link to={back} data-testid="member-back">
          {t(backToRoster ? "chapters.member.backRoster" : "chapters.member.back")}
        </Link>
      </p>
      <h1>{t("chapters.member.title", { name: member.name })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <dl>
        <dt>{t("chapters.member.status")}</dt>
        <dd>
          <span className="badge" data-testid="member-status">
            {t(`chapters.status.${member.status}`)}
          </span>
          {member.isLead ? <span className="badge">{t("chapters.member.alsoLead")}</span> : null}
          <br />
          <span className="muted">
            {t("chapters.member.since", { date: formatDateTime(member.appliedAt, locale, chapter.timeZone) })}
            {member.decidedAt ? ` · ${t("chapters.member.decided", { date: formatDateTime(member.decidedAt, locale, chapter.timeZone) })}` : null}
          </span>
        </dd>
        <dt>{t("chapters.member.email")}</dt>
        <dd>{member.email}</dd>
        <dt>{t("chapters.member.whatsapp")}</dt>
        <dd>{member.whatsapp ?? none}</dd>
        <dt>{t("chapters.member.region")}</dt>
        <dd>{member.region ?? none}</dd>
        <dt>{t("chapters.skills")}</dt>
        <dd>{member.skills.length ? member.skills.map((s) => (locale === "id" ? s.nameId : s.nameEn)).join(", ") : none}</dd>
        <dt>{t("chapters.member.languages")}</dt>
        <dd>{member.languages.length ? member.languages.map((l) => (locale === "id" ? l.nameId : l.nameEn)).join(", ") : none}</dd>
        <dt>{t("profile.section.availability")}</dt>
        <dd>{member.availabilityKeys.length ? member.availabilityKeys.map(slot).join(", ") : none}</dd>
        <dt>{t("chapters.member.bio")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{member.bio ?? none}</dd>
        <dt>{t("chapters.member.motivation")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{member.motivation ?? none}</dd>
      </dl>
      {member.status === "active" || member.status === "inactive" ? (
        <Form method="post">
          <input type="hidden" name="intent" value={member.status === "active" ? "deactivate" : "reactivate"} />
          <button type="submit" className={member.status === "active" ? "button danger" : "button primary"}>
            {member.status === "active" ? t("chapters.member.deactivate") : t("chapters.member.reactivate")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
