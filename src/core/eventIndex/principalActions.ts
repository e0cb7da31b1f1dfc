import { matchSegment } from './match';
import type { Segment } from './segment';

import { isDeniedCode, principalIdentity, usageAnswer, type PrincipalActionsAnswer } from '../activity/usage';

interface Tally {
  count: number;
  last: number;
}

/**
 * Which IAM actions each identity used in the window, how often and when last, and which it was refused:
 * what unused-permission analysis compares with the policies. Reads the principal, action, error code,
 * flags and time columns only.
 */
export function principalActions(
  segments: readonly Segment[],
  window: { readonly since: number; readonly until?: number },
): PrincipalActionsAnswer {
  const byPrincipal = new Map<string, { used: Map<string, Tally>; denied: Map<string, Tally> }>();
  const dataServices = new Set<string>();
  let oldest = Infinity;
  let newest = -Infinity;
  for (const segment of segments) {
    const match = matchSegment(segment, window);
    if (match === undefined) continue;
    const principal = segment.column('principal');
    const action = segment.column('action');
    const errorCode = segment.column('errorCode');
    const deniedCodes = deniedIdsOf(errorCode.dictionary);
    const width = action.dictionary.size + 1;
    // Per segment by (principal id, action id): decoding a principal or action once per pair, not per event.
    const pairs = new Map<number, { used?: Tally; denied?: Tally }>();
    const dataActions = new Set<number>();
    // Candidates are in time order: the first is the segment's oldest in the window.
    if (match.candidates.length > 0) {
      oldest = Math.min(oldest, segment.times[match.candidates[0]!]!);
      newest = Math.max(newest, segment.times[match.candidates[match.candidates.length - 1]!]!);
    }
    for (const ordinal of match.candidates) {
      const actionId = action.ids[ordinal]!;
      if (actionId === 0) continue;
      if (segment.category(ordinal) === 'data') dataActions.add(actionId);
      const pair = principal.ids[ordinal]! * width + actionId;
      let tallies = pairs.get(pair);
      if (tallies === undefined) pairs.set(pair, (tallies = {}));
      const side = deniedCodes.has(errorCode.ids[ordinal]!) ? 'denied' : 'used';
      add(tallies, side, segment.times[ordinal]!);
    }
    for (const id of dataActions) dataServices.add(prefixOf(action.dictionary.get(id)!));
    for (const [pair, tallies] of pairs) {
      const identity = principalIdentity(segment.principal(Math.floor(pair / width)));
      const name = action.dictionary.get(pair % width)!;
      let sums = byPrincipal.get(identity);
      if (sums === undefined) byPrincipal.set(identity, (sums = { used: new Map(), denied: new Map() }));
      if (tallies.used) merge(sums.used, name, tallies.used);
      if (tallies.denied) merge(sums.denied, name, tallies.denied);
    }
  }
  return usageAnswer(byPrincipal, dataServices, oldest, newest);
}

function add(tallies: { used?: Tally; denied?: Tally }, side: 'used' | 'denied', time: number): void {
  const tally = tallies[side];
  if (tally === undefined) tallies[side] = { count: 1, last: time };
  else {
    tally.count++;
    tally.last = Math.max(tally.last, time);
  }
}

function merge(sums: Map<string, Tally>, name: string, tally: Tally): void {
  const sum = sums.get(name);
  if (sum === undefined) sums.set(name, { ...tally });
  else {
    sum.count += tally.count;
    sum.last = Math.max(sum.last, tally.last);
  }
}

/** The error-code ids of a segment that mean access was denied. */
function deniedIdsOf(dictionary: { readonly size: number; get(id: number): string | undefined }): Set<number> {
  const ids = new Set<number>();
  for (let id = 1; id <= dictionary.size; id++) if (isDeniedCode(dictionary.get(id))) ids.add(id);
  return ids;
}

function prefixOf(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}
