/**
 * Every runtime message Kring sends, as zod schemas. The background parses each message by its
 * schema on receipt and drops what fails; bounds here are what a hostile page can cost us.
 * Not imported by content scripts (zod stays out of the webmail tab; see ARCHITECTURE.md).
 */
import { z } from 'zod';

// Validate without compiling code: extension pages forbid eval, and zod should not even try.
z.config({ jitless: true });

import { LIMITS } from './limits';
import { receiveItem } from '../detect/receive';
import { MAX_ADDRESS, PRINTED_DATE_MAX, PRINTED_DATES_PER_ITEM } from '../detect/types';

export { LIMITS };

const text = z.string().max(LIMITS.text * 4).transform((s) => s.slice(0, LIMITS.text));

export const detectedPerson = z.strictObject({
  email: z.string().max(MAX_ADDRESS).nullable(),
  name: text.nullable(),
  role: z.enum(['from', 'to', 'cc', 'bcc', 'recipient', 'organizer', 'attendee']),
  response: z.enum(['accepted', 'declined', 'tentative', 'awaiting']).optional(),
});

/**
 * An item as a content script sends it, finished here on receipt (src/detect/receive.ts) rather than
 * in the tab (issue 22): a date the detector left as printed (`atText`, Gmail's) is read, and each
 * person is kept once per role. What the rest of the background sees has `at` and no `atText`.
 */
export const detectedItem = z
  .strictObject({
    kind: z.enum(['email', 'meeting']),
    id: z.string().max(LIMITS.id).nullable(),
    subject: text.nullable(),
    at: z.iso.datetime({ offset: true }).nullable(),
    atText: z.array(z.string().max(PRINTED_DATE_MAX)).max(PRINTED_DATES_PER_ITEM).optional(),
    people: z.array(detectedPerson).max(LIMITS.peoplePerItem),
    threadId: z.string().max(LIMITS.id).nullable().optional(),
    moreRecipients: z.union([z.number().int().min(1).max(10_000_000), z.literal('unknown')]).optional(),
    end: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .transform(receiveItem);

export const detection = z.strictObject({
  provider: z.enum(['gmail', 'google-calendar', 'outlook-mail', 'outlook-calendar', 'roundcube', 'proton', 'yahoo', 'sogo', 'generic']),
  view: z.string().max(40),
  account: z.string().max(MAX_ADDRESS).nullable(),
  accountName: text.nullable().optional(),
  items: z.array(detectedItem).max(LIMITS.itemsPerMessage),
  failure: z.enum(['no-people', 'no-id']).optional(),
  /** The hints the detector found missing (detect/types.ts): counted apart from failures. */
  degraded: z.array(z.string().max(60)).max(20).optional(),
});

/** Sent by the content script: what the page showed that it had not sent before. */
export const captureDetected = z.strictObject({
  type: z.literal('capture/detected'),
  detection,
  /** The detection is also what the page shows now (as capture/page): a page's first report, sent once. */
  page: z.literal(true).optional(),
  fresh: z.boolean().optional(),
});

/**
 * Sent by a top frame's content script when it places the sidebar's frame: the key that frame
 * carries in its address. The background answers the sidebar only in the frame that shows the key
 * first (issue 16: a third-party frame inside the webmail could load sidebar.html and be filled).
 */
/** The top frame's content script asks for its sidebar frame's key; the background makes it (src/background/pages.ts). */
export const captureSidebar = z.strictObject({ type: z.literal('capture/sidebar') });

/** Sent by the content script when what the page shows changed: the sidebar follows this. */
export const capturePage = z.strictObject({
  type: z.literal('capture/page'),
  detection,
  /** The first report of a newly loaded page (frame 0): what an earlier page's frames said is over. */
  fresh: z.boolean().optional(),
});

/**
 * Sent by the sidebar. It is framed in the webmail page, a third-party context where the browser
 * may deny it IndexedDB, so it asks the background for what it shows and for its one-click
 * actions. `get-page` is answered with the sender's own tab only.
 */
export const sidebarGetPage = z.strictObject({ type: z.literal('sidebar/get-page'), key: z.string().max(100) });
const email = z.string().max(MAX_ADDRESS);
export const sidebarAdd = z.strictObject({ type: z.literal('sidebar/add-to-network'), email, name: text.nullable() });
export const sidebarCadence = z.strictObject({
  type: z.literal('sidebar/set-cadence'),
  email,
  days: z.number().int().min(1).max(3650).nullable(),
});

/**
 * Sync (issue 19), sent by the settings page (and `sync/soon` by the popup after a change). The
 * background owns the connection and runs every sync. Credentials travel once, to be kept in
 * extension storage; no answer carries them back.
 */
const url = z.string().max(2000);
const account = { serverUrl: url, username: z.string().min(1).max(500), password: z.string().max(1000) };
export const syncDiscover = z.strictObject({ type: z.literal('sync/discover'), ...account });
export const syncUse = z.strictObject({
  type: z.literal('sync/use'),
  ...account,
  book: z.union([z.strictObject({ url, name: text }), z.strictObject({ make: z.string().min(1).max(100), home: url })]),
  scope: z.enum(['network', 'everyone']).optional(),
});
export const syncScope = z.strictObject({ type: z.literal('sync/scope'), scope: z.enum(['network', 'everyone']) });
export const syncNow = z.strictObject({ type: z.literal('sync/now'), deletions: z.enum(['ask', 'apply', 'restore']).optional() });
export const syncSoon = z.strictObject({ type: z.literal('sync/soon') });
export const syncStop = z.strictObject({ type: z.literal('sync/stop') });
export const syncMessage = z.discriminatedUnion('type', [syncDiscover, syncUse, syncNow, syncSoon, syncStop, syncScope]);

/**
 * The team (issue 21), sent by the settings page only. The passphrase travels once, to join; the
 * key derived from it stays in the background's storage, and no answer carries it back.
 */
const shareScope = z.union([z.strictObject({ kind: z.literal('network') }), z.strictObject({ kind: z.literal('tag'), tag: z.string().min(1).max(200) })]);
export const teamJoin = z.strictObject({
  type: z.literal('team/join'),
  folder: url,
  username: z.string().min(1).max(500),
  password: z.string().max(1000),
  passphrase: z.string().min(8).max(1000),
  member: z.string().min(1).max(100),
  share: shareScope,
});
export const teamNow = z.strictObject({ type: z.literal('team/now') });
export const teamShare = z.strictObject({ type: z.literal('team/share'), share: shareScope });
export const teamLeave = z.strictObject({ type: z.literal('team/leave') });
export const teamMessage = z.discriminatedUnion('type', [teamJoin, teamNow, teamShare, teamLeave]);

/** Messages a content script may send. */
export const captureMessage = z.discriminatedUnion('type', [captureDetected, capturePage, captureSidebar]);
/** Messages only extension pages (popup, sidebar, options) may send. Pages read the store directly. */
export const uiMessage = z.discriminatedUnion('type', [sidebarGetPage, sidebarAdd, sidebarCadence]);
export const anyMessage = z.discriminatedUnion('type', [captureDetected, capturePage, captureSidebar, ...uiMessage.options, ...syncMessage.options, ...teamMessage.options]);

export const CAPTURE_TYPES: ReadonlySet<string> = new Set(['capture/detected', 'capture/page', 'capture/sidebar']);

export type CaptureDetected = z.infer<typeof captureDetected>;
export type CaptureMessage = z.infer<typeof captureMessage>;
export type UiMessage = z.infer<typeof uiMessage>;
export type SyncMessage = z.infer<typeof syncMessage>;
export type TeamMessage = z.infer<typeof teamMessage>;
export type AnyMessage = z.infer<typeof anyMessage>;
/** One person of the open message or event, as the sidebar shows them. */
export interface SidebarPerson {
  /** The address, or for someone shown by name only, their name key. */
  email: string;
  /** Known by name only: the page showed no address. */
  unresolved: boolean;
  name: string | null;
  person: {
    id: string;
    name: string | null;
    status: 'seen' | 'network';
    reason: 'you-wrote' | 'they-wrote' | 'meeting' | 'cc' | 'manual';
    lastContact: number;
    cadenceDays: number | null;
  } | null;
  count: number;
  recent: { id: string; at: number; direction: 'in' | 'out' | 'cc' | 'meeting' | 'upcoming' | 'manual'; subject: string | null; provider: string; sourceId: string; threadId: string | null }[];
  youOwe: { threadId: string; subject: string | null; since: number }[];
  theyOwe: { threadId: string; subject: string | null; since: number }[];
  /** Teammates who know them (issue 21), strongest first; absent outside a team. */
  knownTo?: { member: string; strength: 1 | 2 | 3; lastMonth: string | null }[];
}
/** What the background answers `sidebar/get-page` with. */
export interface SidebarPage {
  tabId: number;
  view: string | null;
  kind: 'email' | 'meeting' | null;
  captureOff: boolean;
  people: SidebarPerson[];
  /** People on the page past the first SIDEBAR_MAX_PEOPLE, not shown (a mail to hundreds). */
  more: number;
}

export type DetectionPayload = z.infer<typeof detection>;
export type IngestResult = { stored: number; people: number; created?: number };
