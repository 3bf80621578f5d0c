/**
 * UI strings come from `_locales/<lang>/messages.json` through `browser.i18n`, so the UI follows
 * the browser's language (English and Dutch). No user-facing string lives in UI code.
 */
import { browser } from 'wxt/browser';

export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage?.() || navigator.language || 'en';
}

/**
 * Intl formatters are slow to construct (locale negotiation) and lists format many dates: one
 * formatter per kind and language, built once (bench: popup with 50 due people).
 */
const formatters = new Map<string, { format(x: number): string }>();
export function cachedFormat<T extends { format(x: number): string }>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  cachedFormat(`date:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(uiLanguage(), options));

export function formatDate(ms: number): string {
  return dateFormat({ dateStyle: 'medium' }).format(ms);
}

export function formatDateTime(ms: number): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "Nov 13" this year, "Nov 13, 2025" otherwise: fits narrow columns. */
export function formatShortDate(ms: number, now = Date.now()): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return dateFormat(sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(ms);
}
