// The page Kring keeps per tab for its sidebar, when several frames of one page report.
import { describe, expect, it } from 'vitest';
import { createPageStore } from '../../../src/background/pages';
import type { DetectionPayload } from '../../../src/messaging/protocol';

function memory() {
  const data = new Map<string, unknown>();
  return {
    get: async (k: string) => (data.has(k) ? { [k]: data.get(k) } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, v)),
    remove: async (k: string) => void data.delete(k),
  };
}
const ORIGIN = 'https://webmail.example.nl';
const list: DetectionPayload = { provider: 'roundcube', view: 'list', account: 'me@example.nl', items: [{ kind: 'email', id: 'INBOX/1', subject: 'Hi', at: null, people: [{ email: 'a@x.nl', name: null, role: 'from' }] }] };
const message: DetectionPayload = { ...list, view: 'message', account: null };
const blank: DetectionPayload = { provider: 'generic', view: 'other', account: null, items: [] };

describe('page store', () => {
  it('keeps the frame showing an open message over the list around it; that frame may close it', async () => {
    const pages = createPageStore(memory());
    await pages.set(1, list, { origin: ORIGIN, frameId: 0 }, true);
    expect(await pages.set(1, message, { origin: ORIGIN, frameId: 7 })).toBe(true);
    // The list frame re-renders: the open message stays.
    expect(await pages.set(1, list, { origin: ORIGIN, frameId: 0 })).toBe(false);
    expect((await pages.get(1, ORIGIN))?.view).toBe('message');
    // The preview frame goes blank: it replaces its own report.
    expect(await pages.set(1, blank, { origin: ORIGIN, frameId: 7 })).toBe(true);
    expect((await pages.get(1, ORIGIN))?.view).toBe('other');
  });

  it("a newly loaded top page ends what the previous page's frames showed", async () => {
    const pages = createPageStore(memory());
    await pages.set(1, message, { origin: ORIGIN, frameId: 7 });
    expect(await pages.set(1, list, { origin: ORIGIN, frameId: 0 }, true)).toBe(true);
    expect((await pages.get(1, ORIGIN))?.view).toBe('list');
  });

  it('answers only for the origin that reported', async () => {
    const pages = createPageStore(memory());
    await pages.set(1, message, { origin: ORIGIN, frameId: 0 });
    expect(await pages.get(1, 'https://evil.example')).toBeNull();
    expect(await pages.get(1, ORIGIN)).not.toBeNull();
  });

  it('issue 16, 6: a page with thousands of people keeps what the sidebar shows, and counts the rest', async () => {
    const area = memory();
    const pages = createPageStore(area);
    const crowd: DetectionPayload = {
      ...message,
      items: Array.from({ length: 500 }, (_, i) => ({ kind: 'email' as const, id: `INBOX/${i}`, subject: 'x'.repeat(300), at: null, people: Array.from({ length: 500 }, (_, k) => ({ email: `p${i}-${k}@example.com`, name: 'N'.repeat(300), role: 'to' as const })) })),
    };
    await pages.set(1, crowd, { origin: ORIGIN, frameId: 0 });
    const stored = JSON.stringify(await area.get('page:1'));
    // 250,000 people × ~600 characters would be 150 MB; what is kept is what the sidebar shows.
    expect(stored.length).toBeLessThan(100_000);
    const kept = await pages.getWithOmitted(1, ORIGIN);
    expect(new Set(kept!.detection.items.flatMap((i) => i.people.map((p) => p.email))).size).toBe(61);
    expect(kept!.omitted).toBe(250_000 - 61);
  });
});
