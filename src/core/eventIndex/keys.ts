import type { ActivityPrincipal, ActivityResource } from '../activity/event';
import { DAY_MS } from './format';

/**
 * The posting-list keys of an event, by kind. A query looks up the same keys (match.ts), so each list
 * holds at least every event the query's part matches; the exact test runs on those candidates only.
 */

/** A resource's keys: its ARN and its name. */
export function resourcePostingKeys(r: ActivityResource): string[] {
  const keys: string[] = [];
  if (r.arn !== undefined) keys.push(r.arn);
  if (r.name !== undefined && r.name !== r.arn) keys.push(r.name);
  return keys;
}

/**
 * What a principal query may name: the identity's ARN and every prefix of it that ends before a slash
 * (a role's session ARN is asked as `.../assumed-role/Name`), the issuing role's ARN, and the names
 * (user, role, session, display name).
 */
export function principalKeys(p: ActivityPrincipal): string[] {
  const keys = new Set<string>([p.name]);
  for (const arn of [p.arn, p.roleArn]) {
    if (arn === undefined) continue;
    keys.add(arn);
    keys.add(arn.slice(arn.lastIndexOf('/') + 1));
  }
  if (p.sessionName !== undefined) keys.add(p.sessionName);
  for (let at = p.arn?.indexOf('/') ?? -1; at > 0; at = p.arn!.indexOf('/', at + 1)) keys.add(p.arn!.slice(0, at));
  return [...keys];
}

/** Days since the epoch (UTC). */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}
