/** The detector registry: one entry per provider, first match wins. */
import { gmail } from './gmail';
import { googleCalendar } from './google-calendar';
import { outlookCalendar } from './outlook-calendar';
import { outlookMail } from './outlook-mail';
import type { Detection, Detector } from './types';
import { emptyDetection } from './types';

export const detectors: readonly Detector[] = [gmail, googleCalendar, outlookCalendar, outlookMail];

export function detectorFor(url: URL): Detector | null {
  return detectors.find((d) => d.matches(url)) ?? null;
}

/** Run the detector for `url`; never throws (a broken page yields an empty detection). */
export function detect(doc: Document, url: URL): Detection {
  const detector = detectorFor(url);
  if (!detector) return emptyDetection(null);
  try {
    return detector.detect(doc, url);
  } catch {
    return emptyDetection(detector.provider);
  }
}

export type * from './types';
