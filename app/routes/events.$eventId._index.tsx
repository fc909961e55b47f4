import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isChapterLead, notFound, requireChapterLead, requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { formatSessionRange } from "~/models/events/event-time";
import { addRole, cancelEvent, copyEvent, deleteRole, eventScope, getEvent, isActiveMember, publishEvent, updateRole } from "~/models/events/events.server";
import { getReport } from "~/models/events/outcomes.server";
import { doorQrSvg, doorUrl, listParticipants, removeParticipant } from "~/models/events/participants.server";
import {
  assignableMembers,
  cancelSignup,
  checkinQrSvg,
  getMySignup,
  listSignups,
  markAttendance,
  overlappingSignups,
  setRoleCapacity,
  signUp,
  suggestVolunteers,
} from "~/models/events/signups.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} — Simpul` : "Simpul" }];

function eventIdOf(params: { eventId?: string }): number {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const eventId = eventIdOf(params);
  const event = await getEvent(db, eventId);
  if (!event) notFound();
  const lead = await isChapterLead(db, user, event.chapterId);
  if (event.status === "draft" && !lead) notFound();
  const [member, mine, overlaps, report] = await Promise.all([
    isActiveMember(db, user.id, event.chapterId),
    getMySignup(db, eventId, user.id),
    overlappingSignups(db, { eventId, userId: user.id, startsAt: event.startsAt, endsAt: event.endsAt }),
    getReport(db, eventId),
  ]);
  const q = new URL(request.url).searchParams;
  return {
    title: translator(context.locale)("events.page.title"),
    event: {
      id: event.id,
      title: event.title,
      description: event.description,
      status: event.status,
      timeZone: event.timeZone,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      signupCutoff: event.signupCutoff?.toISOString() ?? null,
      open: event.status === "published" && (event.signupCutoff ?? event.startsAt).getTime() > Date.now(),
      chapterName: event.chapterName,
      programId: event.programNameId,
      programEn: event.programNameEn,
      venueName: event.venueName,
      regionName: event.regionName,
      sessions: event.sessions.map((s) => ({ id: s.id, label: s.label && !/^\d+$/.test(s.label) ? s.label : null, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
      roles: event.roles,
    },
    member,
    mine,
    overlaps: overlaps.map((o) => ({ id: o.id, title: o.title, startsAt: o.startsAt.toISOString(), timeZone: o.timeZone })),
    reportStatus: report?.status ?? null,
    lead: lead
      ? {
          code: event.checkinCode,
          qr: await checkinQrSvg(event.id, event.checkinCode),
          signups: (await listSignups(db, eventId)).map((s) => ({ ...s, attendedAt: s.attendedAt?.toISOString() ?? null })),
          assignable: await assignableMembers(db, eventId, event.chapterId),
          suggestions: Object.fromEntries(await suggestVolunteers(db, { eventId, chapterId: event.chapterId })),
          doorQr: await doorQrSvg(event.id, event.checkinCode),
          doorUrl: doorUrl(event.id, event.checkinCode),
          participants: (await listParticipants(db, eventId)).map((p) => ({ id: p.id, name: p.name, institutionName: p.institutionName, gender: p.gender })),
        }
      : null,
    notice: q.get("created") ? "events.notice.created" : q.get("saved") ? "events.notice.saved" : q.get("n") ? `events.notice.${q.get("n")}` : null,
  };
}

type ActionFailure = { formError: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const eventId = eventIdOf(params);
  const event = await eventScope(db, eventId);
  if (!event) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const num = (k: string) => Number(form.get(k));
  const back = (n: string) => redirect(`/events/${eventId}?n=${n}`);
  const fail = (key: string) => data<ActionFailure>({ formError: key }, { status: 409 });

  if (intent === "signup") {
    if (event.status === "draft") notFound();
    const r = await signUp(db, { eventId, roleId: num("roleId"), userId: user.id });
    if (!r.ok) return fail(`events.signup.${r.reason}`);
    return back(r.status);
  }
  if (intent === "cancel") {
    const r = await cancelSignup(db, { eventId, userId: user.id });
    if (!r.ok) return fail(`events.signup.${r.reason}`);
    return back("cancelled");
  }
  // everything below is the lead's
  const lead = await requireChapterLead(db, context, request, event.chapterId);
  switch (intent) {
    case "assign": {
      const r = await signUp(db, { eventId, roleId: num("roleId"), userId: String(form.get("userId") ?? ""), assignedBy: lead.id });
      if (!r.ok) return fail(`events.signup.${r.reason}`);
      return back("assigned");
    }
    case "remove": {
      const r = await cancelSignup(db, { eventId, userId: String(form.get("userId") ?? ""), byLead: true });
      if (!r.ok) return fail(`events.signup.${r.reason}`);
      return back("removed");
    }
    case "attend":
    case "unattend":
      if (!(await markAttendance(db, { eventId, signupId: num("signupId"), attended: intent === "attend" }))) return fail("events.signup.notFound");
      return back("attendance");
    case "saveRole": {
      const name = String(form.get("name") ?? "").trim();
      const capacity = num("capacity");
      const hoursRaw = String(form.get("hours") ?? "").trim();
      const hours = hoursRaw === "" ? null : Number(hoursRaw);
      if (!name || name.length > 80) return fail("events.roleIncomplete");
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) return fail("events.capacityMin");
      if (hours !== null && (!Number.isInteger(hours) || hours < 1 || hours > 100)) return fail("events.hoursInvalid");
      const roleId = num("roleId");
      if (!(await updateRole(db, { eventId, chapterId: event.chapterId, roleId, name, hours, skills: String(form.get("skills") ?? "").slice(0, 200) }))) notFound();
      await setRoleCapacity(db, { eventId, roleId, capacity });
      return back("saved");
    }
    case "deleteRole": {
      const r = await deleteRole(db, { eventId, chapterId: event.chapterId, roleId: num("roleId") });
      if (r === "notFound") notFound();
      if (r === "inUse") return fail("events.roleInUse");
      return back("saved");
    }
    case "capacity": {
      const capacity = num("capacity");
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) return fail("events.capacityMin");
      await setRoleCapacity(db, { eventId, roleId: num("roleId"), capacity });
      return back("saved");
    }
    case "addRole": {
      const name = String(form.get("name") ?? "").trim();
      const capacity = num("capacity");
      if (!name || name.length > 80) return fail("events.roleIncomplete");
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000) return fail("events.capacityMin");
      await addRole(db, { eventId, chapterId: event.chapterId, name, capacity, skills: String(form.get("skills") ?? "").slice(0, 200) });
      return back("saved");
    }
    case "removeParticipant":
      if (!(await removeParticipant(db, { eventId, participantId: num("participantId") }))) return fail("events.signup.notFound");
      return back("saved");
    case "publish":
      await publishEvent(db, { eventId, chapterId: event.chapterId });
      return back("published");
    case "cancelEvent":
      await cancelEvent(db, { eventId, chapterId: event.chapterId });
      return back("eventCancelled");
    case "copy": {
      const id = await copyEvent(db, { eventId, chapterId: event.chapterId, userId: lead.id });
      if (!id) notFound();
      return redirect(`/events/${id}/edit?copied=1`);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function EventPage() {
  const { event, mine, member, overlaps, lead, notice, reportStatus } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const t = useT();
  const locale = useLocale();
  const tz = event.timeZone;
  const myRole = event.roles.find((r) => r.id === mine?.roleId);
  return (
    <div className="narrow">
      <p className="muted">
        {locale === "id" ? event.programId : event.programEn} · {event.chapterName}
      </p>
      <h1>{event.title}</h1>
      {event.status !== "published" ? <p className="badge">{t(`events.status.${event.status}`)}</p> : null}
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {failure?.formError ? (
        <div className="form-error" role="alert">
          {t(failure.formError)}
        </div>
      ) : null}

      <section className="card" aria-labelledby="when">
        <h2 id="when">{t("events.page.when")}</h2>
        <ul>
          {event.sessions.map((s, i) => (
            <li key={s.id}>
              {event.sessions.length > 1 ? `${t("events.page.day", { n: i + 1 })}: ` : ""}
              {formatSessionRange(s.startsAt, s.endsAt, locale, tz)}
              {s.label ? ` · ${s.label}` : ""}
            </li>
          ))}
        </ul>
        <p>
          <strong>{t("events.page.where")}:</strong> {[event.venueName, event.regionName].filter(Boolean).join(", ")}
        </p>
        {event.description ? <p style={{ whiteSpace: "pre-line" }}>{event.description}</p> : null}
        <p>
          <a href={`/events/${event.id}/calendar.ics`}>{t("events.page.ics")}</a> · <Link to={`/e/${event.id}`}>{t("events.page.publicLink")}</Link>
        </p>
      </section>

      {overlaps.length > 0 ? (
        <div className="notice" role="note">
          {t("events.page.overlap")}{" "}
          {overlaps.map((o) => (
            <Link key={o.id} to={`/events/${o.id}`}>
              {o.title} ({formatDateTime(o.startsAt, locale, o.timeZone)})
            </Link>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="roles">
        <h2 id="roles">{t("events.page.roles")}</h2>
        {mine && mine.status !== "cancelled" ? (
          <div className="card">
            <p role="status">
              {mine.status === "confirmed"
                ? t("events.page.youAreIn", { role: myRole?.name ?? "" })
                : t("events.page.youAreWaitlisted", { role: myRole?.name ?? "", n: mine.waitlistPosition ?? "?" })}
            </p>
            {mine.attendedAt ? <p>{t("events.page.attended")}</p> : mine.status === "confirmed" ? <Link to={`/events/${event.id}/checkin`}>{t("events.page.checkinLink")}</Link> : null}
            {event.open ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="secondary">
                  {t("events.page.cancelSignup")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {!member && !lead ? <p className="muted">{t("events.page.notMember")}</p> : null}
        {event.roles.map((r) => {
          const full = r.confirmed >= r.capacity;
          return (
            <div key={r.id} className="card">
              <h3 style={{ marginTop: 0 }}>{r.name}</h3>
              <p>
                {t("events.page.places", { confirmed: r.confirmed, capacity: r.capacity })}
                {r.waitlisted ? ` · ${t("events.page.waitlist", { n: r.waitlisted })}` : ""}
              </p>
              {r.wantedSkills.length ? (
                <p className="muted">
                  {t("events.page.skills")}: {r.wantedSkills.join(", ")}
                </p>
              ) : null}
              {event.open && member && (!mine || mine.status === "cancelled") ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="signup" />
                  <input type="hidden" name="roleId" value={r.id} />
                  <button type="submit" className="primary" aria-label={`${full ? t("events.page.joinWaitlist") : t("events.page.signup")}: ${r.name}`}>
                    {full ? t("events.page.joinWaitlist") : t("events.page.signup")}
                  </button>
                </Form>
              ) : null}
              {lead ? <LeadRole role={r} /> : null}
            </div>
          );
        })}
      </section>

      {lead ? (
        <section aria-labelledby="lead">
          <h2 id="lead">{t("events.lead.title")}</h2>
          <div className="card">
            <h3 style={{ marginTop: 0 }}>{t("events.lead.checkin")}</h3>
            <div role="img" aria-label={t("events.lead.qrLabel")} dangerouslySetInnerHTML={{ __html: lead.qr }} style={{ maxWidth: 240 }} />
            <p>
              {t("events.lead.code")}: <strong data-testid="checkin-code" style={{ fontSize: "1.5em", letterSpacing: "0.15em" }}>{lead.code}</strong>
            </p>
          </div>
          {event.status === "published" || event.status === "completed" ? (
            <div className="card">
              <h3 style={{ marginTop: 0 }}>{t("events.door.leadTitle")}</h3>
              <p className="hint">{t("events.door.leadHint")}</p>
              <div role="img" aria-label={t("events.door.qrLabel")} dangerouslySetInnerHTML={{ __html: lead.doorQr }} style={{ maxWidth: 240 }} />
              <p>
                <a href={lead.doorUrl}>{lead.doorUrl}</a>
              </p>
              <p role="status">{t("events.door.count", { n: lead.participants.length })}</p>
              <p>
                <Link className="button secondary" to={`/events/${event.id}/participants`}>
                  {t("public.lead.open")}
                </Link>
              </p>
              {lead.participants.length ? (
                <details>
                  <summary>{t("events.door.list")}</summary>
                  <ul>
                    {lead.participants.map((p) => (
                      <li key={p.id}>
                        {p.name}
                        {p.institutionName ? ` · ${p.institutionName}` : ""}
                        {p.gender ? ` · ${t(`events.door.gender.${p.gender}`)}` : ""}{" "}
                        <Form method="post" style={{ display: "inline" }}>
                          <input type="hidden" name="intent" value="removeParticipant" />
                          <input type="hidden" name="participantId" value={p.id} />
                          <button type="submit" className="link-button" aria-label={`${t("events.lead.remove")}: ${p.name}`}>
                            {t("events.lead.remove")}
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          ) : null}
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("events.lead.roster")}>
            <table>
              <caption>{t("events.lead.roster")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.lead.name")}</th>
                  <th scope="col">{t("events.lead.role")}</th>
                  <th scope="col">{t("events.lead.status")}</th>
                  <th scope="col">{t("events.lead.attendance")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.signups.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      {t("events.lead.nobodyYet")}
                    </td>
                  </tr>
                ) : null}
                {lead.signups.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{event.roles.find((r) => r.id === s.roleId)?.name}</td>
                    <td>{s.status === "waitlisted" ? t("events.page.waitlistNo", { n: s.waitlistPosition ?? "?" }) : t(`events.signupStatus.${s.status}`)}</td>
                    <td>
                      {s.status === "confirmed" ? (
                        <Form method="post" style={{ display: "inline" }}>
                          <input type="hidden" name="signupId" value={s.id} />
                          {s.attendedAt ? (
                            <button type="submit" name="intent" value="unattend" className="link-button" aria-label={`${t("events.lead.unmark")}: ${s.name}`}>
                              ✓ {t("events.lead.present", { h: s.hoursCredited ?? 0 })}
                            </button>
                          ) : (
                            <button type="submit" name="intent" value="attend" className="secondary" aria-label={`${t("events.lead.mark")}: ${s.name}`}>
                              {t("events.lead.mark")}
                            </button>
                          )}
                        </Form>
                      ) : null}{" "}
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={s.userId} />
                        <button type="submit" className="link-button" aria-label={`${t("events.lead.remove")}: ${s.name}`}>
                          {t("events.lead.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {event.roles.some((r) => r.confirmed < r.capacity) ? (
            <div className="notice">
              <p style={{ marginTop: 0 }}>
                {t("events.lead.missing")}{" "}
                {event.roles
                  .filter((r) => r.confirmed < r.capacity)
                  .map((r) => `${r.name} (${r.capacity - r.confirmed})`)
                  .join(", ")}
              </p>
              {event.status === "published"
                ? event.roles
                    .filter((r) => r.confirmed < r.capacity && lead.suggestions[r.id]?.length)
                    .map((r) => (
                      <div key={r.id}>
                        <p style={{ marginBottom: 4 }}>{t("events.lead.suggested", { role: r.name })}</p>
                        <ul style={{ marginTop: 0 }}>
                          {(lead.suggestions[r.id] ?? []).map((p) => (
                            <li key={p.userId}>
                              {p.name} <span className="muted">({p.skills})</span>{" "}
                              <Form method="post" style={{ display: "inline" }}>
                                <input type="hidden" name="intent" value="assign" />
                                <input type="hidden" name="userId" value={p.userId} />
                                <input type="hidden" name="roleId" value={r.id} />
                                <button type="submit" className="link-button" aria-label={`${t("events.lead.assignSubmit")}: ${p.name} → ${r.name}`}>
                                  {t("events.lead.assignSubmit")}
                                </button>
                              </Form>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ))
                : null}
            </div>
          ) : null}
          {lead.assignable.length && event.status === "published" ? (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="assign" />
              <h3 style={{ marginTop: 0 }}>{t("events.lead.assign")}</h3>
              <div className="field">
                <label htmlFor="assign-user">{t("events.lead.name")}</label>
                <select id="assign-user" name="userId">
                  {lead.assignable.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="assign-role">{t("events.lead.role")}</label>
                <select id="assign-role" name="roleId">
                  {event.roles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="secondary">
                {t("events.lead.assignSubmit")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="addRole" />
            <h3 style={{ marginTop: 0 }}>{t("events.lead.addRole")}</h3>
            <div className="field">
              <label htmlFor="new-role-name">{t("events.form.roleName")}</label>
              <input id="new-role-name" name="name" type="text" maxLength={80} />
            </div>
            <div className="field">
              <label htmlFor="new-role-capacity">{t("events.form.capacity")}</label>
              <input id="new-role-capacity" name="capacity" type="number" inputMode="numeric" min={1} />
            </div>
            <div className="field">
              <label htmlFor="new-role-skills">{t("events.form.skills")}</label>
              <input id="new-role-skills" name="skills" type="text" maxLength={200} />
            </div>
            <button type="submit" className="secondary">
              {t("events.lead.addRoleSubmit")}
            </button>
          </Form>
          <div className="actions">
            <Link className="button" to={`/events/${event.id}/edit`}>
              {t("events.lead.edit")}
            </Link>
            <Link className="button" to={`/events/${event.id}/report`}>
              {reportStatus ? t(`events.report.status.${reportStatus}`) : t("events.lead.report")}
            </Link>
            {event.status === "draft" ? (
              <Form method="post">
                <button type="submit" name="intent" value="publish" className="primary">
                  {t("events.lead.publish")}
                </button>
              </Form>
            ) : null}
            <Form method="post">
              <button type="submit" name="intent" value="copy" className="secondary">
                {t("events.lead.copy")}
              </button>
            </Form>
            {event.status === "draft" || event.status === "published" ? (
              <Form method="post">
                <button type="submit" name="intent" value="cancelEvent" className="secondary danger">
                  {t("events.lead.cancelEvent")}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : reportStatus !== "approved" && mine?.status === "confirmed" && myRole?.name.toLowerCase().includes("dokumentasi") ? (
        <p>
          <Link to={`/events/${event.id}/report`}>{t("events.lead.report")}</Link>
        </p>
      ) : null}
    </div>
  );
}

function LeadRole({ role }: { role: { id: number; name: string; capacity: number; hours: number | null; wantedSkills: string[] } }) {
  const t = useT();
  const id = (k: string) => `role-${role.id}-${k}`;
  return (
    <details>
      <summary>{t("events.lead.editRole", { role: role.name })}</summary>
      <Form method="post">
        <input type="hidden" name="roleId" value={role.id} />
        <div className="field">
          <label htmlFor={id("name")}>{t("events.form.roleName")}</label>
          <input id={id("name")} name="name" type="text" maxLength={80} defaultValue={role.name} required />
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={id("capacity")}>{t("events.form.capacity")}</label>
            <input id={id("capacity")} name="capacity" type="number" inputMode="numeric" min={1} defaultValue={role.capacity} />
          </div>
          <div className="field">
            <label htmlFor={id("hours")}>{t("events.form.hours")}</label>
            <input id={id("hours")} name="hours" type="number" inputMode="numeric" min={1} defaultValue={role.hours ?? ""} />
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
      </Form>
    </details>
  );
}
