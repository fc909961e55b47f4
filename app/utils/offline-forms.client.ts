/**
 * A form sent while the phone has no connection. Remix would fetch, fail, and put the error page in place of the page,
 * and what was typed would be gone. The browser knows it is offline, so the submit is held back before Remix sees it
 * (a listener on window, capturing: it runs before React's on the document) and the form says so next to the button
 * pressed. The fields keep what was typed; the same button sends it once the phone is back online. Loaded after
 * hydration (entry.client.tsx); before that a form is sent by the browser itself, whose offline page sends it again on
 * reload. A request that fails while the phone believes it is online ends on the error page, which says the connection
 * was lost (root.tsx).
 */
const NOTE = "data-offline-note";

/**
 * The note's text, as `common.offlineHeld` says it in the dictionaries (tests/unit/offline-forms.test.ts keeps the
 * two equal). Written here, not looked up: this chunk runs on every page, whose strings are only its routes'.
 */
export const OFFLINE_HELD = {
  id: "Tidak ada sambungan internet. Isian Anda masih di sini: tekan tombolnya lagi setelah tersambung.",
  en: "No internet connection. What you typed is still here: press the button again once you are connected.",
} as const;

function message(): string {
  return document.documentElement.lang === "en" ? OFFLINE_HELD.en : OFFLINE_HELD.id;
}

export function holdOfflineSubmits() {
  window.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      form.querySelector(`[${NOTE}]`)?.remove();
      if (navigator.onLine) return;
      event.preventDefault();
      event.stopPropagation();
      const note = Object.assign(document.createElement("p"), { className: "form-error", textContent: message() });
      note.setAttribute(NOTE, "");
      note.setAttribute("role", "alert");
      const submitter = (event as SubmitEvent).submitter;
      if (submitter && form.contains(submitter)) submitter.before(note);
      else form.prepend(note);
    },
    true,
  );
  window.addEventListener("online", () => document.querySelectorAll(`[${NOTE}]`).forEach((n) => n.remove()));
}
