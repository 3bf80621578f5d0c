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

export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(ms);
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "Nov 13" this year, "Nov 13, 2025" otherwise: fits narrow columns. */
export function formatShortDate(ms: number, now = Date.now()): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(uiLanguage(), sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(ms);
}
