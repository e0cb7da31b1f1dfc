/**
 * How many events a resource had in the last 24 hours, 7 days and 90 days, from the events fetched. A
 * scan stopped by its page limit read only the newest events: a window that reaches past the oldest
 * event read in such a Region may hold more, and says so ("200+").
 */
import { DAY } from './query';
import type { ActivitySnapshot } from './types';

export interface WindowCount {
  readonly label: string;
  readonly count: number;
  /** True when the window may hold more events than were read. */
  readonly atLeast: boolean;
}

const WINDOWS: readonly { readonly label: string; readonly ms: number }[] = [
  { label: '24 h', ms: DAY },
  { label: '7 days', ms: 7 * DAY },
  { label: '90 days', ms: 90 * DAY },
];

export function windowCounts(answer: Pick<ActivitySnapshot, 'events' | 'truncated'>, now: number): WindowCount[] {
  // Before the oldest event read in a truncated Region, that Region was not read (an upper bound of where
  // the scan stopped: the events it dropped as not matching may have been older still).
  const oldestRead = new Map<string, number>();
  for (const event of answer.events)
    if (answer.truncated.includes(event.region))
      oldestRead.set(event.region, Math.min(oldestRead.get(event.region) ?? Infinity, event.time));
  return WINDOWS.map(({ label, ms }) => {
    const start = now - ms;
    return {
      label,
      count: answer.events.filter((e) => e.time >= start).length,
      atLeast: answer.truncated.some((region) => (oldestRead.get(region) ?? Infinity) >= start),
    };
  });
}

/** "14", or "200+" when the window may hold more. */
export function countText(count: WindowCount): string {
  return `${count.count}${count.atLeast ? '+' : ''}`;
}
