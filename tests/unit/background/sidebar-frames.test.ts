// The sidebar frame's key (issue 16): the background makes it (issue 22: the tab needs no random
// source), and only the frame that shows the newest key first is the tab's sidebar.
import { describe, expect, it } from 'vitest';
import { createSidebarFrames } from '../../../src/background/pages';

const area = () => {
  const items: Record<string, unknown> = {};
  return {
    async get(key: string) {
      return key in items ? { [key]: items[key] } : {};
    },
    async set(more: Record<string, unknown>) {
      Object.assign(items, more);
    },
    async remove(key: string) {
      delete items[key];
    },
  };
};

describe('sidebar frame keys', () => {
  it('are 128 random bits, new for each frame placed; the first frame to show the newest key is bound', async () => {
    const frames = createSidebarFrames(area());
    const first = await frames.place(4);
    const second = await frames.place(4);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
    // The earlier page's frame no longer counts.
    expect(await frames.claim(4, first, 1)).toBe(false);
    expect(await frames.claim(4, second, 2)).toBe(true);
    expect(await frames.isBound(4, 2)).toBe(true);
    // Another frame showing the same key later (the page copied the address) is not the sidebar.
    expect(await frames.claim(4, second, 3)).toBe(false);
    expect(await frames.isBound(4, 3)).toBe(false);
    // Another tab has no key of its own yet.
    expect(await frames.claim(5, second, 2)).toBe(false);
  });
});
