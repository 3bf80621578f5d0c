/**
 * The detection contract: what a detector reads off one webmail or calendar page.
 * Detectors are pure functions of (Document, URL); this shape is also what
 * `npm run detect` prints, so bug reports and fixtures speak the same language.
 */
export type Provider = 'gmail' | 'google-calendar' | 'outlook-mail' | 'outlook-calendar' | 'roundcube' | 'proton' | 'yahoo' | 'sogo' | 'generic';

export type Role = 'from' | 'to' | 'cc' | 'bcc' | 'recipient' | 'organizer' | 'attendee';

export interface DetectedPerson {
  /**
   * Lower-case address, or null where the page shows only a name. A detector may leave it as the
   * page wrote it (trimmed, lower case, at most MAX_ADDRESS characters): it is checked where the
   * detection is received (./receive.ts), and a person whose address is not one is dropped there.
   */
  email: string | null;
  /**
   * The name as displayed, trimmed; never an address. A detector may leave it as written (at most
   * MAX_RAW_NAME characters): it is tidied where the detection is received.
   */
  name: string | null;
  role: Role;
  /** A meeting guest's answer, where the page shows it. Not part of the printed contract. */
  response?: 'accepted' | 'declined' | 'tentative' | 'awaiting';
}

export interface DetectedItem {
  kind: 'email' | 'meeting';
  /** The provider's message or event id. */
  id: string | null;
  subject: string | null;
  /** ISO 8601 with the process's local offset; null where the page shows no usable date. */
  at: string | null;
  /**
   * The date as the page printed it, where the detector leaves reading it to whoever receives the
   * detection: texts to try in order, the first that reads as a date and time becomes `at`
   * (`readPrintedDate` in ./dates.ts, run by ./receive.ts: the background does it on receipt,
   * `detect` in ./index.ts for tests and the CLI). So a content script whose dates need no page hints (Gmail's titles)
   * carries no date tables in every tab (issue 22). At most PRINTED_DATES_PER_ITEM texts of at most
   * PRINTED_DATE_MAX characters; absent once read. Not part of the printed contract.
   */
  atText?: string[];
  /** Everyone on the item, the account owner included (so direction can be derived). */
  people: DetectedPerson[];
  /** The conversation the item belongs to, where the page tells it. Not part of the printed contract. */
  threadId?: string | null;
  /**
   * Recipients the page says there are beyond those it lists (Roundcube's "15 more…", "+15",
   * "and 15 others"), or 'unknown' where it says there are more but not how many (Roundcube's
   * list: three addresses and "..."); absent when it lists them all. Printed only when present.
   */
  moreRecipients?: number | 'unknown';
  /** A meeting's end, ISO 8601. Not part of the printed contract. */
  end?: string | null;
}

export interface Detection {
  provider: Provider | null;
  /** What the page is showing: "thread", "list", "compose", "event", "other". */
  view: string;
  /** The signed-in address, lower case. */
  account: string | null;
  /** The signed-in user's display name, where the page shows no address for them (Outlook). Not printed. */
  accountName?: string | null;
  items: DetectedItem[];
  /**
   * Set when the page clearly shows a message or event and the detector could not read it
   * (nobody found, or no id): counted per provider and view so a changed page is noticed.
   */
  failure?: 'no-people' | 'no-id';
  /**
   * The hints the detector found missing and read around (a renamed class, an unknown label): the
   * people are still read through durable anchors, but the page no longer looks as it did, so a
   * changed webmail is noticed before it breaks. Empty or absent when every hint was there.
   */
  degraded?: string[];
}

/**
 * What a detector reads of a page's address: a URL in tests and the CLI, the page's own `location`
 * in a content script, so a tab makes no URL object to read its page (the URL interface alone adds
 * 4 KB to each tab's heap; issue 22).
 */
export type PageAddress = Pick<URL, 'href' | 'hostname' | 'pathname' | 'search' | 'hash'>;

export interface Detector {
  provider: Provider;
  /** Whether this detector is the one for a page at this URL. */
  matches(url: PageAddress): boolean;
  /**
   * `now` (epoch ms) is when the page is read: given, relative dates the page prints ("Today
   * 16:00", "Wed 16:00", "16:00") are read against it; without it they give no date.
   */
  detect(doc: Document, url: PageAddress, now?: number): Detection;
}

/** The longest address there is (RFC 5321's path limit, less its brackets). */
export const MAX_ADDRESS = 254;
/** The most of a name as written that a detector sends (whitespace included); 300 are kept. */
export const MAX_RAW_NAME = 1000;
/** The longest printed date read: ./dates.ts looks at no longer text (attacker-controlled). */
export const PRINTED_DATE_MAX = 160;
/** Printed dates kept per item (DetectedItem.atText): a message shows one, with a fallback or two. */
export const PRINTED_DATES_PER_ITEM = 4;

export const emptyDetection = (provider: Provider | null, view = 'other'): Detection => ({
  provider,
  view,
  account: null,
  items: [],
});
