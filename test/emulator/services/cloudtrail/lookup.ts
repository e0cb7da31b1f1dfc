/**
 * LookupEvents over the history: the caller's region (and account, when the seed names one), the
 * last 90 days, management events only, newest first, one page at a time.
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext } from '../types';
import type { StoredEvent } from './events';
import type { CloudTrailHistory } from './history';
import { type AttributeKey, type LookupQuery, parseLookupInput } from './lookupInput';
import { type PagePosition, pageToken, readPageToken } from './pageToken';

/** How far back LookupEvents sees. */
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;

/** Whether an event has the attribute value; values match exactly, as in AWS. */
const MATCHES: Readonly<Record<AttributeKey, (e: StoredEvent, value: string) => boolean>> = {
  EventId: (e, v) => e.event.EventId === v,
  EventName: (e, v) => e.event.EventName === v,
  ReadOnly: (e, v) => e.event.ReadOnly === v,
  Username: (e, v) => e.event.Username === v,
  ResourceType: (e, v) => e.event.Resources.some((r) => r.ResourceType === v),
  ResourceName: (e, v) => e.resourceNames.has(v),
  EventSource: (e, v) => e.event.EventSource === v,
  AccessKeyId: (e, v) => e.event.AccessKeyId === v,
};

/** Answers LookupEvents from `history` for the caller in `ctx`. */
export function lookupEvents(input: JsonObject, ctx: OperationContext, history: CloudTrailHistory): JsonObject {
  const query = parseLookupInput(input);
  // The token is bound to everything that selects events, but not to the page size.
  const key = JSON.stringify([
    ctx.caller.account,
    ctx.region,
    query.attribute,
    query.startMs,
    query.endMs,
    query.insight,
  ]);
  const after = query.nextToken === undefined ? undefined : readPageToken(history.tokenKey, key, query.nextToken);
  if (query.nextToken !== undefined && after === undefined)
    throw new AwsError('InvalidNextTokenException', 400, 'The NextToken is not valid for these request parameters.');
  // The emulator has no Insights events.
  if (query.insight) return { Events: [] };
  const selected = selectEvents(history, query, ctx, after);
  const page = selected.slice(0, query.maxResults);
  const last = page.at(-1);
  return {
    Events: page.map((e) => e.event),
    ...(selected.length > page.length && last && { NextToken: pageToken(history.tokenKey, key, last) }),
  };
}

/** The events the query selects after `after`, in the history's order (newest first). */
function selectEvents(
  history: CloudTrailHistory,
  query: LookupQuery,
  ctx: OperationContext,
  after: PagePosition | undefined,
): StoredEvent[] {
  if (history.account !== undefined && history.account !== ctx.caller.account) return [];
  const from = Math.max(Date.now() - HISTORY_MS, query.startMs ?? -Infinity);
  const to = query.endMs ?? Infinity;
  const { attribute } = query;
  return history.events.filter(
    (e) =>
      e.management &&
      e.region === ctx.region &&
      e.timeMs >= from &&
      e.timeMs <= to &&
      (after === undefined || e.timeMs < after.timeMs || (e.timeMs === after.timeMs && e.seq < after.seq)) &&
      (attribute === undefined || MATCHES[attribute.key](e, attribute.value)),
  );
}
