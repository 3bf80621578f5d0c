/**
 * One tab brings at most TAB_NEW_PEOPLE.max new people per window (issue 16, finding 5), also
 * when its reports arrive together: the review's CI run saw two reports that each read the
 * untouched budget before either was stored, and 1,000 people came in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackground, TAB_NEW_PEOPLE } from '../../src/background/index';
import type { DetectionPayload } from '../../src/messaging/protocol';
import { db } from '../../src/store/db';

const OWN = 'kring-test-id';
const ME = 'sanne.bakker@gmail.com';
const from = (tab: number) => ({ id: OWN, tab: { id: tab }, frameId: 0, origin: 'https://mail.google.com', url: 'https://mail.google.com/mail/u/0/' });

const strangers = (batch: string, n: number): { type: 'capture/detected'; detection: DetectionPayload } => ({
  type: 'capture/detected',
  detection: {
    provider: 'gmail',
    view: 'list',
    account: ME,
    items: Array.from({ length: n }, (_, i) => ({
      kind: 'email' as const,
      id: `${batch}-${i}`,
      subject: `Hello ${i}`,
      at: '2026-11-20T10:00:00+01:00',
      threadId: `t-${batch}-${i}`,
      people: [{ email: `s${i}.${batch}@flood.example`, name: `Stranger ${batch} ${i}`, role: 'from' as const }],
    })),
  },
});

const session = () => {
  const data = new Map<string, unknown>();
  return {
    get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (key: string) => void data.delete(key),
  };
};

afterEach(() => vi.useRealTimers());

describe('new people per tab', () => {
  it('two reports arriving together share one budget; another tab and a later window have their own', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T09:00:00Z'));
    const receive = startBackground({ ownId: OWN, extensionOrigin: `chrome-extension://${OWN}`, session: session() });
    await Promise.all([receive(strangers('a', 400), from(1)), receive(strangers('b', 400), from(1))]);
    expect(await db().people.count()).toBe(TAB_NEW_PEOPLE.max);

    await receive(strangers('c', 10), from(2));
    expect(await db().people.count()).toBe(TAB_NEW_PEOPLE.max + 10);

    await receive(strangers('d', 10), from(1));
    expect(await db().people.count()).toBe(TAB_NEW_PEOPLE.max + 10);
    vi.setSystemTime(new Date(Date.now() + TAB_NEW_PEOPLE.windowMs + 1));
    await receive(strangers('d', 10), from(1));
    expect(await db().people.count()).toBe(TAB_NEW_PEOPLE.max + 20);
  });
});
