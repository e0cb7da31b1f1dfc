import type { ActivityQuery } from '../activity/query';
import { DAY_MS, Kind } from './format';
import { dayOf } from './keys';
import { matchSegment } from './match';
import type { Segment } from './segment';

import type { DayCount } from '../activity/usage';

/**
 * How many events answer the query on each day (UTC), oldest day first: the timeline's bars. No event is
 * decoded: a window-only query reads the day lists' sizes, any other the times of its matches.
 */
export function countsByDay(segments: readonly Segment[], query: ActivityQuery): DayCount[] {
  const counts = new Map<number, number>();
  const add = (day: number, n: number): void => {
    if (n > 0) counts.set(day, (counts.get(day) ?? 0) + n);
  };
  for (const segment of segments) {
    if (isWindowOnly(query)) countWholeDays(segment, query, add);
    else countMatches(segment, query, add);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, count]) => ({ day: new Date(day * DAY_MS).toISOString().slice(0, 10), count }));
}

function isWindowOnly(query: ActivityQuery): boolean {
  return (
    query.resource === undefined &&
    !query.principal &&
    !query.accessKeyId &&
    !query.eventName &&
    !query.action &&
    !query.sourceIp &&
    !query.errorsOnly
  );
}

/** A day inside the window counts its whole list; the window's first and last days count their matches. */
function countWholeDays(segment: Segment, query: ActivityQuery, add: (day: number, n: number) => void): void {
  const until = query.until ?? Infinity;
  for (const { value, count } of segment.keysOf(Kind.Day)) {
    const day = Number(value);
    const start = day * DAY_MS;
    if (start >= query.since && start + DAY_MS - 1 <= until) add(day, count);
    else if (start + DAY_MS > query.since && start <= until) {
      const inWindow = segment.postings(Kind.Day, value)!.filter((o) => {
        const time = segment.times[o]!;
        return time >= query.since && time <= until;
      });
      add(day, inWindow.length);
    }
  }
}

function countMatches(segment: Segment, query: ActivityQuery, add: (day: number, n: number) => void): void {
  const match = matchSegment(segment, query);
  if (match === undefined) return;
  for (const ordinal of match.candidates) if (match.test(ordinal)) add(dayOf(segment.times[ordinal]!), 1);
}
