/**
 * Settings → Sync (issue 19): connect a CardDAV address book, see what the last sync did, sync now,
 * answer the deletion guard, stop. The background runs every sync (src/background/sync.ts); this
 * page asks the browser for the server's origin (it must, from the click) and sends messages.
 * The password is typed once and never read back: the page sees the connection without it.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SyncMessage } from '../../messaging/protocol';
import { originsToAsk, serverAddress, type SyncConnection, type SyncError, type SyncStatus } from '../../sync/config';
import { formatDateTime, t } from '../i18n';
import { syncErrorText, useSyncState } from '../sync-state';

type Found = { ok: true; books: { url: string; name: string }[]; home: string } | { ok: false; error: SyncError };

const ask = <T,>(msg: SyncMessage) => browser.runtime.sendMessage(msg) as Promise<T>;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export function SyncSection() {
  const state = useSyncState();
  return (
    <section aria-labelledby="sync-h">
      <h2 id="sync-h">{t('syncHeading')}</h2>
      <p class="muted">{t('syncHelp')}</p>
      {state && (state.connection ? <Connected connection={state.connection} status={state.status} /> : <ConnectForm lastStatus={state.status} />)}
    </section>
  );
}

function ConnectForm({ lastStatus }: { lastStatus: SyncStatus | null }) {
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(lastStatus?.error ? syncErrorText(lastStatus.error) : null);
  const [insecure, setInsecure] = useState(false);
  const [tested, setTested] = useState<string | null>(null);
  const [found, setFound] = useState<(Found & { ok: true }) | null>(null);
  const [choice, setChoice] = useState<string>('make');
  const [scope, setScope] = useState<'network' | 'everyone'>('network');

  /** Ask the browser for the server (from this click), then ask the server for the account's books. */
  const discover = async (test: boolean, anyway = false) => {
    setProblem(null);
    setTested(null);
    const url = serverAddress(server);
    if (!url) return setProblem(t('syncInvalidAddress'));
    if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !anyway) return setInsecure(true);
    setInsecure(false);
    // First thing in the click: the browser only asks from a user gesture.
    const granted = await browser.permissions.request({ origins: originsToAsk(url) }).catch(() => false);
    if (!granted) return setProblem(t('syncErrorNoAccess'));
    setBusy(true);
    const r = await ask<Found>({ type: 'sync/discover', serverUrl: url.toString(), username: user.trim(), password }).catch((e: Error) => ({ ok: false as const, error: { kind: 'other' as const, detail: e.message } }));
    setBusy(false);
    if (!r.ok) return setProblem(syncErrorText(r.error));
    if (test) return setTested(t('syncTestOk', String(r.books.length)));
    setFound(r);
    setChoice(r.books.find((b) => b.name.toLowerCase() === 'kring')?.url ?? 'make');
  };

  const start = async () => {
    if (!found) return;
    const url = serverAddress(server)!;
    const book = found.books.find((b) => b.url === choice);
    setBusy(true);
    const status = await ask<SyncStatus>({ type: 'sync/use', serverUrl: url.toString(), username: user.trim(), password, book: book ? { url: book.url, name: book.name } : { make: 'Kring', home: found.home }, scope });
    setBusy(false);
    // Connected: the section turns to the connected view (storage change). Refused: say why.
    if (status && !status.ok && status.error) setProblem(syncErrorText(status.error));
  };

  if (found) {
    return (
      <form class="sync-form" onSubmit={(e) => (e.preventDefault(), void start())}>
        <fieldset>
          <legend>{t('syncChooseBook')}</legend>
          {found.books.map((b) => (
            <label key={b.url} class="radio">
              <input type="radio" name="sync-book" value={b.url} checked={choice === b.url} onChange={() => setChoice(b.url)} /> {b.name}
            </label>
          ))}
          {!found.books.some((b) => b.name.toLowerCase() === 'kring') && (
            <label class="radio">
              <input type="radio" name="sync-book" value="make" checked={choice === 'make'} onChange={() => setChoice('make')} /> {t('syncMakeBook')}
            </label>
          )}
        </fieldset>
        <ScopePicker value={scope} onChange={setScope} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('syncRunning') : t('syncStart')}
          </button>
          <button type="button" onClick={() => setFound(null)}>
            {t('cancel')}
          </button>
        </div>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
      </form>
    );
  }

  return (
    <form class="sync-form" onSubmit={(e) => (e.preventDefault(), void discover(false))}>
      <div class="field">
        <label for="sync-server">{t('syncServerLabel')}</label>
        <input id="sync-server" type="url" required value={server} placeholder="https://" aria-describedby="sync-server-hint" autocomplete="url" onInput={(e) => setServer((e.currentTarget as HTMLInputElement).value)} />
        <span id="sync-server-hint" class="muted hint">
          {t('syncServerHint')}
        </span>
      </div>
      <div class="field">
        <label for="sync-user">{t('syncUserLabel')}</label>
        <input id="sync-user" required value={user} autocomplete="username" onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="sync-password">{t('syncPasswordLabel')}</label>
        <input id="sync-password" type="password" value={password} autocomplete="current-password" aria-describedby="sync-password-hint" onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        <span id="sync-password-hint" class="muted hint">
          {t('syncPasswordHint')}
        </span>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('syncTesting') : t('syncConnect')}
        </button>
        <button type="button" disabled={busy} onClick={() => void discover(true)}>
          {t('syncTest')}
        </button>
      </div>
      {insecure && (
        <div class="notice warn" role="alert">
          <p>{t('syncInsecure')}</p>
          <button type="button" class="danger" onClick={() => void discover(false, true)}>
            {t('syncInsecureAnyway')}
          </button>{' '}
          <button type="button" onClick={() => setInsecure(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {tested && (
        <p class="notice" role="status">
          {tested}
        </p>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function ScopePicker({ value, onChange, disabled }: { value: 'network' | 'everyone'; onChange: (v: 'network' | 'everyone') => void; disabled?: boolean }) {
  return (
    <fieldset>
      <legend>{t('syncScopeLegend')}</legend>
      {(['network', 'everyone'] as const).map((v) => (
        <label key={v} class="radio">
          <input type="radio" name="sync-scope" value={v} checked={value === v} disabled={disabled} onChange={() => onChange(v)} /> {t(v === 'network' ? 'syncScopeNetwork' : 'syncScopeEveryone')}
        </label>
      ))}
    </fieldset>
  );
}

function Connected({ connection, status }: { connection: SyncConnection; status: SyncStatus | null }) {
  const [busy, setBusy] = useState(false);
  const now = async (deletions?: 'apply' | 'restore') => {
    setBusy(true);
    await ask({ type: 'sync/now', ...(deletions ? { deletions } : {}) }).catch(() => {});
    setBusy(false);
  };
  let host = connection.bookUrl;
  try {
    host = new URL(connection.bookUrl).host;
  } catch {
    // shown as given
  }
  return (
    <div class="sync-connected">
      <p>{t('syncConnectedTo', [connection.bookName, host, connection.username])}</p>
      <div class="sync-form">
        <ScopePicker
          value={connection.scope ?? 'network'}
          disabled={busy}
          onChange={(scope) => {
            setBusy(true);
            void ask({ type: 'sync/scope', scope }).catch(() => {}).then(() => setBusy(false));
          }}
        />
      </div>
      <SyncStatusLine status={status} />
      {status?.massDeletion && (
        <div class="notice warn" role="alert">
          <p>{t('syncMassDeletion', [String(status.massDeletion.deleted), String(status.massDeletion.of)])}</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void now('apply')}>
            {t('syncApplyDeletions')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void now('restore')}>
            {t('syncRestoreDeletions')}
          </button>
        </div>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void now()}>
          {busy ? t('syncRunning') : t('syncNow')}
        </button>
        <button type="button" disabled={busy} onClick={() => void ask({ type: 'sync/stop' })}>
          {t('syncStop')}
        </button>
      </div>
      <p class="muted">{t('syncStopHelp')}</p>
    </div>
  );
}

function SyncStatusLine({ status }: { status: SyncStatus | null }) {
  if (!status) return null;
  const r = status.result;
  return (
    <div role="status" aria-live="polite">
      {status.ok && r && <p>{t('syncLast', [formatDateTime(status.at), String(r.received), String(r.sent), String(r.conflicts)])}</p>}
      {!status.ok && status.error && (
        <p class="error">
          {t('syncLastFailed', formatDateTime(status.at))} {syncErrorText(status.error)}
        </p>
      )}
      {!status.ok && status.error && status.failingSince && status.lastOk && <p class="muted">{t('syncFailingSince', formatDateTime(status.lastOk))}</p>}
      {r && r.unreadable > 0 && <p class="muted">{t('syncUnreadable', String(r.unreadable))}</p>}
    </div>
  );
}
