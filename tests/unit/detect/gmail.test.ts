import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect';
import { gmail as gmailDetector, normaliseGmailId } from '../../../src/detect/gmail';
import { FIXTURES, listFixtures, loadDocument } from '../../helpers/fixtures';

const gmail = (file: string) => join(FIXTURES, 'gmail', file);
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR';

describe('gmail detector, against the ground truth written down with each fixture', () => {
  it('inbox-list-2014: 16 rows, 7 distinct addresses, the owner known', () => {
    // shared/fixtures/README.md: 16 rows tr.zA, 7 distinct addresses, owner streak.web.test.1@gmail.com.
    const d = detect(loadDocument(gmail('inbox-list-2014.html'), 'https://mail.google.com/mail/u/0/#inbox'), new URL('https://mail.google.com/mail/u/0/#inbox'));
    expect(d.view).toBe('list');
    expect(d.account).toBe('streak.web.test.1@gmail.com');
    expect(d.items).toHaveLength(16);
    const addresses = new Set(d.items.flatMap((i) => i.people.map((p) => p.email)));
    expect([...addresses].sort()).toEqual([
      'cowan@streak.com',
      'help@twilio.com',
      'news@twilio.com',
      'no-reply@accounts.google.com',
      'noreply-94292212@plus.google.com',
      'notifications@mailfoogae.appspotmail.com',
      'streak.web.test.1@gmail.com',
    ]);
    expect(d.items.filter((i) => i.people[0]?.email === 'news@twilio.com')).toHaveLength(5);
    expect(d.items.filter((i) => i.people[0]?.email === 'cowan@streak.com').map((i) => i.people[0]?.name)).toEqual(['Chris Cowan', 'Chris Cowan']);
  });

  it('compose-empty-2020: a compose window reports nobody', () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox?compose=new';
    const d = detect(loadDocument(gmail('compose-empty-2020.html'), url), new URL(url));
    expect(d.view).toBe('compose');
    expect(d.items).toEqual([]);
  });

  it('never takes people from quoted headers, forwarded headers or body text', () => {
    const d = detect(loadDocument(gmail('thread-cc-quoted.html'), THREAD_URL), new URL(THREAD_URL));
    const everyone = d.items.flatMap((i) => i.people.map((p) => p.email));
    expect(everyone).not.toContain('alex.morgan@northwind.example');
    expect(everyone).not.toContain('jan@smit.example');
    expect(everyone).not.toContain('info@visser.design');
    expect(everyone.sort()).toEqual(['lena@visser.design', 'sanne.bakker@gmail.com', 'tom.hendriks@example.com']);
  });

  it('reads collapsed messages (sender and date) and skips hidden groups', () => {
    const d = detect(loadDocument(gmail('thread-long.html'), THREAD_URL), new URL(THREAD_URL));
    expect(d.items.map((i) => i.people[0]?.email)).toEqual([
      'm.jansen@rijnmond-zorg.nl',
      'sanne.bakker@gmail.com',
      'tom.hendriks@example.com',
      'm.jansen@rijnmond-zorg.nl',
      'sanne.bakker@gmail.com',
    ]);
    expect(new Set(d.items.map((i) => i.threadId))).toEqual(new Set([BigInt('1845003127700221000').toString(16)]));
  });

  it('takes typed to/cc from the details popup, in English and Dutch', () => {
    for (const file of ['thread-details.html', 'thread-dutch.html']) {
      const d = detect(loadDocument(gmail(file), THREAD_URL), new URL(THREAD_URL));
      const roles = d.items[0]!.people.map((p) => p.role);
      expect(roles).toEqual(['from', 'to', 'cc']);
    }
  });

  it('names the owner nobody: "me" and "ik" are pronouns, not names', () => {
    for (const f of listFixtures().filter((x) => x.provider === 'gmail')) {
      const d = detect(loadDocument(f.path, f.url), new URL(f.url));
      for (const p of d.items.flatMap((i) => i.people)) {
        if (p.email === d.account) expect(p.name).toBeNull();
        expect(p.name ?? '').not.toContain('@');
      }
    }
  });

  it("gives a chip inside another of Gmail's wrappers, one that is no message's, to the message around it", () => {
    const plain = detect(loadDocument(gmail('thread-long.html'), THREAD_URL), new URL(THREAD_URL));
    const doc = loadDocument(gmail('thread-long.html'), THREAD_URL);
    const chips = Array.from(doc.querySelectorAll('.gD[email]'));
    expect(chips.length).toBeGreaterThan(1);
    for (const chip of chips) {
      const inner = doc.createElement('div');
      inner.className = 'kv';
      chip.replaceWith(inner);
      inner.append(chip);
    }
    const wrapped = detect(doc, new URL(THREAD_URL));
    expect(wrapped.items).toEqual(plain.items);
    expect(wrapped.items.map((i) => i.people[0]?.email)).toEqual(plain.items.map((i) => i.people[0]?.email));
  });

  it('names each person once per role, however many chips a message repeats them in (few and many), once received', () => {
    // The tab sends the chips as read; the background's schema (and `detect`) keeps each once.
    for (const n of [3, 40]) {
      const chips = Array.from({ length: n }, (_, i) => `<span email="p${i % (n > 3 ? 20 : 2)}@example.org" name="P ${i}">P</span>`).join(', ');
      const html = `<div role="main"><h2 class="hP">Subject</h2><div class="h7" data-message-id="#msg-f:1849720385311928001">
        <h3><span class="gD" email="sender@example.org" name="Sender">Sender</span></h3><div class="hb">to ${chips}, <span email="sender@example.org">Sender</span></div></div></div>`;
      const d = detect(loadDocument(html, THREAD_URL, true), new URL(THREAD_URL));
      const people = d.items[0]!.people.map((p) => `${p.role}:${p.email}`);
      expect(people).toEqual(['from:sender@example.org', ...Array.from({ length: n > 3 ? 20 : 2 }, (_, i) => `recipient:p${i}@example.org`)]);
    }
  });

  it('leaves dates as Gmail prints them for the background to read: the content script carries no date tables', () => {
    // What the tab sends: each message's title text, nothing else titled ("Not starred" has no time).
    const listUrl = 'https://mail.google.com/mail/u/0/#inbox';
    const inPage = gmailDetector.detect(loadDocument(gmail('inbox-list-2014.html'), listUrl), new URL(listUrl));
    expect(inPage.items.every((i) => i.at === null)).toBe(true);
    expect(inPage.items.slice(0, 3).map((i) => i.atText)).toEqual([['Thu, Dec 18, 2014 at 12:35 PM'], ['Thu, Dec 18, 2014 at 12:35 PM'], ['Wed, Dec 10, 2014 at 6:02 AM']]);
    const thread = gmailDetector.detect(loadDocument(gmail('thread-long.html'), THREAD_URL), new URL(THREAD_URL));
    expect(thread.items.length).toBeGreaterThan(3);
    expect(thread.items.every((i) => i.at === null && i.atText?.length === 1)).toBe(true);
    // What is stored: the same texts read (as the background does on receipt; `detect` does it too).
    const read = detect(loadDocument(gmail('thread-long.html'), THREAD_URL), new URL(THREAD_URL));
    expect(read.items.map((i) => i.at)).toEqual(JSON.parse(readFileSync(gmail('thread-long.expected.json'), 'utf8')).items.map((i: { at: string }) => i.at));
    expect(read.items.every((i) => i.at && !('atText' in i))).toBe(true);
  });

  it('keeps a few printed dates per message, each once, short enough to be one, and only text with a colon in it', () => {
    const titles = ['Not starred', 'x'.repeat(160) + ' 1:23', 'Fri, Nov 20, 2026, 3:42 PM', 'Fri, Nov 20, 2026, 3:42 PM', 'a 1:00', 'b 2:00', 'c 3:00', 'd 4:00'];
    const html = `<div role="main"><h2 class="hP">S</h2><div class="h7"><div class="adn" data-message-id="#msg-f:1">
      <h3><span class="gD" email="a@example.com" name="A">A</span></h3>${titles.map((t) => `<span class="g3" title="${t}"></span>`).join('')}</div></div></div>`;
    const d = gmailDetector.detect(loadDocument(html, THREAD_URL, true), new URL(THREAD_URL));
    expect(d.items[0]!.atText).toEqual(['Fri, Nov 20, 2026, 3:42 PM', 'a 1:00', 'b 2:00', 'c 3:00']);
    expect(detect(loadDocument(html, THREAD_URL, true), new URL(THREAD_URL)).items[0]!.at).toMatch(/^2026-11-20T15:42:00[+-]\d\d:\d\d$/);
  });

  it('normalises both message id forms to the same hex id', () => {
    expect(normaliseGmailId('#msg-f:1849720385311928001')).toBe('19ab86e3e450eec1');
    expect(normaliseGmailId('19AB86E3E450EEC1')).toBe('19ab86e3e450eec1');
    expect(normaliseGmailId('#thread-f:1849720385311928001')).toBe('19ab86e3e450eec1');
    expect(normaliseGmailId('undefined')).toBeNull();
    expect(normaliseGmailId('#msg-a:r-8204411')).toBe('msg-a:r-8204411');
  });
});

describe('detectors never throw', () => {
  const urls = [
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR',
    'https://calendar.google.com/calendar/u/0/r/week',
    'https://outlook.office.com/mail/',
    'https://example.org/',
  ];
  const pages = [
    '',
    '<!doctype html><title></title>',
    '<div role="main"><div class="kv"></div><div data-message-id=""></div><span class="gD" email="not an address"></span></div>',
    '<div role="main"><h2 class="hP" data-legacy-thread-id="undefined"></h2><div class="h7"><table class="ajC"><tr><td>from:</td></tr></table></div></div>',
    ...listFixtures().map((f) => readFileSync(f.path, 'utf8')),
  ];
  it('on any fixture, an empty document, or a page of another provider, at any supported URL', { timeout: 60_000 }, () => {
    for (const url of urls) {
      for (const html of pages) {
        const d = detect(loadDocument(html, url, true), new URL(url));
        expect(Array.isArray(d.items)).toBe(true);
      }
    }
  });
});
