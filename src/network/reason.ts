/**
 * Why a person is in Kring, and which name to show. Both merge deterministically (the strongest
 * reason, the best name), so the store ends the same whatever order pages were seen in.
 */
import type { CaptureReason, Direction } from '../model/types';

export const reasonFor: Record<Direction, CaptureReason> = {
  in: 'they-wrote',
  out: 'you-wrote',
  cc: 'cc',
  meeting: 'meeting',
  upcoming: 'meeting',
  manual: 'manual',
};

// Strongest first: writing to someone says most about the relationship, being cc'd least.
const STRENGTH: readonly CaptureReason[] = ['manual', 'you-wrote', 'they-wrote', 'meeting', 'cc'];

export function strongerReason(a: CaptureReason, b: CaptureReason): CaptureReason {
  return STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b;
}

/** A real name over none, a longer one over initials; ties broken by text so order never matters. */
export function betterName(current: string | null, seen: string | null): string | null {
  if (!seen) return current;
  if (!current) return seen;
  if (seen.length !== current.length) return seen.length > current.length ? seen : current;
  return seen < current ? seen : current;
}
