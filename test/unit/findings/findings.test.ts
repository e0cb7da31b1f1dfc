/**
 * The finding row model: severity bands of both services, the hygiene flag, filtering (each criterion,
 * their conjunction, and 10,000 generated rows against a plain reference) and sorting.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countBySeverity,
  filterFindings,
  findingFlags,
  type FindingFilter,
  type FindingFlag,
  type FindingRow,
  type FindingSort,
  type FindingSortKey,
  type FindingSource,
  severityLabelOf,
  severityOfLabel,
  sortFindings,
} from '../../../src/core';
import { generatedRows, row } from './rows';

describe('severity bands', () => {
  const cases: [number, string][] = [
    [0, 'INFORMATIONAL'],
    [1, 'LOW'],
    [3.9, 'LOW'],
    [4, 'MEDIUM'],
    [6.9, 'MEDIUM'],
    [7, 'HIGH'],
    [8.9, 'HIGH'],
    [9, 'CRITICAL'],
    [10, 'CRITICAL'],
  ];
  for (const [severity, label] of cases)
    it(`${severity} is ${label}`, () => assert.equal(severityLabelOf(severity), label));

  it("puts Security Hub's normalized score on GuardDuty's scale, or the middle of the label's band", () => {
    assert.equal(severityOfLabel('HIGH', 70), 7);
    assert.equal(severityLabelOf(severityOfLabel('MEDIUM')), 'MEDIUM');
    assert.equal(severityLabelOf(severityOfLabel('CRITICAL')), 'CRITICAL');
  });

  it('counts rows by label, every label present', () => {
    assert.deepEqual(countBySeverity([row(), row({ severityLabel: 'LOW' }), row()]), {
      CRITICAL: 0,
      HIGH: 2,
      MEDIUM: 0,
      LOW: 1,
      INFORMATIONAL: 0,
    });
  });
});

describe('the hygiene flag', () => {
  const cases: [string, Partial<FindingRow>, boolean][] = [
    ['a high finding, open', {}, true],
    ['a critical finding, open', { severityLabel: 'CRITICAL' }, true],
    ['a high finding, archived', { archived: true }, false],
    ['a high finding resolved in Security Hub', { workflow: 'RESOLVED' }, false],
    ['a high finding suppressed in Security Hub', { workflow: 'SUPPRESSED' }, false],
    ['a high finding notified in Security Hub', { workflow: 'NOTIFIED' }, true],
    ['a medium finding, open', { severityLabel: 'MEDIUM' }, false],
  ];
  const FLAG: FindingFlag = 'unarchivedHighSeverity';
  for (const [name, overrides, flagged] of cases)
    it(`${name}: ${flagged ? 'flagged' : 'not flagged'}`, () =>
      assert.deepEqual(findingFlags(row(overrides)), flagged ? [FLAG] : []));
});

describe('filtering', () => {
  const rows = [
    row({ id: 'a', severityLabel: 'CRITICAL', severity: 9.5, region: 'eu-west-1', updatedAt: 5_000 }),
    row({ id: 'b', type: 'Policy:S3/BucketPublicAccessGranted', archived: true, updatedAt: 3_000 }),
    row({
      id: 'c',
      source: 'Security Hub',
      product: 'Macie',
      severityLabel: 'LOW',
      account: '111122223333',
      resources: [{ type: 'AwsS3Bucket', id: 'arn:aws:s3:::Orders-Receipts' }],
      principal: 'bert-jan',
    }),
  ];
  const cases: [string, FindingFilter, string[]][] = [
    ['nothing asked', {}, ['a', 'b', 'c']],
    ['by severity', { severities: ['CRITICAL', 'LOW'] }, ['a', 'c']],
    ['by exact type', { types: ['Policy:S3/BucketPublicAccessGranted'] }, ['b']],
    ['by type prefix', { types: ['Recon:'] }, ['a', 'c']],
    ['by resource, any case', { resource: 'orders-receipts' }, ['c']],
    ['by resource type', { resource: 'awss3' }, ['c']],
    ['by account', { accounts: ['111122223333'] }, ['c']],
    ['by Region', { regions: ['eu-west-1'] }, ['a']],
    ['by source', { sources: ['Security Hub' satisfies FindingSource] }, ['c']],
    ['archived only', { archived: true }, ['b']],
    ['not archived', { archived: false }, ['a', 'c']],
    ['updated since', { updatedSince: 3_000 }, ['a', 'b']],
    ['updated until', { updatedUntil: 3_000 }, ['b', 'c']],
    ['by text in the principal', { text: 'BERT' }, ['c']],
    ['an empty text and empty lists', { text: ' ', severities: [], regions: [] }, ['a', 'b', 'c']],
    ['several criteria at once', { severities: ['HIGH', 'CRITICAL'], archived: false }, ['a']],
  ];
  for (const [name, filter, ids] of cases)
    it(name, () =>
      assert.deepEqual(
        filterFindings(rows, filter).map((r) => r.id),
        ids,
      ),
    );

  it('agrees with a plain reference over 10,000 generated rows', () => {
    const many = generatedRows(10_000);
    const filters: FindingFilter[] = [
      { severities: ['HIGH', 'CRITICAL'], archived: false },
      { types: ['UnauthorizedAccess:'], regions: ['eu-west-1'], updatedSince: 30 * 86_400_000 },
      { resource: 'bucket-42', accounts: ['123837392027'], sources: ['GuardDuty'] },
      { text: 'finding 99', updatedUntil: 60 * 86_400_000 },
    ];
    const reference = (r: FindingRow, f: FindingFilter): boolean =>
      (!f.severities || f.severities.includes(r.severityLabel)) &&
      (f.archived === undefined || r.archived === f.archived) &&
      (!f.types || f.types.some((t) => r.type.startsWith(t))) &&
      (!f.regions || f.regions.includes(r.region)) &&
      (!f.accounts || f.accounts.includes(r.account)) &&
      (!f.sources || f.sources.includes(r.source)) &&
      (f.updatedSince === undefined || r.updatedAt >= f.updatedSince) &&
      (f.updatedUntil === undefined || r.updatedAt <= f.updatedUntil) &&
      (!f.resource || r.resources.some((x) => x.id.toLowerCase().includes(f.resource!))) &&
      (!f.text || `${r.title} ${r.type}`.toLowerCase().includes(f.text));
    for (const filter of filters) {
      const got = filterFindings(many, filter);
      assert.deepEqual(
        got.map((r) => r.id),
        many.filter((r) => reference(r, filter)).map((r) => r.id),
      );
      assert.ok(got.length > 0 && got.length < many.length, `${JSON.stringify(filter)} selects some rows`);
    }
  });
});

describe('sorting', () => {
  const rows = [
    row({ id: 'a', severity: 5, type: 'b', updatedAt: 1, region: 'us-east-1' }),
    row({ id: 'b', severity: 9, type: 'a', updatedAt: 3, archived: true, region: 'eu-west-1' }),
    row({ id: 'c', severity: 5, type: 'c', updatedAt: 2, region: 'ap-south-1' }),
  ];
  const cases: [string, FindingSort, string[]][] = [
    ['severity, most severe first; ties newest first', { key: 'severity', direction: 'desc' }, ['b', 'c', 'a']],
    ['severity, least first', { key: 'severity', direction: 'asc' }, ['c', 'a', 'b']],
    ['type', { key: 'type', direction: 'asc' }, ['b', 'a', 'c']],
    ['update time, newest first', { key: 'updated', direction: 'desc' }, ['b', 'c', 'a']],
    ['archived last', { key: 'archived', direction: 'asc' }, ['c', 'a', 'b']],
    ['Region', { key: 'region', direction: 'asc' }, ['c', 'b', 'a']],
  ];
  for (const [name, sort, ids] of cases)
    it(name, () =>
      assert.deepEqual(
        sortFindings(rows, sort).map((r) => r.id),
        ids,
      ),
    );

  it('sorts by every column without losing a row', () => {
    const keys: FindingSortKey[] = [
      'severity',
      'type',
      'title',
      'resource',
      'account',
      'region',
      'updated',
      'archived',
      'product',
    ];
    for (const key of keys)
      assert.deepEqual(
        sortFindings(rows, { key, direction: 'asc' })
          .map((r) => r.id)
          .sort(),
        ['a', 'b', 'c'],
        key,
      );
  });

  it('sorts 10,000 rows by severity without losing one, and leaves its input alone', () => {
    const many = generatedRows(10_000, 7);
    const sorted = sortFindings(many, { key: 'severity', direction: 'desc' });
    assert.equal(new Set(sorted.map((r) => r.id)).size, many.length);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.severity >= sorted[i]!.severity);
    assert.equal(many[0]?.id, 'finding-0');
  });
});
