/** Mail header labels and "Name <address>" text, shared by the detectors that read labelled headers. */
import { cleanName } from './text';
import type { Role } from './types';

/** Header labels by role, English, Dutch, German, French, Spanish. Matched on the whole label. */
const LABELS: readonly [RegExp, Role][] = [
  [/^(?:from|van|von|de|sender|afzender|absender|expéditeur|remitente)$/i, 'from'],
  [/^(?:to|aan|an|à|a|para|recipients?|ontvangers?|empfänger|destinataires?)$/i, 'to'],
  [/^(?:cc|kopie|copie|copia)$/i, 'cc'],
  [/^(?:bcc|bcc-kopie|cci|cco)$/i, 'bcc'],
];
/** The longest text a label can have; longer text is not looked at (a hostile page can be huge). */
export const MAX_LABEL_LENGTH = 40;

/** The role a header label ("From:", "Aan", "CC") names, or null. */
export function headerRole(label: string): Role | null {
  if (label.length > MAX_LABEL_LENGTH) return null;
  const text = label.replace(/[:\s\u00a0]+$/, '').trim();
  if (text.length === 0 || text.length > 20) return null;
  for (const [re, role] of LABELS) if (re.test(text)) return role;
  return null;
}

/** The name in "Name <address>" text (quotes and the address removed), or null. */
export const nameBeside = (text: string, email: string): string | null => cleanName(text.replace(/<[^>]*>/g, '').replace(email, '').replace(/["']/g, ''));
