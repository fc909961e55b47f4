// The server renders the region picker at once; a page may have the browser load it apart (RegionPicker.lazy.tsx,
// see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { RegionPicker } from "./RegionPicker.lazy";
