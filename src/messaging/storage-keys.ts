/** storage.local key of the sidebar's collapsed state (a boolean; nothing personal). */
export const SIDEBAR_COLLAPSED = 'sidebarCollapsed';

/** storage.session keys that tell open sidebars to re-ask: a tab's page, or the store, changed. */
export const pageKey = (tabId: number) => `page:${tabId}`;
/** storage.session: the key of the sidebar frame a tab's content script placed, and the frame that showed it. */
export const sidebarKey = (tabId: number) => `sidebar:${tabId}`;
export const STORE_CHANGED = 'storeChangedAt';
/** storage.session: when the last capture could not be saved because the device is out of space. */
export const STORE_FULL = 'storeFullAt';
/** storage.local: the origins of the webmail sites the user turned Kring on for (src/sites). */
export const SITES_KEY = 'sites';
/** storage.session: who the page of a tab said the user is signed in as, and from which origin. */
export const tabAccountKey = (tabId: number) => `account:${tabId}`;
