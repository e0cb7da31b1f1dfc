import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normaliseRecord } from '../src/core';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

/**
 * normaliseRecord over the Invictus dataset's 2,900 real records, steady state: what a log-file index
 * pays per event after JSON.parse, which is timed beside it as the reference (the same records as text).
 * Each run passes over every record once; the figure is the median run's time per record.
 * Target: at most 3 µs per event.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP_RUNS = 10;

function main(): void {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
  const records = readdirSync(dir)
    .filter((file) => file.endsWith('.json.gz'))
    .sort()
    .flatMap(
      (file) =>
        (JSON.parse(gunzipSync(readFileSync(path.join(dir, file))).toString('utf8')) as { Records: unknown[] }).Records,
    );
  const texts = records.map((record) => JSON.stringify(record));
  const normalise = perRecord(records.length, () => {
    let events = 0;
    for (const record of records) if (normaliseRecord(record).ok) events++;
    return events;
  });
  const parse = perRecord(texts.length, () => {
    let keys = 0;
    for (const text of texts) keys += Object.keys(JSON.parse(text) as object).length;
    return keys;
  });
  console.log(`records: ${records.length}, node ${process.version}, ${RUNS} runs`);
  console.log(`normaliseRecord: ${normalise.toFixed(2)} µs/event (median run)`);
  console.log(`JSON.parse (reference): ${parse.toFixed(2)} µs/event (median run)`);
}

/** The median run's microseconds per record, after untimed runs that let the JIT settle. */
function perRecord(count: number, pass: () => number): number {
  let sink = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) sink += pass();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    sink += pass();
    runs.push(((performance.now() - t0) * 1000) / count);
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  return median(runs);
}

main();
