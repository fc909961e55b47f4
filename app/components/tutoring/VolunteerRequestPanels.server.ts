// The server renders a volunteer's request panels at once; the browser loads them apart (VolunteerRequestPanels.lazy.tsx,
// see app/components/lazy-part.tsx). A `*.server` module is empty in the browser build.
export { OfferClaimContact } from "./VolunteerRequestPanels.lazy";
