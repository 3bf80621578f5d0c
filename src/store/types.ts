/** Stored records. Plain data: the network rules and import/export work on these types only. */

export type PersonStatus = 'seen' | 'network';
/** Why a person was captured, shown beside them. */
export type CaptureReason = 'you-wrote' | 'they-wrote' | 'meeting' | 'cc' | 'manual';
export type Direction = 'in' | 'out' | 'cc' | 'meeting' | 'upcoming';

export interface Person {
  id: string;
  /** Best display name seen, or null when only an address is known. */
  name: string | null;
  status: PersonStatus;
  reason: CaptureReason;
  /** Epoch ms of the first and latest contact; 0 when there has been none (cc only, say). */
  firstContact: number;
  lastContact: number;
  lastIn: number;
  lastOut: number;
  createdAt: number;
}

export interface Address {
  /** Lower-cased; the primary key, so an address belongs to exactly one person. */
  address: string;
  personId: string;
}

export interface Interaction {
  /** `${provider}:${item id}:${address}`: the same message seen twice is stored once. */
  id: string;
  personId: string;
  address: string;
  provider: string;
  /** The provider's message or event id the interaction came from. */
  sourceId: string;
  threadId: string | null;
  direction: Direction;
  /** Epoch ms. */
  at: number;
  /** True when the page gave no usable date and `at` is when Kring saw it. */
  atEstimated: boolean;
  subject: string | null;
  /** Where it was seen: an opened message or event ('page'), or only a row of a list ('list'). */
  seenIn?: 'page' | 'list';
}

export interface Setting {
  key: string;
  value: unknown;
}
