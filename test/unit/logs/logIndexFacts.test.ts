/**
 * The log index keeps the detections' facts and runs the detections from them: its answers equal what
 * runDetections gives over a plain read of the same files (records parsed with JSON.parse here, facts
 * from detectionFactsOf of each raw record), in one thread and in worker threads, over one segment or
 * many, in any window.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  detectionFactsOf,
  INDEX_FORMAT_VERSION,
  listedByDetections,
  normaliseRecord,
  runDetections,
  type ActivityEvent,
  type DetectionFacts,
  type Hit,
} from '../../../src/core';
import { LogIndex, type LogIndexOptions } from '../../../src/logs';
import { INVICTUS_FOLDER } from '../../harness/invictusEvents';
import { invictusFiles } from '../activity/invictus';
import { repoRoot } from '../helpers/paths';

const scratch = mkdtempSync(path.join(tmpdir(), 'cloudwarden-logfacts-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A log folder holding the Invictus files (all in one day folder), and an index folder beside it. */
function workspace(name: string): { logs: string; day: string; index: string } {
  const logs = path.join(scratch, name, 'AWSLogs');
  const day = path.join(logs, '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
  mkdirSync(day, { recursive: true });
  for (const { file } of invictusFiles) copyFileSync(path.join(INVICTUS_FOLDER, file), path.join(day, file));
  return { logs, day, index: path.join(scratch, name, 'index') };
}

async function indexed(name: string, options: LogIndexOptions = {}): Promise<{ index: LogIndex; day: string }> {
  const { logs, day, index } = workspace(name);
  const opened = await LogIndex.open(index, [logs], options);
  await opened.update();
  return { index: opened, day };
}

/** The dataset read plainly: each event (its file in `day`) with its raw record's facts, oldest first. */
function plainRead(day: string): { events: ActivityEvent[]; facts: Map<ActivityEvent, DetectionFacts | undefined> } {
  const facts = new Map<ActivityEvent, DetectionFacts | undefined>();
  for (const { file, records } of invictusFiles)
    for (const record of records) {
      const read = normaliseRecord(record);
      assert.ok(read.ok);
      facts.set({ ...read.event, file: path.join(day, file) }, detectionFactsOf(record));
    }
  // Stable: events of one time keep the files' (name) order and their records' order.
  return { events: [...facts.keys()].sort((a, b) => a.time - b.time), facts };
}

function expectedHits(day: string, since = 0, until = Infinity): Hit[] {
  const { events, facts } = plainRead(day);
  return runDetections(
    events.filter((e) => e.time >= since && e.time <= until),
    (event) => facts.get(event),
  );
}

const SETUPS: [string, LogIndexOptions][] = [
  ['one segment, this thread', {}],
  ['many segments (the events merged by time), this thread', { batchBytes: 20_000 }],
  [
    'many segments, worker threads',
    { workerScript: path.join(repoRoot, 'dist', 'logWorker.js'), parallelism: 2, batchBytes: 20_000 },
  ],
];

describe('LogIndex: detection facts', () => {
  test("every event's facts are its raw record's, for the events a detection lists", async () => {
    const { index, day } = await indexed('facts');
    const listed = listedByDetections();
    const { facts } = plainRead(day);
    const expected = new Map(
      [...facts].map(([event, f]) => [`${event.eventId} ${event.file}`, listed(event) ? f : undefined]),
    );
    const answer = index.query({ since: 0 }, { limit: 1_000_000, facts: true });
    assert.equal(answer.events.length, 2900);
    let withFacts = 0;
    for (const event of answer.events) {
      const got = answer.factsOf(event);
      assert.deepEqual(got, expected.get(`${event.eventId} ${event.file}`), event.eventId);
      if (got !== undefined) withFacts++;
    }
    // The dataset's sign-ins, IAM and policy changes: facts a detection reads are there to compare.
    assert.ok(withFacts >= 5, `${withFacts} events with facts`);
    // An event the answer did not return has no facts there.
    assert.equal(answer.factsOf({ ...answer.events[0]! }), undefined);
  });

  for (const [name, options] of SETUPS)
    test(`detect: the hits of runDetections over a plain read (${name})`, async () => {
      const { index, day } = await indexed(`detect-${name.replace(/\W+/g, '-')}`, options);
      const answer = index.detect({ since: 0 });
      const expected = expectedHits(day);
      assert.equal(expected.length, 45);
      assert.deepEqual(answer.hits, expected);
      assert.equal(answer.events, 2900);
      assert.deepEqual(answer.unreadable, []);
      assert.deepEqual(answer.skipped, { records: 0 });
    });

  test('detect: the window bounds the events, both ends included', async () => {
    const { index, day } = await indexed('window', { batchBytes: 20_000 });
    const times = plainRead(day).events.map((e) => e.time);
    const middle = times[times.length >> 1]!;
    const windows: [string, number, number | undefined][] = [
      ['from the middle on', middle, undefined],
      ['up to the middle', 0, middle],
      ['one instant', middle, middle],
      ['a quarter of an hour', Date.parse('2023-07-10T12:10:00Z'), Date.parse('2023-07-10T12:25:00Z')],
      ['after the last event', times[times.length - 1]! + 1, undefined],
      ['before the first event', 0, times[0]! - 1],
    ];
    for (const [name, since, until] of windows) {
      const answer = index.detect({ since, ...(until !== undefined && { until }) });
      assert.deepEqual(answer.hits, expectedHits(day, since, until), name);
      assert.equal(answer.events, times.filter((t) => t >= since && t <= (until ?? Infinity)).length, name);
    }
  });

  test('detect: the detections asked for, and only those', async () => {
    const { index, day } = await indexed('some');
    const all = expectedHits(day);
    const ids = [...new Set(all.map((h) => h.detection))].slice(0, 2);
    const { DETECTIONS } = await import('../../../src/core');
    const some = DETECTIONS.filter((d) => ids.includes(d.id));
    const hits = index.detect({ since: 0 }, some).hits;
    assert.deepEqual(
      hits,
      all.filter((h) => ids.includes(h.detection)),
    );
    assert.ok(hits.length > 0);
  });

  test('an index of the previous format version is rebuilt, with its message, and then detects', async () => {
    const { logs, day, index } = workspace('old');
    await (await LogIndex.open(index, [logs])).update();
    const manifest = path.join(index, 'manifest.json');
    const old = { ...(JSON.parse(readFileSync(manifest, 'utf8')) as object), formatVersion: INDEX_FORMAT_VERSION - 1 };
    writeFileSync(manifest, JSON.stringify(old));
    const reopened = await LogIndex.open(index, [logs]);
    assert.equal(reopened.pending.files, invictusFiles.length);
    const update = await reopened.update();
    assert.ok(
      update.messages.some((m) =>
        m.includes(`format version ${INDEX_FORMAT_VERSION - 1}, this version reads ${INDEX_FORMAT_VERSION}`),
      ),
      update.messages.join(' | '),
    );
    assert.deepEqual(reopened.detect({ since: 0 }).hits, expectedHits(day));
  });

  test('detect: records that are not events are counted, and a file read in part says so', async () => {
    const { logs, day, index } = workspace('partial');
    const record = invictusFiles[0]!.records[0]!;
    writeFileSync(path.join(day, 'odd.json'), JSON.stringify({ Records: [record, { eventName: 'x' }] }));
    writeFileSync(path.join(day, 'cut.json'), `{"Records": [${JSON.stringify(record)}, {"eventName": `);
    const opened = await LogIndex.open(index, [logs]);
    await opened.update();
    const answer = opened.detect({ since: 0 });
    assert.equal(answer.skipped.records, 1);
    assert.ok((answer.skipped.firstReason ?? '').length > 5);
    const cut = answer.unreadable.find((u) => u.file.endsWith('cut.json'));
    assert.match(cut?.reason ?? '', /read in part: its first 1 event/);
  });
});
