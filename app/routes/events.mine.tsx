import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { hasCalendarFeed, personalFeedUrl, resetCalendarToken, revokeCalendarToken } from "~/models/events/calendar.server";
import { mySignups, volunteerHours } from "~/models/events/signups.server";
import "~/i18n/strings/routes/events.mine";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [list, hours, hasFeed] = await Promise.all([mySignups(db, user.id), volunteerHours(db, user.id), hasCalendarFeed(db, user.id)]);
  const q = new URL(request.url).searchParams;
  return {
    title: translator(context.locale)("events.mine.title"),
    // dates written by the server: the phone builds no Intl formatter while hydrating (see the event list)
    list: list.map(({ startsAt, endsAt: _endsAt, timeZone, attendedAt, ...s }) => ({
      ...s,
      startsAt: startsAt.toISOString(),
      when: formatDateTime(startsAt, context.locale, timeZone),
      attended: attendedAt !== null,
    })),
    hours,
    hasFeed,
    notice: q.get("n"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "feed") {
    // only the hash is kept, so the link is shown in this one answer (a page, without JavaScript too), never again
    const replaced = await hasCalendarFeed(db, user.id);
    const token = await resetCalendarToken(db, user.id);
    return { feedUrl: personalFeedUrl(token), notice: replaced ? "feedNew" : "feedMade" };
  }
  if (intent === "revoke") {
    await revokeCalendarToken(db, user.id);
    return redirect("/events/mine?n=feedRevoked");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function Mine() {
  const { list, hours, hasFeed, notice: loaderNotice } = useLoaderData<typeof loader>();
  const made = useActionData<typeof action>();
  const feedUrl = made?.feedUrl ?? null;
  const notice = made?.notice ?? loaderNotice;
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.mine.title")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`events.notice.${notice}`)}
        </p>
      ) : null}
      <p data-testid="hours">{t("events.mine.hoursSplit", { a: hours.approved, p: hours.pending })}</p>
      {list.length === 0 ? <p className="muted">{t("events.mine.empty")}</p> : null}
      <ul>
        {list.map((s) => (
          <li key={`${s.eventId}-${s.startsAt}`}>
            <Link to={`/events/${s.eventId}`}>{s.title}</Link>
            {s.sessionCount > 1 ? ` · ${t("events.mine.day", { n: s.sessionNo, total: s.sessionCount })}${s.sessionLabel ? ` (${s.sessionLabel})` : ""}` : ""} ·{" "}
            {s.when} · {s.roleName} ·{" "}
            {s.eventStatus === "cancelled"
              ? t("events.status.cancelled")
              : s.status === "waitlisted"
                ? t("events.page.waitlistNo", { n: s.waitlistPosition ?? "?" })
                : s.attended
                  ? `${t("events.lead.present", { h: s.hoursCredited ?? 0 })}, ${s.hoursApproved ? t("events.mine.hoursApprovedOne") : t("events.mine.hoursPendingOne")}`
                  : t("events.signupStatus.confirmed")}
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="feed">
        <h2 id="feed" style={{ marginTop: 0 }}>
          {t("events.mine.feed")}
        </h2>
        <p className="hint">{t("events.mine.feedHint")}</p>
        {feedUrl ? (
          <>
            <label htmlFor="feed-url">{t("events.mine.feedUrl")}</label>
            <input id="feed-url" readOnly value={feedUrl} data-testid="feed-url" aria-describedby="feed-once" style={{ width: "100%" }} />
            <p id="feed-once" className="hint">
              {t("events.mine.feedOnce")}
            </p>
            <p>
              <a href={feedUrl.replace(/^https?:/, "webcal:")}>{t("events.mine.subscribe")}</a>
            </p>
          </>
        ) : hasFeed ? (
          <p data-testid="feed-exists">{t("events.mine.feedExists")}</p>
        ) : null}
        <div className="actions">
          <Form method="post">
            <button type="submit" name="intent" value="feed" className="secondary">
              {hasFeed ? t("events.mine.feedReset") : t("events.mine.feedCreate")}
            </button>
          </Form>
          {hasFeed ? (
            <Form method="post">
              <button type="submit" name="intent" value="revoke" className="danger">
                {t("events.mine.feedRevoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </div>
  );
}
