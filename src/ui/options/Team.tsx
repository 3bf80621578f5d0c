/**
 * Settings → Team (issue 21): join a team's folder on its CardDAV server with the team passphrase,
 * choose what is shared, see exactly what a published entry holds, update now, leave. The
 * background does the work (src/team/service.ts); this page asks the browser for the server's
 * origin (from the click) and sends messages. The password and passphrase are typed once and never
 * read back.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TeamMessage } from '../../messaging/protocol';
import { originsToAsk, serverAddress, SYNC_CONFIG, type SyncConfig } from '../../sync/config';
import { db } from '../../store/db';
import type { TeamCard } from '../../model/types';
import { TEAM_CONFIG, TEAM_STATUS, type TeamConfig, type TeamConnection, type TeamStatus } from '../../team/config';
import { META_UID } from '../../team/entry';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { syncErrorText } from '../sync-state';

const ask = <T,>(msg: TeamMessage) => browser.runtime.sendMessage(msg) as Promise<T>;

type Share = TeamConnection['share'];

function useTeamState(): { connection: TeamConnection | null; status: TeamStatus | null; syncUser: string | null; syncServer: string | null } | undefined {
  const [state, setState] = useState<ReturnType<typeof useTeamState>>(undefined);
  useEffect(() => {
    const load = () =>
      void browser.storage.local.get([TEAM_CONFIG, TEAM_STATUS, SYNC_CONFIG]).then((v) => {
        const c = v[TEAM_CONFIG] as TeamConfig | undefined;
        const s = v[SYNC_CONFIG] as SyncConfig | undefined;
        setState({
          connection: c ? { folder: c.folder, username: c.username, member: c.member, share: c.share } : null,
          status: (v[TEAM_STATUS] as TeamStatus | undefined) ?? null,
          syncUser: s?.username ?? null,
          syncServer: s?.serverUrl ?? null,
        });
      });
    load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (TEAM_CONFIG in changes || TEAM_STATUS in changes)) load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  return state;
}

const TEAM_ERRORS: Partial<Record<NonNullable<TeamStatus['error']>['kind'], MessageKey>> = {
  'wrong-passphrase': 'teamErrorPassphrase',
  'no-book': 'teamErrorNoBook',
  'changed-outside': 'teamErrorChangedOutside',
};

function errorText(e: NonNullable<TeamStatus['error']>): string {
  const key = TEAM_ERRORS[e.kind];
  if (key) return t(key, e.detail);
  if (e.kind === 'forbidden') return t('teamErrorForbidden', e.detail);
  return syncErrorText(e as Parameters<typeof syncErrorText>[0]);
}

export function TeamSection() {
  const state = useTeamState();
  return (
    <section aria-labelledby="team-h" id="team">
      <h2 id="team-h">{t('teamHeading')}</h2>
      <p class="muted">{t('teamHelp')}</p>
      {state && (state.connection ? <Joined connection={state.connection} status={state.status} /> : <JoinForm syncUser={state.syncUser} syncServer={state.syncServer} lastStatus={state.status} />)}
      <EntryExample joined={Boolean(state?.connection)} at={state?.status?.at ?? 0} />
    </section>
  );
}

function SharePicker({ value, onChange, disabled }: { value: Share; onChange: (v: Share) => void; disabled?: boolean }) {
  const [tag, setTag] = useState(value.kind === 'tag' ? value.tag : '');
  return (
    <fieldset>
      <legend>{t('teamShareLegend')}</legend>
      <label class="radio">
        <input type="radio" name="team-share" checked={value.kind === 'network'} disabled={disabled} onChange={() => onChange({ kind: 'network' })} /> {t('teamShareNetwork')}
      </label>
      <label class="radio">
        <input type="radio" name="team-share" checked={value.kind === 'tag'} disabled={disabled} onChange={() => tag.trim() && onChange({ kind: 'tag', tag: tag.trim() })} /> {t('teamShareTag')}
      </label>
      <input
        aria-label={t('teamShareTagLabel')}
        value={tag}
        disabled={disabled}
        placeholder={t('teamShareTagPlaceholder')}
        onInput={(e) => setTag((e.currentTarget as HTMLInputElement).value)}
        onBlur={() => tag.trim() && (value.kind !== 'tag' || value.tag !== tag.trim()) && onChange({ kind: 'tag', tag: tag.trim() })}
      />
    </fieldset>
  );
}

function JoinForm({ syncUser, syncServer, lastStatus }: { syncUser: string | null; syncServer: string | null; lastStatus: TeamStatus | null }) {
  let suggested = '';
  try {
    suggested = syncServer ? new URL('/team/', syncServer).toString() : '';
  } catch {
    suggested = '';
  }
  const [folder, setFolder] = useState(suggested);
  const [user, setUser] = useState(syncUser ?? '');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [member, setMember] = useState('');
  const [share, setShare] = useState<Share>({ kind: 'network' });
  const [busy, setBusy] = useState(false);
  // Why the team stopped, if it did (the membership changed outside this page).
  const [problem, setProblem] = useState<string | null>(lastStatus && !lastStatus.ok && lastStatus.error ? errorText(lastStatus.error) : null);

  const join = async () => {
    setProblem(null);
    const url = serverAddress(folder);
    if (!url) return setProblem(t('syncInvalidAddress'));
    // First thing in the click: the browser only asks from a user gesture.
    const granted = await browser.permissions.request({ origins: originsToAsk(url) }).catch(() => false);
    if (!granted) return setProblem(t('syncErrorNoAccess', url.host));
    setBusy(true);
    const status = await ask<TeamStatus>({ type: 'team/join', folder: url.toString(), username: user.trim(), password, passphrase, member: member.trim(), share }).catch(
      (e: Error) => ({ at: Date.now(), ok: false, error: { kind: 'other' as const, detail: e.message } }),
    );
    setBusy(false);
    if (status && !status.ok && status.error) setProblem(errorText(status.error));
  };

  return (
    <form class="sync-form" onSubmit={(e) => (e.preventDefault(), void join())}>
      <div class="field">
        <label for="team-folder">{t('teamFolderLabel')}</label>
        <input id="team-folder" type="url" required value={folder} placeholder="https://" aria-describedby="team-folder-hint" onInput={(e) => setFolder((e.currentTarget as HTMLInputElement).value)} />
        <span id="team-folder-hint" class="muted hint">
          {t('teamFolderHint')}
        </span>
      </div>
      <div class="field">
        <label for="team-user">{t('syncUserLabel')}</label>
        <input id="team-user" required value={user} autocomplete="username" onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="team-password">{t('syncPasswordLabel')}</label>
        <input id="team-password" type="password" value={password} autocomplete="current-password" aria-describedby={syncUser ? 'team-password-hint' : undefined} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        {syncUser && (
          <span id="team-password-hint" class="muted hint">
            {t('teamPasswordHint')}
          </span>
        )}
      </div>
      <div class="field">
        <label for="team-passphrase">{t('teamPassphraseLabel')}</label>
        <input id="team-passphrase" type="password" required minLength={8} value={passphrase} autocomplete="off" aria-describedby="team-passphrase-hint" onInput={(e) => setPassphrase((e.currentTarget as HTMLInputElement).value)} />
        <span id="team-passphrase-hint" class="muted hint">
          {t('teamPassphraseHint')}
        </span>
      </div>
      <div class="field">
        <label for="team-member">{t('teamMemberLabel')}</label>
        <input id="team-member" required maxLength={100} value={member} aria-describedby="team-member-hint" onInput={(e) => setMember((e.currentTarget as HTMLInputElement).value)} />
        <span id="team-member-hint" class="muted hint">
          {t('teamMemberHint')}
        </span>
      </div>
      <SharePicker value={share} onChange={setShare} disabled={busy} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('teamJoining') : t('teamJoin')}
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

function Joined({ connection, status }: { connection: TeamConnection; status: TeamStatus | null }) {
  const [busy, setBusy] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (msg: TeamMessage) => {
    setBusy(true);
    setProblem(null);
    const r = await ask<{ ok: boolean; error?: TeamStatus['error'] } | null>(msg).catch(() => null);
    setBusy(false);
    if (r && !r.ok && r.error) setProblem(errorText(r.error));
  };
  let host = connection.folder;
  try {
    host = new URL(connection.folder).host;
  } catch {
    // shown as given
  }
  return (
    <div class="sync-connected">
      <p>{t('teamJoinedAs', [connection.member, host, connection.username])}</p>
      <div class="sync-form">
        <SharePicker value={connection.share} disabled={busy} onChange={(share) => void run({ type: 'team/share', share })} />
      </div>
      {status && (
        <p class={status.ok ? 'muted' : 'error'} role="status">
          {status.ok
            ? t('teamStatusOk', [formatDateTime(status.at), String(status.shared ?? 0), String(status.entries ?? 0), String(status.books ?? 0)])
            : status.error
              ? errorText(status.error)
              : ''}
        </p>
      )}
      {status?.saltLost && status.saltLost.length > 0 ? (
        <p class="notice warn" role="alert">
          {t('teamSaltLost', status.saltLost.join(', '))}
        </p>
      ) : (
        status?.otherKey &&
        status.otherKey.length > 0 && (
          <p class="notice warn" role="alert">
            {t('teamOtherKey', status.otherKey.join(', '))}
          </p>
        )
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void run({ type: 'team/now' })}>
          {busy ? t('teamUpdating') : t('teamUpdateNow')}
        </button>
        {!confirmLeave ? (
          <button type="button" class="danger" disabled={busy} onClick={() => setConfirmLeave(true)}>
            {t('teamLeave')}
          </button>
        ) : (
          <span class="confirm">
            {t('teamLeaveConfirm')}{' '}
            <button type="button" class="danger" disabled={busy} onClick={() => void run({ type: 'team/leave' })}>
              {t('teamLeaveYes')}
            </button>{' '}
            <button type="button" onClick={() => setConfirmLeave(false)}>
              {t('cancel')}
            </button>
          </span>
        )}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Exactly what one published entry holds (the card as written; the hashes are made up here). */
/**
 * What a published entry contains: once the member has published, one of their own entries and
 * their book's team card as this device last wrote them to the server; before that, an
 * example with made-up values.
 */
function EntryExample({ joined, at }: { joined: boolean; at: number }) {
  const [mine, setMine] = useState<{ entry: string; meta: string | null; count: number } | null>(null);
  useEffect(() => {
    if (!joined) {
      setMine(null);
      return;
    }
    let live = true;
    void db().teamCards.toArray().then(
      (cards: TeamCard[]) => {
        if (!live) return;
        const entries = cards.filter((c) => c.uid !== META_UID);
        setMine(entries[0] ? { entry: entries[0].text, meta: cards.find((c) => c.uid === META_UID)?.text ?? null, count: entries.length } : null);
      },
      () => live && setMine(null),
    );
    return () => {
      live = false;
    };
  }, [joined, at]);
  const example = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'UID:q4Xh0n3cYy2Ba8kKc1m7Dw',
    'FN:Kring team entry',
    'X-KRING-TEAM-ADDRESS:Rk9nL1cHq0p8TtY2v9wX3g',
    'X-KRING-TEAM-ORG:b3FvUmFmZ0x2Q2tFbWhNdw',
    'X-KRING-TEAM-STRENGTH:3',
    'X-KRING-TEAM-LAST-CONTACT:2026-10',
    'END:VCARD',
  ].join('\n');
  // Cards are stored with CRLF line ends, as vCard wants; shown with plain ones.
  const shown = (text: string) => text.replace(/\r\n/g, '\n').trim();
  return (
    <details class="team-example">
      <summary>{t('teamExampleSummary')}</summary>
      <p class="muted">{t('teamExampleHelp')}</p>
      {mine ? (
        <>
          <p>{t('teamExampleMine', String(mine.count))}</p>
          <pre data-testid="team-entry-mine">{shown(mine.entry)}</pre>
          {mine.meta && (
            <>
              <p>{t('teamExampleMeta')}</p>
              <pre>{shown(mine.meta)}</pre>
            </>
          )}
        </>
      ) : (
        <>
          <p>{t('teamExampleMadeUp')}</p>
          <pre>{example}</pre>
        </>
      )}
    </details>
  );
}
