/**
 * Display names as people would write them. Pure.
 * "Doe, John" → "John Doe"; quotes and trailing roles or companies removed
 * ("Jan Jansen (Sales)", "Jan Jansen | Acme", "Jan Jansen - CEO"); an address, or the address's own
 * local part ("john.doe"), is not a name.
 */
const ROLE_TAIL = /\s+(?:[|–—-]|via|namens|on behalf of)\s+.*$|\s*\([^)]*\)\s*$|\s*\[[^\]]*\]\s*$/i;

export function cleanDisplayName(raw: string | null | undefined, address?: string | null): string | null {
  if (!raw) return null;
  let v = raw.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  v = v.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').trim();
  for (let i = 0; i < 2; i++) v = v.replace(ROLE_TAIL, '').trim();
  // "Doe, John" and "Vries, Pieter de" → "John Doe", "Pieter de Vries"
  const comma = /^([^,]+),\s*([^,]+)$/.exec(v);
  if (comma && !/\d/.test(v)) v = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  if (!v || v.includes('@')) return null;
  if (address) {
    const local = address.split('@')[0]!.toLowerCase();
    if (v.toLowerCase() === local) return null;
  }
  if (!/\p{L}/u.test(v)) return null;
  return v.slice(0, 200);
}

/**
 * What a display name shows beside the person's name, as written: "Jan Jansen | Acme" → ["Acme"],
 * "Maria Jansen (Rijnmond Zorg)" → ["Rijnmond Zorg"], "Jan - CEO - Acme" → ["Acme", "CEO"]
 * (last first), "Jan namens Gemeente Utrecht" → ["Gemeente Utrecht"]. Roles and
 * organisations alike; which of them names an organisation is decided where its domain is known
 * (network/organisations.ts). "via LinkedIn" names a service, not an organisation: left out.
 */
const TAIL = /\s+(?:[|–—-]|namens|on behalf of|(via))\s+(.*)$|\s*\(([^)]*)\)\s*$|\s*\[([^\]]*)\]\s*$/i;

export function displayNameTails(raw: string | null | undefined): string[] {
  if (!raw) return [];
  let v = raw.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  v = v.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').trim();
  const out: string[] = [];
  for (let i = 0; i < 2; i++) {
    const m = TAIL.exec(v);
    if (!m) break;
    const tail = (m[2] ?? m[3] ?? m[4] ?? '').replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').trim();
    if (!m[1]) {
      for (const part of tail.split(/\s+[|–—-]\s+/).reverse()) {
        const p = part.trim();
        if (p && !p.includes('@') && /\p{L}/u.test(p)) out.push(p.slice(0, 100));
      }
    }
    v = v.slice(0, m.index).trim();
  }
  return out;
}

/** For matching: lower case, no accents, no punctuation, words in order. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key of a person known by name only (Outlook often shows no addresses): stored where an
 * address would be, so the person is one record until an address for the name appears.
 */
export const NAME_KEY_PREFIX = '~name:';
export const nameKey = (name: string) => `${NAME_KEY_PREFIX}${normaliseName(name)}`;
export const isNameKey = (key: string) => key.startsWith(NAME_KEY_PREFIX);
