/**
 * A seeded generator of realistic stores: Dutch and English names, company and free-mail
 * domains, some people with several addresses, interactions spread over five years.
 * Same seed, same data.
 */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Finn', 'Gijs', 'Hanna', 'Iris', 'Jesse', 'Kim', 'Lars', 'Mila', 'Noah', 'Olivia', 'Puck', 'Roos', 'Sem', 'Tess', 'Vera', 'Wout', 'Emma', 'Liam', 'Sophie', 'James', 'Fatima', 'Mohamed', 'Yara', 'Lucas', 'Julia'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smith', 'Brown', 'Yilmaz', 'El Amrani', 'Kok', 'Jacobs'];
const COMPANIES = ['rijnmond-zorg.nl', 'devries-advies.nl', 'noordzee.example', 'acme.com', 'northwind.example', 'gemeente-utrecht.example', 'tu-delft.example', 'kpn.example', 'visser.design', 'bakkerij-bos.nl'];
const FREE = ['gmail.com', 'outlook.com', 'hotmail.com', 'ziggo.nl', 'icloud.com'];

export interface SeedPerson {
  id: string;
  name: string;
  addresses: string[];
}
export interface SeedInteraction {
  id: string;
  personId: string;
  address: string;
  direction: 'in' | 'out' | 'cc' | 'meeting';
  at: number;
  threadId: string;
  subject: string;
}

export function seedData(people: number, interactions: number, seed = 42, end = Date.parse('2026-11-27T12:00:00Z')) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
  const span = 5 * 365 * 86_400_000;
  const persons: SeedPerson[] = [];
  for (let i = 0; i < people; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const n = r() < 0.15 ? 2 + Math.floor(r() * 2) : 1;
    const addresses = Array.from({ length: n }, (_, k) => `${slug(first)}.${slug(last)}${i}${k ? `.${k}` : ''}@${k === 0 ? pick(COMPANIES) : pick(FREE)}`);
    persons.push({ id: `p${i.toString(36)}-${seed}`, name: `${first} ${last}`, addresses });
  }
  const items: SeedInteraction[] = [];
  const dirs = ['in', 'out', 'in', 'out', 'cc', 'meeting'] as const;
  for (let i = 0; i < interactions; i++) {
    const p = persons[Math.floor(r() * r() * persons.length)]!; // some people much busier than others
    const address = pick(p.addresses);
    items.push({
      id: `gmail:${i.toString(16)}:${address}`,
      personId: p.id,
      address,
      direction: pick(dirs),
      at: Math.floor(end - r() * span),
      threadId: `t${Math.floor(i / 3).toString(36)}`,
      subject: `${pick(['Re: ', 'Fwd: ', ''])}${pick(['Offerte', 'Planning', 'Coffee?', 'Kwartaaloverleg', 'Invoice', 'Workshop', 'Intro'])} ${i % 97}`,
    });
  }
  return { persons, items };
}
