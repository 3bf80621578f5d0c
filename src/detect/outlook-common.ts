/**
 * Shared by the Outlook mail and calendar detectors: the signed-in account and the people in a
 * header. Outlook's class names are hashed per build; only ids, roles, ARIA labels, titles and
 * mailto: links are read (../shared/research/webmail-selectors.md §2).
 */
import { asEmail, cleanName, findEmail } from './text';
import type { DetectedPerson, Role } from './types';

const SEL = {
  /** Microsoft's account control ("MeControl"): name and address of the signed-in user. */
  accountAddress: '[id="mectrl_currentAccount_secondary"]',
  accountName: '[id="mectrl_currentAccount_primary"]',
  accountButton: '[id="O365_MainLink_Me"], [id="mectrl_headerPicture"]',
  /** One person chip: the persona button (evidence: button "Opens card for <name>"). */
  chip: '[aria-label^="Opens card for "], [aria-label^="Opent kaart voor "], [aria-label^="Kaart openen voor "], a[href^="mailto:"]',
} as const;

const CHIP_PREFIX = /^(opens card for|opent kaart voor|kaart openen voor)\s+/i;

export function outlookAccount(doc: Document): { account: string | null; accountName: string | null } {
  const account =
    asEmail(doc.querySelector(SEL.accountAddress)?.textContent) ?? findEmail(doc.querySelector(SEL.accountButton)?.getAttribute('aria-label'));
  const name = cleanName(doc.querySelector(SEL.accountName)?.textContent);
  return { account, accountName: name };
}

/** Role of a header line from its label: "From:", "To:", "Cc:", "Bcc:" (and Dutch). */
export function headerRole(label: string | null | undefined): Role | null {
  const m = /^\s*(from|van|to|aan|cc|bcc)\s*:/i.exec(label ?? '');
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  return w === 'from' || w === 'van' ? 'from' : w === 'to' || w === 'aan' ? 'to' : (w as Role);
}

/** The people of one header line: each chip's name and, where the page has it, its address. */
export function chipsIn(el: Element, role: Role, account: string | null): DetectedPerson[] {
  const out: DetectedPerson[] = [];
  const seen = new Set<string>();
  for (const chip of Array.from(el.querySelectorAll(SEL.chip))) {
    if (chip.parentElement?.closest(SEL.chip)) continue; // a mailto inside a chip is the same person
    const titles = [chip, ...Array.from(chip.querySelectorAll('[title]'))].map((e) => e.getAttribute('title'));
    const href = chip.getAttribute('href') ?? chip.querySelector('a[href^="mailto:"]')?.getAttribute('href');
    const email = titles.map((t) => findEmail(t)).find(Boolean) ?? asEmail(href?.replace(/\?.*$/, '')) ?? null;
    const label = chip.getAttribute('aria-label')?.replace(CHIP_PREFIX, '');
    const name = email !== null && email === account ? null : cleanName(label ?? chip.textContent);
    if (!email && !name) continue;
    const key = email ?? `~${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ email, name, role });
  }
  return out;
}
