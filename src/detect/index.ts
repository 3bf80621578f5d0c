/** The detector registry: one entry per provider, first match wins. */
import { generic } from './generic';
import { gmail } from './gmail';
import { googleCalendar } from './google-calendar';
import { outlookCalendar } from './outlook-calendar';
import { outlookMail } from './outlook-mail';
import { proton } from './proton';
import { roundcube } from './roundcube';
import { sogo } from './sogo';
import { yahoo } from './yahoo';
import { receive } from './receive';
import type { Detection, Detector, PageAddress } from './types';
import { emptyDetection } from './types';

/** The hosted webmails by host; then, for the sites a user turned Kring on for: Proton and Yahoo by
 * host, SOGo and Roundcube by their addresses, and the cautious generic detector for anything else
 * (it matches every page). */
export const detectors: readonly Detector[] = [gmail, googleCalendar, outlookCalendar, outlookMail, proton, yahoo, sogo, roundcube, generic];

/** What a site the user turned Kring on for runs (entrypoints/site.content). */
export const siteDetectors: readonly Detector[] = [proton, yahoo, sogo, roundcube, generic];

export function detectorFor(url: PageAddress): Detector | null {
  return detectors.find((d) => d.matches(url)) ?? null;
}

/** Run the detector for `url`; never throws (a broken page yields an empty detection). */
export function detect(doc: Document, url: PageAddress, now?: number): Detection {
  const detector = detectorFor(url);
  if (!detector) return emptyDetection(null);
  try {
    // What the background does on receipt is done here too (./receive.ts).
    return receive(detector.detect(doc, url, now));
  } catch {
    return emptyDetection(detector.provider);
  }
}

export type * from './types';
