/**
 * One-way hashes of forgotten addresses. Computed before a transaction opens: awaiting
 * crypto.subtle inside a Dexie transaction would let IndexedDB commit it early.
 */
export async function addressHash(address: string): Promise<string> {
  const bytes = new TextEncoder().encode(`kring-forgotten:${address.trim().toLowerCase()}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function addressHashes(addresses: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(addresses)];
  const hashes = await Promise.all(unique.map(addressHash));
  return new Map(unique.map((a, i) => [a, hashes[i]!]));
}
