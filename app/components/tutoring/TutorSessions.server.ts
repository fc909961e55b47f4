// The server renders the tutor's part of a tutoring request at once; the browser loads it apart
// (TutorSessions.lazy.tsx, see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { TutorSessions } from "./TutorSessions.lazy";
