/**
 * The team as the user runs it (issue 21), in the background worker only: joining, one publish and
 * sync at a time (on the sync alarm, a minute after a change, on "Update now"), what the last one
 * did, "Don't share", leaving. The connection and the team key are kept in extension storage on
 * this device (`storage.local`, like sync's): never in a backup, never shown to a page again.
 */
import type { KringDb } from '../store/db';
import { getSetting, SETTING, type TeamState } from '../store/settings';
import { safeOrigin } from '../sync/schedule';
import { describeError, SYNC_CONFIG, type KeyValueArea, type SyncConfig } from '../sync/service';
import { TEAM_CONFIG, TEAM_STATUS, type TeamConfig, type TeamConnection, type TeamStatus } from './config';
import { checkValue, tagger } from './crypto';
import { joinTeam, leaveTeam, publish, syncTeam, TeamError, whoKnows, whoKnowsOrg, type Knower, type ShareScope } from './team';

export interface TeamServiceDeps {
  db: () => KringDb;
  area: KeyValueArea;
  hasAccess: (origin: string) => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => number;
  /** PBKDF2 rounds; the default outside tests. */
  rounds?: number;
}

const sameOrigin = (a: string, b: string) => safeOrigin(a) !== 'invalid:' && safeOrigin(a) === safeOrigin(b);

const errorOf = (e: unknown): NonNullable<TeamStatus['error']> => (e instanceof TeamError ? { kind: e.kind, detail: e.message.slice(0, 200) } : describeError(e));

export function createTeamService(deps: TeamServiceDeps) {
  const now = deps.now ?? Date.now;
  let running: Promise<TeamStatus | null> | null = null;
  const config = async (): Promise<TeamConfig | null> => ((await deps.area.get([TEAM_CONFIG]))[TEAM_CONFIG] as TeamConfig | undefined) ?? null;
  const status = async (): Promise<TeamStatus | null> => ((await deps.area.get([TEAM_STATUS]))[TEAM_STATUS] as TeamStatus | undefined) ?? null;
  const withFetch = <T extends object>(c: T) => ({ ...c, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const record = async (s: TeamStatus) => (await deps.area.set({ [TEAM_STATUS]: s }), s);

  const runOnce = async (): Promise<TeamStatus | null> => {
    const c = await config();
    if (!c) return null;
    // The membership in extension storage must be the one this device joined (recorded in the
    // store, which no content script can write): changed outside the settings page, it is not used.
    const joined = await getSetting<TeamState | null>(deps.db(), SETTING.teamState, null);
    if (!joined || joined.folder !== c.folder || joined.username !== c.username || joined.check !== (await checkValue(await tagger(c.key)))) {
      await deps.area.remove([TEAM_CONFIG]);
      return record({ at: now(), ok: false, error: { kind: 'changed-outside', detail: '' } });
    }
    if (!(await deps.hasAccess(new URL(c.folder).origin))) return record({ at: now(), ok: false, error: { kind: 'no-access', detail: new URL(c.folder).host } });
    try {
      const hidden = new Set(await getSetting<string[]>(deps.db(), SETTING.teamHidden, []));
      const published = await publish(deps.db(), withFetch(c), c.share, hidden, now());
      const synced = await syncTeam(deps.db(), withFetch(c));
      return record({ at: now(), ok: true, shared: published.written + published.unchanged - 1, written: published.written, ...synced });
    } catch (e) {
      return record({ at: now(), ok: false, error: errorOf(e) });
    }
  };

  /** One publish and sync now; one already running is waited for first. */
  const run = async (): Promise<TeamStatus | null> => {
    while (running) await running.catch(() => {});
    running = runOnce();
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  /** Join the team in this folder with this passphrase; on success, publish and sync at once. */
  const join = async (j: { folder: string; username: string; password: string; passphrase: string; member: string; share: ShareScope }): Promise<TeamStatus> => {
    while (running) await running.catch(() => {});
    // No password given, and the team is on the server Kring syncs with, as the same user: the sync
    // connection's password (the settings page says so; it never sees it).
    let password = j.password;
    if (!password) {
      const sync = (await deps.area.get([SYNC_CONFIG]))[SYNC_CONFIG] as SyncConfig | undefined;
      if (sync && sync.username === j.username && sameOrigin(sync.serverUrl, j.folder)) password = sync.password;
    }
    try {
      const m = await joinTeam(deps.db(), withFetch({ folder: j.folder, username: j.username, password }), j.passphrase, j.member, deps.rounds);
      await deps.db().settings.put({ key: SETTING.teamState, value: { folder: m.folder, username: m.username, check: await checkValue(await tagger(m.key)) } satisfies TeamState });
      await deps.area.set({ [TEAM_CONFIG]: { folder: m.folder, username: m.username, password: m.password, key: m.key, salt: m.salt, member: m.member, share: j.share } satisfies TeamConfig });
    } catch (e) {
      return { at: now(), ok: false, error: errorOf(e) };
    }
    return (await run())!;
  };

  /** Share the network or only a tag from now on, and publish at once. */
  const setShare = async (share: ShareScope) => {
    const c = await config();
    if (!c) return null;
    await deps.area.set({ [TEAM_CONFIG]: { ...c, share } satisfies TeamConfig });
    return run();
  };

  /** Leave: this member's cards are deleted from the server; the connection and the team's copies here go. */
  const leave = async (): Promise<{ ok: true; deleted: number } | { ok: false; error: NonNullable<TeamStatus['error']> }> => {
    while (running) await running.catch(() => {});
    const c = await config();
    if (!c) return { ok: true, deleted: 0 };
    try {
      const deleted = await leaveTeam(deps.db(), withFetch(c));
      await deps.area.remove([TEAM_CONFIG, TEAM_STATUS]);
      await deps.db().settings.delete(SETTING.teamState);
      return { ok: true, deleted };
    } catch (e) {
      // Not left: the user is told, and can try again (or remove the book on the server).
      return { ok: false, error: errorOf(e) };
    }
  };

  /** The connection as pages may see it. */
  const connection = async (): Promise<TeamConnection | null> => {
    const c = await config();
    return c ? { folder: c.folder, username: c.username, member: c.member, share: c.share } : null;
  };

  /** Teammates who know someone with these addresses (the sidebar's and the person page's question). */
  const knownTo = async (addresses: string[]): Promise<Knower[]> => {
    const c = await config();
    return c ? whoKnows(deps.db(), c.key, addresses) : [];
  };
  const knownAt = async (domain: string) => {
    const c = await config();
    return c ? whoKnowsOrg(deps.db(), c.key, domain) : [];
  };

  return { config, connection, status, run, join, setShare, leave, knownTo, knownAt };
}

export type TeamService = ReturnType<typeof createTeamService>;
