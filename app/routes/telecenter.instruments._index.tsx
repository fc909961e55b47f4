import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "~/auth/guards.server";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { createInstrument, instrumentSchema, ledChapters, listInstruments } from "~/models/telecenters/instruments.server";
import { parseForm } from "~/utils/forms.server";
import "~/i18n/strings/routes/telecenter.instruments._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

async function guard(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = requireUser(context, request);
  const led = await ledChapters(db, user);
  if (!user.isAdmin && !led.length) forbidden();
  return { user, led };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, led } = await guard(request, context);
  return {
    title: translator(context.locale)("surveys.instruments.title"),
    instruments: await listInstruments(db, user),
    chapters: led.map((c) => ({ id: c.id, name: c.name })),
    isAdmin: user.isAdmin,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, led } = await guard(request, context);
  const form = await request.formData();
  const parsed = parseForm(instrumentSchema, form);
  if (!parsed.ok) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const chapterId = parsed.data.chapterId ?? null;
  // national instruments are the admins'; a lead's belong to a chapter they lead
  if (chapterId === null ? !user.isAdmin : !led.some((c) => c.id === chapterId)) return data<FormFailure>({ errors: { chapterId: ["errors.invalid"] } }, { status: 400 });
  const { versionId } = await createInstrument(db, { chapterId, name: parsed.data.name, description: parsed.data.description, userId: user.id });
  return redirect(`/telecenter/instruments/${versionId}`);
}

export default function Instruments() {
  const { instruments, chapters, isAdmin } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const t = useT();
  return (
    <div className="narrow">
      <p>
        <Link to="/telecenter/manage">{t("telecenters.manage.title")}</Link>
      </p>
      <h1>{t("surveys.instruments.title")}</h1>
      {instruments.length === 0 ? <p className="muted">{t("surveys.instruments.none")}</p> : null}
      <ul>
        {instruments.map((i) => (
          <li key={i.id}>
            <Link to={`/telecenter/instruments/${i.latestVersionId}`}>{i.name}</Link> · {t("surveys.instruments.version", { n: i.latestVersion })} ·{" "}
            {i.chapterName ?? t("surveys.instruments.national")}
          </li>
        ))}
      </ul>
      <Form method="post" noValidate className="card">
        <h2 style={{ marginTop: 0 }}>{t("surveys.instruments.new")}</h2>
        <FormError errors={failure?.errors?._form} />
        <Field name="name" label={t("surveys.instruments.name")} defaultValue={valueOf(failure, "name")} errors={failure?.errors?.name} required maxLength={160} />
        <Field name="description" label={t("surveys.instruments.description")} multiline defaultValue={valueOf(failure, "description")} errors={failure?.errors?.description} />
        <div className="field">
          <label htmlFor="chapterId">{t("surveys.instruments.owner")}</label>
          <select id="chapterId" name="chapterId" defaultValue={valueOf(failure, "chapterId", isAdmin ? "" : String(chapters[0]?.id ?? ""))}>
            {isAdmin ? <option value="">{t("surveys.instruments.national")}</option> : null}
            {chapters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <ErrorText id="chapterId-error" errors={failure?.errors?.chapterId} />
        </div>
        <button type="submit" className="primary">
          {t("surveys.instruments.create")}
        </button>
      </Form>
    </div>
  );
}
