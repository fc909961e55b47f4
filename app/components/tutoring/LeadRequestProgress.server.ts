// The server renders a matched request's progress at once; the browser loads it apart (LeadRequestProgress.lazy.tsx,
// see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { LeadRequestProgress } from "./LeadRequestProgress.lazy";
