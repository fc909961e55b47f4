import * as auth from "./messages/auth";
import * as chaptersMessages from "./messages/chapters";
import * as common from "./messages/common";
import * as eventsMessages from "./messages/events";
import * as mailbox from "./messages/mailbox";
import * as profile from "./messages/profile";
import * as regions from "./messages/regions";
import * as roster from "./messages/roster";
import * as tutoring from "./messages/tutoring";
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
];

function merge(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of modules) Object.assign(out, m[locale]);
  return out;
}

const dictionaries: Record<Locale, Record<string, string>> = { id: merge("id"), en: merge("en") };

export function dictionaryFor(locale: Locale): Record<string, string> {
  return dictionaries[locale];
}

export function translator(locale: Locale) {
  const dict = dictionaries[locale];
  return (key: string, params?: Record<string, string | number>) => interpolate(dict[key] ?? key, params);
}

export function interpolate(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
