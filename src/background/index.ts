/** Wires the handlers to the message server. entrypoints/background.ts only calls this. */
import type { DetectionPayload, SidebarPage, SyncMessage, TeamMessage } from '../messaging/protocol';
import { sidebarActions, sidebarPage } from './sidebar';
import { STORE_CHANGED, STORE_FULL } from '../messaging/storage-keys';
import { createMessageServer } from '../messaging/server';
import { db } from '../store/db';
import { SETTING, countDrop, getSetting } from '../store/settings';
import { ingest } from './ingest';
import { maintain } from './maintenance';
import type { SyncRunner } from '../sync/schedule';
import type { TeamRunner } from '../team/schedule';
import type { Badge } from './badge';
import { createPageStore, createSidebarFrames, createTabAccounts, type SessionArea } from './pages';

/** Which provider a page of each origin may report: a Gmail tab cannot file Outlook captures. */
const PROVIDERS_BY_ORIGIN: Record<string, readonly string[]> = {
  'https://mail.google.com': ['gmail'],
  'https://calendar.google.com': ['google-calendar'],
  'https://outlook.live.com': ['outlook-mail', 'outlook-calendar'],
  'https://outlook.office.com': ['outlook-mail', 'outlook-calendar'],
  'https://outlook.office365.com': ['outlook-mail', 'outlook-calendar'],
};

/** What a site the user turned Kring on for may report (entrypoints/site.content). */
const SITE_PROVIDERS: readonly string[] = ['roundcube', 'proton', 'yahoo', 'sogo', 'generic'];

export interface BackgroundDeps {
  ownId: string;
  extensionOrigin: string;
  session: SessionArea;
  /** The sites the user turned Kring on for (src/sites), and changes to them; none in tests. */
  sites?: { list(): Promise<string[]>; onChange(cb: (origins: string[]) => void): void };
  /**
   * Whether the user collapsed the sidebar (storage.local, ./sidebar-toggle.ts): told to a content
   * script with its frame's key, so content scripts need no storage API of their own. Absent in
   * tests: open.
   */
  sidebarCollapsed?: () => Promise<boolean>;
  /** Tell a tab's top frame what one of its frames shows (tabs.sendMessage); absent in tests. */
  toTopFrame?: (tabId: number, message: { type: 'page/frame-view'; view: string; count: number }) => void;
  /** CardDAV sync (issue 19, src/sync/schedule.ts); absent in tests of the capture path. */
  sync?: SyncRunner;
  /** The team (issue 21, src/team/schedule.ts): its messages, and who knows the sidebar's people. */
  team?: TeamRunner;
  /** The count on the toolbar icon (issue 20, ./badge.ts); absent in tests. */
  badge?: Badge;
}

/**
 * Open sidebars learn of changes through storage.session: `page:<tab>` when a tab's page changed,
 * `storeChangedAt` when the store did. (runtime.sendMessage from the background does not reach an
 * extension frame inside a web page in Firefox; storage change events reach every extension page.)
 */

/**
 * New people one tab may bring in per window (issue 16: a page rewriting a Roundcube-shaped list
 * created 42,000 people in a minute). Past it, the tab's reports still count for people Kring
 * knows; new ones wait for the next window (a page seen again later brings them).
 */
export const TAB_NEW_PEOPLE = { max: 500, windowMs: 10 * 60_000 };

export function startBackground({ ownId, extensionOrigin, session, sites, sidebarCollapsed, toTopFrame, sync, badge, team }: BackgroundDeps) {
  // Per tab: the window's count, and a queue so two reports from one tab never both spend the
  // same remaining budget (they would if read before either ingest finished).
  const budgets = new Map<number, { since: number; created: number; queue: Promise<unknown> }>();
  const budgetOf = (tabId: number) => {
    let b = budgets.get(tabId);
    if (!b) budgets.set(tabId, (b = { since: Date.now(), created: 0, queue: Promise.resolve() }));
    if (budgets.size > 1000) budgets.delete(budgets.keys().next().value!);
    return b;
  };
  const store = db();
  let siteOrigins = new Set<string>();
  sites?.onChange((origins) => (siteOrigins = new Set(origins)));
  const sitesKnown = sites ? sites.list().then((o) => (siteOrigins = new Set(o)), () => {}) : Promise.resolve();
  const providersOf = (origin: string) => PROVIDERS_BY_ORIGIN[origin] ?? (siteOrigins.has(origin) ? SITE_PROVIDERS : undefined);
  const pages = createPageStore(session);
  const frames = createSidebarFrames(session);
  const accounts = createTabAccounts(session);
  const housekeeping = () => void maintain(store).catch(() => {});
  const actions = sidebarActions(store);
  /** The store changed: open sidebars re-ask. */
  const changed = () => {
    void session.set({ [STORE_CHANGED]: Date.now() }).catch(() => {});
    badge?.soon();
  };
  housekeeping();
  let full = false;
  void session.get(STORE_FULL).then((v) => (full ||= Boolean(v[STORE_FULL])), () => {});

  const allowed = async (detection: DetectionPayload, origin: string) => {
    if (!providersOf(origin)?.includes(detection.provider)) {
      await countDrop(store, 'provider-mismatch');
      return false;
    }
    const off = await getSetting<string[]>(store, SETTING.captureOff, []);
    return !off.includes(detection.provider);
  };

  /** What a tab's page (or a frame of it) shows now, for its sidebar. */
  const takePage = async (reported: DetectionPayload, fresh: boolean, from: { tabId: number; origin: string; frameId: number }) => {
    if (!providersOf(from.origin)?.includes(reported.provider)) return;
    const detection = await accounts.apply(from.tabId, from.origin, reported);
    const changedPage = await pages.set(from.tabId, detection, from, fresh);
    if (changedPage && from.frameId !== 0) toTopFrame?.(from.tabId, { type: 'page/frame-view', view: reported.view, count: reported.items.length });
  };

  return createMessageServer({
    ownId,
    extensionOrigin,
    isSite: (origin) => siteOrigins.has(origin),
    ready: sitesKnown,
    onDrop: (reason) => void countDrop(store, reason).catch(() => {}),
    handlers: {
      'capture/detected': async (msg, from) => {
        if (msg.page) await takePage(msg.detection, msg.fresh === true, from);
        if (!(await allowed(msg.detection, from.origin))) return { stored: 0, people: 0 };
        const detection = await accounts.apply(from.tabId, from.origin, msg.detection);
        let result;
        try {
          const budget = budgetOf(from.tabId);
          const run = budget.queue.then(async () => {
            const now = Date.now();
            if (now - budget.since > TAB_NEW_PEOPLE.windowMs) Object.assign(budget, { since: now, created: 0 });
            const r = await ingest(store, detection, now, { maxNewPeople: Math.max(0, TAB_NEW_PEOPLE.max - budget.created) });
            budget.created += r.created ?? 0;
            return r;
          });
          budget.queue = run.catch(() => {});
          result = await run;
          if (budget.created >= TAB_NEW_PEOPLE.max) void countDrop(store, 'tab-new-people-limit').catch(() => {});
        } catch (e) {
          // The write was rolled back whole. Out of space: tell the user (the popup shows it);
          // the tab retries with backoff, and a later write that fits clears the flag.
          if (isQuotaError(e)) {
            full = true;
            await session.set({ [STORE_FULL]: Date.now() }).catch(() => {});
          }
          throw new Error('not stored');
        }
        if (full) {
          full = false;
          await session.remove(STORE_FULL).catch(() => {});
        }
        if (result.stored > 0 || msg.detection.failure || msg.detection.degraded?.length) changed();
        housekeeping();
        return result;
      },
      'capture/page': async (msg, from) => {
        await takePage(msg.detection, msg.fresh === true, from);
        return undefined;
      },
      'capture/sidebar': async (_msg, from) => {
        const key = await frames.place(from.tabId);
        return { key, collapsed: (await sidebarCollapsed?.().catch(() => false)) === true };
      },
      'sidebar/get-page': async (msg, from): Promise<SidebarPage | undefined> => {
        // Only the frame Kring's content script placed in this tab (the first to show its key),
        // and only while the tab still shows the site that reported the page (a tab navigated
        // away could frame the sidebar elsewhere).
        if (!(await frames.claim(from.tabId, msg.key, from.frameId))) return undefined;
        let origin: string | null = null;
        try {
          origin = from.tabUrl ? new URL(from.tabUrl).origin : null;
        } catch {
          origin = null;
        }
        const page = origin ? await pages.getWithOmitted(from.tabId, origin) : null;
        return sidebarPage(store, from.tabId, page?.detection ?? null, Date.now(), page?.omitted ?? 0, team?.knownTo);
      },
      'sidebar/add-to-network': async (msg, from) => {
        if (!(await frames.isBound(from.tabId, from.frameId))) return false;
        const ok = await actions.addToNetwork(msg.email, msg.name);
        changed();
        void sync?.soon().catch(() => {});
        void team?.soon().catch(() => {});
        return ok;
      },
      'sidebar/set-cadence': async (msg, from) => {
        if (!(await frames.isBound(from.tabId, from.frameId))) return false;
        const ok = await actions.setCadence(msg.email, msg.days);
        changed();
        void sync?.soon().catch(() => {});
        void team?.soon().catch(() => {});
        return ok;
      },
      // A page's message that something changed there (`sync/soon`) also moves the toolbar count.
      ...(sync ? { sync: (msg: SyncMessage) => (badge?.soon(), team?.soon(), sync.handle(msg)) } : {}),
      ...(team ? { team: (msg: TeamMessage) => team.handle(msg) } : {}),
    },
  });
}

/** IndexedDB out of space, however Dexie wraps it (an aborted transaction carries it as `inner`). */
export function isQuotaError(e: unknown): boolean {
  for (let x = e as { name?: string; inner?: unknown } | null | undefined, depth = 0; x && depth < 5; x = x.inner as typeof x, depth++) {
    if (x.name === 'QuotaExceededError') return true;
  }
  return false;
}
