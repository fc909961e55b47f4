import { parseTypedNumber } from "~/utils/numbers";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireChapterLead } from "~/auth/guards.server";
import { SemicolonCsvLink } from "~/components/CsvLinks";
import { FormError, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { eventScope } from "~/models/events/events.server";
import { checkInParticipant, mergeParticipants, participantsPage, removeParticipant, setParticipantCapacity, undoCheckIn } from "~/models/events/participants.server";
import { countKey } from "~/i18n/plural";
import { useShownSearch } from "~/utils/shown-search";
import "~/i18n/strings/routes/events.$eventId.participants";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} — Simpul` : "Simpul" }];

async function leadScope(params: { eventId?: string }, context: Parameters<typeof requireChapterLead>[1], request: Request) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const scope = await eventScope(db, id);
  if (!scope) notFound();
  const user = await requireChapterLead(db, context, request, scope.chapterId);
  return { ...scope, viewerId: user.id };
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const scope = await leadScope(params, context, request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 120);
  const page = await participantsPage(db, { eventId: scope.id, actorId: scope.viewerId, q });
  if (!page) notFound();
  return {
    q,
    event: { id: page.event.id, title: page.event.title, timeZone: page.event.timeZone },
    counts: page.counts,
    capacity: page.capacity,
    list: page.list.map((p) => ({
      id: p.id,
      name: p.name,
      institutionName: p.institutionName,
      phone: p.phone,
      // under 18: the guardian who consented, shown where the contacts are (none asked before DECISIONS 125)
      minor: p.isMinor ? { guardianName: p.guardianName, guardianContact: p.guardianContact } : null,
      code: p.code,
      source: p.source,
      status: p.status,
      waitlistPosition: p.waitlistPosition,
      checkedInAt: p.checkedInAt?.toISOString() ?? null,
      repeats: p.repeats,
      lookAlikes: p.lookAlikes,
    })),
    suggestions: page.suggestions,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const scope = await leadScope(params, context, request);
  const form = await request.formData();
  const num = (k: string) => Number(form.get(k) ?? 0);
  const back = `/events/${scope.id}/participants${form.get("q") ? `?q=${encodeURIComponent(String(form.get("q")))}` : ""}`;
  const fail = (key: string) => data<FormFailure>({ errors: { _form: [key] } }, { status: 400 });
  switch (form.get("intent")) {
    case "checkin":
      if (!(await checkInParticipant(db, { eventId: scope.id, participantId: num("participantId") }))) return fail("events.signup.notFound");
      return redirect(back);
    case "undo":
      if (!(await undoCheckIn(db, { eventId: scope.id, participantId: num("participantId") }))) return fail("events.signup.notFound");
      return redirect(back);
    case "merge":
      if (!(await mergeParticipants(db, { eventId: scope.id, fromId: num("fromId"), intoId: num("intoId") }))) return fail("events.signup.notFound");
      return redirect(back);
    case "remove":
      if (!(await removeParticipant(db, { eventId: scope.id, participantId: num("participantId") }))) return fail("events.signup.notFound");
      return redirect(back);
    case "capacity": {
      const raw = String(form.get("capacity") ?? "").trim();
      const capacity = raw === "" ? null : (parseTypedNumber(raw, { integer: true }) ?? NaN);
      if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100000)) return data<FormFailure>({ errors: { capacity: ["public.lead.capacityInvalid"] }, values: { capacity: raw } }, { status: 400 });
      if (!(await setParticipantCapacity(db, { eventId: scope.id, chapterId: scope.chapterId, capacity }))) notFound();
      return redirect(back);
    }
    default:
      return fail("errors.invalid");
  }
}

export default function Participants() {
  const { event, counts, capacity, list, q, suggestions } = useLoaderData<typeof loader>();
  const qInput = useShownSearch(q);
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to={`/events/${event.id}`}>← {event.title}</Link>
      </p>
      <h1>{t("public.lead.title")}</h1>
      <FormError errors={failure?.errors?._form} />
      <p role="status" data-testid="participant-counts">
        {t("public.lead.counts", { checkedIn: counts.total, confirmed: counts.confirmed, waitlisted: counts.waitlisted, walkIns: counts.walkIns, repeats: counts.repeats })}
      </p>
      <p className="hint">{t("public.lead.countHint")}</p>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="capacity" />
        <label htmlFor="f-capacity">{t("public.lead.capacity")}</label>
        <p className="hint" id="f-capacity-hint">
          {t("public.lead.capacityHint")}
        </p>
        <input id="f-capacity" name="capacity" inputMode="numeric" defaultValue={capacity ?? ""} aria-describedby="f-capacity-hint" style={{ maxWidth: 140 }} />
        {failure?.errors?.capacity ? <p className="error">{t("public.lead.capacityInvalid")}</p> : null}{" "}
        <button type="submit" className="secondary">
          {t("public.lead.saveCapacity")}
        </button>
      </Form>
      <Form method="get" className="actions" role="search">
        <label htmlFor="q">{t("public.lead.search")}</label>
        <input id="q" name="q" type="search" defaultValue={q} ref={qInput} />
        <button type="submit" className="secondary">
          {t("public.lead.find")}
        </button>
      </Form>
      <p>
        <a href={`/events/${event.id}/participants.csv`} download>
          {t("public.lead.csv")}
        </a>{" "}
        · <SemicolonCsvLink href={`/events/${event.id}/participants.csv`} />
      </p>
      {list.length === 0 && !q.trim() ? <p>{t("public.lead.none")}</p> : null}
      {list.length === 0 && q.trim() ? (
        <>
          <p>{t("public.lead.noMatch", { q: q.trim() })}</p>
          {suggestions.length ? (
            <nav aria-labelledby="participants-suggest">
              <p id="participants-suggest">{t("public.lead.suggest")}</p>
              <ul>
                {suggestions.map((s) => (
                  <li key={s.q}>
                    <Link to={`?q=${encodeURIComponent(s.q)}`}>{s.code ? `${s.name} · ${s.code}` : s.name}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
      <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
        {list.map((p) => (
          <li key={p.id} className="card" data-testid="participant">
            <p style={{ marginTop: 0 }}>
              <strong>{p.name}</strong>
              {p.institutionName ? ` · ${p.institutionName}` : ""}
              {p.code ? ` · ${p.code}` : ""}
              {p.phone ? ` · ${p.phone}` : ""}
            </p>
            {p.minor ? <p>{p.minor.guardianName ? t("privacy.minor.recorded", { name: p.minor.guardianName, contact: p.minor.guardianContact ?? "" }) : t("privacy.learner.minor")}</p> : null}
            <p>
              <span className="badge">{p.source === "door" ? t("public.lead.walkIn") : p.status === "waitlisted" ? t("events.page.waitlistNo", { n: p.waitlistPosition ?? 0 }) : t("public.lead.ahead")}</span>{" "}
              {p.checkedInAt ? <span className="badge">{t("public.lead.checkedIn", { at: formatDateTime(p.checkedInAt, locale, event.timeZone) })}</span> : null}{" "}
              {p.repeats > 0 ? <span className="badge">{t(countKey("public.lead.repeats", p.repeats), { n: p.repeats })}</span> : null}
            </p>
            <div className="actions">
              {p.checkedInAt ? (
                p.source === "ahead" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="undo" />
                    <input type="hidden" name="participantId" value={p.id} />
                    <input type="hidden" name="q" value={q} />
                    <button type="submit" className="link-button" aria-label={`${t("public.lead.undo")}: ${p.name}`}>
                      {t("public.lead.undo")}
                    </button>
                  </Form>
                ) : null
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="checkin" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <input type="hidden" name="q" value={q} />
                  <button type="submit" className="primary" aria-label={`${t("public.lead.checkin")}: ${p.name}`}>
                    {t("public.lead.checkin")}
                  </button>
                </Form>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="participantId" value={p.id} />
                <input type="hidden" name="q" value={q} />
                <button type="submit" className="link-button" aria-label={`${t("events.lead.remove")}: ${p.name}`}>
                  {t("events.lead.remove")}
                </button>
              </Form>
            </div>
            {p.lookAlikes.length ? (
              <div data-testid="look-alike">
                <p className="hint">{t("public.lead.lookAlike")}</p>
                {p.lookAlikes.map((o) => (
                  <Form method="post" key={o.id}>
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="fromId" value={p.id} />
                    <input type="hidden" name="intoId" value={o.id} />
                    <input type="hidden" name="q" value={q} />
                    <button type="submit" className="link-button">
                      {t("public.lead.merge", { name: `${o.name}${o.institutionName ? ` (${o.institutionName})` : ""}` })}
                    </button>
                  </Form>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
