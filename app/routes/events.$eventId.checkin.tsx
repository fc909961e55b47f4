import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { getEvent } from "~/models/events/events.server";
import { checkedInNow, checkIn } from "~/models/events/signups.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/events.$eventId.checkin";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function load(params: { eventId?: string }) {
  const id = Number(params.eventId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const event = await getEvent(db, id);
  if (!event || event.status === "draft") notFound();
  return event;
}

/** Scanning the QR code opens this page with the code filled in; checking in is still a POST. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const attended = await checkedInNow(db, event.id, user.id);
  const q = new URL(request.url).searchParams;
  return {
    title: translator(context.locale)("events.checkin.title"),
    event: { id: event.id, title: event.title },
    code: (q.get("code") ?? "").slice(0, 12),
    attended,
    hours: Number(q.get("h")) || null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const event = await load(params);
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  if (!code.trim()) return data({ errors: { code: ["errors.required"] }, values: { code } }, { status: 400 });
  const r = await checkIn(db, { eventId: event.id, userId: user.id, code });
  if (!r.ok) return data({ errors: { code: [`events.checkin.${r.reason}`] }, values: { code } }, { status: 400 });
  return redirect(`/events/${event.id}/checkin?h=${r.hours}`);
}

export default function Checkin() {
  const { event, code, attended, hours } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("events.checkin.title")}</h1>
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </p>
      {attended ? (
        <p className="notice" role="status">
          {t("events.checkin.done")} {hours ? t(countKey("events.checkin.hours", hours), { h: hours }) : ""}
        </p>
      ) : (
        <Form method="post" noValidate className="card">
          <Field
            name="code"
            label={t("events.checkin.code")}
            hint={t("events.checkin.hint")}
            autoComplete="off"
            maxLength={12}
            defaultValue={failure?.values?.code ?? code}
            errors={failure?.errors?.code}
          />
          <button type="submit" className="primary">
            {t("events.checkin.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
