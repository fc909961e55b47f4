// The server renders a report's review and photos at once; the browser loads them apart (ReportReview.lazy.tsx, see
// app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { ReportLower } from "./ReportReview.lazy";
