/**
 * `cloudwarden trail`, the bundled program, against the emulator seeded with the Invictus logs: the real
 * SDK, the credential chain from the environment, LookupEvents throttled at 2 calls a second.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { normaliseRecord, type ActivityEvent } from '../../../src/core';
import { type Emulator, startEmulator } from '../../emulator/server';
import { fixtureCredentials } from '../emulator/helpers';
import { repoRoot } from '../helpers/paths';
import { runTrail, type TrailRun } from './runTrail';

const INVICTUS = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';

type Run = TrailRun;

interface JsonAnswer {
  readonly events: {
    eventId: string;
    eventTime: string;
    eventName: string;
    action: string | null;
    resources: string[];
  }[];
  readonly unreadable: unknown[];
}

/** Every management event of the dataset, read by the event model (the emulator answers these). */
function datasetEvents(): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  for (const file of readdirSync(INVICTUS).filter((f) => f.endsWith('.json.gz'))) {
    const { Records } = JSON.parse(gunzipSync(readFileSync(path.join(INVICTUS, file))).toString()) as {
      Records: unknown[];
    };
    for (const record of Records) {
      const read = normaliseRecord(record);
      assert.ok(read.ok);
      if (read.event.category === 'management') events.push(read.event);
    }
  }
  return events;
}

describe('cloudwarden trail', () => {
  let emulator: Emulator;
  let home: string;
  const { user } = fixtureCredentials();

  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS });
    home = mkdtempSync(path.join(tmpdir(), 'cloudwarden-trail-'));
  });
  after(async () => {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  });

  function trail(args: string[], env: Record<string, string> = {}): Promise<Run> {
    return runTrail(
      args,
      { emulatorUrl: emulator.url, home, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
      env,
    );
  }

  test("a bucket's events: every one the trail holds, newest first, as JSON", async () => {
    const run = await trail(['--region', 'us-east-1', '--resource', BUCKET, '--since', '90d', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as JsonAnswer;
    // LookupEvents finds a bucket by its name in the events of S3 (and the resources CloudTrail lists), not
    // as the bucket a CreateTrail names (the event model reads that too: the log files and Athena find it).
    const expected = datasetEvents().filter(
      (e) => e.eventSource !== 'cloudtrail.amazonaws.com' && e.resources.some((r) => r.name === BUCKET),
    );
    assert.ok(expected.length >= 30);
    assert.deepEqual(answer.events.map((e) => e.eventId).sort(), expected.map((e) => e.eventId).sort());
    const times = answer.events.map((e) => Date.parse(e.eventTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    for (const event of answer.events) {
      assert.ok(
        event.resources.some((r) => r === BUCKET || r === `arn:aws:s3:::${BUCKET}`),
        JSON.stringify(event),
      );
      assert.match(event.action ?? '', /^s3:/);
    }
    assert.deepEqual(answer.unreadable, []);
    assert.deepEqual(Object.keys(answer.events[0]!), [
      'eventId',
      'eventTime',
      'eventSource',
      'eventName',
      'action',
      'principal',
      'accessKeyId',
      'sourceIp',
      'region',
      'errorCode',
      'readOnly',
      'resources',
      'file',
    ]);
  });

  test('filters what LookupEvents cannot: a principal and an event name beside the resource', async () => {
    const run = await trail([
      '--resource',
      BUCKET,
      '--principal',
      'arn:aws:iam::123837392027:user/bert-jan',
      '--event-name',
      'PutBucketPolicy',
      '--since',
      '90d',
      '--format',
      'json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const events = (JSON.parse(run.stdout) as JsonAnswer).events;
    const expected = datasetEvents().filter(
      (e) =>
        e.eventName === 'PutBucketPolicy' &&
        e.principal.name === 'bert-jan' &&
        e.resources.some((r) => r.name === BUCKET),
    );
    assert.deepEqual(events.map((e) => e.eventId).sort(), expected.map((e) => e.eventId).sort());
  });

  test('CSV and text carry the same events as JSON', async () => {
    const args = ['--resource', BUCKET, '--since', '90d'];
    const [json, csv, text] = await Promise.all([
      trail([...args, '--format', 'json']),
      trail([...args, '--format', 'csv']),
      trail(args),
    ]);
    for (const run of [json, csv, text]) assert.equal(run.code, 0, run.stderr);
    const count = (JSON.parse(json.stdout) as JsonAnswer).events.length;
    const rows = csv.stdout.trimEnd().split('\r\n');
    assert.match(rows[0]!, /^eventTime,eventName,action,principal,/);
    assert.equal(rows.length, count + 1);
    assert.match(text.stdout, new RegExp(`\\n${count} events\\n$`));
  });

  test('a scan of many pages waits out throttling and fails nothing', async () => {
    emulator.faults.add({ service: 'cloudtrail', operation: 'LookupEvents', kind: 'throttle', times: 3 });
    const run = await trail(['--since', '90d', '--max-pages', '8', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as JsonAnswer).events.length, 400);
    assert.match(run.stderr, /stopped after 8 pages \(400 events\)/);
    assert.equal(emulator.faults.list().length, 0, 'the three throttles were met and waited out');
  });

  test('an AWS problem is one sentence on stderr, exit code 2', async () => {
    emulator.faults.add({ service: 'cloudtrail', operation: 'LookupEvents', kind: 'accessDenied', times: 1 });
    const denied = await trail(['--resource', BUCKET]);
    assert.equal(denied.code, 2);
    assert.match(denied.stderr, /cloudtrail:LookupEvents/);
    assert.equal(denied.stderr.trim().split('\n').length, 1, denied.stderr);

    const none = await trail(['--resource', BUCKET], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /credentials/i);
  });

  test('usage errors name the option, exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /--format is text, json or csv/],
      [['--since', 'yesterday'], /--since is a duration/],
      [['--since', '1d', '--until', '2d'], /--until is before --since/],
      [['--region', 'mars'], /'mars' is not a Region name/],
      [['--max-pages', '0'], /--max-pages/],
      [['--colour'], /unknown option '--colour'/],
      [['--resource'], /--resource needs a value/],
    ];
    for (const [args, message] of cases) {
      const run = await trail(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });
});
