/** The signed-in Google account, shared by the Gmail and Google Calendar detectors. */
import { asEmail, findEmail } from './text';

/** The Google bar's account control: aria-label "Google Account: Name (address)". */
const ACCOUNT_CONTROL = 'a[aria-label^="Google Account"], a[aria-label^="Google-account"]';

export function googleAccountFromControl(doc: Document): string | null {
  return findEmail(doc.querySelector(ACCOUNT_CONTROL)?.getAttribute('aria-label'));
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
