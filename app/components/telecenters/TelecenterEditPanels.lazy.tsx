import { Form } from "@remix-run/react";
import { ErrorText, Field, FormError, valueOf, type FormFailure } from "~/components/forms";
import { useT } from "~/i18n/react";
import { FACILITY_CONDITIONS, FACILITY_KINDS, FACILITY_ROWS, STAFF_ROLES, WEEKDAYS } from "~/models/telecenters/telecenter-form";
import "~/i18n/strings/lazy/components/telecenters/TelecenterEditPanels.lazy";

/**
 * The manager's panels of a telecenter's edit page; each is one form with its own intent. They sit below the
 * telecenter's own form, so the browser loads their code apart from the page's (see app/components/lazy-part.tsx).
 */

type Facility = { id: number; kind: string; quantity: number; condition: string; note: string };

export function FacilitiesPanel({ facilities, failure }: { facilities: Facility[]; failure: FormFailure | undefined }) {
  const t = useT();
  const fac = failure;
  return (
    <section id="facilities" aria-labelledby="h-fac">
      <h2 id="h-fac">{t("telecenters.page.facilities")}</h2>
      <p className="hint">{t("telecenters.facilities.hint")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="facilities" />
        {Array.from({ length: FACILITY_ROWS }, (_, i) => {
          const f = facilities[i];
          const name = (k: string) => `fac_${i}_${k}`;
          return (
            <fieldset key={i} className="card">
              <legend>{t("telecenters.facilities.row", { n: i + 1 })}</legend>
              <div className="field">
                <label htmlFor={name("kind")}>{t("telecenters.facilities.kind")}</label>
                <select id={name("kind")} name={name("kind")} defaultValue={valueOf(fac, name("kind"), f?.kind ?? "")}>
                  <option value="">{t("telecenters.facilities.empty")}</option>
                  {FACILITY_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`telecenters.facility.${k}`)}
                    </option>
                  ))}
                </select>
                <ErrorText id={`${name("kind")}-error`} errors={fac?.errors?.[name("kind")]} />
              </div>
              <Field name={name("quantity")} label={t("telecenters.facilities.quantity")} inputMode="numeric" defaultValue={valueOf(fac, name("quantity"), f ? String(f.quantity) : "1")} errors={fac?.errors?.[name("quantity")]} />
              <div className="field">
                <label htmlFor={name("condition")}>{t("telecenters.facilities.condition")}</label>
                <select id={name("condition")} name={name("condition")} defaultValue={valueOf(fac, name("condition"), f?.condition ?? "good")}>
                  {FACILITY_CONDITIONS.map((c) => (
                    <option key={c} value={c}>
                      {t(`telecenters.condition.${c}`)}
                    </option>
                  ))}
                </select>
                <ErrorText id={`${name("condition")}-error`} errors={fac?.errors?.[name("condition")]} />
              </div>
              <Field name={name("note")} label={t("telecenters.facilities.note")} defaultValue={valueOf(fac, name("note"), f?.note ?? "")} maxLength={200} />
            </fieldset>
          );
        })}
        <button type="submit" className="primary">
          {t("telecenters.facilities.save")}
        </button>
      </Form>
    </section>
  );
}

export function HoursPanel({ hours, failure }: { hours: { weekday: number; opensAt: string; closesAt: string }[]; failure: FormFailure | undefined }) {
  const t = useT();
  const hrs = failure;
  return (
    <section id="hours" aria-labelledby="h-hours">
      <h2 id="h-hours">{t("telecenters.page.hours")}</h2>
      <p className="hint">{t("telecenters.hours.hint")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="hours" />
        {WEEKDAYS.map((d) => {
          const h = hours.find((x) => x.weekday === d);
          const err = hrs?.errors?.[`open_${d}`];
          return (
            <fieldset key={d} className="field" aria-describedby={err?.length ? `open_${d}-error` : undefined}>
              <legend>{t(`telecenters.weekday.${d}`)}</legend>
              <div className="actions">
                <label htmlFor={`open_${d}`}>{t("telecenters.hours.opens")}</label>
                <input id={`open_${d}`} name={`open_${d}`} type="time" defaultValue={valueOf(hrs, `open_${d}`, h?.opensAt ?? "")} aria-invalid={err?.length ? true : undefined} />
                <label htmlFor={`close_${d}`}>{t("telecenters.hours.closes")}</label>
                <input id={`close_${d}`} name={`close_${d}`} type="time" defaultValue={valueOf(hrs, `close_${d}`, h?.closesAt ?? "")} />
              </div>
              <ErrorText id={`open_${d}-error`} errors={err} />
            </fieldset>
          );
        })}
        <button type="submit" className="primary">
          {t("telecenters.hours.save")}
        </button>
      </Form>
    </section>
  );
}

export function StaffPanel({ staff, failure, invited }: { staff: { role: string; userId: string; name: string; email: string }[]; failure: FormFailure | undefined; invited: boolean }) {
  const t = useT();
  const st = failure;
  return (
    <section id="staff" aria-labelledby="h-staff">
      <h2 id="h-staff">{t("telecenters.page.staff")}</h2>
      <p className="hint">{t("telecenters.staff.hint")}</p>
      {invited ? (
        <p className="notice" role="status">
          {t("telecenters.staff.invited")}
        </p>
      ) : null}
      {staff.length === 0 ? <p className="muted">{t("telecenters.page.none")}</p> : null}
      <ul>
        {staff.map((s) => (
          <li key={`${s.role}-${s.userId}`}>
            {t(`telecenters.role.${s.role}`)}: {s.name} ({s.email}){" "}
            <Form method="post" style={{ display: "inline" }}>
              <input type="hidden" name="intent" value="removeStaff" />
              <input type="hidden" name="role" value={s.role} />
              <input type="hidden" name="userId" value={s.userId} />
              <button type="submit" className="link-button">
                {t("telecenters.staff.remove", { name: s.name })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" noValidate className="card">
        <input type="hidden" name="intent" value="addStaff" />
        <FormError errors={st?.errors?._form} />
        <div className="field">
          <label htmlFor="role">{t("telecenters.staff.role")}</label>
          <select id="role" name="role" defaultValue={valueOf(st, "role", "manager")}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`telecenters.role.${r}`)}
              </option>
            ))}
          </select>
          <ErrorText id="role-error" errors={st?.errors?.role} />
        </div>
        <Field name="email" type="email" label={t("telecenters.staff.email")} hint={t("telecenters.staff.emailHint")} defaultValue={valueOf(st, "email")} errors={st?.errors?.email} />
        <Field name="name" label={t("telecenters.staff.name")} hint={t("telecenters.staff.nameHint")} defaultValue={valueOf(st, "name")} errors={st?.errors?.name} maxLength={120} />
        <button type="submit" className="secondary">
          {t("telecenters.staff.add")}
        </button>
      </Form>
    </section>
  );
}

export function StatusPanel({ active }: { active: boolean }) {
  const t = useT();
  return (
    <section id="status" aria-labelledby="h-status">
      <h2 id="h-status">{t("telecenters.edit.status")}</h2>
      <p>{active ? t("telecenters.edit.activeNow") : t("telecenters.edit.inactiveNow")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="active" />
        <input type="hidden" name="active" value={active ? "0" : "1"} />
        <button type="submit" className="secondary">
          {active ? t("telecenters.edit.deactivate") : t("telecenters.edit.activate")}
        </button>
      </Form>
    </section>
  );
}

export type TelecenterEditPanelsProps = {
  facilities: Facility[];
  hours: { weekday: number; opensAt: string; closesAt: string }[];
  staff: { role: string; userId: string; name: string; email: string }[];
  /** the failed panel's intent and its errors, if the last press failed */
  failureFor: Record<string, FormFailure | undefined>;
  invited: boolean;
  /** the chapter's lead: may also close or reopen the telecenter */
  lead: boolean;
  active: boolean;
};

/** Facilities, opening hours, staff and (for the chapter's leads) the telecenter's status. */
export function TelecenterEditPanels({ facilities, hours, staff, failureFor, invited, lead, active }: TelecenterEditPanelsProps) {
  return (
    <>
      <FacilitiesPanel facilities={facilities} failure={failureFor.facilities} />
      <HoursPanel hours={hours} failure={failureFor.hours} />
      <StaffPanel staff={staff} failure={failureFor.addStaff} invited={invited} />
      {lead ? <StatusPanel active={active} /> : null}
    </>
  );
}
