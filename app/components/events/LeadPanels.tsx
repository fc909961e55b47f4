import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorText, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { PostForm } from "./PostForm";
import { dayName, type PagePlace, type PageRole, type PageSession, type RosterRow, type Suggestion } from "./types";
import { countKey } from "~/i18n/plural";
import { TableWrap } from "~/components/TableWrap";
import { useShownSearch } from "~/utils/shown-search";

/** The page action's failure (app/models/events/event-page.server.ts): its message, its messages by field and what was sent. */
type LeadFailure = FormFailure & { formError: string };

/**
 * The action's failure when it answers this form — one of its intents and, for a role's forms, the same role and
 * day (the page holds one such form per role and day) — else undefined. Read here rather than handed down: the
 * action's answer is the page's, with or without JavaScript.
 */
function useFailureOf(intents: string[], ids: Record<string, number> = {}): LeadFailure | undefined {
  const answered = useActionData<LeadFailure | { page: unknown }>();
  if (!answered || !("formError" in answered)) return undefined;
  const sent = (name: string) => valueOf(answered, name);
  if (!intents.includes(sent("intent"))) return undefined;
  return Object.entries(ids).every(([k, v]) => sent(k) === String(v)) ? answered : undefined;
}

/** aria-invalid and aria-describedby of an input whose message ErrorText shows as `${id}-error`. */
function invalidProps(failure: LeadFailure | undefined, name: string, id: string) {
  return failure?.errors?.[name]?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

/** A failure of the form itself (no field to blame: a role in use, a member already on the event, …), shown in the form. */
function formLevel(failure: LeadFailure | undefined): string[] | undefined {
  return failure && !Object.values(failure.errors ?? {}).some((e) => e?.length) ? [failure.formError] : undefined;
}

/** Edit a role; on a multi-day event each day's places can differ (e.g. 4 technicians on day 1, 2 on day 3). */
export function LeadRole({ role, sessions, places }: { role: PageRole; sessions: PageSession[]; places: PagePlace[] }) {
  const t = useT();
  const id = (k: string) => `role-${role.id}-${k}`;
  const failure = useFailureOf(["saveRole", "deleteRole"], { roleId: role.id });
  const dayFailure = useFailureOf(["capacity"], { roleId: role.id });
  return (
    // open when the answer is about this role: without JavaScript the page comes back with every role folded
    <details open={failure || dayFailure ? true : undefined}>
      <summary>{t("events.lead.editRole", { role: role.name })}</summary>
      <PostForm>
        <input type="hidden" name="roleId" value={role.id} />
        <div className="field">
          <label htmlFor={id("name")}>{t("events.form.roleName")}</label>
          <input id={id("name")} name="name" type="text" maxLength={80} defaultValue={valueOf(failure, "name", role.name)} required {...invalidProps(failure, "name", id("name"))} />
          <ErrorText id={`${id("name")}-error`} errors={failure?.errors?.name} />
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={id("capacity")}>{t("events.form.capacity")}</label>
            <input id={id("capacity")} name="capacity" inputMode="numeric" defaultValue={valueOf(failure, "capacity", String(role.capacity))} {...invalidProps(failure, "capacity", id("capacity"))} />
            <ErrorText id={`${id("capacity")}-error`} errors={failure?.errors?.capacity} />
          </div>
          <div className="field">
            <label htmlFor={id("hours")}>{t("events.form.hours")}</label>
            <input id={id("hours")} name="hours" inputMode="numeric" defaultValue={valueOf(failure, "hours", String(role.hours ?? ""))} {...invalidProps(failure, "hours", id("hours"))} />
            <ErrorText id={`${id("hours")}-error`} errors={failure?.errors?.hours} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={id("skills")}>{t("events.form.skills")}</label>
          <input id={id("skills")} name="skills" type="text" maxLength={200} defaultValue={valueOf(failure, "skills", role.wantedSkills.join(", "))} />
        </div>
        <ErrorText id={`${id("form")}-error`} errors={formLevel(failure)} />
        <div className="actions">
          <button type="submit" name="intent" value="saveRole" className="secondary">
            {t("events.lead.saveRole")}
          </button>
          <button type="submit" name="intent" value="deleteRole" className="secondary danger">
            {t("events.lead.deleteRole")}
          </button>
        </div>
      </PostForm>
      {sessions.length > 1
        ? sessions.map((s) => {
            const p = places.find((x) => x.sessionId === s.id && x.roleId === role.id);
            const failed = dayFailure && valueOf(dayFailure, "sessionId") === String(s.id) ? dayFailure : undefined;
            return (
              <PostForm key={s.id} className="actions">
                <input type="hidden" name="intent" value="capacity" />
                <input type="hidden" name="roleId" value={role.id} />
                <input type="hidden" name="sessionId" value={s.id} />
                <div className="field">
                  <label htmlFor={id(`cap-${s.id}`)}>
                    {t("events.lead.capacityDay", { n: s.n })}
                    {s.label ? ` · ${s.label}` : ""}
                  </label>
                  <input
                    id={id(`cap-${s.id}`)}
                    name="capacity"
                    inputMode="numeric"
                    defaultValue={valueOf(failed, "capacity", String(p?.capacity ?? role.capacity))}
                    {...invalidProps(failed, "capacity", id(`cap-${s.id}`))}
                  />
                  <ErrorText id={`${id(`cap-${s.id}`)}-error`} errors={failed?.errors?.capacity ?? formLevel(failed)} />
                </div>
                <button type="submit" className="secondary" aria-label={`${t("events.lead.saveCapacityDay", { n: s.n })}: ${role.name}`}>
                  {t("events.lead.saveRole")}
                </button>
              </PostForm>
            );
          })
        : null}
    </details>
  );
}

/** A lead's QR code (app/routes/events.$eventId.qr.$kind.ts), a link to itself at full size. */
export function QrImage({ eventId, kind, label }: { eventId: number; kind: "checkin" | "door"; label: string }) {
  const src = `/events/${eventId}/qr/${kind}`;
  return (
    <a href={src} className="qr">
      <img src={src} alt={label} width={240} height={240} />
    </a>
  );
}

export function CheckinPanel({ eventId, code }: { eventId: number; code: string }) {
  const t = useT();
  return (
    <div className="card">
      <h3 style={{ marginTop: 0 }}>{t("events.lead.checkin")}</h3>
      <QrImage eventId={eventId} kind="checkin" label={t("events.lead.qrLabel")} />
      <p>
        {t("events.lead.code")}: <strong data-testid="checkin-code" style={{ fontSize: "1.5em", letterSpacing: "0.15em" }}>{code}</strong>
      </p>
    </div>
  );
}

/** Who holds which role (per day on a multi-day event), waitlist order, attendance and hours. */
/** hoursApproved: the event's report is approved, so credited hours count; before that they are shown as pending. */
export function RosterTable({ rows, roles, sessions, hoursApproved }: { rows: RosterRow[]; roles: PageRole[]; sessions: PageSession[]; hoursApproved: boolean }) {
  const t = useT();
  const multi = sessions.length > 1;
  return (
    <TableWrap label={t("events.lead.roster")}>
      <table>
        <caption>{t("events.lead.roster")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("events.lead.name")}</th>
            {multi ? <th scope="col">{t("events.lead.session")}</th> : null}
            <th scope="col">{t("events.lead.role")}</th>
            <th scope="col">{t("events.lead.status")}</th>
            <th scope="col">{t("events.lead.attendance")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={multi ? 5 : 4} className="muted">
                {t("events.lead.nobodyYet")}
              </td>
            </tr>
          ) : null}
          {rows.map((s) => {
            const day = sessions.find((x) => x.id === s.sessionId);
            const who = multi ? `${s.name} (${dayName(t, day)})` : s.name;
            return (
              <tr key={s.id}>
                <td>{s.name}</td>
                {multi ? <td>{dayName(t, day)}</td> : null}
                <td>{roles.find((r) => r.id === s.roleId)?.name}</td>
                <td>{s.status === "waitlisted" ? t("events.page.waitlistNo", { n: s.waitlistPosition ?? "?" }) : t(`events.signupStatus.${s.status}`)}</td>
                <td>
                  {/* one form per row: attendance by the place's id, removal by the person (and the day) */}
                  <PostForm style={{ display: "inline" }}>
                    <input type="hidden" name="signupId" value={s.id} />
                    <input type="hidden" name="userId" value={s.userId} />
                    {multi ? <input type="hidden" name="sessionId" value={s.sessionId} /> : null}
                    {s.status !== "confirmed" ? null : s.attendedAt ? (
                      <button type="submit" name="intent" value="unattend" className="link-button" aria-label={`${t("events.lead.unmark")}: ${who}`}>
                        ✓ {t(hoursApproved ? "events.lead.present" : "events.lead.presentPending", { h: s.hoursCredited ?? 0 })}
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="attend" className="secondary" aria-label={`${t("events.lead.mark")}: ${who}`}>
                        {t("events.lead.mark")}
                      </button>
                    )}{" "}
                    <button type="submit" name="intent" value="remove" className="link-button" aria-label={`${t("events.lead.remove")}: ${who}`}>
                      {t("events.lead.remove")}
                    </button>
                  </PostForm>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Roles with free places (on any day) and members whose skills fit them, each assignable in one press. */
export function MissingPanel({
  roles,
  places,
  suggestions,
  published,
}: {
  roles: PageRole[];
  places: PagePlace[];
  suggestions: Record<string, Suggestion[] | undefined>;
  published: boolean;
}) {
  const t = useT();
  const freeOf = (r: PageRole) => places.filter((p) => p.roleId === r.id).reduce((n, p) => n + Math.max(0, p.capacity - p.confirmed), 0);
  const open = roles.filter((r) => freeOf(r) > 0);
  if (open.length === 0) return null;
  return (
    <div className="notice">
      <p style={{ marginTop: 0 }}>
        {t("events.lead.missing")} {open.map((r) => `${r.name} (${freeOf(r)})`).join(", ")}
      </p>
      {published
        ? open
            .filter((r) => suggestions[r.id]?.length)
            .map((r) => (
              <div key={r.id}>
                <p style={{ marginBottom: 4 }}>{t("events.lead.suggested", { role: r.name })}</p>
                <ul style={{ marginTop: 0 }}>
                  {(suggestions[r.id] ?? []).map((p) => (
                    <li key={p.userId}>
                      {p.name} <span className="muted">({p.skills})</span>{" "}
                      <PostForm style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value="assign" />
                        <input type="hidden" name="userId" value={p.userId} />
                        <input type="hidden" name="roleId" value={r.id} />
                        <button type="submit" className="link-button" aria-label={`${t("events.lead.assignSubmit")}: ${p.name} → ${r.name}`}>
                          {t("events.lead.assignSubmit")}
                        </button>
                      </PostForm>
                    </li>
                  ))}
                </ul>
              </div>
            ))
        : null}
    </div>
  );
}

/**
 * Put a member on a role (every day with room, or one chosen day). A large chapter's list holds the first few names
 * (ASSIGN_LIST): the lead finds any other member by name or email (`?cari=`, a plain GET form without JavaScript).
 */
export function AssignForm({
  eventId,
  members,
  more,
  search,
  lookAlikes = [],
  roles,
  sessions,
}: {
  eventId: number;
  members: { id: string; name: string }[];
  more: boolean;
  search: string;
  /** a search that found nobody: the names most like it, each a link to that search */
  lookAlikes?: string[];
  roles: PageRole[];
  sessions: PageSession[];
}) {
  const t = useT();
  const searching = more || search !== "";
  const failure = useFailureOf(["assign"]);
  const searchField = useShownSearch(search);
  const fields = sessions.length > 1 ? ["userId", "roleId", "sessionId"] : ["userId", "roleId"];
  return (
    <div className="card" id="assign">
      <h3 style={{ marginTop: 0 }}>{t("events.lead.assign")}</h3>
      {searching ? (
        <Form method="get" action={`/events/${eventId}#assign`} role="search">
          <div className="field">
            <label htmlFor="assign-search">{t("events.lead.assignSearch")}</label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <input ref={searchField} id="assign-search" name="cari" type="search" defaultValue={search} maxLength={80} style={{ flex: "1 1 12rem" }} />
              <button type="submit" className="secondary">
                {t("events.lead.assignSearchSubmit")}
              </button>
            </div>
          </div>
        </Form>
      ) : null}
      {searching ? (
        <p className={members.length ? "hint" : "muted"} role="status">
          {!search
            ? t("events.lead.assignFirst", { n: members.length })
            : members.length === 0
              ? t("events.lead.assignNone", { q: search })
              : more
                ? t("events.lead.assignFoundMore", { n: members.length, q: search })
                : t(countKey("events.lead.assignFound", members.length), { n: members.length, q: search })}{" "}
          {search ? <Link to={`/events/${eventId}#assign`}>{t("events.lead.assignClear")}</Link> : null}
        </p>
      ) : null}
      {search && members.length === 0 && lookAlikes.length ? (
        <nav aria-labelledby="assign-suggest">
          <p id="assign-suggest">{t("events.lead.assignSuggest")}</p>
          <ul>
            {lookAlikes.map((name) => (
              <li key={name}>
                <Link to={`/events/${eventId}?cari=${encodeURIComponent(name)}#assign`}>{name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {members.length ? (
        <PostForm>
          <input type="hidden" name="intent" value="assign" />
          {/* told the member holds a place elsewhere at that time: pressing again for them assigns */}
          {valueOf(failure, "overlapOk") ? <input type="hidden" name="overlapOk" value={valueOf(failure, "overlapOk")} /> : null}
          <div className="field">
            <label htmlFor="assign-user">{t("events.lead.name")}</label>
            <select id="assign-user" name="userId" defaultValue={valueOf(failure, "userId") || undefined} {...invalidProps(failure, "userId", "assign-user")}>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            <ErrorText id="assign-user-error" errors={failure?.errors?.userId} />
          </div>
          <div className="field">
            <label htmlFor="assign-role">{t("events.lead.role")}</label>
            <select id="assign-role" name="roleId" defaultValue={valueOf(failure, "roleId") || undefined} {...invalidProps(failure, "roleId", "assign-role")}>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <ErrorText id="assign-role-error" errors={failure?.errors?.roleId} />
          </div>
          {sessions.length > 1 ? (
            <div className="field">
              <label htmlFor="assign-session">{t("events.lead.session")}</label>
              <select id="assign-session" name="sessionId" defaultValue={valueOf(failure, "sessionId")} {...invalidProps(failure, "sessionId", "assign-session")}>
                <option value="">{t("events.lead.allDays")}</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {dayName(t, s)}
                  </option>
                ))}
              </select>
              <ErrorText id="assign-session-error" errors={failure?.errors?.sessionId} />
            </div>
          ) : null}
          {/* a refusal about no field, or about the day's select a one-day event does not show */}
          <ErrorText id="assign-error" errors={failure && !fields.some((k) => failure.errors?.[k]?.length) ? [failure.formError] : undefined} />
          <button type="submit" className="secondary">
            {t("events.lead.assignSubmit")}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}

export function AddRoleForm() {
  const t = useT();
  const failure = useFailureOf(["addRole"]);
  return (
    <PostForm className="card">
      <input type="hidden" name="intent" value="addRole" />
      <h3 style={{ marginTop: 0 }}>{t("events.lead.addRole")}</h3>
      <div className="field">
        <label htmlFor="new-role-name">{t("events.form.roleName")}</label>
        <input id="new-role-name" name="name" type="text" maxLength={80} defaultValue={valueOf(failure, "name")} {...invalidProps(failure, "name", "new-role-name")} />
        <ErrorText id="new-role-name-error" errors={failure?.errors?.name} />
      </div>
      <div className="field">
        <label htmlFor="new-role-capacity">{t("events.form.capacity")}</label>
        <input id="new-role-capacity" name="capacity" inputMode="numeric" defaultValue={valueOf(failure, "capacity")} {...invalidProps(failure, "capacity", "new-role-capacity")} />
        <ErrorText id="new-role-capacity-error" errors={failure?.errors?.capacity} />
      </div>
      <div className="field">
        <label htmlFor="new-role-skills">{t("events.form.skills")}</label>
        <input id="new-role-skills" name="skills" type="text" maxLength={200} defaultValue={valueOf(failure, "skills")} />
      </div>
      <button type="submit" className="secondary">
        {t("events.lead.addRoleSubmit")}
      </button>
    </PostForm>
  );
}

/**
 * The event's own actions. Cancelling takes two presses and works without JavaScript: "Batalkan kegiatan" is a link
 * to `?confirm=cancel`, where the server renders a warning whose button sends the cancellation with `confirm`
 * (leadCancelEvent refuses one without it; such a refusal shows the warning too).
 */
export function LeadActions({ eventId, status, reportStatus }: { eventId: number; status: string; reportStatus: string | null }) {
  const t = useT();
  const [params] = useSearchParams();
  const refused = useActionData<LeadFailure | { page: unknown }>();
  const cancellable = status === "draft" || status === "published";
  const confirming = cancellable && (params.get("confirm") === "cancel" || (refused && "formError" in refused && refused.formError === "events.lead.cancelUnconfirmed"));
  return (
    <>
      <div className="actions" id="event-actions">
        <Link className="button" to={`/events/${eventId}/edit`}>
          {t("events.lead.edit")}
        </Link>
        <Link className="button" to={`/events/${eventId}/report`}>
          {reportStatus ? t(`events.report.status.${reportStatus}`) : t("events.lead.report")}
        </Link>
        {status === "draft" ? (
          <PostForm>
            <button type="submit" name="intent" value="publish" className="primary">
              {t("events.lead.publish")}
            </button>
          </PostForm>
        ) : null}
        <PostForm>
          <button type="submit" name="intent" value="copy" className="secondary">
            {t("events.lead.copy")}
          </button>
        </PostForm>
        {cancellable && !confirming ? (
          <Link className="button secondary" style={{ color: "var(--error)", borderColor: "var(--error)" }} to={`/events/${eventId}?confirm=cancel#cancel-event`}>
            {t("events.lead.cancelEvent")}
          </Link>
        ) : null}
      </div>
      {confirming ? (
        <div className="form-error" id="cancel-event" role="alert" style={{ marginTop: 16 }}>
          <p style={{ marginTop: 0 }}>{t("events.lead.cancelConfirm")}</p>
          <PostForm className="actions">
            <input type="hidden" name="confirm" value="cancelEvent" />
            <button type="submit" name="intent" value="cancelEvent" className="danger">
              {t("events.lead.cancelConfirmSubmit")}
            </button>
            <Link className="button secondary" to={`/events/${eventId}#event-actions`}>
              {t("events.lead.cancelBack")}
            </Link>
          </PostForm>
        </div>
      ) : null}
    </>
  );
}
