/** Sync's state as Kring's pages show it (issue 19): read from extension storage, never the password. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DAY } from '../network/cadence';
import { SYNC_CONFIG, SYNC_STATUS, type SyncConfig, type SyncConnection, type SyncError, type SyncStatus } from '../sync/config';
import { formatDate, t, type MessageKey } from './i18n';

/** The connection (without the password) and the last sync's status, kept current. */
export function useSyncState(): { connection: SyncConnection | null; status: SyncStatus | null } | undefined {
  const [state, setState] = useState<{ connection: SyncConnection | null; status: SyncStatus | null } | undefined>(undefined);
  useEffect(() => {
    const load = () =>
      void browser.storage.local.get([SYNC_CONFIG, SYNC_STATUS]).then((v) => {
        const c = v[SYNC_CONFIG] as SyncConfig | undefined;
        setState({ connection: c ? { serverUrl: c.serverUrl, username: c.username, bookUrl: c.bookUrl, bookName: c.bookName, ...(c.scope ? { scope: c.scope } : {}) } : null, status: (v[SYNC_STATUS] as SyncStatus | undefined) ?? null });
      });
    load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (SYNC_CONFIG in changes || SYNC_STATUS in changes)) load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  return state;
}

const ERROR_TEXT: Record<SyncError['kind'], MessageKey> = {
  auth: 'syncErrorAuth',
  forbidden: 'syncErrorForbidden',
  'not-found': 'syncErrorNotFound',
  server: 'syncErrorServer',
  'not-carddav': 'syncErrorNotCarddav',
  'no-books': 'syncErrorNoBooks',
  network: 'syncErrorNetwork',
  'access-removed': 'syncErrorAccessRemoved',
  'no-access': 'syncErrorNoAccess',
  'changed-outside': 'syncErrorChangedOutside',
  'too-big': 'syncErrorOther',
  other: 'syncErrorOther',
};

/** What went wrong, in the user's language. */
export function syncErrorText(e: SyncError): string {
  return t(ERROR_TEXT[e.kind] ?? 'syncErrorOther', e.detail);
}


/**
 * The popup's quiet warning: sync waits for an answer (the deletion guard), stopped because the
 * browser took its access away, or has failed for a day. Nothing otherwise.
 */
/** Which warning the popup shows for this status, if any. */
export function syncWarning(s: SyncStatus | null | undefined, now: number): 'deletions' | 'access-removed' | 'failing' | null {
  if (!s || s.ok) return null;
  if (s.massDeletion) return 'deletions';
  if (s.error?.kind === 'access-removed' || s.error?.kind === 'changed-outside') return 'access-removed';
  return s.failingSince && now - s.failingSince >= DAY ? 'failing' : null;
}

export function SyncWarning({ now = Date.now() }: { now?: number }) {
  const state = useSyncState();
  const s = state?.status;
  const kind = syncWarning(s, now);
  if (!s || !kind) return null;
  const text =
    kind === 'deletions' ? t('syncMassDeletion', [String(s.massDeletion!.deleted), String(s.massDeletion!.of)])
    : kind === 'access-removed' ? syncErrorText(s.error!)
    : `${t('syncFailingSince', formatDate(s.lastOk ?? s.failingSince!))} ${s.error ? syncErrorText(s.error) : ''}`;
  if (!text) return null;
  return (
    <p class="notice warn banner" role="status">
      <strong>{t('syncPopupWarning')}</strong> {text}{' '}
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('settingsLink')}
      </button>
    </p>
  );
}
