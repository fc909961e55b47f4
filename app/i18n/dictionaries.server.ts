import * as auth from "./messages/auth";
import * as chaptersMessages from "./messages/chapters";
import * as common from "./messages/common";
import * as eventsMessages from "./messages/events";
import * as mailbox from "./messages/mailbox";
import * as privacy from "./messages/privacy";
import * as profile from "./messages/profile";
import * as publicMessages from "./messages/public";
import * as regions from "./messages/regions";
import * as reportsMessages from "./messages/reports";
import * as roster from "./messages/roster";
import * as telecentersMessages from "./messages/telecenters";
import * as tutoring from "./messages/tutoring";
import { createHash } from "node:crypto";
import type { Locale } from "./locale";

/**
 * Each domain keeps its strings in messages/<domain>.ts ({ id, en }, en typed against id's keys).
 * Add the module here; keys are prefixed by domain so they never collide.
 */
const modules = [
  roster,
  common,
  auth,
  regions,
  mailbox,
  profile,
  eventsMessages,
  chaptersMessages,
  tutoring,
  reportsMessages,
  telecentersMessages,
  privacy,
  publicMessages,
];

function merge(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of modules) Object.assign(out, m[locale]);
  return out;
}

const dictionaries: Record<Locale, Record<string, string>> = { id: merge("id"), en: merge("en") };

/** The whole dictionary: for emails, PDFs, translator(); pages get only their routes' strings (app/i18n/registry.ts). */
export function dictionaryFor(locale: Locale): Record<string, string> {
  return dictionaries[locale];
}

export function translator(locale: Locale) {
  const dict = dictionaries[locale];
  return (key: string, params?: Record<string, string | number>) => {
    const q = key.indexOf("?");
    if (q > 0 && !(key in dict)) return interpolate(dict[key.slice(0, q)] ?? key, { ...Object.fromEntries(new URLSearchParams(key.slice(q + 1))), ...params });
    return interpolate(dict[key] ?? key, params);
  };
}

export function interpolate(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * The whole English dictionary as a script with a content hash in its URL (/i18n/en.<version>.js, cached for a
 * year): English pages load it once; Indonesian pages carry only their route's strings (app/i18n/registry.ts).
 */
let english: { version: string; body: string } | undefined;
export function englishScript(): { version: string; body: string } {
  if (!english) {
    const json = JSON.stringify(dictionaries.en).replace(/</g, "\\u003c");
    const version = createHash("sha256").update(json).digest("hex").slice(0, 12);
    english = { version, body: `window.__simpulI18nEn={"version":${JSON.stringify(version)},"messages":${json}};` };
  }
  return english;
}
