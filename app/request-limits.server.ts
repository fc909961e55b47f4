import { IMPORT_MAX_BYTES } from "~/models/chapters/roster.server";
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from "~/models/events/outcomes.server";
import { SURVEY_PHOTO_MAX } from "~/models/telecenters/responses.server";
import { FORM_BODY_LIMIT, type BodyLimit } from "~/services/http.server";

/** Room for the multipart boundaries and the text fields next to the files. */
const MULTIPART_SLACK = 256 * 1024;

/**
 * The largest body each route accepts, checked by server.ts on the bytes as they arrive. Only the three upload
 * forms get more than a plain form, each its own documented maximum; their bodies are streamed, not buffered.
 */
export function bodyLimitFor(pathname: string): BodyLimit {
  // the outcome report: up to PHOTO_MAX_COUNT photos of PHOTO_MAX_BYTES each
  if (/^\/events\/[^/]+\/report\/?$/.test(pathname)) return { bytes: PHOTO_MAX_COUNT * PHOTO_MAX_BYTES + MULTIPART_SLACK, stream: true };
  // a survey section: at most a few photo questions, SURVEY_PHOTO_MAX photos each
  if (/^\/telecenter\/survey\/[^/]+\/?$/.test(pathname)) return { bytes: 3 * SURVEY_PHOTO_MAX * PHOTO_MAX_BYTES + MULTIPART_SLACK, stream: true };
  // the roster CSV: IMPORT_MAX_BYTES, and the confirm step posts the same text back
  if (/^\/chapters\/[^/]+\/roster\/import\/?$/.test(pathname)) return { bytes: 2 * IMPORT_MAX_BYTES + MULTIPART_SLACK, stream: false };
  return { bytes: FORM_BODY_LIMIT, stream: false };
}
