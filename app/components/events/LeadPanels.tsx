import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { PostForm } from "./PostForm";
import { dayName, type PagePlace, type PageRole, type PageSession, type RosterRow, type Suggestion } from "./types";

/** Edit a role; on a multi-day event each day's places can differ (e.g. 4 technicians on day 1, 2 on day 3). */
export function LeadRole({ role, sessions, places }: { role: PageRole; sessions: PageSession[]; places: PagePlace[] }) {
  const t = useT();
  const id = (k: string) => `role-${role.id}-${k}`;
  return (
    <details>
      <summary>{t("events.lead.editRole", { role: role.name })}</summary>
      <PostForm>
        <input type="hidden" name="roleId" value={role.id} />
        <div className="field">
          <label htmlFor={id("name")}>{t("events.form.roleName")}</label>
          <input id={id("name")} name="name" type="text" maxLength={80} defaultValue={role.name} required />
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={id("capacity")}>{t("events.form.capacity")}</label>
            <input id={id("capacity")} name="capacity" inputMode="numeric" defaultValue={role.capacity} />
          </div>
          <div className="field">
            <label htmlFor={id("hours")}>{t("events.form.hours")}</label>
            <input id={id("hours")} name="hours" inputMode="numeric" defaultValue={role.hours ?? ""} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={id("skills")}>{t("events.form.skills")}</label>
          <input id={id("skills")} name="skills" type="text" maxLength={200} defaultValue={role.wantedSkills.join(", ")} />
        </div>
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
                  <input id={id(`cap-${s.id}`)} name="capacity" inputMode="numeric" defaultValue={p?.capacity ?? role.capacity} />
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
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t("events.lead.roster")}>
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
    </div>
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
  roles,
  sessions,
}: {
  eventId: number;
  members: { id: string; name: string }[];
  more: boolean;
  search: string;
  roles: PageRole[];
  sessions: PageSession[];
}) {
  const t = useT();
  const searching = more || search !== "";
  return (
    <div className="card" id="assign">
      <h3 style={{ marginTop: 0 }}>{t("events.lead.assign")}</h3>
      {searching ? (
        <Form method="get" action={`/events/${eventId}#assign`} role="search">
          <div className="field">
            <label htmlFor="assign-search">{t("events.lead.assignSearch")}</label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <input key={search} id="assign-search" name="cari" type="search" defaultValue={search} maxLength={80} style={{ flex: "1 1 12rem" }} />
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
                : t("events.lead.assignFound", { n: members.length, q: search })}{" "}
          {search ? <Link to={`/events/${eventId}#assign`}>{t("events.lead.assignClear")}</Link> : null}
        </p>
      ) : null}
      {members.length ? (
        <PostForm>
          <input type="hidden" name="intent" value="assign" />
          <div className="field">
            <label htmlFor="assign-user">{t("events.lead.name")}</label>
            <select id="assign-user" name="userId">
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="assign-role">{t("events.lead.role")}</label>
            <select id="assign-role" name="roleId">
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          {sessions.length > 1 ? (
            <div className="field">
              <label htmlFor="assign-session">{t("events.lead.session")}</label>
              <select id="assign-session" name="sessionId" defaultValue="">
                <option value="">{t("events.lead.allDays")}</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {dayName(t, s)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
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
  return (
    <PostForm className="card">
      <input type="hidden" name="intent" value="addRole" />
      <h3 style={{ marginTop: 0 }}>{t("events.lead.addRole")}</h3>
      <div className="field">
        <label htmlFor="new-role-name">{t("events.form.roleName")}</label>
        <input id="new-role-name" name="name" type="text" maxLength={80} />
      </div>
      <div className="field">
        <label htmlFor="new-role-capacity">{t("events.form.capacity")}</label>
        <input id="new-role-capacity" name="capacity" inputMode="numeric" />
      </div>
      <div className="field">
        <label htmlFor="new-role-skills">{t("events.form.skills")}</label>
        <input id="new-role-skills" name="skills" type="text" maxLength={200} />
      </div>
      <button type="submit" className="secondary">
        {t("events.lead.addRoleSubmit")}
      </button>
    </PostForm>
  );
}

export function LeadActions({ eventId, status, reportStatus }: { eventId: number; status: string; reportStatus: string | null }) {
  const t = useT();
  return (
    <div className="actions">
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
      {status === "draft" || status === "published" ? (
        <PostForm>
          <button type="submit" name="intent" value="cancelEvent" className="secondary danger">
            {t("events.lead.cancelEvent")}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}
