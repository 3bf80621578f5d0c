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
