/**
 * `cloudwarden investigate` in this process over the Invictus log files: the report equals the one the
 * core builds from the same events read independently here (records parsed with JSON.parse, not the log
 * index), in Markdown and JSON, with its usage errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseInvestigateArgs } from '../../../src/cli/investigateArgs';
import { runCli } from '../../../src/cli/run';
import {
  detectionFactsOf,
  normaliseRecord,
  runDetections,
  type ActivityEvent,
  type DetectionFacts,
  type Investigation,
} from '../../../src/core';
import { INVICTUS_FOLDER } from '../../harness/invictusEvents';
import { invictusFiles } from '../activity/invictus';
import { catalogFile, rulesDocsUri } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-investigate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const INDEX = path.join(dir, 'index');

async function investigate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['investigate', ...args], {
    catalogFile,
    rulesDocsUri,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const facts = new Map<string, DetectionFacts | undefined>();
const ALL: ActivityEvent[] = invictusFiles
  .flatMap(({ records }) =>
    records.map((record) => {
      const read = normaliseRecord(record);
      assert.ok(read.ok);
      facts.set(read.event.eventId, detectionFactsOf(record));
      return read.event;
    }),
  )
  .sort((a, b) => a.time - b.time);

const BERT = 'arn:aws:iam::123837392027:user/bert-jan';

describe('cloudwarden investigate over log files', () => {
  test('a principal: the same hits as the detections over its events read independently, as JSON', async () => {
    const { code, stdout, stderr } = await investigate([
      'principal',
      BERT,
      '--logs',
      INVICTUS_FOLDER,
      '--index',
      INDEX,
      '--format',
      'json',
    ]);
    assert.equal(code, 0, stderr);
    const { report, unreadable } = JSON.parse(stdout) as { report: Investigation; unreadable: unknown[] };
    assert.deepEqual(unreadable, []);
    const mine = ALL.filter((e) => e.principal.arn === BERT);
    assert.equal(report.analysis.profile.events, mine.length);
    const expected = runDetections(mine, (e) => facts.get(e.eventId));
    assert.deepEqual(
      report.detection.hits.map((h) => h.eventId + h.detection).sort(),
      expected.map((h) => h.eventId + h.detection).sort(),
    );
    assert.equal(report.classification.severity, 'HIGH');
    assert.deepEqual(report.partial, []);
  });

  test('an access key as Markdown: the sections of the workflow and the key deactivation written out', async () => {
    const key = ALL.find((e) => e.principal.arn === BERT && e.accessKeyId?.startsWith('AKIA'))!.accessKeyId!;
    const { code, stdout } = await investigate(['key', key, '--logs', INVICTUS_FOLDER, '--index', INDEX]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^# Access key ${key}\\n`));
    for (const section of ['## Summary', '## Detection', '## Analysis', '## Classification', '## Suggested response'])
      assert.ok(stdout.includes(`\n${section}\n`), section);
    assert.ok(
      stdout.includes(`aws iam update-access-key --user-name bert-jan --access-key-id ${key} --status Inactive`),
    );
    assert.match(stdout, /Every event up to /);
  });

  test('an event id: the event and its principal’s events 30 minutes either side', async () => {
    const focus = ALL.find((e) => e.eventName === 'DeleteTrail' && e.errorCode === undefined)!;
    const { code, stdout } = await investigate([
      'event',
      focus.eventId,
      '--logs',
      INVICTUS_FOLDER,
      '--index',
      INDEX,
      '--format',
      'json',
    ]);
    assert.equal(code, 0);
    const { report } = JSON.parse(stdout) as { report: Investigation };
    assert.equal(report.analysis.focus?.eventId, focus.eventId);
    const around = ALL.filter(
      (e) => e.principal.arn === focus.principal.arn && Math.abs(e.time - focus.time) <= 30 * 60_000,
    );
    assert.equal(report.analysis.profile.events, around.length);
  });

  test('an event id the logs do not hold: a report that says so, marked partial', async () => {
    const { code, stdout } = await investigate([
      'event',
      '00000000-0000-4000-8000-000000000000',
      '--logs',
      INVICTUS_FOLDER,
      '--index',
      INDEX,
      '--format',
      'json',
    ]);
    assert.equal(code, 0);
    const { report } = JSON.parse(stdout) as { report: Investigation };
    assert.equal(report.analysis.profile.events, 0);
    assert.match(report.partial.join(' '), /No event with the id 00000000-/);
  });

  test('usage errors exit 2 with one sentence', async () => {
    const cases: [string[], RegExp][] = [
      [[], /principal, resource, key, ip or event/],
      [['user', 'x', '--logs', INVICTUS_FOLDER], /'user' is not principal/],
      [['key', 'AKIA', '--logs', INVICTUS_FOLDER], /starts with AKIA/],
      [['principal', BERT], /--logs is required/],
      [['principal', BERT, '--logs', path.join(dir, 'missing')], /no such folder/],
      [['principal', BERT, '--logs', INVICTUS_FOLDER, '--format', 'html'], /markdown or json/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await investigate(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message, args.join(' '));
    }
  });

  test('arguments: kinds, windows and formats', () => {
    const now = Date.UTC(2024, 0, 10);
    assert.deepEqual(parseInvestigateArgs(['ip', '203.0.113.9', '--logs', 'a,b', '--since', '24h'], now), {
      subject: { kind: 'ip', value: '203.0.113.9' },
      logs: ['a', 'b'],
      since: now - 86_400_000,
      format: 'markdown',
    });
    assert.deepEqual(parseInvestigateArgs(['--help'], now), { help: true });
    assert.match(
      (
        parseInvestigateArgs(['ip', '1.2.3.4', '--logs', 'a', '--since', '2d', '--until', '3d'], now) as {
          error: string;
        }
      ).error,
      /before --since/,
    );
  });
});
