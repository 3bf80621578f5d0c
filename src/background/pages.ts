/**
 * What each tab's page shows now, for the sidebar in that tab. Kept in `storage.session` (memory
 * only, survives the service worker sleeping, gone when the browser closes) and answered only to
 * an extension page framed in that same tab.
 */
import type { DetectionPayload } from '../messaging/protocol';
import { pageKey as key } from '../messaging/storage-keys';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}


export function createPageStore(area: SessionArea) {
  return {
    async set(tabId: number, detection: DetectionPayload) {
      await area.set({ [key(tabId)]: detection });
    },
    async get(tabId: number): Promise<DetectionPayload | null> {
      const v = await area.get(key(tabId));
      return (v[key(tabId)] as DetectionPayload | undefined) ?? null;
    },
    async remove(tabId: number) {
      await area.remove(key(tabId));
    },
  };
}
