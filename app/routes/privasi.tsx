import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { PRIVACY_CONTROLLER, PRIVACY_VERSION } from "~/models/privacy/notice";
import { retentionPeriods } from "~/models/privacy/retention.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/privasi";

/** The privacy notice (UU PDP): public, no JavaScript; the retention periods are the configured ones. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { title: translator(context.locale)("privacy.notice.metaTitle"), version: PRIVACY_VERSION, controller: PRIVACY_CONTROLLER, periods: retentionPeriods() };
}

export default function PrivacyNotice() {
  const { version, controller, periods } = useLoaderData<typeof loader>();
  const t = useT();
  const mail = <a href={`mailto:${controller.email}`}>{controller.email}</a>;
  const [before, after] = t("privacy.notice.controller", { name: controller.name, email: "\u0000" }).split("\u0000");
  const [rvBefore, rvAfter] = t("privacy.notice.rightsVolunteers", { link: "\u0000" }).split("\u0000");
  const [roBefore, roAfter] = t("privacy.notice.rightsOther", { email: "\u0000" }).split("\u0000");
  return (
    <article className="narrow">
      <h1>{t("privacy.notice.title")}</h1>
      <p className="hint">{t("privacy.notice.version", { version })}</p>
      <h2>{t("privacy.notice.controllerTitle")}</h2>
      <p>
        {before}
        {mail}
        {after}
      </p>
      <h2>{t("privacy.notice.whatTitle")}</h2>
      <ul>
        <li>{t("privacy.notice.whatVolunteers")}</li>
        <li>{t("privacy.notice.whatLearners")}</li>
        <li>{t("privacy.notice.whatParticipants")}</li>
      </ul>
      <h2>{t("privacy.notice.purposeTitle")}</h2>
      <p>{t("privacy.notice.purpose")}</p>
      <h2>{t("privacy.notice.whoTitle")}</h2>
      <ul>
        <li>{t("privacy.notice.whoLeads")}</li>
        <li>{t("privacy.notice.whoAdmins")}</li>
        <li>{t("privacy.notice.whoTutor")}</li>
        <li>{t("privacy.notice.whoPublic")}</li>
      </ul>
      <p>{t("privacy.notice.whoLog")}</p>
      <h2>{t("privacy.notice.howLongTitle")}</h2>
      <ul>
        <li id="retention-learners">{t(countKey("privacy.notice.howLongLearners", periods.learnerContactMonths), { months: periods.learnerContactMonths })}</li>
        <li id="retention-emails">{t(countKey("privacy.notice.howLongEmails", periods.outboxDays), { days: periods.outboxDays })}</li>
        <li id="retention-sessions">{t(countKey("privacy.notice.howLongSessions", periods.sessionIdleDays), { days: periods.sessionIdleDays })}</li>
        <li id="retention-access-log">{t(countKey("privacy.notice.howLongAccessLog", periods.accessLogMonths), { months: periods.accessLogMonths })}</li>
        <li id="retention-participants">{t(countKey("privacy.notice.howLongParticipants", periods.participantContactMonths), { months: periods.participantContactMonths })}</li>
        <li id="retention-rate-limits">{t("privacy.notice.howLongRateLimits")}</li>
        <li id="retention-devices">{t("privacy.notice.howLongDevices")}</li>
        <li>{t("privacy.notice.howLongAccounts")}</li>
      </ul>
      <h2>{t("privacy.notice.rightsTitle")}</h2>
      <p>{t("privacy.notice.rightsIntro")}</p>
      <ul>
        <li>
          {rvBefore}
          <Link to="/akun/data">{t("privacy.notice.rightsVolunteersLink")}</Link>
          {rvAfter}
        </li>
        <li>{t("privacy.notice.rightsLearners")}</li>
        <li>
          {roBefore}
          {mail}
          {roAfter}
        </li>
      </ul>
      <h2>{t("privacy.notice.childrenTitle")}</h2>
      <p>{t("privacy.notice.children")}</p>
    </article>
  );
}
