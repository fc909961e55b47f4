import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import {
  dayName,
  type MyPlace,
  type PagePlace,
  type PageRole,
  type PageSession,
} from "./types";
import { countKey } from "~/i18n/plural";

/** The volunteer's own places: one line per day on a multi-day event, each with its own cancel button. */
export function MySignupCard({
  eventId,
  mine,
  roles,
  sessions,
}: {
  eventId: number;
  mine: MyPlace[];
  roles: PageRole[];
  sessions: PageSession[];
}) {
  const t = useT();
  if (mine.length === 0) return null;
  const roleName = (id: number) => roles.find((r) => r.id === id)?.name ?? "";
  const one = sessions.length <= 1;
  const first = mine[0];
  if (one && first) {
    const open = sessions[0]?.open ?? false;
    return (
      <div className="card">
        <p role="status">
          {first.status === "confirmed"
            ? t("events.page.youAreIn", { role: roleName(first.roleId) })
            : t("events.page.youAreWaitlisted", {
                role: roleName(first.roleId),
                n: first.waitlistPosition ?? "?",
              })}
        </p>
        {first.attendedAt ? (
          <p>{t("events.page.attended")}</p>
        ) : first.status === "confirmed" ? (
          <Link to={`/events/${eventId}/checkin`}>
            {t("events.page.checkinLink")}
          </Link>
        ) : null}
        {open ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="secondary">
              {t("events.page.cancelSignup")}
            </button>
          </Form>
        ) : null}
      </div>
    );
  }
  return (
    <div className="card">
      <div role="status" aria-label={t("events.page.myDays")}>
        <ul data-testid="my-days">
          {mine.map((m) => {
            const s = sessions.find((x) => x.id === m.sessionId);
            return (
              <li key={m.id}>
                {dayName(t, s)} · {roleName(m.roleId)}:{" "}
                {m.status === "confirmed"
                  ? t("events.page.dayConfirmed")
                  : t("events.page.waitlistNo", {
                      n: m.waitlistPosition ?? "?",
                    })}
                {m.attendedAt ? ` · ${t("events.page.attended")}` : ""}{" "}
                {s?.open ? (
                  <Form method="post" style={{ display: "inline" }}>
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="sessionId" value={m.sessionId} />
                    <button
                      type="submit"
                      className="link-button"
                      aria-label={`${t("events.page.cancelDay")}: ${dayName(
                        t,
                        s
                      )}`}
                    >
                      {t("events.page.cancelDay")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      {mine.some((m) => m.status === "confirmed" && !m.attendedAt) ? (
        <Link to={`/events/${eventId}/checkin`}>
          {t("events.page.checkinLink")}
        </Link>
      ) : null}
      {sessions.some((s) => s.open && mine.some((m) => m.sessionId === s.id)) &&
      mine.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="secondary">
            {t("events.page.cancelSignup")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/**
 * One role: its places (per day on a multi-day event) and, for a member who may still sign up, the sign-up form —
 * one button on a one-day event, a tick per open day (all ticked) otherwise. Works without JavaScript.
 */
export function RoleCard({
  role,
  sessions,
  places,
  mine,
  canSignUp,
  children,
}: {
  role: PageRole;
  sessions: PageSession[];
  places: PagePlace[];
  mine: MyPlace[];
  canSignUp: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const one = sessions.length <= 1;
  const placeOf = (sessionId: number) =>
    places.find((p) => p.sessionId === sessionId && p.roleId === role.id);
  const free = sessions.filter(
    (s) => s.open && !mine.some((m) => m.sessionId === s.id)
  );
  const full = one
    ? role.confirmed >= role.capacity
    : free.every(
        (s) => (placeOf(s.id)?.confirmed ?? 0) >= (placeOf(s.id)?.capacity ?? 0)
      );
  return (
    <div className="card">
      <h3 style={{ marginTop: 0 }}>{role.name}</h3>
      {one ? (
        <p>
          {t(countKey("events.page.places", role.capacity), {
            confirmed: role.confirmed,
            capacity: role.capacity,
          })}
          {role.waitlisted
            ? ` · ${t("events.page.waitlist", { n: role.waitlisted })}`
            : ""}
        </p>
      ) : (
        <ul>
          {sessions.map((s) => {
            const p = placeOf(s.id);
            return (
              <li key={s.id} data-testid={`places-${role.id}-${s.n}`}>
                {t("events.page.placesDay", {
                  n: s.n,
                  confirmed: p?.confirmed ?? 0,
                  capacity: p?.capacity ?? 0,
                })}
                {p?.waitlisted
                  ? ` · ${t("events.page.waitlist", { n: p.waitlisted })}`
                  : ""}
              </li>
            );
          })}
        </ul>
      )}
      {role.wantedSkills.length ? (
        <p className="muted">
          {t("events.page.skills")}: {role.wantedSkills.join(", ")}
        </p>
      ) : null}
      {canSignUp && one && mine.length === 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="signup" />
          <input type="hidden" name="roleId" value={role.id} />
          <button
            type="submit"
            className="primary"
            aria-label={`${
              full ? t("events.page.joinWaitlist") : t("events.page.signup")
            }: ${role.name}`}
          >
            {full ? t("events.page.joinWaitlist") : t("events.page.signup")}
          </button>
        </Form>
      ) : null}
      {canSignUp && !one && free.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="signup" />
          <input type="hidden" name="roleId" value={role.id} />
          <fieldset>
            <legend>
              {t("events.page.sessionsPick")}: {role.name}
            </legend>
            <p className="hint">{t("events.page.sessionsHint")}</p>
            <div className="checks">
              {free.map((s) => {
                const p = placeOf(s.id);
                const dayFull = (p?.confirmed ?? 0) >= (p?.capacity ?? 0);
                return (
                  <label key={s.id}>
                    <input
                      type="checkbox"
                      name="sessionId"
                      value={s.id}
                      defaultChecked
                    />
                    {dayName(t, s)}:{" "}
                    {s.when}
                    {dayFull ? ` (${t("events.page.joinWaitlist")})` : ""}
                  </label>
                );
              })}
            </div>
          </fieldset>
          <button
            type="submit"
            className="primary"
            aria-label={`${t("events.page.signupDays")}: ${role.name}`}
          >
            {t("events.page.signupDays")}
          </button>
        </Form>
      ) : null}
      {children}
    </div>
  );
}
