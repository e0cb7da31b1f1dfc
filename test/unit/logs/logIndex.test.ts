import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eventFilter, type ActivityEvent, type ActivityQuery } from '../../../src/core';
import { LogIndex, type LogIndexOptions } from '../../../src/logs';
import { findLogFiles } from '../../../src/logs/files';
import { readLogFile } from '../../../src/logs/readLog';
import { repoRoot } from '../helpers/paths';

const INVICTUS = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
const NAMES = readdirSync(INVICTUS)
  .filter((f) => f.endsWith('.json.gz'))
  .sort();
const scratch = mkdtempSync(path.join(tmpdir(), 'cloudwarden-logindex-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh log folder in the S3 layout holding the Invictus files, and an index folder beside it. */
function workspace(name: string): { logs: string; index: string } {
  const logs = path.join(scratch, name, 'AWSLogs', '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
  mkdirSync(logs, { recursive: true });
  for (const file of NAMES) copyFileSync(path.join(INVICTUS, file), path.join(logs, file));
  return { logs: path.join(scratch, name, 'AWSLogs'), index: path.join(scratch, name, 'index') };
}

/** What a plain read of every file in the folder answers. */
async function scan(logs: string, query: ActivityQuery): Promise<{ total: number; ids: string[] }> {
  const events: ActivityEvent[] = [];
  for (const file of (await findLogFiles([logs])).files) await readLogFile(file.path, (e) => events.push(e));
  const matched = events.filter(eventFilter(query));
  return { total: matched.length, ids: matched.map((e) => `${e.eventId} ${e.file}`).sort() };
}

function answer(index: LogIndex, query: ActivityQuery): { total: number; ids: string[] } {
  const { events, total } = index.query(query, { limit: 1_000_000 });
  return { total, ids: events.map((e) => `${e.eventId} ${e.file}`).sort() };
}

const QUERIES: ActivityQuery[] = [
  { since: 0 },
  { since: 0, errorsOnly: true },
  { since: 0, eventName: 'GetObject' },
  { since: 0, principal: 'arn:aws:iam::218007301253:user/Cloudy' },
  { since: Date.parse('2023-07-10T12:10:00Z'), until: Date.parse('2023-07-10T12:20:00Z') },
];

async function assertAnswersAsScan(index: LogIndex, logs: string): Promise<void> {
  for (const query of QUERIES) assert.deepEqual(answer(index, query), await scan(logs, query), JSON.stringify(query));
}

/** One log file per segment, so which segment a change touches is plain. */
const ONE_FILE_EACH: LogIndexOptions = { batchBytes: 1 };

describe('LogIndex', () => {
  test('indexes a folder, answers as a plain read does, and a re-open reads nothing', async () => {
    const { logs, index } = workspace('first');
    const first = await LogIndex.open(index, [logs], ONE_FILE_EACH);
    assert.deepEqual(first.pending, {
      files: 55,
      bytes: NAMES.reduce((n, f) => n + readFileSync(path.join(INVICTUS, f)).length, 0),
    });
    const progress: number[] = [];
    const update = await first.update({ onProgress: (p) => progress.push(p.files) });
    assert.deepEqual([update.filesRead, update.events, update.messages], [55, 2900, []]);
    assert.equal(progress.at(-1), 55);
    await assertAnswersAsScan(first, logs);
    assert.deepEqual(first.query({ since: 0 }, { limit: 1 }).unreadable, []);

    const again = await LogIndex.open(index, [logs], ONE_FILE_EACH);
    assert.deepEqual(again.pending, { files: 0, bytes: 0 });
    assert.equal((await again.update()).filesRead, 0);
    await assertAnswersAsScan(again, logs);
  });

  test('reads only new files, a changed file, and the files a vanished one shared a segment with', async () => {
    const { logs, index } = workspace('changes');
    await (await LogIndex.open(index, [logs], { batchBytes: 50_000 })).update();
    const dir = path.join(logs, '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
    // New: two files of another day.
    const newDay = path.join(logs, '218007301253', 'CloudTrail', 'eu-west-1', '2023', '07', '11');
    mkdirSync(newDay, { recursive: true });
    for (const file of NAMES.slice(0, 2)) copyFileSync(path.join(INVICTUS, file), path.join(newDay, file));
    let opened = await LogIndex.open(index, [logs], { batchBytes: 50_000 });
    assert.equal((await opened.update()).filesRead, 2);
    await assertAnswersAsScan(opened, logs);
    // Changed: a file cut to its first ten records (the files of its segment are read again with it).
    const changed = path.join(dir, NAMES[10]!);
    const records = (JSON.parse(gunzipSync(readFileSync(changed)).toString()) as { Records: unknown[] }).Records;
    writeFileSync(changed, gzipSync(JSON.stringify({ Records: records.slice(0, 10) })));
    utimesSync(changed, new Date(), new Date(Date.now() + 5000));
    opened = await LogIndex.open(index, [logs], { batchBytes: 50_000 });
    const reread = (await opened.update()).filesRead;
    assert.ok(reread >= 1 && reread < 10, `${reread} files read again`);
    await assertAnswersAsScan(opened, logs);
    // Vanished.
    rmSync(path.join(dir, NAMES[20]!));
    opened = await LogIndex.open(index, [logs], { batchBytes: 50_000 });
    const afterVanish = (await opened.update()).filesRead;
    assert.ok(afterVanish < 10, `${afterVanish} files read again`);
    await assertAnswersAsScan(opened, logs);
  });

  test('resumes a cancelled run and ends with the answer of an uninterrupted one', async () => {
    const { logs, index } = workspace('resume');
    const controller = new AbortController();
    const first = await LogIndex.open(index, [logs], ONE_FILE_EACH);
    const seen: number[] = [];
    await assert.rejects(
      first.update({
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.files);
          if (p.files === 20) controller.abort();
        },
      }),
    );
    // Progress is said once before the first file is read (a notification opens then), then per segment.
    assert.deepEqual(seen.slice(0, 3), [0, 1, 2]);
    const resumed = await LogIndex.open(index, [logs], ONE_FILE_EACH);
    assert.equal(resumed.pending.files, 55 - 20);
    const update = await resumed.update();
    assert.equal(update.filesRead, 35);
    await assertAnswersAsScan(resumed, logs);
  });

  test('rebuilds a corrupt or older index folder, with a message, and never throws', async () => {
    const cases: [string, (index: string) => void, RegExp][] = [
      [
        'a corrupt manifest',
        (index) => writeFileSync(path.join(index, 'manifest.json'), '{"formatVersion": 1, "segm'),
        /manifest is corrupt/,
      ],
      [
        'an older format version',
        (index) => {
          const manifest = JSON.parse(readFileSync(path.join(index, 'manifest.json'), 'utf8')) as {
            formatVersion: number;
          };
          writeFileSync(path.join(index, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 0 }));
        },
        /format version 0/,
      ],
      [
        'a truncated segment',
        (index) => {
          const segment = readdirSync(index).find((f) => f.endsWith('.seg'))!;
          writeFileSync(path.join(index, segment), readFileSync(path.join(index, segment)).subarray(0, 100));
        },
        /truncated/,
      ],
      [
        'a segment overwritten with garbage',
        (index) => {
          const segment = readdirSync(index).find((f) => f.endsWith('.seg'))!;
          writeFileSync(path.join(index, segment), Buffer.alloc(readFileSync(path.join(index, segment)).length, 7));
        },
        /not an index segment/,
      ],
    ];
    for (const [name, damage, message] of cases) {
      const { logs, index } = workspace(`damaged-${name.replaceAll(' ', '-')}`);
      await (await LogIndex.open(index, [logs], { batchBytes: 100_000 })).update();
      damage(index);
      const opened = await LogIndex.open(index, [logs], { batchBytes: 100_000 });
      opened.query({ since: 0 }, { limit: 1 });
      const messages = [...opened.takeMessages(), ...(await opened.update()).messages];
      assert.ok(
        messages.some((m) => message.test(m)),
        `${name}: ${messages.join(' | ')}`,
      );
      await assertAnswersAsScan(opened, logs);
    }
  });

  test('lists the files it could not read in full with every answer', async () => {
    const { logs, index } = workspace('unreadable');
    const dir = path.join(logs, '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
    writeFileSync(path.join(dir, 'truncated.json.gz'), readFileSync(path.join(INVICTUS, NAMES[0]!)).subarray(0, 200));
    writeFileSync(path.join(dir, 'other.json'), '{"not": "cloudtrail"}');
    const opened = await LogIndex.open(index, [logs]);
    await opened.update();
    const files = (u: readonly { file: string }[]): string[] => u.map((f) => path.basename(f.file)).sort();
    assert.deepEqual(files(opened.query({ since: 0 }, { limit: 1 }).unreadable), ['other.json', 'truncated.json.gz']);
    assert.deepEqual(files(opened.countsByDay({ since: 0 }).unreadable), ['other.json', 'truncated.json.gz']);
    assert.equal(opened.principalActions({ since: 0 }).principals.length > 0, true);
    assert.equal(
      opened.countsByDay({ since: 0 }).days.reduce((n, d) => n + d.count, 0),
      2900,
    );
  });

  test('indexes in real worker threads (dist/logWorker.js) as it does in this thread', async () => {
    const { logs, index } = workspace('workers');
    const opened = await LogIndex.open(index, [logs], {
      workerScript: path.join(repoRoot, 'dist', 'logWorker.js'),
      parallelism: 2,
      batchBytes: 50_000,
    });
    const update = await opened.update();
    assert.deepEqual([update.filesRead, update.events], [55, 2900]);
    await assertAnswersAsScan(opened, logs);
    // Batches' commits overlap (two workers, each sent its next batch before its last is committed): the
    // manifest left on disk must still name every segment, or a re-open would read files again.
    const reopened = await LogIndex.open(index, [logs], { parallelism: 2 });
    assert.equal(reopened.pending.files, 0);
    await assertAnswersAsScan(reopened, logs);
  });
});
