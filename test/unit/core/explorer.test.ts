/**
 * The security explorer's rows, table-style: hygiene flags of keys and secrets (and what raises none),
 * every field of a row with dates as epoch ms, and key and resource policies reviewed by CloudWarden's
 * own rules, each finding on its line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Catalog,
  keyFlags,
  keyRow,
  reviewPolicy,
  secretFlags,
  secretRow,
  STALE_SECRET_DAYS,
  type HygieneFlag,
  type HygieneFlagId,
  type KeyRow,
  type PolicyReview,
  type PolicyReviewFinding,
  type SecretRow,
  type KeyFacts,
  type SecretFacts,
} from '../../../src/core';
import { catalogFile } from '../helpers/paths';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;

const KEY: KeyFacts = {
  keyId: '1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51',
  arn: 'arn:aws:kms:us-east-1:123837392027:key/1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51',
  region: 'us-east-1',
  metadata: {
    description: 'Orders',
    state: 'Enabled',
    manager: 'CUSTOMER',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    createdAt: NOW - 200 * DAY,
  },
  aliases: ['alias/orders-service-dev', 'alias/orders-data'],
  rotation: { enabled: true, periodDays: 365, nextAt: NOW + 165 * DAY },
  grantsCount: 3,
  tags: { app: 'orders' },
  lastUsage: { at: NOW - DAY, operation: 'Decrypt', trackingSince: NOW - 300 * DAY },
  problems: [],
};

const SECRET: SecretFacts = {
  name: 'orders-service/dev/db',
  arn: 'arn:aws:secretsmanager:us-east-1:123837392027:secret:orders-service/dev/db-AbCdEf',
  region: 'us-east-1',
  kmsKeyId: KEY.arn,
  rotationEnabled: true,
  rotationEveryDays: 30,
  lastRotatedAt: NOW - 12 * DAY,
  nextRotationAt: NOW + 18 * DAY,
  lastAccessedAt: NOW - DAY,
  createdAt: NOW - 200 * DAY,
  tags: {},
};

const meta = KEY.metadata!;

describe('hygiene flags of a KMS key', () => {
  const cases: [string, KeyFacts, HygieneFlagId[]][] = [
    ['a rotating customer key', KEY, []],
    ['rotation off', { ...KEY, rotation: { enabled: false } }, ['rotationOff']],
    [
      'pending deletion (its rotation does not matter any more)',
      {
        ...KEY,
        metadata: { ...meta, state: 'PendingDeletion', deletionAt: NOW + 7 * DAY },
        rotation: { enabled: false },
      },
      ['pendingDeletion'],
    ],
    [
      'an AWS managed key rotates by itself',
      { ...KEY, metadata: { ...meta, manager: 'AWS' }, rotation: { enabled: false } },
      [],
    ],
    ['rotation unknown or unsupported raises nothing', { ...KEY, rotation: undefined } as KeyFacts, []],
    ['nothing read raises nothing', { ...KEY, metadata: undefined, rotation: undefined } as KeyFacts, []],
  ];
  for (const [what, key, flags] of cases)
    test(what, () =>
      assert.deepEqual(
        keyFlags(key, NOW).map((f) => f.id),
        flags,
      ),
    );

  test('the sentence says when a key is deleted', () => {
    const [flag] = keyFlags(
      { ...KEY, metadata: { ...meta, state: 'PendingDeletion', deletionAt: NOW + 7 * DAY } },
      NOW,
    );
    assert.match(flag?.sentence ?? '', /^Scheduled for deletion in 7 days: /);
  });
});

describe('hygiene flags of a secret', () => {
  const cases: [string, SecretFacts, HygieneFlagId[]][] = [
    ['rotated, read yesterday, on a customer key', SECRET, []],
    ['never rotated', { ...SECRET, rotationEnabled: false, lastRotatedAt: undefined } as SecretFacts, ['neverRotated']],
    ['not accessed for 91 days', { ...SECRET, lastAccessedAt: NOW - 91 * DAY }, ['notAccessed90Days']],
    ['accessed exactly 90 days ago', { ...SECRET, lastAccessedAt: NOW - STALE_SECRET_DAYS * DAY }, []],
    [
      'never accessed, created 200 days ago',
      { ...SECRET, lastAccessedAt: undefined } as SecretFacts,
      ['notAccessed90Days'],
    ],
    [
      'never accessed, created 10 days ago',
      { ...SECRET, lastAccessedAt: undefined, createdAt: NOW - 10 * DAY } as SecretFacts,
      [],
    ],
    ['the default key (no key id)', { ...SECRET, kmsKeyId: undefined } as SecretFacts, ['defaultKey']],
    ['the default key by alias', { ...SECRET, kmsKeyId: 'alias/aws/secretsmanager' }, ['defaultKey']],
    [
      'owned by RDS: its key is RDS’s choice',
      { ...SECRET, kmsKeyId: undefined, owningService: 'rds' } as SecretFacts,
      [],
    ],
  ];
  for (const [what, secret, flags] of cases)
    test(what, () =>
      assert.deepEqual(
        secretFlags(secret, NOW).map((f) => f.id),
        flags,
      ),
    );

  test('the sentences', () => {
    const stale = secretFlags(
      { ...SECRET, lastAccessedAt: NOW - 120 * DAY, rotationEnabled: false, lastRotatedAt: undefined } as SecretFacts,
      NOW,
    );
    assert.deepEqual(
      stale.map((f) => f.sentence),
      [
        'Never rotated: turn on rotation so a leaked value stops working.',
        'Not accessed for 120 days: delete it if nothing needs it.',
      ],
    );
    const broken = secretFlags({ ...SECRET, lastRotatedAt: undefined } as SecretFacts, NOW);
    assert.equal(broken[0]?.sentence, 'Rotation is configured but has never run: check the rotation function.');
  });
});

describe('rows', () => {
  test('a key row holds every field of the issue, aliases sorted, dates as epoch ms', () => {
    const expected: KeyRow = {
      keyId: KEY.keyId,
      arn: KEY.arn,
      region: 'us-east-1',
      aliases: ['alias/orders-data', 'alias/orders-service-dev'],
      description: 'Orders',
      state: 'Enabled',
      managedBy: 'customer',
      spec: 'SYMMETRIC_DEFAULT',
      usage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      createdAt: NOW - 200 * DAY,
      rotationEnabled: true,
      rotationPeriodDays: 365,
      nextRotationAt: NOW + 165 * DAY,
      lastUsedAt: NOW - DAY,
      lastUsedOperation: 'Decrypt',
      usageTrackedSince: NOW - 300 * DAY,
      grantsCount: 3,
      tags: { app: 'orders' },
      flags: [],
      problems: [],
    };
    assert.deepEqual(keyRow(KEY, NOW), expected);
  });

  test('a key row with what could not be read says why, and keeps what could', () => {
    const row = keyRow(
      {
        ...KEY,
        grantsCount: undefined,
        problems: [{ call: 'ListGrants', sentence: 'AWS denied kms:ListGrants.' }],
      } as KeyFacts,
      NOW,
    );
    assert.equal(row.grantsCount, undefined);
    assert.deepEqual(row.problems, ['AWS denied kms:ListGrants.']);
    assert.equal(row.state, 'Enabled');
  });

  test('a secret row: its key, the default named, never a value', () => {
    const row: SecretRow = secretRow(
      { ...SECRET, kmsKeyId: undefined, description: '<img src=x onerror=alert(1)>' } as SecretFacts,
      NOW,
    );
    const defaultKey: HygieneFlag | undefined = row.flags.find((f) => f.id === 'defaultKey');
    assert.match(defaultKey?.sentence ?? '', /aws\/secretsmanager/);
    assert.equal(row.kmsKey, 'aws/secretsmanager');
    assert.equal(row.defaultKey, true);
    assert.equal(row.description, '<img src=x onerror=alert(1)>', 'kept as text; the webview renders it as text');
    assert.deepEqual(Object.keys(row).sort(), [
      'arn',
      'createdAt',
      'defaultKey',
      'description',
      'flags',
      'kmsKey',
      'lastAccessedAt',
      'lastRotatedAt',
      'name',
      'nextRotationAt',
      'region',
      'rotationEnabled',
      'rotationEveryDays',
      'tags',
    ]);
  });
});

describe('policies reviewed by our own rules', () => {
  const catalog = Catalog.load(catalogFile);
  const cases: [string, string, string[]][] = [
    [
      'a key policy open to everyone',
      '{"Version":"2012-10-17","Statement":[{"Sid":"OpenToEveryone","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}',
      ['public-principal'],
    ],
    [
      'a secret policy for one role',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123837392027:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}',
      [],
    ],
  ];
  for (const [what, policy, expected] of cases)
    test(what, () => {
      const review: PolicyReview = reviewPolicy(policy, catalog);
      assert.ok(review.text.startsWith('{\n  "Version"'), 'indented');
      const ids = review.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId);
      for (const id of expected) assert.ok(ids.includes(id), `${what}: ${id} in ${ids.join(', ')}`);
      if (expected.length === 0) assert.deepEqual(ids, []);
      for (const f of review.findings as readonly PolicyReviewFinding[])
        assert.ok(f.line >= 1 && f.line <= review.text.split('\n').length);
    });
});
