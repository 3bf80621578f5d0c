/**
 * The sidebar's collapsed state lives in `storage.local` (a boolean, nothing personal), so every
 * webmail tab and the shortcut agree and it survives restarts. The sidebar page reads and writes
 * it; content scripts are told it by the background (with their frame's key, and on each change),
 * so they load no storage API into the webmail tab (bench: JS heap added to a Gmail tab, issue 22).
 */
import { SIDEBAR_COLLAPSED, sidebarKey } from '../messaging/storage-keys';

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function toggleSidebar(area: LocalArea): Promise<boolean> {
  const collapsed = !(await area.get(SIDEBAR_COLLAPSED))[SIDEBAR_COLLAPSED];
  await area.set({ [SIDEBAR_COLLAPSED]: collapsed });
  return collapsed;
}

export async function isCollapsed(area: Pick<LocalArea, 'get'>): Promise<boolean> {
  return (await area.get(SIDEBAR_COLLAPSED))[SIDEBAR_COLLAPSED] === true;
}

/** Every tab where Kring placed a sidebar frame (its key is kept in storage.session) is told the new state. */
export async function tellTabs(session: { get(keys: null): Promise<Record<string, unknown>> }, collapsed: boolean, send: (tabId: number, message: { type: 'sidebar/collapsed'; collapsed: boolean }) => Promise<unknown>): Promise<number> {
  const prefix = sidebarKey(0).slice(0, -1);
  const tabs = Object.keys(await session.get(null))
    .filter((k) => k.startsWith(prefix))
    .map((k) => Number(k.slice(prefix.length)))
    .filter((id) => Number.isInteger(id) && id >= 0);
  await Promise.all(tabs.map((id) => send(id, { type: 'sidebar/collapsed', collapsed }).catch(() => undefined)));
  return tabs.length;
}
