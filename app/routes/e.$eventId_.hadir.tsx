import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { GuardianFieldset } from "~/components/events/GuardianFieldset";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { eventScope, getEvent } from "~/models/events/events.server";
import { doorCodeAsTyped, participantSchema, registerParticipant } from "~/models/events/participants.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/e.$eventId_.hadir";

/** Opened from the QR code at the door on participants' own phones: public, no JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — ${data.event.title}` : "Simpul" }, { name: "robots", content: "noindex" }];

function idOf(params: { eventId?: string }): number {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const event = await getEvent(db, idOf(params));
  // a cancelled event's QR code may still be on a poster at the door: the page says it is cancelled
  if (!event || (event.status !== "published" && event.status !== "completed" && event.status !== "cancelled")) notFound();
  const q = new URL(request.url).searchParams;
  return {
    cancelled: event.status === "cancelled",
    title: translator(context.locale)("events.door.title"),
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt.toISOString(),
      timeZone: event.timeZone,
      place: [event.venueName, event.regionName].filter(Boolean).join(", "),
    },
    code: (q.get("code") ?? "").slice(0, 12),
    done: q.get("ok") === "1" || q.get("ok") === "again",
    again: q.get("ok") === "again",
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const scope = await eventScope(db, idOf(params));
  if (!scope || (scope.status !== "published" && scope.status !== "completed")) notFound();
  const form = await request.formData();
  const parsed = parseForm(participantSchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await registerParticipant(db, { eventId: scope.id, form: parsed.data, ip: context.clientIp });
  if (!r.ok) {
    const { name, institutionName, gender, code } = parsed.data;
    const typed = (k: string) => String(form.get(k) ?? "");
    const phone = typed("phone");
    const errors = r.reason === "refused" ? { code: ["events.door.refused"] } : { _form: ["events.door.tooMany"] };
    return data<FormFailure>({ errors, values: { name, institutionName, gender, code, phone, minor: typed("minor"), guardianName: typed("guardianName"), guardianContact: typed("guardianContact"), guardianConsent: typed("guardianConsent") } }, { status: r.reason === "refused" ? 400 : 429 });
  }
  return redirect(`/e/${scope.id}/hadir?ok=${r.already ? "again" : "1"}&code=${encodeURIComponent(doorCodeAsTyped(parsed.data.code))}`);
}

export default function DoorRegistration() {
  const { event, code, done, again, cancelled } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  const locale = useLocale();
  const e = failure?.errors;
  return (
    <div className="narrow">
      <h1>{t("events.door.title")}</h1>
      <p>
        <Link to={`/e/${event.id}`}>{event.title}</Link>
        <br />
        {formatDateTime(event.startsAt, locale, event.timeZone)} · {event.place}
      </p>
      {cancelled ? (
        <p className="error" role="status">
          {t("public.ticket.eventCancelled")}
        </p>
      ) : done ? (
        <p className="notice" role="status">
          {t(again ? "public.door.already" : "events.door.done")}
        </p>
      ) : (
        <p>{t("public.door.welcome")}</p>
      )}
      {cancelled ? null : (
        <Form method="post" noValidate className="card">
          <FormError errors={e?._form} />
          <Field name="name" label={t("events.door.name")} required autoComplete="name" maxLength={120} defaultValue={done ? "" : valueOf(failure, "name")} errors={e?.name} />
          <Field name="institutionName" label={t("events.door.institution")} hint={t("events.door.institutionHint")} autoComplete="organization" maxLength={160} defaultValue={done ? "" : valueOf(failure, "institutionName")} errors={e?.institutionName} />
          <Field name="phone" type="tel" inputMode="tel" label={t("public.phone")} hint={t("public.door.phoneHint")} autoComplete="tel" maxLength={30} defaultValue={done ? "" : valueOf(failure, "phone")} errors={e?.phone} />
          <fieldset>
            <legend>{t("events.door.gender")}</legend>
            <div className="checks">
              {(["female", "male", ""] as const).map((g) => (
                <label key={g || "none"}>
                  <input type="radio" name="gender" value={g} defaultChecked={(done ? "" : valueOf(failure, "gender")) === g} /> {t(`events.door.gender.${g || "none"}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <GuardianFieldset typed={done ? null : failure} />
          <Field name="code" label={t("events.door.code")} hint={t("events.door.codeHint")} autoComplete="off" maxLength={12} defaultValue={valueOf(failure, "code", code)} errors={e?.code} />
          <p className="hint">{t("events.door.privacy")}</p>
          <button type="submit" className="primary">
            {t("events.door.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
