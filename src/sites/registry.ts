/**
 * Kring on a webmail site the user chooses (issue 11). Turning a site on asks the browser for that
 * one origin (an optional host permission; nothing broader is asked at install), then registers
 * the site content script there, in all frames, persistently (it survives restarts and updates).
 * Turning it off removes both. The list lives in storage.local under SITES_KEY, which the
 * background reads to accept that origin's reports.
 *
 * The permission request must run in the click handler of an extension page (the browser asks
 * for a user gesture), so `enable` is called from the popup or the settings page.
 */
import { SITES_KEY } from '../messaging/storage-keys';

/** The site being asked for: if the page that asked closes meanwhile (a popup does, in some
 * browsers, when the permission prompt shows), the background finishes the job. */
const PENDING_KEY = 'sitePending';

/** The browser APIs used here, so tests can pass fakes. */
export interface SitesApi {
  permissions: {
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
    contains(p: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  };
  storage: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
}

interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** The built site content script (entrypoints/site.content). */
export const SITE_SCRIPT = 'content-scripts/site.js';

/** Hosts Kring always runs on: never "turned on" as a site. */
const BUILT_IN = /^https:\/\/(?:mail\.google\.com|calendar\.google\.com|outlook\.live\.com|outlook\.office\.com|outlook\.office365\.com)$/;

/**
 * The origin of a web address the user may turn Kring on for, or null: http(s) only, a real host,
 * not one Kring already serves. A bare host ("webmail.example.nl") is read as https.
 */
export function siteOrigin(address: string): string | null {
  const raw = address.trim();
  if (!raw || raw.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  if (BUILT_IN.test(url.origin)) return null;
  return url.origin;
}

const scriptId = (origin: string) => `kring-site-${origin.replace(/[^a-z0-9]+/gi, '-')}`;
const pattern = (origin: string) => `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;

export function createSites(api: SitesApi) {
  const list = async (): Promise<string[]> => {
    const v = (await api.storage.get(SITES_KEY))[SITES_KEY];
    return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : [];
  };
  const save = (origins: string[]) => api.storage.set({ [SITES_KEY]: [...new Set(origins)].sort() });

  const registered = async (id: string) => (await api.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0;
  const register = async (origin: string) => {
    const id = scriptId(origin);
    if (await registered(id)) return;
    try {
      await api.scripting.registerContentScripts([{ id, matches: [pattern(origin)], js: [SITE_SCRIPT], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true }]);
    } catch (e) {
      // The settings page and the background can finish the same turn-on at once: one wins.
      if (!(await registered(id))) throw e;
    }
  };
  const unregister = async (origin: string) => {
    const id = scriptId(origin);
    if ((await api.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0) await api.scripting.unregisterContentScripts({ ids: [id] });
  };

  const finish = async (origin: string) => {
    await register(origin);
    await save([...(await list()), origin]);
    await api.storage.set({ [PENDING_KEY]: null });
  };

  return {
    list,
    /**
     * The listed sites the browser really lets Kring read: what the background trusts a site's
     * reports from. The list itself is in storage.local, which content scripts can write too
     * (issue 16, 12: a compromised page process could add a site); a permission it cannot grant.
     */
    async trusted(): Promise<string[]> {
      const out: string[] = [];
      for (const origin of await list()) if (await api.permissions.contains({ origins: [pattern(origin)] }).catch(() => false)) out.push(origin);
      return out;
    },
    /** Turn Kring on for the site of `address`; false when the user or browser said no. */
    async enable(address: string): Promise<{ ok: true; origin: string } | { ok: false; reason: 'invalid' | 'denied' }> {
      const origin = siteOrigin(address);
      if (!origin) return { ok: false, reason: 'invalid' };
      // First, in the click's own turn (no await before it): the browser asks for this one origin.
      const asked = api.permissions.request({ origins: [pattern(origin)] });
      await api.storage.set({ [PENDING_KEY]: origin });
      const granted = await asked;
      if (!granted) {
        await api.storage.set({ [PENDING_KEY]: null });
        return { ok: false, reason: 'denied' };
      }
      await finish(origin);
      return { ok: true, origin };
    },
    /** Called by the background when a permission is granted: finish a turn-on whose page closed. */
    async completePending(): Promise<void> {
      const origin = (await api.storage.get(PENDING_KEY))[PENDING_KEY];
      if (typeof origin !== 'string' || siteOrigin(origin) !== origin) return;
      if (await api.permissions.contains({ origins: [pattern(origin)] })) await finish(origin);
    },
    /** Turn Kring off for a site: its script and its permission go. What was captured stays. */
    async disable(origin: string): Promise<void> {
      await unregister(origin);
      await save((await list()).filter((o) => o !== origin));
      await api.permissions.remove({ origins: [pattern(origin)] }).catch(() => false);
    },
    /**
     * Make the registrations match the list and the permissions the browser still grants (the
     * user can withdraw a site's access in the browser's own settings): run at background start.
     */
    async reconcile(): Promise<string[]> {
      const kept: string[] = [];
      for (const origin of await list()) {
        if (await api.permissions.contains({ origins: [pattern(origin)] })) {
          await register(origin);
          kept.push(origin);
        } else {
          await unregister(origin);
        }
      }
      await save(kept);
      return kept;
    },
  };
}
