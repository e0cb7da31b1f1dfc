/**
 * `cloudwarden detect` in this process over the Invictus log files: its hits are what runDetections
 * gives over the same events read independently here (records parsed with JSON.parse, not the streaming
 * reader), in each format, with the exit codes the issue specifies.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { runCli } from '../../../src/cli/run';
import {
  DETECTIONS,
  detectionFactsOf,
  normaliseRecord,
  runDetections,
  type ActivityEvent,
  type DetectionFacts,
  type Hit,
} from '../../../src/core';
import { INVICTUS_FOLDER } from '../../harness/invictusEvents';
import { invictusFiles } from '../activity/invictus';
import { catalogFile, repoRoot, rulesDocsUri } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-detect-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// The command indexes the logs first, in the user's cache folder unless --index: here, the scratch folder.
process.env.XDG_CACHE_HOME = path.join(dir, 'cache');

interface JsonHit {
  readonly detection: string;
  readonly severity: string;
  readonly panther?: string;
  readonly eventId: string;
  readonly eventTime: string;
  readonly principal: string;
  readonly file: string;
}
interface JsonAnswer {
  readonly hits: JsonHit[];
  readonly unreadable: { file: string; reason: string }[];
}

async function detect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['detect', ...args], {
    catalogFile,
    rulesDocsUri,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** The dataset's events oldest first (files by name, records in order), each with its file's path and facts. */
function datasetRun(since = 0): Hit[] {
  const facts = new Map<ActivityEvent, DetectionFacts | undefined>();
  for (const { file, records } of invictusFiles)
    for (const record of records) {
      const read = normaliseRecord(record);
      assert.ok(read.ok);
      if (read.event.time >= since)
        facts.set({ ...read.event, file: path.join(INVICTUS_FOLDER, file) }, detectionFactsOf(record));
    }
  const events = [...facts.keys()].sort((a, b) => a.time - b.time);
  return runDetections(events, (event) => facts.get(event));
}

/** A hit as the JSON shows it, newest first as the command lists them. */
function jsonRows(hits: readonly Hit[]): JsonHit[] {
  return hits
    .map((h) => ({
      detection: h.detection,
      severity: h.severity,
      ...(h.panther !== undefined && { panther: h.panther }),
      eventId: h.eventId,
      eventTime: h.eventTime,
      principal: h.principal,
      file: h.file!,
    }))
    .reverse();
}

/** The record of the dataset's console sign-in without MFA: the one detection there that needs a record's facts. */
function signInWithoutMfa(): Record<string, unknown> {
  for (const { records } of invictusFiles)
    for (const record of records)
      if (record.eventName === 'ConsoleLogin' && (record.additionalEventData as { MFAUsed?: string }).MFAUsed === 'No')
        return record;
  throw new Error('no sign-in without MFA in the dataset');
}

function folderWith(name: string, files: Record<string, string | Buffer>): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(folder, file), content);
  return folder;
}

/** The SARIF 2.1.0 schema (OASIS, errata 01), as the lint's report test validates against it. */
function validateSarif(log: unknown): void {
  const schema = JSON.parse(
    readFileSync(
      path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
      'utf8',
    ),
  ) as object;
  // unicodeRegExp off: the schema's pattern for `language` is not valid in Unicode mode.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
}

describe('cloudwarden detect over the Invictus logs', async () => {
  const expected = datasetRun();
  const json = await detect(['--logs', INVICTUS_FOLDER, '--format', 'json']);
  const answer = JSON.parse(json.stdout) as JsonAnswer;

  test('json: the hits runDetections gives over the same events, newest first; exit 1', () => {
    assert.equal(json.code, 1, json.stderr);
    assert.ok(expected.length > 10);
    assert.deepEqual(answer, { hits: jsonRows(expected), unreadable: [] });
    const times = answer.hits.map((h) => Date.parse(h.eventTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  test("json: each hit's file is a log file of the folder; panther exactly for the mapped detections", () => {
    const names = new Set(readdirSync(INVICTUS_FOLDER));
    const mapped = new Map(DETECTIONS.map((d) => [d.id, d.panther]));
    for (const hit of answer.hits) {
      assert.equal(path.dirname(hit.file), INVICTUS_FOLDER);
      assert.ok(names.has(path.basename(hit.file)), hit.file);
      assert.equal(hit.panther, mapped.get(hit.detection), hit.detection);
      assert.equal('panther' in hit, mapped.get(hit.detection) !== undefined, hit.detection);
    }
    // Both kinds are in the dataset's hits, so the check above sees each.
    assert.ok(answer.hits.some((h) => h.panther === undefined));
    assert.ok(answer.hits.some((h) => h.panther !== undefined));
  });

  test('text: a line a hit (time, severity, title, principal, sentence, file), then the count per detection', async () => {
    const run = await detect(['--logs', INVICTUS_FOLDER]);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    const hits = [...expected].reverse();
    const fired = DETECTIONS.filter((d) => hits.some((h) => h.detection === d.id));
    assert.equal(lines.length, hits.length + 2 + fired.length);
    hits.forEach((hit, i) => {
      const title = DETECTIONS.find((d) => d.id === hit.detection)!.title;
      const parts = [hit.eventTime, hit.severity, title, hit.principal, hit.sentence, hit.file!];
      let at = 0;
      for (const part of parts) {
        const found = lines[i]!.indexOf(part, at);
        assert.ok(found >= at, `line ${i} lacks '${part}' in order: ${lines[i]}`);
        at = found + part.length;
      }
    });
    assert.equal(lines[hits.length], '');
    assert.equal(lines[hits.length + 1], `${hits.length} hits:`);
    for (const detection of fired) {
      const count = hits.filter((h) => h.detection === detection.id).length;
      assert.ok(
        lines.some((line) => new RegExp(`^\\s+${count}\\s+${detection.severity}\\s+${detection.id}\\s`).test(line)),
        detection.id,
      );
    }
  });

  test('sarif: valid 2.1.0, a result a hit at its log file, the fired detections as rules', async () => {
    const run = await detect(['--logs', INVICTUS_FOLDER, '--format', 'sarif']);
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout) as Log;
    validateSarif(log);
    const sarifRun = log.runs[0]!;
    const fired = DETECTIONS.filter((d) => expected.some((h) => h.detection === d.id));
    assert.deepEqual(
      sarifRun.tool.driver.rules!.map((r) => r.id),
      fired.map((d) => d.id),
    );
    for (const rule of sarifRun.tool.driver.rules!) {
      const detection = DETECTIONS.find((d) => d.id === rule.id)!;
      assert.equal(rule.helpUri, detection.references[0]);
      assert.equal(rule.shortDescription?.text, detection.title);
      assert.deepEqual(rule.properties?.mitre, detection.mitre);
      assert.match(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
    }
    const results = sarifRun.results!;
    assert.equal(results.length, expected.length);
    results.forEach((result, i) => {
      const hit = [...expected].reverse()[i]!;
      assert.equal(result.ruleId, hit.detection);
      assert.equal(sarifRun.tool.driver.rules![result.ruleIndex!]!.id, hit.detection);
      const uri = result.locations![0]!.physicalLocation!.artifactLocation!.uri!;
      assert.equal(decodeURIComponent(uri), path.relative(process.cwd(), hit.file!).split(path.sep).join('/'));
    });
    assert.equal(sarifRun.invocations![0]!.executionSuccessful, true);
  });

  test('--since and --until narrow the events the detections see', async () => {
    // Half-way through the dataset's hour: bursts that started before it count only their later events.
    const since = '2023-07-10T12:15:00Z';
    const narrowed = await detect(['--logs', INVICTUS_FOLDER, '--since', since, '--format', 'json']);
    const hits = (JSON.parse(narrowed.stdout) as JsonAnswer).hits;
    assert.deepEqual(hits, jsonRows(datasetRun(Date.parse(since))));
    assert.ok(hits.length > 0 && hits.length < answer.hits.length);
    const before = await detect(['--logs', INVICTUS_FOLDER, '--until', '2023-07-10T11:00:00Z', '--format', 'json']);
    assert.deepEqual(JSON.parse(before.stdout), { hits: [], unreadable: [] });
    assert.equal(before.code, 0);
  });
});

describe('cloudwarden detect: log shapes, unreadable files, exit codes', () => {
  const record = signInWithoutMfa();
  const quiet = { ...record, eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com' };

  test('the facts a detection needs are read from every shape of log: Records, Events, JSON Lines', async () => {
    const shapes: [string, string][] = [
      ['records.json', JSON.stringify({ Records: [record] })],
      [
        'lookup.json',
        JSON.stringify({ Events: [{ EventId: record.eventID, CloudTrailEvent: JSON.stringify(record) }] }),
      ],
      ['lines.jsonl', `${JSON.stringify(quiet)}\n${JSON.stringify(record)}\n`],
    ];
    for (const [name, text] of shapes) {
      const folder = folderWith(`shape-${name}`, { [name]: text });
      const run = await detect(['--logs', folder, '--format', 'json']);
      assert.equal(run.code, 1, name);
      const hits = (JSON.parse(run.stdout) as JsonAnswer).hits;
      assert.deepEqual(
        hits.map((h) => [h.detection, h.eventId, h.file]),
        [['console-login-without-mfa', record.eventID, path.join(folder, name)]],
        name,
      );
    }
  });

  test('a corrupt .json.gz and a file that is not JSON are unreadable, listed, and do not fail the run', async () => {
    const folder = folderWith('broken', {
      'corrupt.json.gz': Buffer.concat([
        gzipSync(JSON.stringify({ Records: [quiet] })).subarray(0, 12),
        Buffer.from('x'),
      ]),
      'notes.json': 'these are my notes, not JSON',
      'sign-in.json': JSON.stringify({ Records: [record] }),
    });
    const json = await detect(['--logs', folder, '--format', 'json']);
    const answer = JSON.parse(json.stdout) as JsonAnswer;
    assert.deepEqual(
      answer.unreadable.map((u) => path.basename(u.file)),
      ['corrupt.json.gz', 'notes.json'],
    );
    for (const u of answer.unreadable) assert.ok(u.reason.length > 5, u.reason);
    // The readable file's hit stands: partial results, marked by the list of what was not read.
    assert.deepEqual(
      answer.hits.map((h) => h.detection),
      ['console-login-without-mfa'],
    );
    assert.equal(json.code, 1);
    const text = await detect(['--logs', folder]);
    assert.equal(text.code, json.code);
    for (const u of answer.unreadable) {
      assert.ok(text.stdout.includes(`not read: ${u.file}: ${u.reason}`));
      assert.ok(text.stderr.includes(`not read: ${u.file}: ${u.reason}`));
    }
    const sarif = JSON.parse((await detect(['--logs', folder, '--format', 'sarif'])).stdout) as Log;
    validateSarif(sarif);
    assert.equal(sarif.runs[0]!.invocations![0]!.executionSuccessful, false);
    assert.equal(sarif.runs[0]!.invocations![0]!.toolExecutionNotifications!.length, 2);
  });

  const cases: { name: string; args: () => string[]; code: number; stderr?: RegExp; stdout?: RegExp }[] = [
    {
      name: 'no hit',
      args: () => ['--logs', folderWith('quiet', { 'a.json': JSON.stringify({ Records: [quiet] }) })],
      code: 0,
    },
    {
      name: 'hits',
      args: () => ['--logs', folderWith('loud', { 'a.json': JSON.stringify({ Records: [record] }) })],
      code: 1,
    },
    {
      name: 'two folders, comma-separated',
      args: () => ['--logs', `${path.join(dir, 'quiet')},${path.join(dir, 'loud')}`],
      code: 1,
    },
    { name: '--help', args: () => ['--help'], code: 0, stdout: /cloudwarden detect .*--logs/s },
    {
      name: '--logs missing',
      args: () => ['--format', 'json'],
      code: 2,
      stderr: /^cloudwarden detect: --logs is required/,
    },
    {
      name: 'a folder that does not exist',
      args: () => ['--logs', path.join(dir, 'nowhere')],
      code: 2,
      stderr: /no such folder or file\n$/,
    },
    {
      name: 'an unknown option',
      args: () => ['--logs', INVICTUS_FOLDER, '--verbose'],
      code: 2,
      stderr: /unknown option '--verbose'/,
    },
    {
      name: 'an unknown format',
      args: () => ['--logs', INVICTUS_FOLDER, '--format', 'csv'],
      code: 2,
      stderr: /--format is text, json or sarif/,
    },
    {
      name: 'a --since that is no time',
      args: () => ['--logs', INVICTUS_FOLDER, '--since', 'yesterday'],
      code: 2,
      stderr: /--since is a duration/,
    },
    {
      name: '--until before --since',
      args: () => ['--logs', INVICTUS_FOLDER, '--since', '2023-07-10', '--until', '2023-07-09'],
      code: 2,
      stderr: /--until is before --since/,
    },
    { name: 'an option without its value', args: () => ['--logs'], code: 2, stderr: /--logs needs a value/ },
  ];
  for (const c of cases)
    test(`exit ${c.code}: ${c.name}`, async () => {
      const run = await detect(c.args());
      assert.equal(run.code, c.code, run.stderr);
      if (c.stderr) {
        assert.match(run.stderr, c.stderr);
        assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'one line');
      }
      if (c.stdout) assert.match(run.stdout, c.stdout);
    });
});
