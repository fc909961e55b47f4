// The server renders the lead's part of the event page at once; the browser loads it apart (LeadSection.lazy.tsx,
// see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build, so this keeps it out of the
// page's chunk.
export { LeadRole, LeadSection } from "./LeadSection.lazy";
