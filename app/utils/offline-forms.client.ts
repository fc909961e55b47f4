/**
 * A form sent while the phone has no connection. Remix would fetch, fail, and put the error page in place of the page,
 * and what was typed would be gone. The browser knows it is offline, so the submit is held back before Remix sees it
 * (a listener on window, capturing: it runs before React's on the document) and the form says so next to the button
 * pressed. The fields keep what was typed; the same button sends it once the phone is back online. Loaded after
 * hydration (entry.client.tsx); before that a form is sent by the browser itself, whose offline page sends it again on
 * reload.
 *
 * A weak signal is worse: the phone believes it is online, the request goes and its answer never comes. Remix then
 * shows the error page (root.tsx: "reload this page and check before sending again") and the form is gone. So what a
 * form sends is also kept in this tab's sessionStorage until its answer comes; when the answer never came, reloading
 * the page puts it back in the form with a note to check it (`restoreLostForm`). Passwords and files are never kept.
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

/** The note over a form put back after its request was lost (`common.lostRestored`, kept equal by the same test). */
export const LOST_RESTORED = {
  id: "Kiriman Anda tadi mungkin belum sampai. Isiannya dikembalikan di sini: periksa, lalu kirim lagi.",
  en: "What you sent earlier may not have arrived. It is back in the form: check it, then send it again.",
} as const;

const english = () => document.documentElement.lang === "en";
const message = () => (english() ? OFFLINE_HELD.en : OFFLINE_HELD.id);

/** sessionStorage keys: the form last sent from this tab, and whether its request failed. */
const SENT = "simpul:form-sent";
const LOST = "simpul:form-lost";
/** A form lost longer ago than this is not put back: the page may have moved on. */
const KEEP_MS = 60 * 60_000;

/** `button`: the pressed button's place among the form's elements (the note goes above it), or -1 */
type Snapshot = { path: string; at: number; form: number; button: number; fields: [name: string, value: string, checked: boolean | null][] };

/** What a person typed in the form: no password, file, hidden field (the page's own) or button. */
export function snapshotOf(form: HTMLFormElement, submitter: Element | null, path: string, at: number): Snapshot {
  const fields: Snapshot["fields"] = [];
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name || el.disabled) continue;
    if (el instanceof HTMLInputElement) {
      if (["password", "file", "hidden", "submit", "button", "reset", "image"].includes(el.type)) continue;
      if (el.type === "checkbox" || el.type === "radio") {
        fields.push([el.name, el.value, el.checked]);
        continue;
      }
    }
    if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.options)) fields.push([el.name, o.value, o.selected]);
      continue;
    }
    fields.push([el.name, el.value, null]);
  }
  const button = submitter ? Array.from(form.elements).indexOf(submitter) : -1;
  return { path, at, form: Array.from(document.forms).indexOf(form), button, fields };
}

function store(key: string, value: string | null) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage full or refused (private mode): the form simply is not kept
  }
}

/** Keeps what a form sends until its answer comes; marks it lost when the request fails. */
function keepSent(form: HTMLFormElement, submitter: Element | null) {
  if (form.method.toLowerCase() !== "post") return;
  store(SENT, JSON.stringify(snapshotOf(form, submitter, location.pathname + location.search, Date.now())));
  store(LOST, null);
}

function keepSentForms() {
  const send = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method === "GET" || method === "HEAD") return send(input, init);
    try {
      const response = await send(input, init);
      store(SENT, null); // an answer came, whatever it says: the page shows it
      return response;
    } catch (error) {
      if (!(init?.signal?.aborted ?? false)) store(LOST, "1");
      throw error;
    }
  };
}

/** React has taken the element over (set when it hydrates it): changed before that, the change would be undone. */
const hydrated = (el: Element) => Object.keys(el).some((k) => k.startsWith("__reactProps$"));

/** Sets a field as typing would, so that a React-controlled field takes the value too (its tracker sees a change). */
function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string, event: "input" | "change") {
  if (el.value === value) return;
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event(event, { bubbles: true }));
}

/**
 * After a reload of the page whose request was lost: the form as it was sent, with a note above its button. This chunk
 * may arrive while React is still hydrating, and a form changed under it would be thrown away: it waits for the page
 * to say it is hydrated (root.tsx), and each field for React to have taken it over (a lazy part hydrates later).
 */
export function restoreLostForm(waited = 0) {
  if (document.documentElement.dataset.hydrated === undefined) {
    if (waited < 20_000) setTimeout(() => restoreLostForm(waited + 50), 50);
    return;
  }
  let snap: Snapshot | null = null;
  try {
    if (sessionStorage.getItem(LOST) === "1") snap = JSON.parse(sessionStorage.getItem(SENT) ?? "null") as Snapshot | null;
  } catch {
    snap = null;
  }
  if (!snap) return;
  if (snap.path !== location.pathname + location.search || Date.now() - snap.at > KEEP_MS) {
    if (Date.now() - snap.at > KEEP_MS) [SENT, LOST].forEach((k) => store(k, null));
    return;
  }
  store(SENT, null);
  store(LOST, null);
  const form = document.forms[snap.form];
  if (!form) return;
  let pending = snap.fields;
  // a list that depends on another (kecamatan after kabupaten) fills in once the one before it is set: a few rounds
  const round = (left: number) => {
    const missing: Snapshot["fields"] = [];
    for (const field of pending) {
      const [name, value, checked] = field;
      const els = Array.from(form.elements).filter((el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => (el as HTMLInputElement).name === name);
      let done = false;
      for (const el of els) {
        if (!hydrated(el)) break; // a lazy part (the region lists) hydrates later: its fields wait for it
        if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
          if (el.value !== value) continue;
          if (el.checked !== checked && (el.type === "checkbox" || checked)) el.click(); // as a tap: React's controlled boxes follow
          done = true;
        } else if (el instanceof HTMLSelectElement) {
          const option = Array.from(el.options).find((o) => o.value === value);
          if (!option) continue;
          if (el.multiple) option.selected = Boolean(checked);
          else setValue(el, value, "change");
          done = true;
        } else if (!(el instanceof HTMLInputElement && ["password", "file", "hidden"].includes(el.type))) {
          setValue(el, value, "input");
          done = true;
        }
        if (done) break;
      }
      if (!done) missing.push(field);
    }
    pending = missing;
    if (pending.length && left > 0) setTimeout(() => round(left - 1), 150);
  };
  round(100);
  // above the button pressed (the form's last if that one is gone), once React has it: inside a part still
  // hydrating (the region lists' own "next" button) the note would undo the part
  const buttons = form.querySelectorAll<HTMLElement>('button[type="submit"], button:not([type]), input[type="submit"]');
  const pressed = form.elements[snap.button];
  const button = pressed instanceof HTMLElement && Array.from(buttons).includes(pressed) ? pressed : buttons[buttons.length - 1];
  const text = english() ? LOST_RESTORED.en : LOST_RESTORED.id;
  const place = (left: number) => {
    if (button && !hydrated(button) && left > 0) return void setTimeout(() => place(left - 1), 150);
    const note = Object.assign(document.createElement("p"), { className: "form-error", textContent: text });
    note.setAttribute(NOTE, "");
    note.setAttribute("role", "alert");
    if (button && hydrated(button)) button.before(note);
    else form.before(note);
  };
  place(100);
}

export function holdOfflineSubmits() {
  window.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      form.querySelector(`[${NOTE}]`)?.remove();
      if (navigator.onLine) return keepSent(form, (event as SubmitEvent).submitter);
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
  keepSentForms();
  restoreLostForm();
}
