/**
 * `cloudwarden trail --logs`, `--athena` and `--lake`, the bundled program: log files indexed on disk (the
 * bundled worker), Athena and CloudTrail Lake through the emulator (DuckDB over the same invictus logs).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventFilter, type ActivityEvent, type ActivityQuery } from '../../../src/core';
import { type Emulator, startEmulator } from '../../emulator/server';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { fixtureCredentials } from '../emulator/helpers';
import { runTrail, type TrailRun } from './runTrail';

const INVICTUS = INVICTUS_FOLDER;
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
const DAY = path.join('AWSLogs', '123837392027', 'CloudTrail', 'us-east-1', '2023', '07', '10');

type Run = TrailRun;

interface JsonAnswer {
  readonly events: { eventId: string; eventTime: string; file: string | null; action: string | null }[];
  readonly unreadable: { file?: string; reason: string }[];
}

/** Every event of the dataset, each with the file it is in: what the log-file source must find. */
function datasetEvents(folder: string): ActivityEvent[] {
  return invictusFileEvents().flatMap(({ name, events }) =>
    events.map((event) => ({ ...event, file: path.join(folder, DAY, name) })),
  );
}

function ids(events: readonly { eventId: string }[]): string[] {
  return events.map((e) => e.eventId).sort();
}

describe('cloudwarden trail over log files, Athena and CloudTrail Lake', () => {
  let emulator: Emulator;
  let home: string;
  let logs: string;
  let truncated: string;
  const { user } = fixtureCredentials();

  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS });
    home = mkdtempSync(path.join(tmpdir(), 'cloudwarden-trail-sources-'));
    logs = path.join(home, 'trail');
    mkdirSync(path.join(logs, DAY), { recursive: true });
    for (const name of readdirSync(INVICTUS).filter((f) => f.endsWith('.json.gz')))
      copyFileSync(path.join(INVICTUS, name), path.join(logs, DAY, name));
    truncated = path.join(home, 'cut.json.gz');
    const whole = readFileSync(
      path.join(
        INVICTUS,
        readdirSync(INVICTUS).find((f) => f.endsWith('.json.gz'))!,
      ),
    );
    writeFileSync(truncated, whole.subarray(0, 2000));
  });
  after(async () => {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  });

  function trail(args: string[]): Promise<Run> {
    return runTrail(args, {
      emulatorUrl: emulator.url,
      home,
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
    });
  }

  test('--logs: every event the files hold that answers the query, each with its file, newest first', async () => {
    const run = await trail(['--logs', logs, '--resource', BUCKET, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as JsonAnswer;
    const expected = datasetEvents(logs).filter(eventFilter({ resource: BUCKET, since: 0 }));
    assert.ok(expected.length >= 40);
    assert.deepEqual(ids(answer.events), ids(expected));
    const files = new Map(expected.map((e) => [e.eventId, e.file]));
    for (const e of answer.events) assert.equal(e.file, files.get(e.eventId));
    const times = answer.events.map((e) => Date.parse(e.eventTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    assert.deepEqual(answer.unreadable, []);
    assert.match(run.stderr, /indexed 55 new files \(2,900 events\) in .*cache\/cloudwarden\/cloudtrail-index\//);
  });

  test('--logs again: nothing is read twice; filters combine; --limit says what it left out', async () => {
    const query: ActivityQuery = { since: 0, action: 's3:GetBucketAcl', errorsOnly: false };
    const run = await trail(['--logs', logs, '--action', 's3:GetBucketAcl', '--limit', '5', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /indexed/);
    const expected = datasetEvents(logs)
      .filter(eventFilter(query))
      .sort((a, b) => b.time - a.time);
    assert.ok(expected.length > 5);
    assert.deepEqual(
      (JSON.parse(run.stdout) as JsonAnswer).events.map((e) => e.eventTime),
      expected.slice(0, 5).map((e) => e.eventTime),
    );
    assert.match(run.stderr, new RegExp(`showing the newest 5 of ${expected.length} matching events`));
    const failed = await trail(['--logs', logs, '--errors-only', '--source-ip', '192.168.10.20', '--format', 'json']);
    assert.deepEqual(
      ids((JSON.parse(failed.stdout) as JsonAnswer).events),
      ids(datasetEvents(logs).filter(eventFilter({ since: 0, errorsOnly: true, sourceIp: '192.168.10.20' }))),
    );
  });

  test('--event-id: the one event, from the log files, Athena, Lake and LookupEvents', async () => {
    const wanted = datasetEvents(logs).filter((e) => e.eventName === 'ConsoleLogin')[0]!;
    for (const source of [
      ['--logs', logs],
      ['--athena', 'cloudwarden:cloudtrail.cloudtrail_logs', '--since', '90d'],
      ['--lake', 'e1a2b3c4-5d6e-4f70-8a9b-0c1d2e3f4a5b', '--since', '90d'],
      ['--since', '90d'],
    ]) {
      const run = await trail([...source, '--event-id', wanted.eventId, '--format', 'json']);
      assert.equal(run.code, 0, `${source.join(' ')}: ${run.stderr}`);
      assert.deepEqual(ids((JSON.parse(run.stdout) as JsonAnswer).events), [wanted.eventId], source.join(' '));
    }
  });

  test('--logs with a file cut short and a path that does not exist: listed with the reason, exit 0', async () => {
    const index = path.join(home, 'index');
    const missing = path.join(home, 'nowhere');
    const run = await trail(['--logs', truncated, missing, '--index', index, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as JsonAnswer;
    assert.ok(answer.events.length > 0, 'what could be read of the cut file is used');
    assert.deepEqual(answer.unreadable.map((u) => u.file).sort(), [missing, truncated].sort());
    assert.match(answer.unreadable.find((u) => u.file === truncated)!.reason, /truncated/);
    assert.match(run.stderr, new RegExp(`in ${index}`));
    const text = await trail(['--logs', truncated, '--index', index]);
    assert.match(text.stdout, new RegExp(`not read: ${truncated}: .*truncated`));
  });

  test('--athena and --lake: the same events as the log files, and what each query scanned', async () => {
    const logged = JSON.parse(
      (await trail(['--logs', logs, '--resource', BUCKET, '--format', 'json'])).stdout,
    ) as JsonAnswer;
    for (const source of [
      ['--athena', 'cloudwarden:cloudtrail.cloudtrail_logs'],
      ['--lake', 'e1a2b3c4-5d6e-4f70-8a9b-0c1d2e3f4a5b'],
    ]) {
      const run = await trail([...source, '--resource', BUCKET, '--since', '90d', '--format', 'json']);
      assert.equal(run.code, 0, `${source.join(' ')}: ${run.stderr}`);
      const answer = JSON.parse(run.stdout) as JsonAnswer;
      // The emulator moves the history to the present: the same events, other times.
      assert.deepEqual(ids(answer.events), ids(logged.events), source[0]);
      assert.ok(answer.events.every((e) => e.file === null));
      assert.match(run.stderr, /(Athena|CloudTrail Lake) scanned [\d,]+ bytes \(query /);
    }
  });

  test('--athena without a result location, or on a table that does not exist: the sentence, exit 2', async () => {
    const noOutput = await trail(['--athena', 'primary:cloudtrail.cloudtrail_logs', '--resource', BUCKET]);
    assert.equal(noOutput.code, 2);
    assert.match(noOutput.stderr, /output location/i);
    const noTable = await trail(['--athena', 'cloudwarden:cloudtrail.nope', '--resource', BUCKET]);
    assert.equal(noTable.code, 2);
    assert.match(noTable.stderr, /Athena has no table awsdatacatalog\.cloudtrail\.nope/);
  });
});
