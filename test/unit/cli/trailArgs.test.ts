import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTrailArgs } from '../../../src/cli/trailArgs';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const DAY = 86_400_000;

function parsed(args: string[]) {
  const result = parseTrailArgs(args, NOW);
  if ('error' in result) assert.fail(`unexpected error: ${result.error}`);
  return result;
}

describe('cloudwarden trail: the command line', () => {
  test('LookupEvents by default: the last 7 days, 20 pages, at most 90 days back', () => {
    const args = parsed([]);
    assert.deepEqual(args.source, { kind: 'lookupEvents', maxPages: 20 });
    assert.equal(args.query.since, NOW - 7 * DAY);
    assert.equal(parsed(['--since', '2020-01-01']).query.since, NOW - 90 * DAY);
  });

  test('--logs takes every path up to the next option, and everything the files hold unless --since says', () => {
    const args = parsed(['--logs', 'a/', 'b.json.gz', '--resource', 'bucket', '--index', '/tmp/i']);
    assert.deepEqual(args.source, { kind: 'logs', paths: ['a/', 'b.json.gz'], indexDir: '/tmp/i' });
    assert.equal(args.query.since, 0);
    assert.equal(args.query.resource, 'bucket');
    assert.equal(parsed(['--logs=a', '--logs', 'b', '--since', '7d']).query.since, NOW - 7 * DAY);
    assert.deepEqual(parsed(['--logs=a', '--logs', 'b']).source, { kind: 'logs', paths: ['a', 'b'] });
    assert.equal(parsed(['--logs', 'a', '--since', '2020-01-01']).query.since, Date.parse('2020-01-01'));
  });

  test('--athena names the workgroup and, optionally, the table; --lake the event data store', () => {
    assert.deepEqual(parsed(['--athena', 'primary']).source, {
      kind: 'athena',
      workgroup: 'primary',
      database: 'default',
      table: 'cloudtrail_logs',
    });
    assert.deepEqual(parsed(['--athena', 'wg:security.org_trail', '--athena-output', 's3://results/cw/']).source, {
      kind: 'athena',
      workgroup: 'wg',
      database: 'security',
      table: 'org_trail',
      outputLocation: 's3://results/cw/',
    });
    assert.deepEqual(parsed(['--lake', 'eds-1']).source, { kind: 'lake', eventDataStore: 'eds-1' });
  });

  test('the filters every source shares', () => {
    const { query, limit } = parsed([
      '--logs',
      'x',
      '--action',
      's3:PutObject',
      '--source-ip',
      '203.0.113.5',
      '--errors-only',
      '--principal',
      'arn:aws:iam::111122223333:role/deploy',
      '--access-key',
      'AKIAEXAMPLE',
      '--limit',
      '50',
    ]);
    assert.deepEqual(query, {
      since: 0,
      principal: 'arn:aws:iam::111122223333:role/deploy',
      accessKeyId: 'AKIAEXAMPLE',
      action: 's3:PutObject',
      sourceIp: '203.0.113.5',
      errorsOnly: true,
    });
    assert.equal(limit, 50);
  });

  test('--event-id asks for one event, alone or with the other filters, on every source', () => {
    const id = '3c5d2a7e-0000-4000-8000-000000000001';
    assert.deepEqual(parsed(['--event-id', id, '--since', '90d']).query, { since: NOW - 90 * DAY, eventId: id });
    assert.deepEqual(parsed(['--logs', 'x', `--event-id=${id}`, '--event-name', 'ConsoleLogin']).query, {
      since: 0,
      eventName: 'ConsoleLogin',
      eventId: id,
    });
    assert.equal(parsed(['--lake', 'eds-1', '--event-id', 'odd-1']).query.eventId, 'odd-1');
  });

  test('usage errors are sentences naming the option', () => {
    const cases: [string[], RegExp][] = [
      [['--logs'], /--logs needs a folder or file/],
      [['--logs', 'a', '--athena', 'wg'], /--logs and --athena are two sources/],
      [['--index', '/tmp/i'], /--index goes with --logs/],
      [['--athena', 'wg:nodot'], /--athena is <workgroup>\[:<database>\.<table>\]/],
      [['--athena', 'wg', '--athena-output', 'bucket'], /--athena-output is an s3:\/\/ location/],
      [['--athena-output', 's3://x/'], /--athena-output goes with --athena/],
      [['--lake', 'e', '--max-pages', '3'], /--max-pages is for LookupEvents/],
      [['--limit', '10'], /--limit is for --logs, --athena and --lake/],
      [['--logs', 'a', '--limit', '0'], /--limit is a whole number/],
      [['--errors-only=yes'], /unknown option/],
      [['--event-id'], /--event-id needs a value/],
      [['--event-id='], /--event-id needs a value/],
    ];
    for (const [args, error] of cases) {
      const result = parseTrailArgs(args, NOW);
      assert.ok('error' in result, args.join(' '));
      assert.match(result.error, error);
    }
  });
});
