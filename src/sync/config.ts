/**
 * What sync keeps in extension storage and shows to pages (issue 19), apart from the sync itself so
 * that the settings page and the popup load none of it (no DAV client in a page that only shows a status).
 */
import type { SyncResult } from './loop';
import type { RemoteErrorKind } from './remote';

/** storage.local keys. */
export const SYNC_CONFIG = 'syncConfig';
export const SYNC_STATUS = 'syncStatus';

export interface SyncConfig {
  /** The DAV base URL the user gave. */
  serverUrl: string;
  username: string;
  password: string;
  bookUrl: string;
  bookName: string;
  /** Who is synced: the people in the network (the default), or everyone Kring keeps. */
  scope?: 'network' | 'everyone';
}

/** The connection as pages may see it: never the password. */
export type SyncConnection = Omit<SyncConfig, 'password'>;

/**
 * `no-access`: the browser did not give Kring access to the server; `access-removed`: it took it back;
 * `changed-outside`: the connection in extension storage is not the one Connect made.
 */
export type SyncErrorKind = RemoteErrorKind | 'network' | 'access-removed' | 'no-access' | 'changed-outside';

export interface SyncError {
  kind: SyncErrorKind;
  /** The server's or the browser's words, at most 200 characters. */
  detail: string;
}

export interface SyncStatus {
  /** When the last sync ended (epoch ms). */
  at: number;
  ok: boolean;
  result?: SyncResult;
  error?: SyncError;
  /** The last sync that worked. */
  lastOk?: number;
  /** The first of the failures since the last sync that worked. */
  failingSince?: number;
  /** The server deleted too many people at once: nothing was applied, the user decides. */
  massDeletion?: { deleted: number; of: number };
}

/** What the deletion guard should do when the user has answered it. */
export type Deletions = 'ask' | 'apply' | 'restore';

/** The DAV base URL, checked: http(s) only, no credentials in it, no fragment. */
export function serverAddress(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * The host permissions Connect asks for: the server's origin; for iCloud also its other hosts, since
 * contacts.icloud.com hands each account to a partition host (p42-contacts.icloud.com) that the
 * address books then live on (research brief).
 */
export function originsToAsk(url: URL): string[] {
  const own = `${url.origin}/*`;
  return url.protocol === 'https:' && /(^|\.)icloud\.com$/i.test(url.hostname) ? [own, 'https://*.icloud.com/*'] : [own];
}
