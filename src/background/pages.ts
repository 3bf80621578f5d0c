/**
 * What each tab's page shows now, for the sidebar in that tab. Kept in `storage.session` (memory
 * only, survives the service worker sleeping, gone when the browser closes) and answered only to
 * an extension page framed in that same tab, while the tab still shows the site that reported it.
 *
 * A page can report from several frames (Roundcube shows the open message in a frame of its own):
 * a report showing an open message wins; a report of another kind replaces only one from its own
 * frame, or one that showed no open message either; and the first report of a newly loaded top
 * page replaces anything (the previous page's frames are gone).
 */
import { OPEN_VIEWS } from '../messaging/limits';
import type { DetectionPayload } from '../messaging/protocol';
import { pageKey as key } from '../messaging/storage-keys';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

interface Stored {
  detection: DetectionPayload;
  origin: string;
  frameId: number;
}

const isOpen = (d: DetectionPayload) => OPEN_VIEWS.has(d.view) && d.items.length > 0;

export function createPageStore(area: SessionArea) {
  const read = async (tabId: number) => ((await area.get(key(tabId)))[key(tabId)] as Stored | undefined) ?? null;
  return {
    /** Returns whether the stored page changed. */
    async set(tabId: number, detection: DetectionPayload, from: { origin: string; frameId?: number } = { origin: '' }, fresh = false): Promise<boolean> {
      const frameId = from.frameId ?? 0;
      const old = await read(tabId);
      // A newly loaded top page ends whatever the previous page's frames showed.
      const replace = !old || old.origin !== from.origin || old.frameId === frameId || isOpen(detection) || !isOpen(old.detection) || (fresh && frameId === 0);
      if (!replace) return false;
      await area.set({ [key(tabId)]: { detection, origin: from.origin, frameId } satisfies Stored });
      return true;
    },
    /** The page of `tabId`; with `origin`, only while the page came from that origin. */
    async get(tabId: number, origin?: string): Promise<DetectionPayload | null> {
      const v = await read(tabId);
      if (!v || (origin !== undefined && v.origin !== origin)) return null;
      return v.detection;
    },
    async remove(tabId: number) {
      await area.remove(key(tabId));
    },
  };
}
