/**
 * Forgetting travels (issue 19): who was forgotten on one device is forgotten on every device that
 * syncs the book. Deleting their card alone would only take them out of the other devices' networks,
 * with their history kept, and a later capture would bring them back.
 *
 * The book holds one extra card for this, `kring-forgotten`: the one-way hashes (store/hash.ts) of
 * the addresses of forgotten people who had a card, and nothing else. It is a group card
 * (X-ADDRESSBOOKSERVER-KIND:group), which address books show as an empty group, not a contact. Only
 * people whose card the server already had are listed: forgetting someone who was never synced tells
 * the server nothing. The list is merged three-way like a card's addresses: what another device
 * added is forgotten here; what this device un-forgot since the last agreement leaves the list.
 */
export const FORGOTTEN_UID = 'kring-forgotten';
export const FORGOTTEN_FILE = `${FORGOTTEN_UID}.vcf`;

const HASH = /^X-KRING-FORGOTTEN(?:;[^:\r\n]*)?:([0-9a-f]{64})[ \t]*$/gim;

/** Whether a card's text is the forgotten list (checked before the card is read as a person). */
export const isForgottenCard = (raw: string) => /^UID(?:;[^:\r\n]*)?:kring-forgotten[ \t]*\r?$/im.test(raw.replace(/\r?\n[ \t]/g, ''));

export function readForgottenCard(raw: string): string[] {
  const unfolded = raw.replace(/\r?\n[ \t]/g, '');
  return [...new Set([...unfolded.matchAll(HASH)].map((m) => m[1]!.toLowerCase()))].sort();
}

export function writeForgottenCard(hashes: Iterable<string>, now: number): string {
  const rev = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `UID:${FORGOTTEN_UID}`, 'FN:Kring (forgotten)', 'N:Kring (forgotten);;;;', 'X-ADDRESSBOOKSERVER-KIND:group', ...[...new Set(hashes)].sort().map((h) => `X-KRING-FORGOTTEN:${h}`), `REV:${rev}`, 'END:VCARD'];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The list to keep, three-way: `base` the last agreed list, `remote` the server's now (null: the
 * server has none), `added` hashes this device forgot since, `unforgotten` agreed hashes this device
 * no longer holds as forgotten.
 */
export function mergeForgotten(base: readonly string[], remote: readonly string[] | null, added: Iterable<string>, unforgotten: Iterable<string>): string[] {
  const out = new Set(remote ?? base);
  for (const h of added) out.add(h);
  for (const h of unforgotten) out.delete(h);
  return [...out].sort();
}
