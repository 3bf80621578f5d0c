// Mailing lists are not people; their posters are (issue 17).
import { describe, expect, it } from 'vitest';
import { emailContacts } from '../../../src/network/direction';
import { isListAddress } from '../../../src/network/noise';

describe('list marks', () => {
  it.each([
    ['dev@lists.openforge.org', null],
    ['openforge-dev@example.org', null],
    ['python-list@python.org', null],
    ['announce@openforge.org', null],
    ['users@apache.example', null],
    ['all@bedrijf.nl', null],
    ['iedereen@gemeente.nl', null],
    ['team-all@bedrijf.nl', null],
    ['openforge@googlegroups.com', null],
    ['main@openforge.groups.io', null],
    ['bestuur@vereniging.nl', null],
    ['discuss+subscribe@x.org', null],
    ['forge@x.org', 'OpenForge developers'],
    ['forge@x.org', 'OpenForge Mailing List'],
    ['forge@x.org', 'Vereniging maillijst'],
    ['forge@x.org', 'Jan de Boer via OpenForge'],
    ['forge@x.org', 'Jan de Boer via dev'],
  ])('%s (%s) is a list', (address, name) => {
    expect(isListAddress(address, name)).toBe(true);
  });

  it.each([
    ['jan.deboer@openforge.org', 'Jan de Boer'],
    ['lena@studio.test', 'Lena Visser'],
    ['friedrich@x.de', 'Friedrich List'],
    ['devon@x.org', 'Devon Miller'],
    ['l@x.org', null],
    ['tomas@listo.es', 'Tomás García'],
    ['viaduct@x.org', 'Anna Viaduct'],
    ['mlinda@x.org', null],
  ])('%s (%s) is not', (address, name) => {
    expect(isListAddress(address, name)).toBe(false);
  });
});

describe('posts to a list', () => {
  const ME = 'alice@kring.test';
  const own = new Set([ME]);
  const list = { email: 'dev@lists.openforge.org', name: 'OpenForge developers', role: 'to' as const };
  it("a post that did not address you: the poster is seen with you, the list is nobody", () => {
    expect(emailContacts([{ email: 'jan@openforge.org', name: 'Jan', role: 'from' }, list], own)).toEqual([{ email: 'jan@openforge.org', name: 'Jan', direction: 'cc' }]);
  });
  it('a post to the list and to you: the poster wrote to you', () => {
    expect(emailContacts([{ email: 'jan@openforge.org', name: 'Jan', role: 'from' }, list, { email: ME, name: null, role: 'cc' }], own).map((c) => c.direction)).toEqual(['in']);
  });
  it('your post to the list: out to nobody; to the list and a person: out to the person', () => {
    expect(emailContacts([{ email: ME, name: null, role: 'from' }, list], own)).toEqual([]);
    expect(emailContacts([{ email: ME, name: null, role: 'from' }, list, { email: 'jan@openforge.org', name: 'Jan', role: 'cc' }], own)).toEqual([{ email: 'jan@openforge.org', name: 'Jan', direction: 'out' }]);
  });
  it('a From rewritten to the list ("Jan via OpenForge"): nobody', () => {
    expect(emailContacts([{ email: 'forge@x.org', name: 'Jan via OpenForge', role: 'from' }, { email: ME, name: null, role: 'to' }], own)).toEqual([]);
  });
});
