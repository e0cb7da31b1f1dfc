import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectionFactsOf, normaliseRecord, runDetections, type ActivityEvent, type DetectionFacts } from '../src/core';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

/**
 * Every detection over about 1,000,000 events in memory: the Invictus dataset's 2,900 events replicated
 * with shifted ids and times (each copy an hour after the last, so windows never join copies), facts
 * included, as the log index will hand them over. Median of 3 runs. Target: under 3 s.
 */
const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = 3;
const HOUR = 3_600_000;

function main(): void {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
  const base: { event: ActivityEvent; facts: DetectionFacts | undefined }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json.gz'))) {
    const { Records } = JSON.parse(gunzipSync(readFileSync(path.join(dir, file))).toString('utf8')) as {
      Records: unknown[];
    };
    for (const record of Records) {
      const read = normaliseRecord(record);
      if (read.ok) base.push({ event: { ...read.event, file }, facts: detectionFactsOf(record) });
    }
  }
  base.sort((a, b) => a.event.time - b.event.time);
  const copies = Math.ceil(TARGET_EVENTS / base.length);
  const events: ActivityEvent[] = [];
  const facts = new Map<ActivityEvent, DetectionFacts | undefined>();
  for (let copy = 0; copy < copies; copy++) {
    for (const { event, facts: f } of base) {
      const time = event.time + copy * HOUR;
      const shifted = { ...event, eventId: `${event.eventId}-${copy}`, time, eventTime: new Date(time).toISOString() };
      events.push(shifted);
      if (f !== undefined) facts.set(shifted, f);
    }
  }
  const times: number[] = [];
  let hits = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    hits = runDetections(events, (event) => facts.get(event)).length;
    times.push(performance.now() - start);
  }
  console.log(
    `events: ${events.length} (${copies} copies of ${base.length}), events with facts: ${facts.size}, node ${process.version}`,
  );
  console.log(
    `runDetections: ${(median(times) / 1000).toFixed(2)} s median of ${RUNS} (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}), ${hits} hits`,
  );
  console.log(`per event: ${((median(times) * 1000) / events.length).toFixed(2)} µs`);
}

main();
