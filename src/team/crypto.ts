/**
 * The team's key (issue 21): derived from the team passphrase and the team's salt (kept in the
 * members' books), and the keyed hashes a published entry holds instead of addresses. Web Crypto
 * only. The server keeps hashes it cannot reverse without the passphrase; a member, who has it, can
 * test a guessed address (that is the feature), as the README says.
 */

/** PBKDF2-SHA256 rounds (OWASP's 2023 figure for SHA-256); run once when the user joins. */
export const PBKDF2_ROUNDS = 600_000;
/** Bytes of each keyed hash kept (128 bits: no two of a team's entries collide). */
const TAG_BYTES = 16;

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function fromB64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A new team salt (16 random bytes), as the first member writes it into their book. */
export const newSalt = () => b64url(crypto.getRandomValues(new Uint8Array(16)));

/** The team key's bytes (base64url), from the passphrase as typed (NFC, ends trimmed) and the salt. */
export async function deriveTeamKey(passphrase: string, salt: string, rounds = PBKDF2_ROUNDS): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC').trim()), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromB64url(salt) as BufferSource, iterations: rounds }, material, 256);
  return b64url(new Uint8Array(bits));
}

/** Keyed hashing under the team key. */
export interface Tagger {
  /** HMAC-SHA256 of `kind:value`, base64url, 128 bits. */
  tag(kind: 'address' | 'org' | 'uid' | 'check', value: string): Promise<string>;
}

export async function tagger(keyB64: string): Promise<Tagger> {
  const key = await crypto.subtle.importKey('raw', fromB64url(keyB64) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const enc = new TextEncoder();
  return {
    async tag(kind, value) {
      const mac = await crypto.subtle.sign('HMAC', key, enc.encode(`${kind}:${value}`));
      return b64url(new Uint8Array(mac).slice(0, TAG_BYTES));
    },
  };
}

/** An address as it is hashed: trimmed, lower case. */
export const normaliseAddress = (address: string) => address.trim().toLowerCase();

/** The check value a book carries: who derives the same from their passphrase has the team's. */
export const checkValue = (t: Tagger) => t.tag('check', 'kring-team-v1');
