import type { ActivityEvent } from '../activity/event';

/** Something a person should look at twice: a first-time place or client, or a burst of calls. */
export interface Unusual {
  readonly kind: 'region' | 'sourceIp' | 'userAgent' | 'burst';
  readonly value: string;
  /** Why, in one sentence. */
  readonly detail: string;
  /** The first event that shows it. */
  readonly eventId: string;
  readonly eventTime: string;
}

/**
 * The events before this share of the span are the baseline, the rest the recent part: a value seen
 * only in the recent part is new. Without enough baseline nothing is new (everything would be).
 */
const RECENT_SHARE = 0.25;
const MIN_BASELINE = 20;

/** Bursts: calls in one ten-minute bucket far above the subject's usual bucket. */
const BUCKET_MS = 10 * 60_000;
const BURST_MIN = 50;
const BURST_FACTOR = 5;
/** At most this many unusual items per kind: a report lists, it does not flood. */
const PER_KIND = 5;

type Place = 'region' | 'sourceIp' | 'userAgent';
const PLACES: readonly Place[] = ['region', 'sourceIp', 'userAgent'];
const WORDS: Readonly<Record<Place, string>> = { region: 'Region', sourceIp: 'source address', userAgent: 'client' };

/** What is unusual in `events` (any order): new Regions, addresses and clients, then bursts. */
export function unusualOf(events: readonly ActivityEvent[]): Unusual[] {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  return [...firstTimers(sorted), ...bursts(sorted)];
}

function firstTimers(sorted: readonly ActivityEvent[]): Unusual[] {
  if (sorted.length === 0) return [];
  const start = sorted[0]!.time;
  const end = sorted[sorted.length - 1]!.time;
  const recentFrom = end - (end - start) * RECENT_SHARE;
  const baseline = sorted.filter((e) => e.time < recentFrom);
  if (baseline.length < MIN_BASELINE) return [];
  const out: Unusual[] = [];
  for (const place of PLACES) {
    const known = new Set(baseline.map((e) => e[place]).filter((v) => v !== undefined));
    const found = new Set<string>();
    for (const event of sorted) {
      const value = event[place];
      if (event.time < recentFrom || value === undefined || known.has(value) || found.has(value)) continue;
      found.add(value);
      if (found.size > PER_KIND) break;
      out.push({
        kind: place,
        value,
        detail: `A ${WORDS[place]} not seen in the ${baseline.length} earlier events: first used for ${event.eventName} at ${event.eventTime}.`,
        eventId: event.eventId,
        eventTime: event.eventTime,
      });
    }
  }
  return out;
}

function bursts(sorted: readonly ActivityEvent[]): Unusual[] {
  const buckets = new Map<number, ActivityEvent[]>();
  for (const event of sorted) {
    const key = Math.floor(event.time / BUCKET_MS);
    const list = buckets.get(key) ?? [];
    list.push(event);
    buckets.set(key, list);
  }
  const sizes = [...buckets.values()].map((b) => b.length).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  // With few buckets the median is the burst itself: then only an absolute count says "burst".
  const threshold = sizes.length >= 3 ? Math.max(BURST_MIN, median * BURST_FACTOR) : BURST_MIN * 2;
  return [...buckets.values()]
    .filter((bucket) => bucket.length >= threshold)
    .sort((a, b) => b.length - a.length)
    .slice(0, PER_KIND)
    .sort((a, b) => a[0]!.time - b[0]!.time)
    .map((bucket) => {
      const first = bucket[0]!;
      const names = new Set(bucket.map((e) => e.eventName));
      return {
        kind: 'burst' as const,
        value: first.eventTime,
        detail: `${bucket.length} calls (${names.size} different) within 10 minutes from ${first.eventTime}, against a usual ${median} per 10 minutes.`,
        eventId: first.eventId,
        eventTime: first.eventTime,
      };
    });
}
