/**
 * Proton Mail (mail.proton.me), for users who turn Kring on there. Reconstructed from Proton's own
 * source (ProtonMail/WebClients, applications/mail/src/app/components/message/recipients/:
 * RecipientItemLayout.tsx, RecipientType.tsx, RecipientsDetails.tsx) as summarised in
 * ../shared/research/webmail-selectors.md §5; not checked against the live service.
 *
 * Each expanded message has its sender (`[data-testid="recipients:sender"]`, or in older builds the
 * first `.message-recipient-item` outside the recipient blocks) and one block per recipient kind,
 * `[data-testid="message-header-expanded:<label>"]`, the label translated (To/CC/BCC, Aan, An…).
 * A recipient item shows the name (`.message-recipient-item-label`, `[data-testid="recipient-label"]`)
 * and the address as text in angle brackets (`.message-recipient-item-address`,
 * `[data-testid="recipient-address"]`). Quoted text is in the body, never read.
 */
import { parseDisplayedDate, toLocalIso } from './dates';
import { headerRole } from './labels';
import { asEmail, cleanName, cleanText, findEmail } from './text';
import type { DetectedPerson, Detection, Detector, Role, PageAddress } from './types';
import { emptyDetection } from './types';

const ITEM = '.message-recipient-item, [data-testid="recipient-item"]';
const LABEL = '[data-testid="recipient-label"], .message-recipient-item-label';
const ADDRESS = '[data-testid="recipient-address"], .message-recipient-item-address';

function person(item: Element, role: Role): DetectedPerson | null {
  const email = findEmail(item.querySelector(ADDRESS)?.textContent ?? null) ?? findEmail(item.getAttribute('title'));
  if (!email) return null;
  return { email, name: cleanName(item.querySelector(LABEL)?.textContent), role };
}

function messageDate(root: Element): string | null {
  const time = root.querySelector('[data-testid="item-date-simple"], [data-testid="item-date-full"], time');
  const iso = time?.getAttribute('datetime');
  if (iso) {
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return toLocalIso(d);
  }
  return parseDisplayedDate(time?.textContent ?? null);
}

export const proton: Detector = {
  provider: 'proton',
  matches: (url) => /^mail\.proton(?:mail)?\.(?:me|com|ch)$/.test(url.hostname),
  detect(doc: Document, url: PageAddress): Detection {
    const headers = Array.from(doc.querySelectorAll('.message-header, [data-testid="message-header-expanded"]'));
    if (headers.length === 0) return emptyDetection('proton', doc.querySelector('[data-testid="message-list"], .items-column-list') ? 'list' : 'other');
    const subject = cleanText(doc.querySelector('[data-testid="conversation-header:subject"], h1')?.textContent);
    // The conversation's id is in the address (…/inbox/<conversation>). A message's own id is not
    // on the page: id null, and Kring keys the message by what it shows (sender, date, subject).
    const conversation = url.pathname.split('/').filter(Boolean).at(-1) ?? null;
    const items = headers.flatMap((header) => {
      const blocks = Array.from(header.querySelectorAll('[data-testid^="message-header-expanded:"]'));
      const senderRoot = header.querySelector('[data-testid="recipients:sender"]');
      const senderItem = senderRoot?.matches(ITEM) ? senderRoot : (senderRoot?.querySelector(ITEM) ?? Array.from(header.querySelectorAll(ITEM)).find((i) => !blocks.some((b) => b.contains(i))));
      const people: DetectedPerson[] = [];
      const from = senderItem ? person(senderItem, 'from') : null;
      if (from) people.push(from);
      for (const block of blocks) {
        const role = headerRole((block.getAttribute('data-testid') ?? '').split(':')[1] ?? '');
        if (!role) continue;
        for (const item of Array.from(block.querySelectorAll(ITEM))) {
          const p = person(item, role);
          if (p) people.push(p);
        }
      }
      if (!from) return [];
      return [{ kind: 'email' as const, id: null, subject, at: messageDate(header), threadId: conversation, people }];
    });
    // The title reads "<subject> | <account> | Proton Mail".
    const parts = doc.title.split(' | ');
    const account = parts.length >= 3 ? asEmail(parts.at(-2)) : null;
    return { provider: 'proton', view: 'thread', account, items };
  },
};
