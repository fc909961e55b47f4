import { Form } from "@remix-run/react";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/react";
import { OFFER_RESPONSE_HOURS } from "~/models/tutoring/tutoring-form";
import "~/i18n/strings/lazy/components/tutoring/VolunteerRequestPanels.lazy";

/** The volunteer's panels of a tutoring request: the offer or claim, the learner's contact (the tutor's sessions and
 * completion: TutorSessions.lazy.tsx). Both are loaded apart from the page's code (app/components/lazy-part.tsx): the
 * server renders them with the page, and their forms are plain forms. */

type Contact = { whatsapp: { label: string; href: string } | null; email: string | null };
type Learner = Contact & { name: string; guardian: (Contact & { name: string }) | null };

function ContactRows({ c }: { c: Contact }) {
  const t = useT();
  return (
    <>
      {c.whatsapp ? (
        <>
          <dt>{t("tutoring.form.whatsapp")}</dt>
          <dd>
            <a href={c.whatsapp.href}>{c.whatsapp.label}</a>
          </dd>
        </>
      ) : null}
      {c.email ? (
        <>
          <dt>{t("tutoring.form.email")}</dt>
          <dd>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </dd>
        </>
      ) : null}
    </>
  );
}

export function OfferClaimContact({ r }: { r: { offerExpiresAt: string | null; timeZone: string; canClaim: boolean; learner: Learner | null } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
    {r.offerExpiresAt ? (
      <section className="card" aria-labelledby="offer">
        <h2 id="offer" style={{ marginTop: 0 }}>
          {t("tutoring.volunteer.offerTitle")}
        </h2>
        <p>{t("tutoring.volunteer.offerText", { at: formatDateTime(r.offerExpiresAt, locale, r.timeZone), hours: OFFER_RESPONSE_HOURS })}</p>
        <p className="hint">{t("tutoring.volunteer.shareNotice")}</p>
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" className="primary">
              {t("tutoring.volunteer.accept")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <button type="submit" className="secondary">
              {t("tutoring.volunteer.decline")}
            </button>
          </Form>
        </div>
      </section>
    ) : null}

    {r.canClaim ? (
      <section className="card" aria-labelledby="claim">
        <h2 id="claim" style={{ marginTop: 0 }}>
          {t("tutoring.volunteer.claimTitle")}
        </h2>
        <p className="hint">{t("tutoring.volunteer.shareNotice")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="claim" />
          <button type="submit" className="primary">
            {t("tutoring.volunteer.claim")}
          </button>
        </Form>
      </section>
    ) : null}

    {r.learner ? (
      <section className="card" aria-labelledby="contact">
        <h2 id="contact" style={{ marginTop: 0 }}>
          {t("tutoring.lead.contact")}
        </h2>
        <dl>
          <dt>{t("tutoring.lead.learnerName")}</dt>
          <dd>{r.learner.name}</dd>
          <ContactRows c={r.learner} />
          {r.learner.guardian ? (
            <>
              <dt>{t("privacy.learner.minor")}</dt>
              <dd id="learner-minor">{t("tutoring.volunteer.minor")}</dd>
              <dt>{t("privacy.learner.guardian")}</dt>
              <dd id="guardian-name">{r.learner.guardian.name}</dd>
              <ContactRows c={r.learner.guardian} />
            </>
          ) : null}
        </dl>
      </section>
    ) : null}
    </>
  );
}
