// The region picker as a part loaded apart from its page (see app/components/lazy-part.tsx): the server renders it
// with the page, its "next" button works until the code has come, then the lists load by themselves.
import "~/i18n/strings/lazy/components/RegionPicker.lazy";

export { RegionPicker } from "./RegionPicker";
