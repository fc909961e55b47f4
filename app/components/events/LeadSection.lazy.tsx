import { useT } from "~/i18n/react";
import { DoorPanel } from "./DoorPanel";
import { PostForms } from "./PostForm";
import { AddRoleForm, AssignForm, CheckinPanel, LeadActions, LeadRole as LeadRolePanel, MissingPanel, RosterTable } from "./LeadPanels";
import type { PagePlace, PageRole, PageSession, RosterRow, Suggestion } from "./types";
import "~/i18n/strings/lazy/components/events/LeadSection.lazy";

// The lead's part of the event page, loaded apart from the page's code (see app/components/lazy-part.tsx): most
// people who open an event are volunteers signing up, and the page's first-load JavaScript stays small for them.

export type LeadSectionProps = {
  event: { id: number; status: string; roles: PageRole[]; sessions: PageSession[]; places: PagePlace[] };
  lead: {
    code: string;
    doorUrl: string;
    participants: { id: number; name: string; institutionName: string | null; gender: string | null }[];
    signups: RosterRow[];
    suggestions: Record<string, Suggestion[] | undefined>;
    assignable: { id: string; name: string }[];
    assignMore: boolean;
    assignSearch: string;
    assignLookAlikes: string[];
  };
  reportStatus: string | null;
};

/** Check-in, door registration, roster, who is missing, assigning, adding a role, and the event's own actions. */
export function LeadSection({ event, lead, reportStatus }: LeadSectionProps) {
  const t = useT();
  return (
    <PostForms>
      <section aria-labelledby="lead">
        <h2 id="lead">{t("events.lead.title")}</h2>
        <CheckinPanel eventId={event.id} code={lead.code} />
        {event.status === "published" || event.status === "completed" ? <DoorPanel eventId={event.id} url={lead.doorUrl} participants={lead.participants} /> : null}
        <RosterTable rows={lead.signups} roles={event.roles} sessions={event.sessions} hoursApproved={reportStatus === "approved"} />
        <MissingPanel roles={event.roles} places={event.places} suggestions={lead.suggestions} published={event.status === "published"} />
        {(lead.assignable.length || lead.assignSearch) && event.status === "published" ? (
          <AssignForm eventId={event.id} members={lead.assignable} more={lead.assignMore} search={lead.assignSearch} lookAlikes={lead.assignLookAlikes} roles={event.roles} sessions={event.sessions} />
        ) : null}
        <AddRoleForm />
        <LeadActions eventId={event.id} status={event.status} reportStatus={reportStatus} />
      </section>
    </PostForms>
  );
}

/** The lead's controls inside a role's card (capacity per day, edit, delete). */
export function LeadRole(props: Parameters<typeof LeadRolePanel>[0]) {
  return (
    <PostForms>
      <LeadRolePanel {...props} />
    </PostForms>
  );
}
