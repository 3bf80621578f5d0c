/**
 * Bounds on what one runtime message may carry. The background's schemas enforce them
 * (protocol.ts); the content script, which must not load zod, splits and trims to fit them, so
 * a long conversation or one hostile message never gets a whole report refused.
 */
export const LIMITS = {
  text: 300,
  id: 200,
  peoplePerItem: 500,
  itemsPerMessage: 500,
} as const;

/** Views that show one open message or event: the sidebar opens for these. */
export const OPEN_VIEWS: ReadonlySet<string> = new Set(['thread', 'message', 'event', 'edit']);

/** The id of the element holding Kring's sidebar frame in a webmail page (src/capture/sidebar-frame.ts). */
export const FRAME_ID = 'kring-sidebar';
