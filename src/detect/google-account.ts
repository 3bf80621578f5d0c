/** The signed-in Google account, shared by the Gmail and Google Calendar detectors. */
import { asEmail, findEmail } from './text';

/**
 * The Google bar's account control: aria-label "Google Account: Name (address)", in the page's
 * language ("Google-account", "Google-Konto", "Compte Google", "Cuenta de Google", "Account Google",
 * "Conta do Google", "Konto Google"). The label is a hint; the durable part is the address in it.
 */
export const ACCOUNT_LABELS = ['Google Account', 'Google-account', 'Google-Konto', 'Compte Google', 'Cuenta de Google', 'Account Google', 'Conta do Google', 'Conta Google', 'Konto Google'];
const ACCOUNT_CONTROL = ACCOUNT_LABELS.map((w) => `a[aria-label^="${w}"]`).join(', ');

export function googleAccountFromControl(doc: Document): string | null {
  const known = findEmail(doc.querySelector(ACCOUNT_CONTROL)?.getAttribute('aria-label'));
  if (known) return known;
  // Any other language: the banner's link whose label names Google and an address in brackets.
  for (const a of Array.from(doc.querySelectorAll('header a[aria-label*="Google"], [role=banner] a[aria-label*="Google"]'))) {
    const m = /\(([^()\s]+@[^()\s]+)\)\s*$/.exec(a.getAttribute('aria-label') ?? '');
    if (m) return asEmail(m[1]);
  }
  return null;
}

/** A Calendar event id is base64 of "<event id> <calendar address>" (research §4). */
export function calendarOfEventId(eid: string | null | undefined): string | null {
  if (!eid || eid.length > 400) return null;
  try {
    const b64 = eid.replace(/-/g, '+').replace(/_/g, '/');
    const decoded = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return asEmail(decoded.split(' ')[1]);
  } catch {
    return null;
  }
}
