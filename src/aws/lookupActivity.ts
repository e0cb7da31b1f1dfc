/**
 * CloudTrail activity from LookupEvents: the first activity source. One lookup attribute goes to AWS
 * (the query's most selective), the rest of the query filters what comes back; every Region asked is
 * scanned at once (each has its own quota), and the answers merge newest first.
 */
import {
  detectionFactsOf,
  eventFilter,
  lookupAttributeOf,
  normaliseLookupEvent,
  type ActivityEvent,
  type ActivityQuery,
  type AwsProblem,
  type DetectionFacts,
  type LookupEventLike,
} from '../core';
import type { AwsGateway } from './gateway';

export interface LookupActivityOptions {
  /** Regions to scan; an empty list means the profile's Region. */
  readonly regions: readonly string[];
  /** Pages of 50 events per Region at most (2 pages a second): the bound on a query's time. */
  readonly maxPages: number;
  readonly signal?: AbortSignal;
  /** Told of every page asked (what the answer cost). */
  readonly onRequest?: () => void;
}

/** An event that came back but could not be read: said, never dropped silently. */
export interface UnreadableEvent {
  readonly region: string;
  readonly eventId?: string;
  readonly reason: string;
}

export interface ActivityAnswer {
  /** Newest first. */
  readonly events: readonly ActivityEvent[];
  readonly unreadable: readonly UnreadableEvent[];
  /** The Regions whose scan failed, with why; the others' events are still here. */
  readonly problems: readonly AwsProblem[];
  /** The Regions where maxPages stopped the scan before the window's start. */
  readonly truncated: readonly string[];
  /**
   * The detection facts of the events that have any, by event id: what the detections read of the record
   * beyond the event model (a sign-in's MFA, whom a key was made for). A plain object, as the answer is
   * cached as JSON.
   */
  readonly facts: Readonly<Record<string, DetectionFacts>>;
}

interface RegionAnswer {
  readonly events: ActivityEvent[];
  readonly unreadable: UnreadableEvent[];
  readonly facts: [eventId: string, facts: DetectionFacts][];
  readonly problem?: AwsProblem;
  readonly truncated: boolean;
}

export async function lookupActivity(
  gateway: AwsGateway,
  query: ActivityQuery,
  options: LookupActivityOptions,
): Promise<ActivityAnswer> {
  let regions = [...new Set(options.regions)];
  if (regions.length === 0) {
    const region = await gateway.defaultRegion(options.signal ? { signal: options.signal } : {});
    if (!region.ok) return { events: [], unreadable: [], problems: [region.problem], truncated: [], facts: {} };
    regions = [region.value];
  }
  const answers = await Promise.all(regions.map((region) => scanRegion(gateway, query, region, options)));
  return {
    events: answers.flatMap((a) => a.events).sort(newestFirst),
    unreadable: answers.flatMap((a) => a.unreadable),
    problems: answers.flatMap((a) => (a.problem ? [a.problem] : [])),
    truncated: regions.filter((_, i) => answers[i]!.truncated),
    // fromEntries defines each id as an own member, so no id (`__proto__`) reaches the prototype.
    facts: Object.fromEntries(answers.flatMap((a) => a.facts)),
  };
}

async function scanRegion(
  gateway: AwsGateway,
  query: ActivityQuery,
  region: string,
  options: LookupActivityOptions,
): Promise<RegionAnswer> {
  const attribute = lookupAttributeOf(query);
  const answer: Omit<RegionAnswer, 'truncated'> = { events: [], unreadable: [], facts: [] };
  const keep = keeper(eventFilter(query), region, answer);
  const result = await gateway.scanLookupEvents(
    {
      ...(attribute && { LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }] }),
      StartTime: new Date(query.since),
      ...(query.until !== undefined && { EndTime: new Date(query.until) }),
      MaxResults: 50,
    },
    {
      region,
      maxPages: options.maxPages,
      ...(options.signal && { signal: options.signal }),
      ...(options.onRequest && { onRequest: options.onRequest }),
      onPage: (page) => page.forEach(keep),
    },
  );
  if (!result.ok) return { ...answer, problem: result.problem, truncated: false };
  return { ...answer, truncated: !result.value.complete };
}

/**
 * Reads each event of a page into `answer`: unreadable with the reason, or, when the query's filter keeps
 * it, the event and the detection facts of the record it was read from.
 */
function keeper(
  matches: (event: ActivityEvent) => boolean,
  region: string,
  answer: Omit<RegionAnswer, 'truncated'>,
): (raw: LookupEventLike) => void {
  return (raw) => {
    let record: unknown;
    const read = normaliseLookupEvent(raw, (parsed) => (record = parsed));
    if (!read.ok) {
      answer.unreadable.push({
        region,
        ...(raw.EventId !== undefined && { eventId: raw.EventId }),
        reason: read.reason,
      });
    } else if (matches(read.event)) {
      answer.events.push(read.event);
      const found = detectionFactsOf(record);
      if (found) answer.facts.push([read.event.eventId, found]);
    }
  };
}

function newestFirst(a: ActivityEvent, b: ActivityEvent): number {
  return b.time - a.time || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}
