import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloudTrailTableDdl, type TrailBucket } from '../../../src/core';

const golden = (name: string): string => readFileSync(join('test', 'fixtures', 'warehouse', name), 'utf8').trimEnd();

/** AWS's own example: one account, one Region, days from 2020/01/01. */
const PLAIN: TrailBucket = {
  bucket: 'amzn-s3-demo-bucket',
  accounts: ['111122223333'],
  regions: ['us-east-1'],
  startDate: '2020/01/01',
  database: 'default',
  table: 'cloudtrail_logs_pp',
};

const ORGANIZATION: TrailBucket = {
  bucket: 'org-trail-logs',
  prefix: '/trails/',
  organizationId: 'o-exampleorgid',
  accounts: ['111122223333', '444455556666'],
  regions: ['us-east-1', 'eu-west-1'],
  startDate: '2024/01/01',
  database: 'security',
  table: 'org_trail',
};

const cases: [string, TrailBucket, string][] = [
  ["a trail of one account and Region: AWS's documented table, the location naming both", PLAIN, 'plain-trail.sql'],
  [
    'an organisation trail: account and Region partitions projected from the lists',
    ORGANIZATION,
    'organization-trail.sql',
  ],
];
for (const [name, trail, file] of cases)
  test(name, () => {
    const ddl = cloudTrailTableDdl(trail);
    assert.ok(ddl.ok, JSON.stringify(ddl));
    assert.equal(ddl.ddl, golden(file));
  });

test('several Regions of one account: a Region partition, no account partition', () => {
  const ddl = cloudTrailTableDdl({ ...PLAIN, regions: ['us-east-1', 'eu-west-1'] });
  assert.ok(ddl.ok);
  assert.match(ddl.ddl, /PARTITIONED BY \(region STRING, `timestamp` STRING\)/);
  assert.match(
    ddl.ddl,
    /'storage.location.template'='s3:\/\/amzn-s3-demo-bucket\/AWSLogs\/111122223333\/CloudTrail\/\$\{region\}\/\$\{timestamp\}'/,
  );
});

test('a quote in a prefix (S3 allows it) is doubled in the literals, never closes one', () => {
  const ddl = cloudTrailTableDdl({ ...PLAIN, prefix: "it's" });
  assert.ok(ddl.ok);
  assert.match(
    ddl.ddl,
    /^LOCATION 's3:\/\/amzn-s3-demo-bucket\/it''s\/AWSLogs\/111122223333\/CloudTrail\/us-east-1\/'$/m,
  );
});

const refused: [string, Partial<TrailBucket>, RegExp][] = [
  ['a bucket name with a quote', { bucket: "b'; DROP" }, /not an S3 bucket name/],
  ['a prefix with a space', { prefix: 'p x' }, /not an S3 key prefix/],
  ['an organisation id that is not one', { organizationId: 'org-1' }, /not an organisation id/],
  ['no account', { accounts: [] }, /12-digit/],
  ['a Region that is not one', { regions: ['us east'] }, /Region codes/],
  ['a start date in another form', { startDate: '2024-01-01' }, /yyyy\/MM\/dd/],
  ['a table name with a backtick', { table: 'a`b' }, /letters, digits and underscores/],
];
for (const [name, change, reason] of refused)
  test(`refused: ${name}`, () => {
    const ddl = cloudTrailTableDdl({ ...PLAIN, ...change });
    assert.ok(!ddl.ok);
    assert.match(ddl.reason, reason);
  });
