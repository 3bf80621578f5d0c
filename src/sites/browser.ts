/** The site registry over the browser's own APIs, for the background and the extension pages. */
import { browser } from 'wxt/browser';
import { createSites, type SitesApi } from './registry';

export const browserSites = () =>
  createSites({ permissions: browser.permissions, scripting: browser.scripting, storage: browser.storage.local } as unknown as SitesApi);
