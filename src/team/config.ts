/**
 * What the team (issue 21) keeps in extension storage and shows to pages, apart from the team's
 * code, so the settings page and the popup load no DAV client or crypto to show a status.
 */
import type { ShareScope, TeamErrorKind } from './team';
import type { SyncErrorKind } from '../sync/config';

/** storage.local keys. */
export const TEAM_CONFIG = 'teamConfig';
export const TEAM_STATUS = 'teamStatus';

/** The membership (server, account, the team key, the member's name) and what is shared. */
export interface TeamConfig {
  folder: string;
  username: string;
  password: string;
  key: string;
  salt: string;
  member: string;
  share: ShareScope;
}

/** The membership as pages may see it: never the password, never the key. */
export type TeamConnection = Pick<TeamConfig, 'folder' | 'username' | 'member' | 'share'>;

export interface TeamStatus {
  at: number;
  ok: boolean;
  /** Entries this member has on the server (people shared), and what the last run wrote. */
  shared?: number;
  written?: number;
  /** Teammates' books read, their entries kept here, and the members whose passphrase differs. */
  books?: number;
  entries?: number;
  otherKey?: string[];
  /** The folder mostly carries another salt than this member's: these members have the team's (join again). */
  saltLost?: string[];
  error?: { kind: TeamErrorKind | SyncErrorKind; detail: string };
}
