// The server renders a telecenter's edit panels at once; the browser loads them apart (TelecenterEditPanels.lazy.tsx,
// see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { TelecenterEditPanels } from "./TelecenterEditPanels.lazy";
