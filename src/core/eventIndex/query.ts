import type { ActivityEvent } from '../activity/event';
import type { ActivityQuery } from '../activity/query';
import { matchSegment } from './match';
import type { Segment } from './segment';

export interface IndexedEvents {
  /** Newest first, at most the limit asked. */
  readonly events: ActivityEvent[];
  /** Every event that matches, however many were returned. */
  readonly total: number;
  /** With `facts` asked: each returned event's stored facts (SegmentBuilder.setFacts), by position. */
  readonly facts?: (object | undefined)[];
}

/**
 * The events that answer a query, newest first up to `limit`, and how many answer in all. Only the
 * returned events are decoded: the count comes from the candidates' exact test on their ids.
 */
export function queryEvents(
  segments: readonly Segment[],
  query: ActivityQuery,
  limit: number,
  options: { readonly facts?: boolean } = {},
): IndexedEvents {
  let total = 0;
  const newest: { segment: Segment; ordinal: number; time: number }[] = [];
  for (const segment of segments) {
    const match = matchSegment(segment, query);
    if (match === undefined) continue;
    const { candidates, test } = match;
    let kept = 0;
    // From the newest candidate down: the first `limit` matches are this segment's share of the answer.
    for (let i = candidates.length - 1; i >= 0; i--) {
      const ordinal = candidates[i]!;
      if (!test(ordinal)) continue;
      total++;
      if (kept < limit) {
        kept++;
        newest.push({ segment, ordinal, time: segment.times[ordinal]! });
      }
    }
  }
  newest.sort((a, b) => b.time - a.time);
  const kept = newest.slice(0, limit);
  const events = kept.map(({ segment, ordinal }) => segment.event(ordinal));
  if (options.facts !== true) return { events, total };
  return { events, total, facts: kept.map(({ segment, ordinal }) => segment.factsOf(ordinal)) };
}
