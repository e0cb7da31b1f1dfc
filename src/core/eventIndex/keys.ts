import type { ActivityEvent, ActivityPrincipal } from '../activity/event';
import { DAY_MS, Kind } from './format';

/**
 * The posting-list keys of an event. A query looks up the same keys (queryKeys.ts), so each list holds
 * at least every event the query's part matches; the exact test runs on those candidates only.
 */
export function postingKeysOf(event: ActivityEvent, into: Set<string>): void {
  for (const r of event.resources) {
    if (r.arn !== undefined) into.add(Kind.Resource + r.arn);
    if (r.name !== undefined) into.add(Kind.Resource + r.name);
  }
  for (const key of principalKeys(event.principal)) into.add(Kind.Principal + key);
  if (event.accessKeyId !== undefined) into.add(Kind.AccessKey + event.accessKeyId);
  if (event.action !== undefined) into.add(Kind.Action + event.action.toLowerCase());
  if (event.sourceIp !== undefined) into.add(Kind.SourceIp + event.sourceIp);
  into.add(Kind.Day + dayOf(event.time));
}

/**
 * What a principal query may name: the identity's ARN and every prefix of it that ends before a slash
 * (a role's session ARN is asked as `.../assumed-role/Name`), the issuing role's ARN, and the names
 * (user, role, session, display name).
 */
function principalKeys(p: ActivityPrincipal): Set<string> {
  const keys = new Set<string>([p.name]);
  for (const arn of [p.arn, p.roleArn]) {
    if (arn === undefined) continue;
    keys.add(arn);
    keys.add(arn.slice(arn.lastIndexOf('/') + 1));
  }
  if (p.sessionName !== undefined) keys.add(p.sessionName);
  for (let at = p.arn?.indexOf('/') ?? -1; at > 0; at = p.arn!.indexOf('/', at + 1)) keys.add(p.arn!.slice(0, at));
  return keys;
}

/** Days since the epoch (UTC). */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}
