import { describe, expect, it } from 'vitest';
import { emailContacts, isContact, type ItemPerson } from '../../../src/network/direction';

const me = 'me@example.com';
const own = new Set([me]);
const p = (email: string, role: ItemPerson['role'], name: string | null = null): ItemPerson => ({ email, name, role });

describe('emailContacts', () => {
  it('a message from the owner is outgoing to each recipient', () => {
    expect(emailContacts([p(me, 'from'), p('a@x.nl', 'to', 'A'), p('b@x.nl', 'cc')], own)).toEqual([
      { email: 'a@x.nl', name: 'A', direction: 'out' },
      { email: 'b@x.nl', name: null, direction: 'out' },
    ]);
  });
  it('a message from someone else is incoming from them; the others were copied with the owner', () => {
    expect(emailContacts([p('a@x.nl', 'from', 'A'), p(me, 'recipient'), p('b@x.nl', 'recipient')], own)).toEqual([
      { email: 'a@x.nl', name: 'A', direction: 'in' },
      { email: 'b@x.nl', name: null, direction: 'cc' },
    ]);
  });
  it('the owner is never a contact, whatever their role', () => {
    const all = emailContacts([p(me, 'from'), p(me, 'to'), p(me, 'cc')], own);
    expect(all).toEqual([]);
  });
  it('a person who is sender and recipient counts once, as the sender', () => {
    expect(emailContacts([p('a@x.nl', 'to'), p('a@x.nl', 'from')], own)).toEqual([{ email: 'a@x.nl', name: null, direction: 'in' }]);
  });
  it('only email, meetings and past meetings reset last contact', () => {
    expect(['in', 'out', 'meeting'].every((d) => isContact(d as 'in'))).toBe(true);
    expect(isContact('cc')).toBe(false);
    expect(isContact('upcoming')).toBe(false);
  });
});
