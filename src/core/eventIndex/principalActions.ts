import type { ActivityPrincipal } from '../activity/event';
import { matchSegment } from './match';
import type { Segment } from './segment';

import type { PrincipalActions } from '../activity/usage';

/**
 * The identity a call's permissions came from: the role for a role's sessions, else the identity's
 * ARN, else its name (a service, an anonymous caller).
 */
export function principalIdentity(p: ActivityPrincipal): string {
  return p.roleArn ?? p.arn ?? p.name;
}

/**
 * Which IAM actions each identity used in the window, how often and when last: what unused-permission
 * analysis compares with the policies. Reads the principal, action and time columns only.
 */
export function principalActions(
  segments: readonly Segment[],
  window: { readonly since: number; readonly until?: number },
): PrincipalActions[] {
  const byPrincipal = new Map<string, Map<string, { count: number; last: number }>>();
  for (const segment of segments) {
    const match = matchSegment(segment, window);
    if (match === undefined) continue;
    const principal = segment.column('principal');
    const action = segment.column('action');
    const width = action.dictionary.size + 1;
    const pairs = new Map<number, { count: number; last: number }>();
    for (const ordinal of match.candidates) {
      const actionId = action.ids[ordinal]!;
      if (actionId === 0) continue;
      const pair = principal.ids[ordinal]! * width + actionId;
      const use = pairs.get(pair);
      const time = segment.times[ordinal]!;
      if (use === undefined) pairs.set(pair, { count: 1, last: time });
      else {
        use.count++;
        use.last = Math.max(use.last, time);
      }
    }
    for (const [pair, use] of pairs) {
      const identity = principalIdentity(segment.principal(Math.floor(pair / width)));
      const name = action.dictionary.get(pair % width)!;
      let actions = byPrincipal.get(identity);
      if (actions === undefined) byPrincipal.set(identity, (actions = new Map()));
      const sum = actions.get(name);
      if (sum === undefined) actions.set(name, { ...use });
      else {
        sum.count += use.count;
        sum.last = Math.max(sum.last, use.last);
      }
    }
  }
  return [...byPrincipal]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([principal, actions]) => ({
      principal,
      actions: [...actions]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([action, use]) => ({ action, ...use })),
    }));
}
