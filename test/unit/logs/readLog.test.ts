import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { normaliseLookupEvent, normaliseRecord, type ActivityEvent, type LookupEventLike } from '../../../src/core';
import { invictusFiles } from '../activity/invictus';
import { ACCOUNT, apiCall } from '../activity/records';
import { readAll, scratchFolder, writeLog } from './logFiles';

const ROOT = scratchFolder();
const RECORDS = invictusFiles.slice(0, 3).flatMap(({ records }) => records);
const NAME = '218007301253_CloudTrail_us-east-1_20230710T1145Z_7xgocspSowgK0Gto.json.gz';

/** What a LookupEvents export holds for a record. */
function lookupElement(record: Record<string, unknown>): LookupEventLike {
  return {
    EventId: record.eventID as string,
    EventName: record.eventName as string,
    EventTime: record.eventTime as string,
    EventSource: record.eventSource as string,
    CloudTrailEvent: JSON.stringify(record),
  };
}

function events(file: string, values: readonly unknown[], lookup = false): ActivityEvent[] {
  return values.flatMap((value) => {
    const n = lookup ? normaliseLookupEvent(value as LookupEventLike) : normaliseRecord(value);
    return n.ok ? [{ ...n.event, file }] : [];
  });
}

// Versions 1.03 to 1.11: each drops the fields its version did not have yet (versions.test.ts has the details).
const VERSIONED = ['1.03', '1.04', '1.05', '1.06', '1.07', '1.08', '1.09', '1.10', '1.11'].map((version, i) => {
  const minor = Number(version.slice(2));
  const record: Record<string, unknown> = apiCall('s3.amazonaws.com', 'ListBuckets', {
    eventVersion: version,
    eventID: `0000000${i}-0000-4000-8000-000000000000`,
    awsRegion: ['us-east-1', 'eu-west-1', 'ap-south-1'][i % 3],
    recipientAccountId: i % 2 === 0 ? ACCOUNT : '444455556666',
    ...(minor >= 8 ? { tlsDetails: { tlsVersion: 'TLSv1.2' } } : {}),
    ...(minor >= 11 ? { eventContext: { tagContext: {} } } : {}),
  });
  if (minor < 7) delete record.eventCategory;
  if (minor < 6) delete record.managementEvent;
  return record;
});

const HUGE = apiCall('iam.amazonaws.com', 'PutRolePolicy', {
  requestParameters: { policyDocument: 'p'.repeat(256_000) },
});
const OVER_LIMIT = apiCall('iam.amazonaws.com', 'PutRolePolicy', {
  requestParameters: { policyDocument: 'q'.repeat(3 << 20) },
});

const SHAPES: {
  name: string;
  file: string;
  content: string;
  gzip?: boolean;
  expected: (file: string) => ActivityEvent[];
  skipped?: number;
}[] = [
  {
    name: 'S3 layout, .json.gz',
    file: `s3/AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10/${NAME}`,
    content: JSON.stringify({ Records: RECORDS }),
    gzip: true,
    expected: (file) => events(file, RECORDS),
  },
  {
    name: 'organisation trail',
    file: `org/AWSLogs/o-abc123def4/218007301253/CloudTrail/us-east-1/2023/07/10/${NAME}`,
    content: JSON.stringify({ Records: RECORDS }),
    gzip: true,
    expected: (file) => events(file, RECORDS),
  },
  {
    name: 'plain .json',
    file: 'plain/trail.json',
    content: JSON.stringify({ Records: RECORDS }, null, 2),
    expected: (f) => events(f, RECORDS),
  },
  {
    name: '.gz named .json',
    file: 'misnamed/trail.json',
    content: JSON.stringify({ Records: RECORDS }),
    gzip: true,
    expected: (f) => events(f, RECORDS),
  },
  {
    name: 'lookup-events export',
    file: 'export/events.json',
    content: JSON.stringify({ Events: RECORDS.map(lookupElement), NextToken: 'abc' }, null, 2),
    expected: (f) => events(f, RECORDS.map(lookupElement), true),
  },
  {
    name: 'JSON Lines',
    file: 'lines/events.jsonl',
    content: RECORDS.map((r) => JSON.stringify(r)).join('\n'),
    expected: (f) => events(f, RECORDS),
  },
  {
    name: 'JSON Lines of lookup events',
    file: 'lines/lookup.ndjson',
    content: RECORDS.map((r) => JSON.stringify(lookupElement(r))).join('\n'),
    expected: (f) => events(f, RECORDS.map(lookupElement), true),
  },
  {
    name: 'bare array',
    file: 'array/events.json',
    content: JSON.stringify(RECORDS),
    expected: (f) => events(f, RECORDS),
  },
  {
    name: 'versions 1.03 to 1.11, mixed Regions and accounts',
    file: 'versions.json',
    content: JSON.stringify({ Records: VERSIONED }),
    expected: (f) => events(f, VERSIONED),
  },
  {
    name: 'a 256 KB event',
    file: 'huge.json',
    content: JSON.stringify({ Records: [HUGE, VERSIONED[0]] }),
    expected: (f) => events(f, [HUGE, VERSIONED[0]]),
  },
  {
    name: 'a record over the limit',
    file: 'over.json.gz',
    content: JSON.stringify({ Records: [VERSIONED[1], OVER_LIMIT, VERSIONED[2]] }),
    gzip: true,
    expected: (f) => events(f, [VERSIONED[1], VERSIONED[2]]),
    skipped: 1,
  },
];

describe('reading a log file', () => {
  for (const shape of SHAPES) {
    test(shape.name, async () => {
      const file = writeLog(ROOT, shape.file, shape.content, shape.gzip);
      const read = await readAll(file);
      assert.equal(read.problem, undefined);
      assert.deepEqual(read.list, shape.expected(file));
      assert.equal(read.events, read.list.length);
      assert.ok(read.events > 0);
      assert.equal(read.skipped, shape.skipped ?? 0);
    });
  }

  test('the versioned events keep their Regions and accounts', async () => {
    const read = await readAll(writeLog(ROOT, 'versions2.json', JSON.stringify({ Records: VERSIONED })));
    assert.deepEqual(new Set(read.list.map((e) => e.region)), new Set(['us-east-1', 'eu-west-1', 'ap-south-1']));
    assert.deepEqual(new Set(read.list.map((e) => e.account)), new Set([ACCOUNT, '444455556666']));
    assert.deepEqual(
      read.list.map((e) => e.eventVersion),
      VERSIONED.map((r) => r.eventVersion),
    );
  });

  test('the reason a record is not an event is kept with the count', async () => {
    const read = await readAll(
      writeLog(ROOT, 'skips.json', JSON.stringify({ Records: [{ eventID: 'x' }, 7, VERSIONED[0]] })),
    );
    assert.equal(read.events, 1);
    assert.equal(read.skipped, 2);
    assert.equal(read.skippedReason, 'its eventTime is missing');
    const over = await readAll(writeLog(ROOT, 'over2.json', JSON.stringify({ Records: [OVER_LIMIT] })));
    assert.equal(over.skippedReason, 'a record is larger than 2 MiB');
  });
});

const whole = JSON.stringify({ Records: RECORDS });
const halfOf = (bytes: Buffer): Buffer => bytes.subarray(0, bytes.length >> 1);
/** RECORDS repeated until their JSON is over `bytes`. */
function recordsOver(bytes: number): Record<string, unknown>[] {
  const size = JSON.stringify({ Records: RECORDS }).length;
  return Array.from({ length: Math.ceil(bytes / size) }, () => RECORDS).flat();
}

// The records of one chunk are parsed together, a record cut by a chunk's end on its own: small files,
// files of many chunks, compressed or not, must read the same events as record by record.
const PATHS: { name: string; file: string; records: Record<string, unknown>[]; gzip: boolean }[] = [
  { name: 'one chunk', file: 'paths/small.json.gz', records: RECORDS, gzip: true },
  { name: 'many chunks, gzip (3 MB of JSON)', file: 'paths/split.json.gz', records: recordsOver(3e6), gzip: true },
  { name: 'many chunks, plain (1.5 MB)', file: 'paths/streamed.json', records: recordsOver(1.5e6), gzip: false },
];

describe('records read together read as records read one by one', () => {
  for (const { name, file, records, gzip } of PATHS) {
    test(name, async () => {
      const written = writeLog(ROOT, file, JSON.stringify({ Records: records }), gzip);
      const read = await readAll(written);
      assert.equal(read.problem, undefined);
      assert.deepEqual(read.list, events(written, records));
    });
  }
});

const BAD: { name: string; content: string | Buffer; gzip?: boolean; problem: RegExp; someEvents?: boolean }[] = [
  {
    name: 'truncated .gz',
    content: halfOf(gzipSync(whole)),
    problem: /^the gzip stream is truncated after \d+ bytes$/,
    someEvents: true,
  },
  {
    name: 'corrupt .gz',
    content: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(200, 7)]),
    problem: /^the gzip stream is corrupt after 0 bytes \(.+\)$/,
  },
  {
    name: 'not CloudTrail',
    content: '{"name":"cloudwarden","version":"1.0.0"}\n',
    problem: /^not a CloudTrail log \(no Records or Events\)$/,
  },
  {
    name: 'a JSON number',
    content: '42',
    problem: /^not a CloudTrail log \(no Records or Events\): a JSON value at byte 0$/,
  },
  { name: 'empty', content: '', problem: /^empty file$/ },
  { name: 'empty .gz', content: '', gzip: true, problem: /^empty file$/ },
  {
    name: 'a record that is not JSON',
    content: `{"Records":[${JSON.stringify(VERSIONED[0])},{"a":1,}]}`,
    problem: /^not JSON at byte \d+: .+/,
    someEvents: true,
  },
  {
    name: 'a plain file cut short',
    content: whole.slice(0, 30_000),
    problem: /^not JSON at byte 30000: the text ends before its last value is closed$/,
    someEvents: true,
  },
];

describe('bad input: nothing throws, the problem is one sentence, what could be read is used', () => {
  for (const { name, content, gzip, problem, someEvents } of BAD) {
    test(name, async () => {
      const read = await readAll(writeLog(ROOT, `bad/${name}.json.gz`, content, gzip));
      assert.match(read.problem ?? '', problem);
      assert.equal(read.events > 0, someEvents === true, `${read.events} events`);
      assert.equal(read.events, read.list.length);
    });
  }

  test('a file deleted between listing and reading', async () => {
    const file = writeLog(ROOT, 'gone.json', whole);
    rmSync(file);
    assert.equal((await readAll(file)).problem, 'the file disappeared while it was read');
  });

  test('a file that cannot be opened', { skip: process.getuid?.() === 0 && 'running as root' }, async () => {
    const file = writeLog(ROOT, 'locked.json', whole);
    chmodSync(file, 0);
    assert.equal((await readAll(file)).problem, 'permission denied');
  });

  test('a cancelled read stops', async () => {
    const file = writeLog(ROOT, 'cancel.json', whole);
    const controller = new AbortController();
    controller.abort();
    const { readLogFile } = await import('../../../src/logs');
    assert.equal(
      (await readLogFile(file, () => undefined, { signal: controller.signal })).problem,
      'the read was cancelled',
    );
  });

  test('a 50 MB file streams through', async () => {
    const copies = Math.ceil(50e6 / whole.length);
    const records = Array.from({ length: copies }, () => RECORDS).flat();
    const file = writeLog(ROOT, 'big/trail.json.gz', gzipSync(JSON.stringify({ Records: records }), { level: 1 }));
    const read = await readAll(file);
    assert.equal(read.problem, undefined);
    assert.equal(read.events, events(file, RECORDS).length * copies);
  });
});
