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
import { pageKey as key, sidebarKey, tabAccountKey } from '../messaging/storage-keys';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

interface Stored {
  detection: DetectionPayload;
  origin: string;
  frameId: number;
  /** People of the page left out of `detection` (see `bounded`). */
  omitted?: number;
}

/** People of one page kept for its sidebar: what it shows (SIDEBAR_MAX_PEOPLE), and one to know there are more. */
export const PAGE_MAX_PEOPLE = 61;

/**
 * What the sidebar needs of a page, and no more (issue 16: one tab filled the shared 10 MB
 * storage.session with a page of thousands of people, and every other tab's sidebar went empty):
 * its first PAGE_MAX_PEOPLE people in page order (as the sidebar shows them), the items they are on
 * without their subjects (the sidebar shows none), and how many people were left out.
 */
export function bounded(d: DetectionPayload): { detection: DetectionPayload; omitted: number } {
  const seen = new Set<string>();
  let omitted = 0;
  const items: DetectionPayload['items'] = [];
  for (const item of d.items) {
    const people: typeof item.people = [];
    for (const p of item.people) {
      const k = p.email ?? p.name ?? '';
      if (seen.has(k)) people.push(p);
      else if (seen.size < PAGE_MAX_PEOPLE) (seen.add(k), people.push(p));
      else (seen.add(k), omitted++);
    }
    if (people.length > 0 || items.length === 0) items.push({ ...item, subject: null, people });
  }
  return { detection: { ...d, items }, omitted };
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
      const { detection: kept, omitted } = bounded(detection);
      await area.set({ [key(tabId)]: { detection: kept, origin: from.origin, frameId, ...(omitted ? { omitted } : {}) } satisfies Stored });
      return true;
    },
    /** The page of `tabId` (and how many of its people were left out); with `origin`, only while the page came from that origin. */
    async get(tabId: number, origin?: string): Promise<DetectionPayload | null> {
      return (await this.getWithOmitted(tabId, origin))?.detection ?? null;
    },
    async getWithOmitted(tabId: number, origin?: string): Promise<{ detection: DetectionPayload; omitted: number } | null> {
      const v = await read(tabId);
      if (!v || (origin !== undefined && v.origin !== origin)) return null;
      return { detection: v.detection, omitted: v.omitted ?? 0 };
    },
    async remove(tabId: number) {
      await area.remove(key(tabId));
    },
  };
}

/**
 * The sidebar frame of each tab (issue 16): the content script of the tab's top frame says which
 * key its frame carries; the first frame to show that key is the tab's sidebar, and only it is
 * answered. A third-party frame inside the page that loads sidebar.html has no key; a copy the
 * page makes of Kring's frame comes second.
 */
export function createSidebarFrames(area: SessionArea) {
  interface Bound {
    key: string;
    frameId: number | null;
  }
  const read = async (tabId: number) => ((await area.get(sidebarKey(tabId)))[sidebarKey(tabId)] as Bound | undefined) ?? null;
  return {
    /** A newly placed frame (a page load): a new key, which replaces the tab's earlier one. */
    async place(tabId: number): Promise<string> {
      const frameKey = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
      await area.set({ [sidebarKey(tabId)]: { key: frameKey, frameId: null } satisfies Bound });
      return frameKey;
    },
    /** Whether the frame `frameId` showing `frameKey` is the tab's sidebar; the first to show the key becomes it. */
    async claim(tabId: number, frameKey: string, frameId: number | undefined): Promise<boolean> {
      const b = await read(tabId);
      if (!b || b.key !== frameKey || frameId === undefined) return false;
      if (b.frameId === null) {
        await area.set({ [sidebarKey(tabId)]: { key: frameKey, frameId } satisfies Bound });
        return true;
      }
      return b.frameId === frameId;
    },
    async isBound(tabId: number, frameId: number | undefined): Promise<boolean> {
      const b = await read(tabId);
      return b !== null && b.frameId !== null && b.frameId === frameId;
    },
    async remove(tabId: number) {
      await area.remove(sidebarKey(tabId));
    },
  };
}

/**
 * Who a tab's page said the user is signed in as (issue 16 keeps that pending until the user
 * answers, on that page only). A page can report from frames that do not show the account
 * (Roundcube's open message has its own frame, without the header naming the user): a report
 * from the same tab, origin and provider without an account is read as that same user's.
 */
export function createTabAccounts(area: SessionArea) {
  interface Claimed {
    origin: string;
    provider: string;
    account: string | null;
    accountName: string | null;
  }
  return {
    async apply(tabId: number, origin: string, d: DetectionPayload): Promise<DetectionPayload> {
      const k = tabAccountKey(tabId);
      const c = ((await area.get(k))[k] as Claimed | undefined) ?? null;
      if (d.account || d.accountName) {
        const claimed: Claimed = { origin, provider: d.provider, account: d.account, accountName: d.accountName ?? null };
        if (JSON.stringify(c) !== JSON.stringify(claimed)) await area.set({ [k]: claimed });
        return d;
      }
      if (!c || c.origin !== origin || c.provider !== d.provider) return d;
      return { ...d, account: c.account, ...(c.accountName ? { accountName: c.accountName } : {}) };
    },
  };
}
