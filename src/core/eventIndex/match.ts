import type { ActivityEvent } from '../activity/event';
import { eventFilter, type ActivityQuery } from '../activity/query';
import { describeArn } from '../activity/resourceTypes';
import type { Dictionary } from './dictionary';
import { Kind, type Column } from './format';
import { intersect, union } from './postings';
import type { Segment } from './segment';
import { writeUuid } from './uuid';

/** The events of one segment a query may match, and the exact test of one of them. */
export interface SegmentMatch {
  /** Candidate ordinals, ascending (every ordinal of the time window when no posting list applies). */
  readonly candidates: Uint32Array;
  readonly test: (ordinal: number) => boolean;
}

/**
 * Candidates come from the posting lists of the query's indexed parts (intersected), limited to the time
 * window (a range of ordinals: events are stored in time order). The exact test is `eventFilter` itself,
 * asked once per dictionary entry instead of once per event: each part of the filter reads one field,
 * so its verdict on a field's value is its verdict on every event holding that value.
 */
export function matchSegment(segment: Segment, query: ActivityQuery): SegmentMatch | undefined {
  const until = query.until ?? Infinity;
  if (segment.count === 0 || segment.maxTime < query.since || segment.minTime > until) return undefined;
  const lo = lowerBound(segment.times, query.since);
  const hi = upperBound(segment.times, until);
  const lists = postingLists(segment, query);
  if (lists === undefined) return undefined;
  const candidates =
    lists.length === 0
      ? range(lo, hi)
      : within(
          lists.reduce((a, b) => intersect(a, b)),
          lo,
          hi,
        );
  const tests = fieldTests(segment, query);
  return { candidates, test: (ordinal) => tests.every((t) => t(ordinal)) };
}

/** The posting lists the query's parts select; undefined when a part's key is in no event here. */
function postingLists(segment: Segment, query: ActivityQuery): Uint32Array[] | undefined {
  const wanted: [Kind, string[]][] = [];
  if (query.resource !== undefined) wanted.push([Kind.Resource, resourceKeys(query.resource)]);
  if (query.principal) wanted.push([Kind.Principal, [query.principal]]);
  if (query.accessKeyId) wanted.push([Kind.AccessKey, [query.accessKeyId]]);
  if (query.action) wanted.push([Kind.Action, [query.action.toLowerCase()]]);
  if (query.sourceIp) wanted.push([Kind.SourceIp, [query.sourceIp]]);
  const lists: Uint32Array[] = [];
  for (const [kind, values] of wanted) {
    const found = values.flatMap((v) => segment.postings(kind, v) ?? []);
    if (found.length === 0) return undefined;
    lists.push(union(found));
  }
  return lists.sort((a, b) => a.length - b.length);
}

/** An ARN matches by itself and, where an event names the resource without an ARN, by its name. */
function resourceKeys(resource: string): string[] {
  const name = resource.startsWith('arn:') ? describeArn(resource).name : undefined;
  return name === undefined || name === resource ? [resource] : [resource, name];
}

/** A neutral event: the one field a part of the query reads is set on it before asking eventFilter. */
const BLANK = { time: 0, resources: [], principal: { type: 'Unknown', name: '' } } as unknown as ActivityEvent;
const EVER = -Infinity;

function fieldTests(segment: Segment, query: ActivityQuery): ((ordinal: number) => boolean)[] {
  const tests: ((ordinal: number) => boolean)[] = [];
  const byColumn = (column: Column, part: Partial<ActivityQuery>, field: (value: string | undefined) => object) => {
    const { dictionary, ids } = segment.column(column);
    const filter = eventFilter({ since: EVER, ...part });
    const verdict = verdicts(dictionary, (value) => filter({ ...BLANK, ...field(value) }));
    tests.push((ordinal) => verdict(ids[ordinal]!));
  };
  if (query.accessKeyId)
    byColumn('accessKeyId', { accessKeyId: query.accessKeyId }, (accessKeyId) => ({ accessKeyId }));
  if (query.eventName)
    byColumn('eventKey', { eventName: query.eventName }, (key) => ({ eventName: key!.split('\u0000')[1] }));
  if (query.action) byColumn('action', { action: query.action }, (action) => ({ action }));
  if (query.sourceIp) byColumn('sourceIp', { sourceIp: query.sourceIp }, (sourceIp) => ({ sourceIp }));
  if (query.errorsOnly) byColumn('errorCode', { errorsOnly: true }, (errorCode) => ({ errorCode }));
  if (query.principal) {
    const filter = eventFilter({ since: EVER, principal: query.principal });
    const { dictionary, ids } = segment.column('principal');
    const verdict = verdicts(dictionary, (_, id) => filter({ ...BLANK, principal: segment.principal(id) }));
    tests.push((ordinal) => verdict(ids[ordinal]!));
  }
  if (query.resource !== undefined) {
    const filter = eventFilter({ since: EVER, resource: query.resource });
    const verdict = verdicts(segment.resources, (_, id) => filter({ ...BLANK, resources: [segment.resource(id)] }));
    tests.push((ordinal) => segment.resourceIdsOf(ordinal).some((id) => verdict(id)));
  }
  // Last: the other parts' tests are cheaper and leave it fewer events to read.
  if (query.eventId) tests.push(eventIdTest(segment, query.eventId));
  return tests;
}

/**
 * An event id is in no posting list (each list would hold one event), so its test reads the ids: those
 * that are not lower-case UUIDs are a column (one verdict per entry); a UUID, which the segment keeps as
 * 16 bytes of its own, is compared as bytes, and only when the id asked is a UUID at all.
 */
function eventIdTest(segment: Segment, eventId: string): (ordinal: number) => boolean {
  const { dictionary, ids } = segment.column('eventIdText');
  const verdict = verdicts(dictionary, (value) => value === eventId);
  const uuid = new Uint8Array(16);
  const isUuid = writeUuid(eventId, uuid, 0);
  return (ordinal) => {
    const id = ids[ordinal]!;
    if (id !== 0) return verdict(id);
    return isUuid && segment.hasUuid(ordinal, uuid);
  };
}

/** A dictionary entry's verdict, computed the first time an event holding it is tested. */
function verdicts(
  dictionary: Dictionary,
  test: (value: string | undefined, id: number) => boolean,
): (id: number) => boolean {
  const known = new Int8Array(dictionary.size + 1);
  return (id) => {
    if (known[id] === 0) known[id] = test(dictionary.get(id), id) ? 1 : -1;
    return known[id] === 1;
  };
}

function range(lo: number, hi: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, hi - lo));
  for (let i = 0; i < out.length; i++) out[i] = lo + i;
  return out;
}

function within(list: Uint32Array, lo: number, hi: number): Uint32Array {
  return list.subarray(lowerBound(list, lo), lowerBound(list, hi));
}

/** The first index whose value is not below `value`. */
function lowerBound(sorted: Float64Array | Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is above `value`. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
