// The sidebar's collapsed state: kept in storage.local, told to content scripts by the background
// (issue 22: content scripts load no storage API into the webmail tab).
import { describe, expect, it } from 'vitest';
import { isCollapsed, tellTabs, toggleSidebar } from '../../../src/background/sidebar-toggle';
import { SIDEBAR_COLLAPSED, pageKey, sidebarKey } from '../../../src/messaging/storage-keys';

const area = (items: Record<string, unknown> = {}) => ({
  items,
  async get(key: string | null) {
    return key === null ? { ...items } : key in items ? { [key]: items[key] } : {};
  },
  async set(more: Record<string, unknown>) {
    Object.assign(items, more);
  },
});

describe('the sidebar collapsed state', () => {
  it('is open until the user collapses it; the shortcut flips it', async () => {
    const local = area();
    expect(await isCollapsed(local)).toBe(false);
    expect(await toggleSidebar(local)).toBe(true);
    expect(await isCollapsed(local)).toBe(true);
    expect(await toggleSidebar(local)).toBe(false);
    expect(local.items[SIDEBAR_COLLAPSED]).toBe(false);
  });

  it('is told to every tab with a sidebar frame, and only to those; a tab that cannot be reached is skipped', async () => {
    const session = area({ [sidebarKey(7)]: { key: 'a', frameId: 3 }, [sidebarKey(12)]: { key: 'b', frameId: null }, [pageKey(9)]: {}, storeChangedAt: 1 });
    const told: [number, unknown][] = [];
    const reached = await tellTabs(session, true, async (tabId, message) => {
      if (tabId === 12) throw new Error('Could not establish connection');
      told.push([tabId, message]);
    });
    expect(reached).toBe(2);
    expect(told).toEqual([[7, { type: 'sidebar/collapsed', collapsed: true }]]);
  });
});
