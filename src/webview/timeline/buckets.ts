/**
 * The timeline chart's data: events counted per hour or per day, split into reads, writes and errors.
 * Buckets are aligned to UTC hours and days, as CloudTrail's times are written; a window with no events
 * still has its (empty) buckets, so the chart shows the time that was searched.
 */
import type { ActivityEvent, DayCount } from '../../core';

type BucketUnit = 'hour' | 'day';
type EventKind = 'read' | 'write' | 'error';

export interface Buckets {
  readonly unit: BucketUnit;
  /** Each bucket's start, epoch ms. */
  readonly starts: readonly number[];
  readonly read: readonly number[];
  readonly write: readonly number[];
  readonly error: readonly number[];
  /** Events the source counted but did not list (its newest were listed): from its counts by day. */
  readonly unlisted: readonly number[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIZE: Readonly<Record<BucketUnit, number>> = { hour: HOUR, day: DAY };

/** Hourly up to a week (168 bars at most), daily beyond (90 bars for LookupEvents' 90 days). */
export function unitFor(spanMs: number): BucketUnit {
  return spanMs <= 7 * DAY ? 'hour' : 'day';
}

/**
 * A failed call is an error whatever it tried; a call CloudTrail marks read-only is a read; everything
 * else (readOnly false, or not recorded) counts as a write, the kind worth a second look.
 */
export function kindOf(event: ActivityEvent): EventKind {
  if (event.errorCode !== undefined) return 'error';
  return event.readOnly === true ? 'read' : 'write';
}

/**
 * The time the chart spans: the window asked, except a history (asked from the epoch: log files hold
 * whatever years they hold), which spans its events, from the first to the window's end or, when the
 * window runs to now, to the last event: years of empty bars before and after would hide the bars.
 */
export function chartWindow(
  events: readonly ActivityEvent[],
  since: number,
  until: number | undefined,
  now: number,
): [number, number] {
  if (since > 0 || events.length === 0) return [since > 0 ? since : now, until ?? now];
  let first = Infinity;
  let last = -Infinity;
  for (const { time } of events) {
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  return [first, until ?? last];
}

/**
 * Counts per bucket over [from, to], widened to take in any event outside it (a clock skew must not
 * make the chart and the table disagree).
 */
export function bucketEvents(
  events: readonly ActivityEvent[],
  from: number,
  to: number,
  days?: readonly DayCount[],
): Buckets {
  let start = Math.min(from, to);
  let end = Math.max(from, to);
  for (const event of events) {
    start = Math.min(start, event.time);
    end = Math.max(end, event.time);
  }
  const dayStarts = (days ?? []).map((d) => Date.parse(`${d.day}T00:00:00Z`));
  for (const t of dayStarts) {
    start = Math.min(start, t);
    end = Math.max(end, t);
  }
  // Counts by day draw days, whatever the span.
  const unit = days ? 'day' : unitFor(end - start);
  const size = SIZE[unit];
  const first = Math.floor(start / size) * size;
  const count = Math.floor(end / size) - Math.floor(start / size) + 1;
  const counts: Record<EventKind, number[]> = {
    read: new Array<number>(count).fill(0),
    write: new Array<number>(count).fill(0),
    error: new Array<number>(count).fill(0),
  };
  for (const event of events) counts[kindOf(event)][Math.floor((event.time - first) / size)]! += 1;
  const starts = Array.from({ length: count }, (_, i) => first + i * size);
  const unlisted = new Array<number>(count).fill(0);
  (days ?? []).forEach((d, i) => {
    const at = Math.floor((dayStarts[i]! - first) / size);
    const listed = counts.read[at]! + counts.write[at]! + counts.error[at]!;
    unlisted[at] = Math.max(0, d.count - listed);
  });
  return { unit, starts, ...counts, unlisted };
}

/**
 * The series as the chart draws them, stacked: each bar drawn from zero to its running total, the
 * events counted but not listed on top, then errors, so the later (shorter) series cover the earlier:
 * [counted, listed, reads + writes, reads].
 */
export function stackedSeries(buckets: Buckets): [number[], number[], number[], number[]] {
  const reads = [...buckets.read];
  const readsAndWrites = reads.map((r, i) => r + buckets.write[i]!);
  const listed = readsAndWrites.map((rw, i) => rw + buckets.error[i]!);
  const counted = listed.map((l, i) => l + (buckets.unlisted[i] ?? 0));
  return [counted, listed, readsAndWrites, reads];
}

/**
 * The chart's time axis, in epoch ms: from the first bucket's start to the end of the last one. A bar is
 * drawn from its bucket's start to the right, so an axis that ended at the last start would cut off the
 * newest bucket: the one that holds the events of a hover's "just now".
 */
export function timeRange(buckets: Buckets): [number, number] {
  const first = buckets.starts[0] ?? 0;
  const last = buckets.starts[buckets.starts.length - 1] ?? first;
  return [first, last + SIZE[buckets.unit]];
}
