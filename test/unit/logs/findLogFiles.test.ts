import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { findLogFiles, type LogFile, type UnreadableFile } from '../../../src/logs';
import { scratchFolder, writeLog } from './logFiles';

const ROOT = scratchFolder();
const DAY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/01';

describe('finding log files', () => {
  test('log files by name, sorted; digests and other files left out', async () => {
    const root = path.join(ROOT, 'trail');
    const kept = [
      `${DAY}/111122223333_CloudTrail_eu-west-1_20240501T1005Z_AbCdEfGh12345678.json.gz`,
      `${DAY}/b.json`,
      'exports/events.jsonl',
      'exports/events.ndjson.gz',
      'exports/EVENTS.JSON',
      'exports/archive.gz',
      'z/deep/er/and/deeper/still/x.jsonl.gz',
    ];
    const left = [
      'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/d.json.gz',
      `${DAY}/111122223333_CloudTrail-Digest_eu-west-1_x.json.gz`,
      'README.md',
      'exports/notes.txt',
      'LICENSE',
    ];
    for (const file of [...kept, ...left]) writeLog(root, file, '{}');
    const { files, unreadable } = await findLogFiles([root]);
    assert.deepEqual(
      files.map((f) => path.relative(root, f.path)),
      kept.map((f) => path.join(...f.split('/'))).sort(),
    );
    assert.deepEqual(unreadable, []);
    const sized = (f: LogFile): boolean => f.size === 2 && f.mtimeMs > 0;
    assert.ok(files.every(sized));
  });

  test('a file given as a root is taken whatever its name; a missing root is unreadable', async () => {
    const file = writeLog(ROOT, 'single/trail-export', '{}');
    const missing = path.join(ROOT, 'nowhere');
    const { files, unreadable } = await findLogFiles([file, missing]);
    assert.deepEqual(
      files.map((f) => f.path),
      [file],
    );
    const expected: UnreadableFile[] = [{ file: missing, reason: 'no such file or folder' }];
    assert.deepEqual(unreadable, expected);
  });

  test('a symbolic link loop ends; a linked folder is walked once', async () => {
    const root = path.join(ROOT, 'loop');
    writeLog(root, 'a/one.json', '{}');
    symlinkSync(root, path.join(root, 'a', 'back-to-root'));
    symlinkSync(path.join(root, 'a'), path.join(root, 'also-a'));
    const { files } = await findLogFiles([root]);
    assert.equal(files.length, 1);
  });

  test('two roots naming the same file list it once', async () => {
    const file = writeLog(ROOT, 'twice/one.json', '{}');
    const { files } = await findLogFiles([path.dirname(file), file]);
    assert.equal(files.length, 1);
  });

  test(
    'an unreadable folder is listed, the rest is found',
    { skip: process.getuid?.() === 0 && 'running as root' },
    async () => {
      const root = path.join(ROOT, 'locked');
      writeLog(root, 'open/one.json', '{}');
      writeLog(root, 'shut/two.json', '{}');
      chmodSync(path.join(root, 'shut'), 0);
      const { files, unreadable } = await findLogFiles([root]);
      chmodSync(path.join(root, 'shut'), 0o755);
      assert.deepEqual(
        files.map((f) => path.basename(f.path)),
        ['one.json'],
      );
      assert.deepEqual(unreadable, [{ file: path.join(root, 'shut'), reason: 'permission denied' }]);
    },
  );

  test('100,000 files in 1,000 day folders', async () => {
    const root = path.join(ROOT, 'many');
    for (let d = 0; d < 1000; d++) {
      const folder = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail', `r${d % 10}`, `${d}`);
      mkdirSync(folder, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(path.join(folder, `${f}.json.gz`), '');
    }
    const started = performance.now();
    const { files, unreadable } = await findLogFiles([root]);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(files.length, 100_000);
    assert.deepEqual(unreadable, []);
    assert.ok(seconds < 10, `${seconds.toFixed(1)} s`);
  });
});
