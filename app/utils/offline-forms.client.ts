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

function message(): string {
  return document.documentElement.lang === "en"
    ? "No internet connection. What you typed is still here: press the button again once you are connected."
    : "Tidak ada sambungan internet. Isian Anda masih di sini: tekan tombolnya lagi setelah tersambung.";
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
