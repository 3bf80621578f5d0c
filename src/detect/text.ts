/** Small text helpers shared by the detectors. Pure; no browser APIs beyond the DOM given. */
import { MAX_ADDRESS } from './types';

// Deliberately simple: a page attribute either holds one address or it does not.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
/** Separators between the tokens an address can be one of. */
const TOKEN_SEPARATORS = /[\s<>()[\]\\,;:"'=]+/;

/** Longest text we keep from a page for a name or subject; hostile pages can be huge. */
export const MAX_TEXT = 300;

/** A lower-cased address if `value` is exactly one address, else null. */
export function asEmail(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().replace(/^mailto:/i, '').toLowerCase();
  return v.length <= MAX_ADDRESS && EMAIL.test(v) ? v : null;
}

/**
 * The first address inside free text ("Alex <alex@x.nl>"), lower-cased. A linear scan over
 * tokens: a regular expression looking for "something@" backtracks quadratically over a long run
 * without an @, and page text is attacker-controlled (tests/fixtures/hostile).
 */
export function findEmail(text: string | null | undefined): string | null {
  if (!text || !text.includes('@')) return null;
  for (const token of text.split(TOKEN_SEPARATORS)) {
    if (!token.includes('@')) continue;
    const e = asEmail(token.replace(/^[.]+|[.]+$/g, ''));
    if (e) return e;
  }
  return null;
}

/** Collapse whitespace, trim, bound the length; empty becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const v = value.replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, MAX_TEXT) : null;
}

/** A display name as shown, or null when it is empty or just an address. */
export function cleanName(value: string | null | undefined): string | null {
  const v = cleanText(value);
  if (!v || v.includes('@')) return null;
  return v;
}

/** Visible in the sense a saved page can tell: not hidden by attribute or inline style. */
export function looksHidden(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
    const style = e.getAttribute('style');
    if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  }
  return false;
}
