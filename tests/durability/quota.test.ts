/**
 * The device runs out of space during a capture (simulated: IndexedDB puts throw
 * QuotaExceededError, as Chromium's do). Earlier data stays intact, the failed write leaves no
 * half, the user is told (a session flag the popup shows), and once space is back the retried
 * capture is stored and the flag cleared.
 */
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isQuotaError, startBackground } from '../../src/background/index';
import type { DetectionPayload } from '../../src/messaging/protocol';
import { STORE_FULL } from '../../src/messaging/storage-keys';
import { db } from '../../src/store/db';

const OWN = 'kring-test-id';
const sender = { id: OWN, tab: { id: 7 }, frameId: 0, origin: 'https://mail.google.com', url: 'https://mail.google.com/mail/u/0/' };
const ME = 'sanne.bakker@gmail.com';

const capture = (id: string, from: string): { type: 'capture/detected'; detection: DetectionPayload } => ({
  type: 'capture/detected',
  detection: {
    provider: 'gmail',
    view: 'thread',
    account: ME,
    items: [{ kind: 'email', id, subject: `Subject ${id}`, at: '2026-11-20T10:00:00+01:00', threadId: `t-${id}`, people: [{ email: from, name: 'Pieter de Vries', role: 'from' }, { email: ME, name: null, role: 'to' }] }],
  },
});

function memorySession() {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (key: string) => void data.delete(key),
  };
}

async function snapshot() {
  const store = db();
  return { people: await store.people.toArray(), addresses: await store.addresses.toArray(), interactions: await store.interactions.toArray() };
}

afterEach(() => vi.restoreAllMocks());

describe('storage full during a capture', () => {
  it('keeps earlier data, stores nothing of the failed write, tells the user, recovers when space is back', async () => {
    const session = memorySession();
    const receive = startBackground({ ownId: OWN, extensionOrigin: 'chrome-extension://kring-test-id', session });
    expect(await receive(capture('m1', 'pieter@devries.nl'), sender)).toMatchObject({ stored: 1 });
    const before = await snapshot();

    const put = FakeObjectStore.prototype.put;
    const spy = vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(receive(capture('m2', 'anna@bakker.nl'), sender)).rejects.toThrow();
    expect(spy).toHaveBeenCalled();
    expect(await snapshot()).toEqual(before);
    expect(session.data.get(STORE_FULL)).toEqual(expect.any(Number));

    spy.mockImplementation(put);
    expect(await receive(capture('m2', 'anna@bakker.nl'), sender)).toMatchObject({ stored: 1 });
    expect(session.data.has(STORE_FULL)).toBe(false);
    const after = await snapshot();
    expect(after.interactions).toHaveLength(2);
    for (const row of before.interactions) expect(after.interactions).toContainEqual(row);
  });

  it('recognises the quota error however Dexie wraps it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', inner: { name: 'AbortError', inner: quota } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
