import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { endSession } from "~/auth/session.server";
import { Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { chaptersLedAlone, eraseAccount, leaveChapter, myVolunteerChapters, personalDataCounts, personalDataOf, readerTimeZone, requestEmailChange } from "~/models/accounts/personal-data.server";
import "~/i18n/strings/routes/akun.data._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

const NOTICES: Record<string, string> = { email: "privacy.account.emailSent", left: "privacy.account.left" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [personal, chapters, timeZone, ledAlone] = await Promise.all([
    personalDataOf(db, user.id),
    myVolunteerChapters(db, user.id),
    readerTimeZone(db, user.id),
    chaptersLedAlone(db, user.id),
  ]);
  if (!personal) throw redirect("/login");
  const params = new URL(request.url).searchParams;
  const done = params.get("selesai") ?? "";
  const leaving = chapters.find((c) => String(c.chapterId) === params.get("keluar"))?.chapterId ?? null;
  return {
    title: translator(context.locale)("privacy.account.metaTitle"),
    email: personal.account.email,
    pendingEmail: personal.pendingEmailChange?.newEmail ?? null,
    chapters,
    leaving,
    // written on the server in the reader's zone, with its name (WIB/WITA/WIT), as the printable page does
    seenBy: personal.seenBy.slice(0, 50).map((s) => ({ ...s, at: formatDateTime(s.at, context.locale, timeZone) })),
    notice: NOTICES[done] ?? null,
    // what the download holds, section by section: the printable page lists each
    counts: personalDataCounts(personal),
    // the chapters that would be left without a lead: said plainly before the account goes (erasure is not refused)
    ledAlone: ledAlone.map((c) => c.name),
  };
}

type ActionData = FormFailure & { intent: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "email") {
    const r = await requestEmailChange(db, user.id, form);
    if (!r.ok) return data<ActionData>({ intent, errors: r.errors, values: r.values }, { status: 400 });
    return redirect("/akun/data?selesai=email");
  }
  if (intent === "leave") {
    const chapterId = Number(form.get("chapterId"));
    if (!Number.isInteger(chapterId) || chapterId <= 0) throw new Response("Bad Request", { status: 400 });
    // one tap never leaves: the warning's own button sends the confirmation
    if (form.get("confirm") !== "leave") return redirect(`/akun/data?keluar=${chapterId}#chapters`);
    await leaveChapter(db, user.id, chapterId);
    return redirect("/akun/data?selesai=left");
  }
  if (intent === "delete") {
    const password = form.get("password");
    const r = await eraseAccount(db, user.id, typeof password === "string" ? password : "");
    if (!r.ok) return data<ActionData>({ intent, errors: r.errors }, { status: 400 });
    return redirect("/akun/dihapus", { headers: { "Set-Cookie": await endSession(context.auth.sessionId) } });
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function MyData() {
  const { email, pendingEmail, chapters, leaving, seenBy, notice, counts, ledAlone } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const emailFailure = actionData?.intent === "email" ? actionData : undefined;
  const deleteFailure = actionData?.intent === "delete" ? actionData : undefined;
  const [profileBefore, profileAfter] = t("privacy.account.correctProfile", { link: "\u0000" }).split("\u0000");
  return (
    <div className="narrow">
      <h1>{t("privacy.account.title")}</h1>
      <p>{t("privacy.account.lead")}</p>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="download">
        <h2 id="download" style={{ marginTop: 0 }}>
          {t("privacy.account.downloadTitle")}
        </h2>
        <ul>
          <li>
            <a href="/akun/data.json" download>
              {t("privacy.account.downloadJson")}
            </a>
          </li>
          <li>
            <Link to="/akun/data/cetak">{t("privacy.account.downloadPrint")}</Link>
          </li>
        </ul>
        <p className="hint" id="download-holds">
          {t("privacy.account.downloadHolds")} {counts.map((c) => `${t(c.section)} ${c.n}`).join(" · ")}
        </p>
      </section>
      <section className="card" aria-labelledby="correct">
        <h2 id="correct" style={{ marginTop: 0 }}>
          {t("privacy.account.correctTitle")}
        </h2>
        <p>
          {profileBefore}
          <Link to="/profile">{t("privacy.account.profileLink")}</Link>
          {profileAfter}
        </p>
        <h3>{t("privacy.account.emailTitle")}</h3>
        <p>{t("privacy.account.emailCurrent", { email })}</p>
        {pendingEmail ? <p className="hint">{t("privacy.account.emailPending", { email: pendingEmail })}</p> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email" />
          <FormError errors={emailFailure?.errors?._form} />
          <Field
            name="newEmail"
            label={t("privacy.account.newEmail")}
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            maxLength={254}
            hint={t("privacy.account.emailHint")}
            defaultValue={valueOf(emailFailure, "newEmail")}
            errors={emailFailure?.errors?.newEmail}
          />
          <button type="submit" className="secondary">
            {t("privacy.account.emailSubmit")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="chapters">
        <h2 id="chapters" style={{ marginTop: 0 }}>
          {t("privacy.account.chaptersTitle")}
        </h2>
        {chapters.length ? (
          chapters.map((c) =>
            c.chapterId === leaving ? (
              <div className="form-error" id="leave-chapter" role="alert" key={c.chapterId}>
                <p style={{ marginTop: 0 }}>{t("privacy.account.leaveConfirm", { chapter: c.name })}</p>
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="leave" />
                  <input type="hidden" name="chapterId" value={c.chapterId} />
                  <input type="hidden" name="confirm" value="leave" />
                  <button type="submit" className="danger">
                    {t("privacy.account.leaveConfirmSubmit")}
                  </button>
                  <Link className="button secondary" to="/akun/data#chapters">
                    {t("privacy.account.leaveBack")}
                  </Link>
                </Form>
              </div>
            ) : (
              <Form method="post" key={c.chapterId}>
                <input type="hidden" name="intent" value="leave" />
                <input type="hidden" name="chapterId" value={c.chapterId} />
                <p>
                  <button type="submit" className="secondary">
                    {t("privacy.account.leave", { chapter: c.name })}
                  </button>
                </p>
              </Form>
            ),
          )
        ) : (
          <p>{t("privacy.account.chaptersNone")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="seen">
        <h2 id="seen" style={{ marginTop: 0 }}>
          {t("privacy.account.seenTitle")}
        </h2>
        {seenBy.length ? (
          <ul id="seen-by">
            {seenBy.map((s, i) => (
              <li key={i}>
                {s.at} — {s.actorName ?? "—"} {t(`privacy.access.kind.${s.kind}`)}
                {s.chapterName ? ` (${s.chapterName})` : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("privacy.account.seenNone")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="delete">
        <h2 id="delete" style={{ marginTop: 0 }}>
          {t("privacy.account.deleteTitle")}
        </h2>
        <p>{t("privacy.account.deleteText")}</p>
        {ledAlone.length ? (
          <p className="notice" id="only-lead">
            {t("privacy.account.onlyLead", { chapters: ledAlone.join(", ") })}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <FormError errors={deleteFailure?.errors?._form} />
          <Field name="password" label={t("privacy.account.password")} type="password" autoComplete="current-password" required maxLength={1000} errors={deleteFailure?.errors?.password} />
          <button type="submit" className="danger">
            {t("privacy.account.deleteSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
