// The server renders a report's go-online fieldset at once; the browser loads it apart (OnlineFieldset.lazy.tsx, see
// app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { OnlineFieldset } from "./OnlineFieldset.lazy";
