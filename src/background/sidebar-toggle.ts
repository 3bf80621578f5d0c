/**
 * The sidebar's collapsed state lives in `storage.local` (a boolean, nothing personal), so every
 * webmail tab and the shortcut agree and it survives restarts. Content scripts read and watch it.
 */
import { SIDEBAR_COLLAPSED } from '../messaging/storage-keys';

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function toggleSidebar(area: LocalArea): Promise<boolean> {
  const collapsed = !(await area.get(SIDEBAR_COLLAPSED))[SIDEBAR_COLLAPSED];
  await area.set({ [SIDEBAR_COLLAPSED]: collapsed });
  return collapsed;
}
