import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorText } from "~/components/forms";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { cancelFromTicket, registrationTicket, ticketGone } from "~/models/events/participants.server";
import "~/i18n/strings/routes/e.$eventId_.tiket.$token";

/** The participant's confirmation: code, place or waitlist number, the .ics. Secret link; no JavaScript. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.event.title} — Simpul` : "Simpul" }, { name: "robots", content: "noindex" }, { name: "referrer", content: "same-origin" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const input = { eventId: Number(params.eventId), token: params.token ?? "" };
  const ticket = await registrationTicket(db, input);
  if (ticket) return ticket;
  // the link kept after cancelling (or opened again on the way back from a dropped answer): say what it was
  if (await ticketGone(db, input)) throw redirect(`/e/${input.eventId}?batal=tiket`);
  notFound();
}

export async function action({ params, request }: ActionFunctionArgs) {
  const eventId = Number(params.eventId);
  const token = params.token ?? "";
  const form = await request.formData();
  const result = await cancelFromTicket(db, { eventId, token, confirm: form.get("confirm") });
  if (result === "notFound") notFound();
  if (result === "confirmRequired") return data({ errors: { confirm: ["public.ticket.confirmRequired"] } }, { status: 400 });
  // checked in meanwhile: the ticket says so
  if (result === "checkedIn") return redirect(`/e/${eventId}/tiket/${token}`);
  return redirect(`/e/${eventId}?batal=1`);
}

export default function Ticket() {
  const { event, person, guardian } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: { confirm?: string[] } }>();
  const failed = Boolean(actionData?.errors?.confirm);
  const t = useT();
  const locale = useLocale();
  return (
    <div className="narrow">
      <h1>{person.status === "confirmed" ? t("public.ticket.confirmed") : t("public.ticket.waitlisted", { n: person.waitlistPosition ?? 0 })}</h1>
      {event.cancelled ? (
        <p className="error" role="status" data-testid="event-mark">
          {t("public.ticket.eventCancelled")}
        </p>
      ) : null}
      <div className="card">
        <p>
          <Link to={`/e/${event.id}`}>{event.title}</Link>
          <br />
          {formatDateTime(event.startsAt, locale, event.timeZone)} · {event.place}
        </p>
        <p>{person.name}</p>
        {guardian ? (
          <p data-testid="ticket-guardian">
            {t("public.ticket.guardian", { name: guardian.name, contact: guardian.contact, date: formatDateTime(guardian.consentAt, locale, event.timeZone) })}
            {event.cancelled ? null : <span className="hint"> {t("public.ticket.guardianWrong")}</span>}
          </p>
        ) : null}
        <p>
          {t("public.ticket.code")}:{" "}
          <strong data-testid="ticket-code" style={{ fontSize: "1.5em", letterSpacing: "0.15em" }}>
            {person.code}
          </strong>
        </p>
        {event.cancelled ? null : <p className="hint">{t(person.checkedIn ? "public.ticket.checkedIn" : "public.ticket.atDoor")}</p>}
        <p>
          <a className="button" href={`/events/${event.id}/calendar.ics`}>
            {t("events.page.ics")}
          </a>
        </p>
        {person.email && !event.cancelled ? <p className="hint">{t("public.ticket.reminder", { email: person.email })}</p> : null}
        {event.cancelled ? null : <p className="hint">{t("public.ticket.keep")}</p>}
      </div>
      {!person.checkedIn && !event.cancelled ? (
        <Form method="post" noValidate>
          <label>
            <input type="checkbox" name="confirm" value="yes" aria-invalid={failed ? true : undefined} aria-describedby={failed ? "confirm-error" : undefined} />{" "}
            <span>{t("public.ticket.cancelConfirm")}</span>
          </label>
          <ErrorText id="confirm-error" errors={actionData?.errors?.confirm} />
          <div className="actions">
            <button type="submit" className="secondary">
              {t("public.ticket.cancel")}
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
