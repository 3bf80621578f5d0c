/**
 * When the team's entries are published and its books synced (issue 21): every 30 minutes by
 * `chrome.alarms` while in a team, a minute after a change made in Kring, and on "Update now". The
 * settings page's messages land here; the work is src/team/service.ts.
 */
import type { TeamMessage } from '../messaging/protocol';
import { safeOrigin, type Alarms } from '../sync/schedule';
import type { TeamService } from './service';

export const TEAM_ALARM = 'kring-team';
export const TEAM_SOON_ALARM = 'kring-team-soon';
export const TEAM_EVERY_MINUTES = 30;

export function createTeamRunner({ service, alarms, hasAccess, onChanged }: { service: TeamService; alarms: Alarms; hasAccess: (origin: string) => Promise<boolean>; onChanged: () => void }) {
  const run = async () => {
    const status = await service.run();
    onChanged();
    return status;
  };
  /** The alarm exists exactly while in a team. */
  const schedule = async () => {
    if (!(await service.config())) {
      await alarms.clear(TEAM_ALARM);
      await alarms.clear(TEAM_SOON_ALARM);
      return;
    }
    if (!(await alarms.get(TEAM_ALARM))) await alarms.create(TEAM_ALARM, { periodInMinutes: TEAM_EVERY_MINUTES });
  };
  return {
    schedule,
    /** Something changed in Kring: publish in a minute (a later change moves it on). */
    soon: async () => {
      if (await service.config()) await alarms.create(TEAM_SOON_ALARM, { delayInMinutes: 1 });
    },
    onAlarm: async (name: string) => {
      if (name === TEAM_ALARM || name === TEAM_SOON_ALARM) await run();
    },
    knownTo: (addresses: string[]) => service.knownTo(addresses),
    handle: async (msg: TeamMessage): Promise<unknown> => {
      switch (msg.type) {
        case 'team/join': {
          if (!(await hasAccess(safeOrigin(msg.folder)))) return { at: Date.now(), ok: false, error: { kind: 'no-access', detail: msg.folder.slice(0, 200) } };
          const folder = msg.folder.trim().endsWith('/') ? msg.folder.trim() : `${msg.folder.trim()}/`;
          const status = await service.join({ folder, username: msg.username, password: msg.password, passphrase: msg.passphrase, member: msg.member, share: msg.share });
          await schedule();
          onChanged();
          return status;
        }
        case 'team/now':
          return run();
        case 'team/share': {
          const status = await service.setShare(msg.share);
          onChanged();
          return status;
        }
        case 'team/leave': {
          const result = await service.leave();
          await schedule();
          onChanged();
          return result;
        }
      }
    },
  };
}

export type TeamRunner = ReturnType<typeof createTeamRunner>;
