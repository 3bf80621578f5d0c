/**
 * Yahoo Mail (mail.yahoo.com), for users who turn Kring on there. Reconstructed from the selectors
 * maintained extensions use (Mailvelope's providerSpecific.js and others, summarised in
 * ../shared/research/webmail-selectors.md §5); not checked against the live service.
 *
 * An open message is `[data-test-id="message-view"]`; its sender is the pill in
 * `[data-test-id="message-from"] [data-test-id="email-pill"]`, recipients the pills in
 * `[data-test-id="message-to"]` (and `message-cc`). A pill carries the address in `data-email`,
 * `title` or a `mailto:` link, the name in its first text span. The body
 * (`[data-test-id="message-view-body"]`) is never read.
 */
import { parseDisplayedDate } from './dates';
import { asEmail, cleanName, cleanText, findEmail } from './text';
import type { DetectedPerson, Detection, Detector, Role, PageAddress } from './types';
import { emptyDetection } from './types';

function pills(root: Element | null, role: Role): DetectedPerson[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll('[data-test-id="email-pill"]')).flatMap((pill) => {
    const link = pill.querySelector('a[href^="mailto:" i]') ?? (pill.matches('a[href^="mailto:" i]') ? pill : null);
    const email = asEmail(pill.getAttribute('data-email')) ?? findEmail(pill.getAttribute('title')) ?? asEmail(link?.getAttribute('href')) ?? findEmail(pill.textContent);
    if (!email) return [];
    const name = Array.from(pill.querySelectorAll('span')).map((s) => cleanName(s.textContent)).find((n) => n !== null) ?? null;
    return [{ email, name, role }];
  });
}

export const yahoo: Detector = {
  provider: 'yahoo',
  matches: (url) => /^mail\.yahoo\.[a-z.]+$/.test(url.hostname),
  detect(doc: Document, url: PageAddress): Detection {
    const views = Array.from(doc.querySelectorAll('[data-test-id="message-view"]'));
    if (views.length === 0) return emptyDetection('yahoo', doc.querySelector('[data-test-id="message-list-item"]') ? 'list' : 'other');
    const subject = cleanText(doc.querySelector('[data-test-id="message-group-subject-text"], [data-test-id="message-subject"]')?.textContent);
    // …/messages/<id> in the address: the open message.
    const fromUrl = /\/messages\/(\d+)/.exec(url.pathname)?.[1] ?? null;
    const items = views.flatMap((view) => {
      const from = pills(view.querySelector('[data-test-id="message-from"]'), 'from');
      if (from.length === 0) return [];
      const people = [...from.slice(0, 1), ...pills(view.querySelector('[data-test-id="message-to"]'), 'to'), ...pills(view.querySelector('[data-test-id="message-cc"]'), 'cc')];
      const id = view.getAttribute('data-test-msg-id') ?? (views.length === 1 ? fromUrl : null);
      return [{ kind: 'email' as const, id, subject, at: parseDisplayedDate(view.querySelector('[data-test-id="message-date"]')?.getAttribute('title') ?? view.querySelector('[data-test-id="message-date"]')?.textContent ?? null), threadId: null, people }];
    });
    return { provider: 'yahoo', view: 'thread', account: null, items };
  },
};
