const PROBE_ORIGIN = "http://simpul.invalid";

/**
 * The one check for every redirect target that came from a request (redirectTo, back links): only a path on this
 * site, otherwise the fallback. Browsers drop tabs and newlines inside URLs and read "\" as "/", so
 * "/\t/evil.example" or "/\\evil.example" would leave the site; a newline would also break the Location header.
 * Control characters and backslashes (also percent-encoded) are refused outright; what remains must resolve to
 * our own origin, and the normalised path must still start with a single "/".
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // normalising can make the path protocol-relative ("/.//evil.example", "/x/..//evil.example"): check it again
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
