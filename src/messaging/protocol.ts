/**
 * Every runtime message Kring sends, as zod schemas. The background parses each message by its
 * schema on receipt and drops what fails; bounds here are what a hostile page can cost us.
 * Not imported by content scripts (zod stays out of the webmail tab; see ARCHITECTURE.md).
 */
import { z } from 'zod';

export const LIMITS = {
  text: 300,
  id: 200,
  peoplePerItem: 500,
  itemsPerMessage: 500,
} as const;

const text = z.string().max(LIMITS.text * 4).transform((s) => s.slice(0, LIMITS.text));

export const detectedPerson = z.strictObject({
  email: z.string().max(254).nullable(),
  name: text.nullable(),
  role: z.enum(['from', 'to', 'cc', 'bcc', 'recipient', 'organizer', 'attendee']),
  response: z.enum(['accepted', 'declined', 'tentative', 'awaiting']).optional(),
});

export const detectedItem = z.strictObject({
  kind: z.enum(['email', 'meeting']),
  id: z.string().max(LIMITS.id).nullable(),
  subject: text.nullable(),
  at: z.iso.datetime({ offset: true }).nullable(),
  people: z.array(detectedPerson).max(LIMITS.peoplePerItem),
  threadId: z.string().max(LIMITS.id).nullable().optional(),
  end: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const detection = z.strictObject({
  provider: z.enum(['gmail', 'google-calendar', 'outlook-mail', 'outlook-calendar', 'generic']),
  view: z.string().max(40),
  account: z.string().max(254).nullable(),
  items: z.array(detectedItem).max(LIMITS.itemsPerMessage),
  failure: z.enum(['no-people', 'no-id']).optional(),
});

/** Sent by the content script: what the page showed that it had not sent before. */
export const captureDetected = z.strictObject({
  type: z.literal('capture/detected'),
  detection,
});

/** Messages a content script may send. */
export const captureMessage = z.discriminatedUnion('type', [captureDetected]);
/** Messages only extension pages (popup, sidebar, options) may send. None yet: pages read the store directly. */
export const uiMessage = z.never();

export type CaptureDetected = z.infer<typeof captureDetected>;
export type CaptureMessage = z.infer<typeof captureMessage>;
export type DetectionPayload = z.infer<typeof detection>;
export type IngestResult = { stored: number; people: number };
