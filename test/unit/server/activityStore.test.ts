/** The activity cache's JSON file: read back by the next server, bounded, and never a reason to fail. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { JsonFileStore } from '../../../src/server/activityStore';

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function folder(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'cloudwarden-store-'));
  folders.push(made);
  return made;
}

function store(now: () => number, logs: string[] = [], maxEntries = 3): JsonFileStore<{ n: number }> {
  return new JsonFileStore<{ n: number }>({
    name: 'cache.json',
    maxAgeMs: 1_000,
    maxEntries,
    now,
    isValue: (v): v is { n: number } => typeof (v as { n?: unknown } | undefined)?.n === 'number',
    log: (m) => logs.push(m),
  });
}

describe('JsonFileStore', () => {
  test('what one store wrote, the next reads (a restart keeps the answers)', async () => {
    const dir = folder();
    const first = store(() => 100);
    first.useFolder(dir);
    await first.set('a', { value: { n: 1 }, storedAt: 100 });
    await first.set('b', { value: { n: 2 }, storedAt: 100 });
    await first.flush();
    const second = store(() => 100);
    second.useFolder(dir);
    assert.deepEqual(await second.get('a'), { value: { n: 1 }, storedAt: 100 });
    assert.deepEqual(await second.get('b'), { value: { n: 2 }, storedAt: 100 });
    assert.equal(await second.get('c'), undefined);
  });

  test('bounded: entries past their age and the oldest beyond the limit are dropped', async () => {
    const dir = folder();
    let now = 0;
    const s = store(() => now);
    s.useFolder(dir);
    await s.set('old', { value: { n: 0 }, storedAt: 0 });
    now = 2_000;
    for (const key of ['k1', 'k2', 'k3', 'k4']) await s.set(key, { value: { n: 1 }, storedAt: now });
    await s.flush();
    const written = JSON.parse(readFileSync(path.join(dir, 'cache.json'), 'utf8')) as { entries: [string][] };
    assert.deepEqual(
      written.entries.map(([key]) => key),
      ['k2', 'k3', 'k4'],
    );
  });

  test('a corrupt file or a bad entry costs misses, said once; an unwritable folder too', async () => {
    const dir = folder();
    writeFileSync(
      path.join(dir, 'cache.json'),
      '{"entries": [["ok", {"value": {"n": 1}, "storedAt": 5}], ["bad", {"value": "x", "storedAt": 5}]]}',
    );
    const logs: string[] = [];
    const s = store(() => 5, logs);
    s.useFolder(dir);
    assert.deepEqual(await s.get('ok'), { value: { n: 1 }, storedAt: 5 });
    assert.equal(await s.get('bad'), undefined);
    writeFileSync(path.join(dir, 'cache.json'), '{not json');
    const broken = store(() => 5, logs);
    broken.useFolder(dir);
    assert.equal(await broken.get('ok'), undefined);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /could not read .*cache\.json, starting empty/);
    // A folder under a file cannot be made: the write fails, once said, and the store goes on in memory.
    const unwritable = store(() => 5, logs);
    unwritable.useFolder(path.join(dir, 'cache.json', 'sub'));
    await unwritable.set('x', { value: { n: 3 }, storedAt: 5 });
    await unwritable.set('y', { value: { n: 4 }, storedAt: 5 });
    await unwritable.flush();
    assert.deepEqual(await unwritable.get('x'), { value: { n: 3 }, storedAt: 5 });
    assert.equal(logs.filter((m) => m.includes('could not write')).length, 1, logs.join('\n'));
  });

  test('without a folder it keeps nothing', async () => {
    const s = store(() => 0);
    await s.set('a', { value: { n: 1 }, storedAt: 0 });
    assert.equal(await s.get('a'), undefined);
  });
});
