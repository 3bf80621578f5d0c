import { describe, expect, it, vi } from 'vitest';
import { createMessageServer, type DropReason } from '../../../src/messaging/server';
import { classifySender } from '../../../src/messaging/sender';

const OWN = 'kringkringkringkringkringkringkr';
const EXT_ORIGIN = `chrome-extension://${OWN}`;
const gmailTab = { id: OWN, tab: { id: 7 }, frameId: 0, origin: 'https://mail.google.com', url: 'https://mail.google.com/mail/u/0/' };

const validCapture = {
  type: 'capture/detected',
  detection: {
    provider: 'gmail',
    view: 'thread',
    account: 'me@example.com',
    items: [
      {
        kind: 'email',
        id: 'abc',
        subject: 'Hi',
        at: '2026-11-20T15:42:00+01:00',
        people: [{ email: 'a@example.com', name: 'A', role: 'from' }],
        threadId: 't1',
      },
    ],
  },
};

function server() {
  const handler = vi.fn(async () => ({ stored: 1, people: 1 }));
  const page = vi.fn(async () => undefined);
  const getPage = vi.fn(async (_m: unknown, from: { tabId?: number }) => ({ tabId: from.tabId, detection: null }));
  const drops: DropReason[] = [];
  const listen = createMessageServer({
    ownId: OWN,
    extensionOrigin: EXT_ORIGIN,
    handlers: {
      'capture/detected': handler,
      'capture/page': page,
      'sidebar/get-page': getPage,
      'sidebar/add-to-network': vi.fn(async () => true),
      'sidebar/set-cadence': vi.fn(async () => true),
      'capture/sidebar': vi.fn(async () => true),
    },
    onDrop: (r) => drops.push(r),
  });
  return { listen, handler, page, getPage, drops };
}

describe('classifySender', () => {
  it('accepts only our content script in a top-level frame of a supported host', () => {
    expect(classifySender(gmailTab, OWN, EXT_ORIGIN)).toEqual({ kind: 'content-script', tabId: 7, origin: 'https://mail.google.com', frameId: 0 });
  });
  it('accepts a site the user turned Kring on for, in any of its frames; no other site, no other frame origin', () => {
    const isSite = (o: string) => o === 'https://webmail.example.nl';
    const site = { id: OWN, tab: { id: 9, url: 'https://webmail.example.nl/?_task=mail' }, frameId: 0, origin: 'https://webmail.example.nl' };
    expect(classifySender(site, OWN, EXT_ORIGIN, isSite)).toEqual({ kind: 'content-script', tabId: 9, origin: 'https://webmail.example.nl', frameId: 0 });
    // Roundcube's preview frame: same origin, a sub-frame.
    expect(classifySender({ ...site, frameId: 4 }, OWN, EXT_ORIGIN, isSite)).toEqual({ kind: 'content-script', tabId: 9, origin: 'https://webmail.example.nl', frameId: 4 });
    // The site framed by an unrelated page (issue 16, 5): its frames count only inside a tab on the site.
    expect(classifySender({ ...site, frameId: 4, tab: { id: 9, url: 'https://news.example/article' } }, OWN, EXT_ORIGIN, isSite)).toMatchObject({ reason: 'sub-frame' });
    // A frame of another origin inside that site, or the site before it was turned on.
    expect(classifySender({ ...site, frameId: 4, origin: 'https://ads.example' }, OWN, EXT_ORIGIN, isSite)).toMatchObject({ reason: 'sub-frame' });
    expect(classifySender(site, OWN, EXT_ORIGIN)).toMatchObject({ reason: 'unsupported-origin' });
    // Gmail's own sub-frames stay rejected.
    expect(classifySender({ ...gmailTab, frameId: 3 }, OWN, EXT_ORIGIN, isSite)).toMatchObject({ reason: 'sub-frame' });
  });
  it('never trusts sender.url: a page of another host claiming a Gmail URL is rejected', () => {
    const evil = { ...gmailTab, origin: 'https://evil.example', url: 'https://mail.google.com/' };
    expect(classifySender(evil, OWN, EXT_ORIGIN)).toEqual({ kind: 'rejected', reason: 'unsupported-origin' });
  });
  it('rejects sub-frames, other extensions, and tabs without an id', () => {
    expect(classifySender({ ...gmailTab, frameId: 3 }, OWN, EXT_ORIGIN)).toMatchObject({ reason: 'sub-frame' });
    expect(classifySender({ ...gmailTab, id: 'someone-else' }, OWN, EXT_ORIGIN)).toMatchObject({ reason: 'foreign-extension' });
    expect(classifySender({ ...gmailTab, tab: {} }, OWN, EXT_ORIGIN)).toMatchObject({ reason: 'no-tab' });
    expect(classifySender({ ...gmailTab, origin: undefined }, OWN, EXT_ORIGIN)).toMatchObject({ reason: 'unsupported-origin' });
  });
  it('recognises our own extension pages', () => {
    expect(classifySender({ id: OWN, origin: EXT_ORIGIN }, OWN, EXT_ORIGIN)).toEqual({ kind: 'extension-page' });
    expect(classifySender({ id: OWN, tab: { id: 1 }, frameId: 5, origin: EXT_ORIGIN }, OWN, EXT_ORIGIN)).toEqual({ kind: 'extension-page', tabId: 1, frameId: 5 });
  });
});

describe('message server', () => {
  it('hands a valid capture from a content script to its handler', async () => {
    const { listen, handler, drops } = server();
    await expect(listen(validCapture, gmailTab)).resolves.toEqual({ stored: 1, people: 1 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(drops).toEqual([]);
  });

  it("hands a page's first report, page and items in one message, to the capture handler", async () => {
    const { listen, handler, page, drops } = server();
    await expect(listen({ ...validCapture, page: true, fresh: true }, gmailTab)).resolves.toEqual({ stored: 1, people: 1 });
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ page: true, fresh: true }), expect.objectContaining({ tabId: 7, frameId: 0 }));
    expect(page).not.toHaveBeenCalled();
    expect(drops).toEqual([]);
    // `page` is a flag, nothing else.
    await expect(listen({ ...validCapture, page: 'yes' }, gmailTab)).resolves.toMatchObject({ refused: 'invalid-message' });
  });

  it.each([
    ['a sub-frame', { ...gmailTab, frameId: 2 }, 'sub-frame'],
    ['a page of another host', { ...gmailTab, origin: 'https://evil.example' }, 'unsupported-origin'],
    ['another extension', { ...gmailTab, id: 'abcdefghijklmnopabcdefghijklmnop' }, 'foreign-extension'],
    ['an extension page sending a capture', { id: OWN, origin: EXT_ORIGIN }, 'not-allowed'],
  ] as const)('drops a capture from %s, with no side effect', async (_, sender, reason) => {
    const { listen, handler, drops } = server();
    await expect(listen(validCapture, sender)).resolves.toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    expect(drops).toEqual([reason]);
  });

  const bad: [string, unknown][] = [
    ['nothing', undefined],
    ['a string', 'capture/detected'],
    ['an unknown type', { type: 'store/erase' }],
    ['a wrong type in a field', { ...validCapture, detection: { ...validCapture.detection, items: 'many' } }],
    ['an extra key', { ...validCapture, extra: 1 }],
    ['an extra key deep inside', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], html: '<img>' }] } }],
    ['a huge array', { ...validCapture, detection: { ...validCapture.detection, items: Array(501).fill(validCapture.detection.items[0]) } }],
    ['100,000 people on one item', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], people: Array.from({ length: 100_000 }, (_, i) => ({ email: `p${i}@x.nl`, name: null, role: 'to' })) }] } }],
    ['an unknown provider', { ...validCapture, detection: { ...validCapture.detection, provider: 'evil' } }],
    ['a date that is not ISO', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], at: 'yesterday' }] } }],
    ['a printed date longer than any date', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], at: null, atText: ['x'.repeat(161)] }] } }],
    ['five printed dates on one item', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], at: null, atText: Array(5).fill('Fri, Nov 20, 2026, 3:42 PM') }] } }],
    ['a printed date that is not text', { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], at: null, atText: [20261120] }] } }],
  ];
  it.each(bad)('drops %s as invalid', async (_, message) => {
    const { listen, handler, drops } = server();
    // Refused, and told so: our content script does not resend what it is told was refused.
    await expect(listen(message, gmailTab)).resolves.toEqual({ stored: 0, people: 0, refused: 'invalid-message' });
    expect(handler).not.toHaveBeenCalled();
    expect(drops).toEqual(['invalid-message']);
  });

  it('answers the sidebar framed in a tab with that tab only', async () => {
    const { listen, getPage, drops } = server();
    const sidebar = { id: OWN, tab: { id: 7 }, frameId: 4, origin: EXT_ORIGIN, url: `${EXT_ORIGIN}/sidebar.html` };
    await expect(listen({ type: 'sidebar/get-page', key: 'k' }, sidebar)).resolves.toEqual({ tabId: 7, detection: null });
    expect(getPage).toHaveBeenCalledWith({ type: 'sidebar/get-page', key: 'k' }, { tabId: 7, frameId: 4, tabUrl: undefined });
    expect(getPage).toHaveBeenCalledTimes(1);
    expect(drops).toEqual([]);
  });

  it('drops sidebar commands from an extension page with no tab (they act for a tab)', async () => {
    const { listen, drops } = server();
    await expect(listen({ type: 'sidebar/add-to-network', email: 'a@b.nl', name: null }, { id: OWN, origin: EXT_ORIGIN })).resolves.toBeUndefined();
    expect(drops).toEqual(['not-allowed']);
  });

  it('drops a UI-only command from a content script, and a page report from an extension page', async () => {
    const { listen, getPage, page, drops } = server();
    await expect(listen({ type: 'sidebar/get-page', key: 'k' }, gmailTab)).resolves.toEqual({ stored: 0, people: 0, refused: 'not-allowed' });
    await expect(listen({ type: 'sidebar/add-to-network', email: 'a@b.nl', name: null }, gmailTab)).resolves.toEqual({ stored: 0, people: 0, refused: 'not-allowed' });
    await expect(listen({ type: 'capture/page', detection: validCapture.detection }, { id: OWN, origin: EXT_ORIGIN })).resolves.toBeUndefined();
    expect(getPage).not.toHaveBeenCalled();
    expect(page).not.toHaveBeenCalled();
    expect(drops).toEqual(['not-allowed', 'not-allowed', 'not-allowed']);
  });

  it('takes team messages only from the settings page: not the sidebar framed in a webmail tab, not the popup, not a content script', async () => {
    const team = vi.fn(async () => ({ ok: true }));
    const drops: DropReason[] = [];
    const noop = vi.fn(async () => true);
    const listen = createMessageServer({
      ownId: OWN,
      extensionOrigin: EXT_ORIGIN,
      handlers: { 'capture/detected': noop, 'capture/page': noop, 'sidebar/get-page': noop, 'sidebar/add-to-network': noop, 'sidebar/set-cadence': noop, 'capture/sidebar': noop, team },
      onDrop: (r) => drops.push(r),
    });
    const options = { id: OWN, origin: EXT_ORIGIN, url: `${EXT_ORIGIN}/options.html` };
    await expect(listen({ type: 'team/now' }, options)).resolves.toEqual({ ok: true });
    await listen({ type: 'team/leave' }, { id: OWN, tab: { id: 7 }, frameId: 4, origin: EXT_ORIGIN, url: `${EXT_ORIGIN}/sidebar.html` });
    await listen({ type: 'team/leave' }, { id: OWN, origin: EXT_ORIGIN, url: `${EXT_ORIGIN}/popup.html` });
    await listen({ type: 'team/leave' }, gmailTab);
    // A join with a passphrase too short, or a field the schema does not know, is not a message.
    await listen({ type: 'team/join', folder: 'https://dav.example/team/', username: 'a', password: 'p', passphrase: 'kort', member: 'A', share: { kind: 'network' } }, options);
    await listen({ type: 'team/now', extra: 1 }, options);
    expect(team).toHaveBeenCalledTimes(1);
    expect(drops).toEqual(['not-allowed', 'not-allowed', 'not-allowed', 'invalid-message', 'invalid-message']);
  });

  it('reads the dates a content script left as printed, on receipt: the handler sees `at` and no `atText`', async () => {
    const { listen, handler } = server();
    const item = validCapture.detection.items[0]!;
    const items = [
      { ...item, id: 'printed', at: null, atText: ['Not a date: 12:30 tomorrow-ish', 'Fri, Nov 20, 2026, 3:42\u202fPM'] },
      { ...item, id: 'unreadable', at: null, atText: ['Meeting at 10:00, maybe'] },
      // A date the detector read itself is kept.
      { ...item, id: 'read', at: '2026-01-02T03:04:00+01:00', atText: ['Fri, Nov 20, 2026, 3:42 PM'] },
      { ...item, id: 'none', at: null },
    ];
    await listen({ ...validCapture, detection: { ...validCapture.detection, items } }, gmailTab);
    const got = (handler.mock.calls[0] as unknown as [{ detection: { items: Record<string, unknown>[] } }])[0].detection.items;
    const local = (y: number, mo: number, d: number, h: number, mi: number) => {
      const at = new Date(y, mo - 1, d, h, mi);
      const off = -at.getTimezoneOffset();
      const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
      return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:00${off >= 0 ? '+' : '-'}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
    };
    expect(got.map((i) => [i.id, i.at])).toEqual([
      ['printed', local(2026, 11, 20, 15, 42)],
      ['unreadable', null],
      ['read', '2026-01-02T03:04:00+01:00'],
      ['none', null],
    ]);
    expect(got.every((i) => !('atText' in i))).toBe(true);
  });

  it('keeps each person once per role, on receipt: the tab sends the chips as it read them', async () => {
    const { listen, handler } = server();
    const item = validCapture.detection.items[0]!;
    const people = [...item.people, { email: 'b@example.com', name: null, role: 'recipient' }, ...item.people, { email: 'a@example.com', name: 'A', role: 'recipient' }];
    await listen({ ...validCapture, detection: { ...validCapture.detection, items: [{ ...item, people }] } }, gmailTab);
    const got = (handler.mock.calls[0] as unknown as [{ detection: { items: { people: { email: string; role: string }[] }[] } }])[0].detection.items[0]!.people;
    expect(got.map((x) => `${x.role}:${x.email}`)).toEqual(['from:a@example.com', 'recipient:b@example.com', 'recipient:a@example.com']);
  });

  it("checks each person's address and tidies their name on receipt: the tab sends what Gmail's chips say", async () => {
    const { listen, handler } = server();
    const item = validCapture.detection.items[0]!;
    const people = [{ email: 'a@example.com', name: '  A\n  Person ', role: 'from' }, { email: 'undefined', name: 'Nobody', role: 'recipient' }];
    await listen({ ...validCapture, detection: { ...validCapture.detection, items: [{ ...item, people }] } }, gmailTab);
    const got = (handler.mock.calls[0] as unknown as [{ detection: { items: { people: unknown[] }[] } }])[0].detection.items[0]!.people;
    expect(got).toEqual([{ email: 'a@example.com', name: 'A Person', role: 'from' }]);
  });

  it('bounds long page text instead of storing it whole', async () => {
    const { listen, handler } = server();
    const long = { ...validCapture, detection: { ...validCapture.detection, items: [{ ...validCapture.detection.items[0], subject: 'x'.repeat(1000) }] } };
    await listen(long, gmailTab);
    const arg = (handler.mock.calls[0] as unknown as [{ detection: { items: { subject: string }[] } }])[0];
    expect(arg.detection.items[0]!.subject).toHaveLength(300);
  });
});
