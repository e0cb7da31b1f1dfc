import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordSplitter, normaliseRecord } from '../src/core';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

/**
 * normaliseRecord over the Invictus dataset's 2,900 real records, steady state: what a log-file index
 * pays per event after JSON.parse, which is timed beside it as the reference (the same records as text).
 * Each run passes over every record once; the figure is the median run's time per record.
 * Target: at most 3 µs per event.
 *
 * Beside it, the step before: the record splitter cutting the same records out of their files' bytes
 * (the 55 documents one after another, in 256 KiB chunks), in bytes per second.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP_RUNS = 10;
const CHUNK = 256 * 1024;

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
  const bytes = new TextEncoder().encode(documents(dir));
  const cut = perRecord(records.length, () => splitAll(bytes));
  console.log(`records: ${records.length}, node ${process.version}, ${RUNS} runs`);
  console.log(`normaliseRecord: ${normalise.toFixed(2)} µs/event (median run)`);
  console.log(`JSON.parse (reference): ${parse.toFixed(2)} µs/event (median run)`);
  const perSecond = (bytes.length / (cut * records.length)) * 1e6;
  console.log(`RecordSplitter: ${(perSecond / 1e9).toFixed(2)} GB/s (${cut.toFixed(2)} µs/event, median run)`);
}

/** The dataset's files, decompressed, one after another. */
function documents(dir: string): string {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json.gz'));
  return files.map((file) => gunzipSync(readFileSync(path.join(dir, file))).toString('utf8')).join('\n');
}

/** The records the splitter cuts out of the bytes, fed in 256 KiB chunks. */
function splitAll(bytes: Uint8Array): number {
  let count = 0;
  const splitter = new RecordSplitter(() => count++);
  for (let at = 0; at < bytes.length; at += CHUNK) splitter.push(bytes.subarray(at, at + CHUNK));
  splitter.end();
  if (splitter.error !== undefined) throw new Error(splitter.error);
  return count;
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
