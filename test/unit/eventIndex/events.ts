import { normaliseRecord, type ActivityEvent } from '../../../src/core';
import { invictusFiles } from '../activity/invictus';

/** The Invictus dataset's 2,900 events, each with the log file it came from. */
export const invictusEvents: readonly ActivityEvent[] = invictusFiles.flatMap(({ file, records }) =>
  records.flatMap((record) => {
    const normalised = normaliseRecord(record);
    return normalised.ok ? [{ ...normalised.event, file }] : [];
  }),
);

/** A deterministic pseudo-random source (mulberry32), so a failing case can be re-run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events in time order, stable: the order a segment stores them in. */
export function byTime(events: readonly ActivityEvent[]): ActivityEvent[] {
  return [...events].sort((a, b) => a.time - b.time);
}
