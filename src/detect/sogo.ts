/**
 * SOGo webmail (…/SOGo/so/<user>/Mail/…), for users who turn Kring on there. Reconstructed from
 * SOGo's own message template (Alinto/sogo, UI/Templates/MailerUI/UIxMailViewTemplate.wox) and
 * ../shared/research/webmail-selectors.md §5; not checked against a live server.
 *
 * The open message: the subject in `h5`, the sender as a name (`.md-list-item-text span`) and an
 * address link (`a.md-caption`) beside the avatar, then `.msg-recipients` with one labelled block
 * (`.pseudo-input-container--compact` with `label.pseudo-input-label`) per kind, each recipient a
 * link whose text is "Name <address>". The body (`.msg-body`) is never read.
 */
import { parseDisplayedDate } from './dates';
import { headerRole, nameBeside } from './labels';
import { cleanName, cleanText, findEmail } from './text';
import type { DetectedPerson, Detection, Detector, Role } from './types';
import { emptyDetection } from './types';

/** "Name <address>" as SOGo prints a recipient. */
function fromFull(text: string | null, role: Role): DetectedPerson | null {
  const email = findEmail(text);
  return email && text ? { email, name: nameBeside(text, email), role } : null;
}

export const sogo: Detector = {
  provider: 'sogo',
  matches: (url) => /\/SOGo\//.test(url.pathname),
  detect(doc: Document): Detection {
    const recipients = doc.querySelector('.msg-recipients');
    const card = recipients?.closest('md-card-content, md-card, .sg-face') ?? null;
    if (!recipients || !card) return emptyDetection('sogo', doc.querySelector('md-list, .sg-message-list') ? 'list' : 'other');
    const people: DetectedPerson[] = [];
    const senderBox = recipients.parentElement?.querySelector('.md-list-item-text') ?? null;
    const senderEmail = findEmail(senderBox?.querySelector('a')?.textContent ?? null);
    if (senderEmail) people.push({ email: senderEmail, name: cleanName(senderBox?.querySelector('span')?.textContent), role: 'from' });
    for (const block of Array.from(recipients.querySelectorAll('.pseudo-input-container--compact'))) {
      const role = headerRole(block.querySelector('label')?.textContent ?? '');
      if (!role) continue;
      // The detailed list (links with the full "Name <address>"), not the shortened summary line.
      for (const a of Array.from(block.querySelectorAll('span > a'))) {
        const p = fromFull(a.textContent, role);
        if (p && !people.some((x) => x.email === p.email)) people.push(p);
      }
    }
    if (!senderEmail) return { provider: 'sogo', view: 'message', account: null, items: [], failure: 'no-people' };
    return {
      provider: 'sogo',
      view: 'message',
      account: null,
      items: [{ kind: 'email', id: null, subject: cleanText(card.querySelector('h5')?.textContent), at: parseDisplayedDate(card.querySelector('time.msg-date')?.textContent ?? null), threadId: null, people }],
    };
  },
};
