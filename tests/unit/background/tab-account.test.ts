/**
 * The account a page names stays pending until the user answers (issue 16), on that page only.
 * A page that shows the open message in a frame of its own (Roundcube) reports it without the
 * account; that frame's report is the same user's, so the user never becomes one of their own
 * contacts while the question waits.
 */
import { describe, expect, it } from 'vitest';
import { startBackground } from '../../../src/background/index';
import type { DetectionPayload } from '../../../src/messaging/protocol';
import { db } from '../../../src/store/db';
import { SETTING, getSetting } from '../../../src/store/settings';

const OWN = 'kring-test-id';
const ME = 'sanne@example.test';
const SITE = 'https://webmail.example.test';
const frame = (tab: number, frameId: number) => ({ id: OWN, tab: { id: tab, url: `${SITE}/?_task=mail` }, frameId, origin: SITE, url: `${SITE}/?_task=mail` });
const sites = { list: async () => [SITE], onChange: () => {} };

const report = (id: string, account: string | null, view: string, people: DetectionPayload['items'][number]['people']) => ({
  type: 'capture/detected' as const,
  detection: { provider: 'roundcube', view, account, items: [{ kind: 'email' as const, id, subject: id, at: '2026-11-20T10:00:00+01:00', threadId: id, people }] },
});

const session = () => {
  const data = new Map<string, unknown>();
  return {
    get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (key: string) => void data.delete(key),
  };
};

const addresses = async () => (await db().addresses.toArray()).map((a) => a.address).sort();

describe('the account of a tab', () => {
  it('a frame of the page that names the account is read as the same user; another tab is not', async () => {
    const receive = startBackground({ ownId: OWN, extensionOrigin: `chrome-extension://${OWN}`, session: session(), sites });
    await receive(report('list', ME, 'list', [{ email: 'pieter@devries.nl', name: 'Pieter de Vries', role: 'from' }]), frame(1, 0));
    expect((await getSetting<{ key: string }[]>(db(), SETTING.pendingOwn, [])).map((p) => p.key)).toEqual([ME]);

    // A sent message opened in a sub-frame of the same tab, without the account: the user wrote it.
    const sent = (id: string) => report(id, null, 'message', [{ email: ME, name: 'Sanne Bakker', role: 'from' }, { email: 'lars@visser.design', name: 'Lars Visser', role: 'to' }]);
    await receive(sent('open'), frame(1, 4));
    expect(await addresses()).toEqual(['lars@visser.design', 'pieter@devries.nl']);
    const lars = await db().addresses.get('lars@visser.design');
    expect((await db().interactions.where('personId').equals(lars!.personId).toArray()).map((i) => i.direction)).toEqual(['out']);

    // Another tab that never named the account has no claim to borrow.
    await receive(sent('other'), frame(2, 0));
    expect(await addresses()).toContain(ME);
  });
});
