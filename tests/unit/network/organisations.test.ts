import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src/network/cadence';
import {
  mailName,
  nameFromDomain,
  organisationOf,
  orgMatches,
  registrableDomain,
  spellsDomain,
  summariseOrganisations,
  trendOf,
  type OrgPerson,
} from '../../../src/network/organisations';
import type { Person } from '../../../src/model/types';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function person(id: string, over: Partial<Person> = {}): Person {
  return {
    id,
    name: null,
    status: 'seen',
    reason: 'they-wrote',
    firstContact: 0,
    lastContact: 0,
    lastIn: 0,
    lastOut: 0,
    lastSeen: 0,
    createdAt: 0,
    cadenceDays: null,
    snoozedUntil: 0,
    addedAt: 0,
    notes: '',
    tags: [],
    ...over,
  };
}

describe('which organisation an address belongs to', () => {
  it('folds subdomains into the registrable domain, public suffixes included', () => {
    expect(registrableDomain('m.jansen@mail.rijnmond-zorg.nl')).toBe('rijnmond-zorg.nl');
    expect(registrableDomain('a@b.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('x@team.agency.gov.uk')).toBe('agency.gov.uk');
    expect(registrableDomain('y@sub.minbzk.nl')).toBe('minbzk.nl');
    expect(registrableDomain('z@dept.uni.edu.au')).toBe('uni.edu.au');
    expect(registrableDomain('p@Mail.DeVries-Advies.NL.')).toBe('devries-advies.nl');
  });

  it('an address without a usable domain has none', () => {
    for (const a of ['no-at-sign', '@nowhere.nl', 'x@localhost', 'x@co.uk', 'x@192.168.1.10']) expect(registrableDomain(a), a).toBeNull();
  });

  it("mail providers for the public are no organisation (the maintained list), nor are the user's personal domains", () => {
    for (const a of ['sanne@gmail.com', 'tom@outlook.com', 'x@hotmail.nl', 'y@kpnmail.nl', 'z@icloud.com', 'w@proton.me', 'v@gmx.de', 'u@yahoo.co.uk', 't@live.nl']) {
      expect(organisationOf(a), a).toBeNull();
    }
    expect(organisationOf('maria@rijnmond-zorg.nl')).toBe('rijnmond-zorg.nl');
    expect(organisationOf('piet@ziggo.nl', new Set(['ziggo.nl']))).toBeNull();
    expect(organisationOf('piet@ziggo.nl')).toBe('ziggo.nl');
  });

  it('names an organisation from its domain until the user names it', () => {
    expect(nameFromDomain('rijnmond-zorg.nl')).toBe('Rijnmond Zorg');
    expect(nameFromDomain('gemeente-utrecht.nl')).toBe('Gemeente Utrecht');
    expect(nameFromDomain('abn_amro.com')).toBe('Abn Amro');
  });
});

describe("an organisation's name as its people's mail shows it", () => {
  const at = (id: string, address: string, tails?: string[], name: string | null = null): OrgPerson => ({
    person: person(id, { name }),
    address,
    ...(tails ? { nameTails: tails } : {}),
  });

  it('a display-name part spells the domain: same letters, initials, or one holding the other', () => {
    expect(spellsDomain('Rijnmond Zorg', 'rijnmond-zorg.nl')).toBe(true);
    expect(spellsDomain('De Vries Advies', 'devries-advies.nl')).toBe(true);
    expect(spellsDomain('Koninklijke Luchtvaart Maatschappij', 'klm.nl')).toBe(true);
    expect(spellsDomain('Gemeente Utrecht', 'utrecht.nl')).toBe(true);
    expect(spellsDomain('ABN AMRO', 'abnamro.com')).toBe(true);
    expect(spellsDomain('Université de Liège', 'universitedeliege.be')).toBe(true);
    expect(spellsDomain('Sales', 'rijnmond-zorg.nl')).toBe(false);
    expect(spellsDomain('CEO', 'ceo.example')).toBe(true);
    // Holding is not enough where a whole display name is judged ("Pieter Utrecht" is a person).
    expect(spellsDomain('Pieter Utrecht', 'utrecht.nl', false)).toBe(false);
  });

  it('the part most addresses show wins; one that spells the domain counts from one address', () => {
    expect(mailName('rijnmond-zorg.nl', [at('m', 'm@rijnmond-zorg.nl', ['Rijnmond Zorg']), at('t', 't@rijnmond-zorg.nl')])).toBe('Rijnmond Zorg');
    // Two people show "Zorggroep Rijnmond" (it does not spell the domain, but two agree); one shows the domain's spelling.
    expect(
      mailName('rzr.nl', [at('a', 'a@rzr.nl', ['Zorggroep Rijnmond']), at('b', 'b@rzr.nl', ['zorggroep rijnmond']), at('c', 'c@rzr.nl', ['Sales'])]),
    ).toBe('Zorggroep Rijnmond');
    // One person's unrelated part is no organisation's name.
    expect(mailName('rzr.nl', [at('a', 'a@rzr.nl', ['Zorggroep Rijnmond'])])).toBeUndefined();
  });

  it('roles, however many show them, are no name', () => {
    const sales = [at('a', 'a@acme.example', ['Sales']), at('b', 'b@acme.example', ['sales']), at('c', 'c@acme.example', ['EXTERNAL']), at('d', 'd@acme.example', ['External'])];
    expect(mailName('acme.example', sales)).toBeUndefined();
    expect(mailName('acme.example', [...sales, at('e', 'e@acme.example', ['ACME Corporation', 'CEO'])])).toBe('ACME Corporation');
  });

  it("a whole display name that is the organisation's own names it (info@, noreply@)", () => {
    expect(mailName('devries-advies.nl', [at('i', 'info@devries-advies.nl', undefined, 'De Vries Advies'), at('p', 'pieter@devries-advies.nl', undefined, 'Pieter de Vries')])).toBe('De Vries Advies');
    expect(mailName('utrecht.nl', [at('p', 'p@utrecht.nl', undefined, 'Pieter Utrecht')])).toBeUndefined();
  });

  it('in the summary: the user\'s name, else the mail\'s, else one made from the domain', () => {
    const maria = person('maria', { name: 'Maria Jansen', status: 'network' });
    const members = [{ person: maria, address: 'maria@rzr.nl', nameTails: ['Rijnmond Zorggroep', 'Beleid'] }, { person: person('t'), address: 't@rzr.nl', nameTails: ['Rijnmond Zorggroep'] }];
    const none = { recent: [], before: [] };
    expect(summariseOrganisations(members, none, {}, NOW)[0]).toMatchObject({ name: 'Rijnmond Zorggroep', mailName: 'Rijnmond Zorggroep' });
    expect(summariseOrganisations(members, none, { 'rzr.nl': { name: 'RZR', at: 0 } }, NOW)[0]).toMatchObject({ name: 'RZR', mailName: 'Rijnmond Zorggroep' });
    expect(summariseOrganisations([{ person: maria, address: 'maria@rzr.nl' }], none, {}, NOW)[0]!.name).toBe('Rzr');
  });
});

describe('the trend', () => {
  it('compares the last 90 days with the 90 before', () => {
    expect(trendOf(0, 0)).toBe('none');
    expect(trendOf(3, 0)).toBe('new');
    expect(trendOf(10, 4)).toBe('up');
    expect(trendOf(2, 8)).toBe('down');
    expect(trendOf(5, 5)).toBe('steady');
  });
});

describe('summariseOrganisations', () => {
  const maria = person('maria', { name: 'Maria Jansen', status: 'network', lastContact: NOW - 10 * DAY, cadenceDays: 30 });
  const tom = person('tom', { name: 'Tom Hendriks', lastContact: NOW - 40 * DAY });
  const pieter = person('pieter', { name: 'Pieter de Vries', status: 'network', lastContact: NOW - 120 * DAY });
  const anna = person('anna', { name: 'Anna', status: 'network', lastContact: NOW - 5 * DAY });
  const ext = person('ext', { name: 'Ext', lastContact: NOW - 200 * DAY });
  const members: OrgPerson[] = [
    { person: maria, address: 'm.jansen@rijnmond-zorg.nl' },
    { person: tom, address: 'tom@mail.rijnmond-zorg.nl' },
    { person: pieter, address: 'pieter@devries-advies.nl' },
    { person: anna, address: 'anna@gmail.com' },
    { person: ext, address: 'ext@seen-only.example' },
  ];
  // The last 90 days and the 90 before, by the address written to or, for a contact logged by
  // hand, by the person.
  const contacts = {
    recent: [{ address: 'm.jansen@rijnmond-zorg.nl' }, { address: 'tom@mail.rijnmond-zorg.nl' }, { address: 'anna@gmail.com' }],
    before: [{ personId: 'maria' }, { address: 'pieter@devries-advies.nl' }, { address: 'pieter@devries-advies.nl' }, { address: 'pieter@devries-advies.nl' }, { address: 'nobody@unknown-org.example' }],
  };

  it('groups people by organisation, skips mail providers, and puts the cooling first', () => {
    const orgs = summariseOrganisations(members, contacts, {}, NOW);
    expect(orgs.map((o) => o.domain)).toEqual(['devries-advies.nl', 'rijnmond-zorg.nl', 'seen-only.example']);
    const [devries, rijnmond, seenOnly] = orgs;
    expect(devries).toMatchObject({ cooling: true, networkCount: 1, lastContact: NOW - 120 * DAY, recent: 0, before: 3, trend: 'down' });
    expect(rijnmond).toMatchObject({ cooling: false, networkCount: 1, lastContact: NOW - 10 * DAY, recent: 2, before: 1, trend: 'up', name: 'Rijnmond Zorg' });
    expect(rijnmond!.people.map((p) => p.id)).toEqual(['maria', 'tom']);
    // Nobody of it in the network: never cooling, however silent.
    expect(seenOnly).toMatchObject({ cooling: false, networkCount: 0 });
  });

  it("an organisation's own cadence makes it due when nobody there has been in touch for that long", () => {
    const orgs = summariseOrganisations(members, contacts, { 'rijnmond-zorg.nl': { cadenceDays: 7, at: 0 }, 'devries-advies.nl': { cadenceDays: 365, at: 0 } }, NOW);
    const rijnmond = orgs.find((o) => o.domain === 'rijnmond-zorg.nl')!;
    expect(rijnmond.due).toBe(NOW - 3 * DAY);
    expect(rijnmond.cooling).toBe(true);
    // Due ones first; De Vries is silent for 4 months but its cadence of a year is not reached: it follows.
    expect(orgs.map((o) => o.domain).slice(0, 2)).toEqual(['rijnmond-zorg.nl', 'devries-advies.nl']);
  });

  it("the user's name wins, and a domain marked personal is no organisation", () => {
    const orgs = summariseOrganisations(members, contacts, { 'rijnmond-zorg.nl': { name: 'Rijnmond Zorggroep', at: 0 }, 'devries-advies.nl': { personal: true, at: 0 } }, NOW);
    expect(orgs.map((o) => o.domain)).toEqual(['rijnmond-zorg.nl', 'seen-only.example']);
    expect(orgs[0]!.name).toBe('Rijnmond Zorggroep');
  });

  it('search finds an organisation by domain, name or tag', () => {
    const orgs = summariseOrganisations(members, contacts, { 'rijnmond-zorg.nl': { tags: ['zorg-partner'], at: 0 } }, NOW);
    const rijnmond = orgs.find((o) => o.domain === 'rijnmond-zorg.nl')!;
    expect(orgMatches(rijnmond, 'rijnmond')).toBe(true);
    expect(orgMatches(rijnmond, 'Rijnmond Zorg')).toBe(true);
    expect(orgMatches(rijnmond, 'zorg-partner')).toBe(true);
    expect(orgMatches(rijnmond, 'utrecht')).toBe(false);
  });
});
