import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { GuardianFieldset } from "~/components/events/GuardianFieldset";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { aheadSchema, newFormTicket, registerAhead } from "~/models/events/participants.server";
import { publicEventPage } from "~/models/events/public.server";
import { parseForm } from "~/utils/forms.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/e.$eventId_.daftar";

/** A member of the public registers as a participant ahead of the event: no account, no JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — ${data.event.title}` : "Simpul" }, { name: "robots", content: "noindex" }];

function idOf(params: { eventId?: string }): number {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const page = await publicEventPage(db, { eventId: idOf(params), locale: context.locale });
  if (!page) notFound();
  const { event } = page;
  return {
    title: translator(context.locale)("public.attend.title"),
    open: page.canRegister,
    // why it is closed: a cancelled event is not held at all, one already over has no door left to register at
    closed: event.status === "cancelled" ? "cancelled" : page.past ? "over" : "started",
    // "email": the link went to the address the registration already had
    already: (["1", "email"] as const).find((v) => v === new URL(request.url).searchParams.get("sudah")) ?? null,
    // this page's ticket link: the same form sent twice leads to the registration it made (a resend after a lost answer)
    ticket: newFormTicket(),
    free: page.places.capacity === null ? null : Math.max(0, page.places.capacity - page.places.confirmed),
    event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone, place: page.place },
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const eventId = idOf(params);
  const form = await request.formData();
  const parsed = parseForm(aheadSchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const ticket = form.get("ticket");
  const r = await registerAhead(db, { eventId, form: parsed.data, ip: context.clientIp, locale: context.locale, ticket: typeof ticket === "string" ? ticket : null });
  if (!r.ok) {
    if (r.reason === "notFound") notFound();
    const typed = (k: string) => String(form.get(k) ?? "");
    const values = { name: parsed.data.name, institutionName: parsed.data.institutionName, phone: typed("phone"), email: parsed.data.email, gender: parsed.data.gender, minor: typed("minor"), guardianName: typed("guardianName"), guardianContact: typed("guardianContact"), guardianConsent: typed("guardianConsent"), ticket: typed("ticket") };
    return data<FormFailure>({ errors: { _form: [r.reason === "tooMany" ? "public.tooMany" : "public.attend.closed"] }, values }, { status: r.reason === "tooMany" ? 429 : 409 });
  }
  // a repeat never reveals the first registration's secret link (whoever typed a name and phone may not be that person)
  if (r.already) return redirect(`/e/${eventId}/daftar?sudah=${r.ticketEmailed ? "email" : "1"}`);
  return redirect(`/e/${eventId}/tiket/${r.token}`);
}

export default function RegisterAhead() {
  const { event, open, closed, free, already, ticket } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  return (
    <div className="narrow">
      <h1>{t("public.attend.title")}</h1>
      <p>
        <Link to={`/e/${event.id}`}>{event.title}</Link>
        <br />
        {formatDateTime(event.startsAt, locale, event.timeZone)} · {event.place}
      </p>
      {already ? (
        <p className="notice" role="status">
          {t(already === "email" ? "public.attend.alreadyEmailed" : "public.attend.already")}
        </p>
      ) : null}
      {!open ? (
        <p className="error" role="status">
          {t(closed === "cancelled" ? "public.ticket.eventCancelled" : closed === "over" ? "public.attend.over" : "public.attend.closed")}
        </p>
      ) : (
        <Form method="post" noValidate className="card">
          <p>{free === null ? t("public.attend.open") : free > 0 ? t(countKey("public.attend.free", free), { n: free }) : t("public.attend.full")}</p>
          <FormError errors={e?._form} />
          <input type="hidden" name="ticket" value={valueOf(failure, "ticket", ticket)} />
          <Field name="name" label={t("events.door.name")} required autoComplete="name" maxLength={120} defaultValue={valueOf(failure, "name")} errors={e?.name} />
          <Field name="institutionName" label={t("events.door.institution")} hint={t("events.door.institutionHint")} autoComplete="organization" maxLength={160} defaultValue={valueOf(failure, "institutionName")} errors={e?.institutionName} />
          <Field name="phone" type="tel" inputMode="tel" label={t("public.phone")} hint={t("public.attend.phoneHint")} autoComplete="tel" maxLength={30} defaultValue={valueOf(failure, "phone")} errors={e?.phone} />
          <Field name="email" type="email" inputMode="email" label={t("public.email")} hint={t("public.attend.emailHint")} autoComplete="email" maxLength={254} defaultValue={valueOf(failure, "email")} errors={e?.email} />
          <fieldset>
            <legend>{t("events.door.gender")}</legend>
            <div className="checks">
              {(["female", "male", ""] as const).map((g) => (
                <label key={g || "none"}>
                  <input type="radio" name="gender" value={g} defaultChecked={valueOf(failure, "gender") === g} /> {t(`events.door.gender.${g || "none"}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <GuardianFieldset typed={failure} />
          <p className="hint">{t("public.attend.privacy")}</p>
          <button type="submit" className="primary">
            {t("public.attend.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
