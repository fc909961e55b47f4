// The server renders the lower half of the lead's tutoring request page at once; the browser loads it apart
// (LeadRequestLower.lazy.tsx, see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { LeadRequestLower } from "./LeadRequestLower.lazy";
