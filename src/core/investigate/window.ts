import type { ActivityEvent } from '../activity/event';
import { hitOf, type DetectionMeta, type Scanner, type StreamDetection } from './detection';
import type { DetectionFacts } from './facts';

/** A burst: `threshold` counted events (or distinct items) from one key within `windowMs`. */
export interface WindowSpec {
  readonly meta: DetectionMeta;
  readonly counts: (event: ActivityEvent, facts: DetectionFacts | undefined) => boolean;
  /** Whose burst it is (a principal, an account). */
  readonly keyOf: (event: ActivityEvent) => string;
  /** When given, distinct items are counted (secrets read, API names tried) rather than events. */
  readonly itemOf?: (event: ActivityEvent) => string;
  readonly threshold: number;
  readonly windowMs: number;
  /** The hit's sentence, on the event that reached the threshold. */
  readonly sentence: (event: ActivityEvent, count: number) => string;
}

/** One key's events inside the window, oldest first (from `head`), and how many of each item. */
interface Burst {
  times: number[];
  items: string[];
  head: number;
  tally: Map<string, number>;
  /** After a hit, the key is quiet until this time: one hit per window, not one per event past the threshold. */
  quietUntil: number;
}

/** A stream detection that fires once per window in which one key reaches the threshold. */
export function windowDetection(spec: WindowSpec): StreamDetection {
  return { ...spec.meta, kind: 'stream', counts: spec.counts, scan: () => windowScanner(spec) };
}

function windowScanner(spec: WindowSpec): Scanner {
  const bursts = new Map<string, Burst>();
  return (event, facts) => {
    if (!spec.counts(event, facts)) return undefined;
    const key = spec.keyOf(event);
    let burst = bursts.get(key);
    if (burst === undefined) {
      burst = { times: [], items: [], head: 0, tally: new Map(), quietUntil: -Infinity };
      bursts.set(key, burst);
    }
    if (event.time < burst.quietUntil) return undefined;
    const count = add(burst, event.time, spec.itemOf?.(event) ?? event.eventId, spec.windowMs);
    if (count < spec.threshold) return undefined;
    bursts.set(key, { times: [], items: [], head: 0, tally: new Map(), quietUntil: event.time + spec.windowMs });
    return hitOf(spec.meta, event, spec.sentence(event, count));
  };
}

/** Adds one event, drops those older than the window, and returns how many (distinct items) remain. */
function add(burst: Burst, time: number, item: string, windowMs: number): number {
  burst.times.push(time);
  burst.items.push(item);
  burst.tally.set(item, (burst.tally.get(item) ?? 0) + 1);
  while (burst.times[burst.head]! <= time - windowMs) {
    const old = burst.items[burst.head]!;
    const left = burst.tally.get(old)! - 1;
    if (left === 0) burst.tally.delete(old);
    else burst.tally.set(old, left);
    burst.head++;
  }
  // Compact now and then so a long steady stream does not keep every event it has seen.
  if (burst.head > 1024 && burst.head * 2 > burst.times.length) {
    burst.times = burst.times.slice(burst.head);
    burst.items = burst.items.slice(burst.head);
    burst.head = 0;
  }
  return burst.tally.size;
}

/** Minutes, for sentences. */
export function minutes(windowMs: number): string {
  return `${Math.round(windowMs / 60_000)} minutes`;
}
