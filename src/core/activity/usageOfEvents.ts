/**
 * The actions each principal used and was refused, counted from events in hand (a LookupEvents scan):
 * the same answer, by the same rules, as the log index counts from its segments (a role's sessions as
 * the role, refusals apart, events no IAM action authorised left out).
 */
import type { ActivityEvent } from './event';
import { isDeniedCode, principalIdentity, usageAnswer, type ActionUse, type PrincipalActionsAnswer } from './usage';

interface Sums {
  readonly used: Map<string, ActionUse>;
  readonly denied: Map<string, ActionUse>;
}

export function usageOfEvents(events: Iterable<ActivityEvent>): PrincipalActionsAnswer {
  const byPrincipal = new Map<string, Sums>();
  const dataServices = new Set<string>();
  let oldest = Infinity;
  let newest = -Infinity;
  for (const event of events) {
    oldest = Math.min(oldest, event.time);
    newest = Math.max(newest, event.time);
    if (event.action === undefined) continue;
    if (event.category === 'data') dataServices.add(event.action.slice(0, event.action.indexOf(':')).toLowerCase());
    const identity = principalIdentity(event.principal);
    let sums = byPrincipal.get(identity);
    if (sums === undefined) byPrincipal.set(identity, (sums = { used: new Map(), denied: new Map() }));
    add(isDeniedCode(event.errorCode) ? sums.denied : sums.used, event.action, event.time);
  }
  return usageAnswer(byPrincipal, dataServices, oldest, newest);
}

function add(uses: Map<string, ActionUse>, action: string, time: number): void {
  const before = uses.get(action);
  uses.set(action, { action, count: (before?.count ?? 0) + 1, last: Math.max(before?.last ?? time, time) });
}
