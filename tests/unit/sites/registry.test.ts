// Turning Kring on and off for a site: one origin asked of the browser, the script registered in
// all frames and persistently, both removed again; nothing registered when the user says no.
import { describe, expect, it } from 'vitest';
import { createSites, siteOrigin, SITE_SCRIPT, type SitesApi } from '../../../src/sites/registry';

function fakeApi(answer = true) {
  const granted = new Set<string>();
  const scripts = new Map<string, { id: string; matches: string[]; js: string[]; allFrames: boolean; persistAcrossSessions: boolean }>();
  const store: Record<string, unknown> = {};
  const requests: string[][] = [];
  const api: SitesApi = {
    permissions: {
      request: async ({ origins }) => {
        requests.push(origins);
        if (answer) for (const o of origins) granted.add(o);
        return answer;
      },
      remove: async ({ origins }) => origins.every((o) => granted.delete(o)),
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      unregisterContentScripts: async ({ ids }) => ids.forEach((id) => scripts.delete(id)),
      getRegisteredContentScripts: async (filter) => [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    },
    storage: { get: async (k) => (k in store ? { [k]: store[k] } : {}), set: async (items) => void Object.assign(store, items) },
  };
  return { api, granted, scripts, requests };
}

describe('sites', () => {
  it('reads a site origin from what the user types, refusing what it cannot be turned on for', () => {
    expect(siteOrigin('webmail.example.nl')).toBe('https://webmail.example.nl');
    expect(siteOrigin('https://mail.provider.nl/roundcube/?_task=mail')).toBe('https://mail.provider.nl');
    expect(siteOrigin('http://webmail.example.test:8080/x')).toBe('http://webmail.example.test:8080');
    for (const bad of ['', 'javascript:alert(1)', 'file:///etc/passwd', 'chrome://settings', 'https://user:pw@x.nl', 'https://mail.google.com/mail/u/0/', 'https://outlook.office.com/mail/', 'not a url at all']) {
      expect(siteOrigin(bad), bad).toBeNull();
    }
  });

  it('turns a site on: one origin asked, the script registered in all frames, persistently; off removes both', async () => {
    const { api, granted, scripts, requests } = fakeApi();
    const sites = createSites(api);
    expect(await sites.enable('https://webmail.example.nl/?_task=mail')).toEqual({ ok: true, origin: 'https://webmail.example.nl' });
    expect(requests).toEqual([['https://webmail.example.nl/*']]);
    expect([...scripts.values()]).toEqual([
      { id: expect.any(String), matches: ['https://webmail.example.nl/*'], js: [SITE_SCRIPT], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    expect(await sites.list()).toEqual(['https://webmail.example.nl']);
    // Turning it on twice changes nothing.
    await sites.enable('webmail.example.nl');
    expect(scripts.size).toBe(1);
    expect(await sites.list()).toEqual(['https://webmail.example.nl']);

    await sites.disable('https://webmail.example.nl');
    expect(scripts.size).toBe(0);
    expect(granted.size).toBe(0);
    expect(await sites.list()).toEqual([]);
  });

  it('registers nothing when the user declines, or for an address it cannot use', async () => {
    const { api, scripts } = fakeApi(false);
    const sites = createSites(api);
    expect(await sites.enable('webmail.example.nl')).toEqual({ ok: false, reason: 'denied' });
    expect(await sites.enable('javascript:alert(1)')).toEqual({ ok: false, reason: 'invalid' });
    expect(scripts.size).toBe(0);
    expect(await sites.list()).toEqual([]);
  });

  it('reconcile: a permission withdrawn in the browser turns the site off; a lost registration comes back', async () => {
    const { api, granted, scripts } = fakeApi();
    const sites = createSites(api);
    await sites.enable('a.example');
    await sites.enable('b.example');
    granted.delete('https://a.example/*');
    scripts.clear();
    expect(await sites.reconcile()).toEqual(['https://b.example']);
    expect([...scripts.values()].map((s) => s.matches)).toEqual([['https://b.example/*']]);
    expect(await sites.list()).toEqual(['https://b.example']);
  });

  it('a turn-on whose page closed at the prompt (a popup) is finished by the background when the permission arrives', async () => {
    const { api, granted, scripts } = fakeApi();
    // The popup dies while the browser asks: its promise never settles, but the user said yes.
    api.permissions.request = ({ origins }) => {
      for (const o of origins) granted.add(o);
      return new Promise<boolean>(() => {});
    };
    void createSites(api).enable('webmail.example.nl');
    await new Promise((r) => setTimeout(r, 0));
    expect(scripts.size).toBe(0);
    const background = createSites(api);
    await background.completePending();
    expect([...scripts.values()].map((s) => s.matches)).toEqual([['https://webmail.example.nl/*']]);
    expect(await background.list()).toEqual(['https://webmail.example.nl']);
    // Done once: a later permission event changes nothing.
    await background.completePending();
    expect(scripts.size).toBe(1);
  });

  it('the page and the background finishing the same turn-on at once register it once, without an error', async () => {
    const { api, scripts } = fakeApi();
    const [page, background] = [createSites(api), createSites(api)];
    const enabling = page.enable('webmail.example.nl');
    await Promise.all([enabling, background.completePending(), background.completePending()]);
    expect(await enabling).toEqual({ ok: true, origin: 'https://webmail.example.nl' });
    expect(scripts.size).toBe(1);
  });

  it('issue 16, 12: only listed sites the browser grants are trusted, whatever the list in storage says', async () => {
    const { api } = fakeApi();
    const sites = createSites(api);
    await sites.enable('https://webmail.example.nl');
    // Something that can write storage.local (a content script) adds a site of its own.
    await api.storage.set({ sites: ['https://evil.example', 'https://webmail.example.nl'] });
    expect(await sites.list()).toEqual(['https://evil.example', 'https://webmail.example.nl']);
    expect(await sites.trusted()).toEqual(['https://webmail.example.nl']);
  });
});
