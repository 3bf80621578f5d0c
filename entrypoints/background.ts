import { browser } from 'wxt/browser';
import { startBackground } from '../src/background';
import { isCollapsed, tellTabs, toggleSidebar } from '../src/background/sidebar-toggle';
import { SIDEBAR_COLLAPSED, SITES_KEY, STORE_CHANGED, pageKey, sidebarKey } from '../src/messaging/storage-keys';
import { browserSites } from '../src/sites/browser';
import { createSyncRunner } from '../src/sync/schedule';
import { BADGE_ALARM, BADGE_EVERY_MINUTES, createBadge } from '../src/background/badge';
import { REMINDER_ALARM, REMINDER_NOTIFICATION, createReminders } from '../src/background/reminders';
import { db } from '../src/store/db';
import { createSyncService } from '../src/sync/service';
import { createTeamRunner } from '../src/team/schedule';
import { createTeamService } from '../src/team/service';

export default defineBackground(() => {
  // Sites the user turned Kring on for (issue 11): registrations kept in step with the
  // permissions the browser still grants; a withdrawn permission turns the site off.
  const sites = browserSites();
  void sites.reconcile().catch(() => {});
  browser.permissions.onRemoved.addListener(() => void sites.reconcile().catch(() => {}));
  browser.permissions.onAdded.addListener(() => void sites.completePending().catch(() => {}));
  // CardDAV sync (issue 19): only with a server the user connected, whose origin they granted.
  const hasAccess = async (origin: string) => {
    try {
      return await browser.permissions.contains({ origins: [`${origin}/*`] });
    } catch {
      return false;
    }
  };
  // The count on the toolbar icon (issue 20): after changes, and hourly for people falling due.
  const badge = createBadge({ db, action: browser.action });
  void badge.update().catch(() => {});
  void browser.alarms.get(BADGE_ALARM).then((a) => (a ? undefined : browser.alarms.create(BADGE_ALARM, { periodInMinutes: BADGE_EVERY_MINUTES }))).catch(() => {});
  const sync = createSyncRunner({
    service: createSyncService({ db, area: browser.storage.local, hasAccess }),
    alarms: browser.alarms,
    hasAccess,
    // What a sync brought in shows in open sidebars.
    onSynced: () => {
      void browser.storage.session.set({ [STORE_CHANGED]: Date.now() }).catch(() => {});
      badge.soon();
    },
  });
  // The team (issue 21): only with the team's server the user joined, whose origin they granted.
  const team = createTeamRunner({
    service: createTeamService({ db, area: browser.storage.local, hasAccess }),
    alarms: browser.alarms,
    hasAccess,
    onChanged: () => void browser.storage.session.set({ [STORE_CHANGED]: Date.now() }).catch(() => {}),
  });
  void team.schedule().catch(() => {});
  // First run (issue 20): the settings page opens once, with a short welcome.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') }).catch(() => {});
  });
  // Reminders (issue 20): off until the user turns them on in the settings page, which asks for
  // the optional notifications permission. Checked at the chosen time and with the hourly alarm.
  const onNotificationClick = (id: string) => {
    if (id !== REMINDER_NOTIFICATION) return;
    void browser.notifications?.clear(id);
    // The popup opens on its Due list; where the browser refuses (older Chrome, Firefox without a
    // user action), the settings page.
    void Promise.resolve()
      .then(() => browser.action.openPopup())
      .catch(() => browser.runtime.openOptionsPage());
  };
  let clickListening = false;
  const listenForClicks = () => {
    if (clickListening || !browser.notifications?.onClicked) return;
    browser.notifications.onClicked.addListener(onNotificationClick);
    clickListening = true;
  };
  listenForClicks();
  const reminders = createReminders({
    db,
    allowed: () => browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false),
    notify: async (id, title, message) => {
      listenForClicks();
      return browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
    },
    schedule: (when) => (when === null ? browser.alarms.clear(REMINDER_ALARM) : browser.alarms.create(REMINDER_ALARM, { when })),
    text: (key, subs) => browser.i18n.getMessage(key, subs),
  });
  void reminders.check().catch(() => {});
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BADGE_ALARM) {
      void badge.update().catch(() => {});
      void reminders.check().catch(() => {});
    } else if (alarm.name === REMINDER_ALARM) void reminders.check().catch(() => {});
    else {
      void sync.onAlarm(alarm.name).catch(() => {});
      void team.onAlarm(alarm.name).catch(() => {});
    }
  });
  browser.permissions.onRemoved.addListener(() => void sync.onPermissionRemoved().catch(() => {}));
  void sync.schedule().catch(() => {});
  const listener = startBackground({
    sync,
    team,
    badge,
    ownId: browser.runtime.id,
    // Not new URL(...).origin: that is "null" for moz-extension: URLs (opaque by the URL standard),
    // while Firefox reports sender.origin as "moz-extension://<uuid>". The one Firefox difference here.
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    session: browser.storage.session,
    sites: {
      list: () => sites.trusted(),
      // A change to the list is believed only for sites the browser grants (sites.trusted).
      onChange: (cb) =>
        browser.storage.onChanged.addListener((changes, area) => {
          if (area === 'local' && SITES_KEY in changes) void sites.trusted().then(cb, () => {});
        }),
    },
    sidebarCollapsed: () => isCollapsed(browser.storage.local),
    toTopFrame: (tabId, message) => void browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => {}),
  });
  // The sidebar collapsed or opened (its button, the shortcut, another tab): every tab's frame follows.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SIDEBAR_COLLAPSED in changes)) return;
    const collapsed = changes[SIDEBAR_COLLAPSED]!.newValue === true;
    void tellTabs(browser.storage.session, collapsed, (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
  });
  browser.runtime.onMessage.addListener((message, sender) => listener(message, sender));
  // The benchmark (bench/run.ts) drives the real path (sender check, validation, rules, Dexie)
  // from the worker, without the messaging hop it cannot fake: same function, same checks.
  (globalThis as { kringReceive?: typeof listener }).kringReceive = listener;
  // And the toolbar count's redraw, to weigh it against the ingest that triggers it.
  (globalThis as { kringBadge?: typeof badge }).kringBadge = badge;
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove([pageKey(tabId), sidebarKey(tabId)]));
  const onCommand = (command: string) => {
    if (command === 'toggle-sidebar') return toggleSidebar(browser.storage.local);
    return undefined;
  };
  browser.commands.onCommand.addListener((command) => void onCommand(command));
  // Chrome offers automation no way to press an extension shortcut; the end-to-end test checks
  // the shortcut is registered (commands.getAll) and fires this same handler.
  (globalThis as { kringCommand?: typeof onCommand }).kringCommand = onCommand;
});
