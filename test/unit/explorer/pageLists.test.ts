import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterFindings, findingFlags, sortFindings, type FindingFilter, type FindingSortKey } from '../../../src/core';
import {
  DEFAULT_FINDING_FILTER,
  filterFindingRows,
  findingAttention,
  sortFindingRows,
  type FindingFilterState,
} from '../../../src/webview/explorer/findingList';
import { filterKeys, keyName, keyRotation, sortKeys, type KeySortKey } from '../../../src/webview/explorer/keyList';
import { NO_LIST_FILTER } from '../../../src/webview/explorer/listFilter';
import { filterSecrets, sortSecrets, type SecretSortKey } from '../../../src/webview/explorer/secretList';
import { generatedRows, row } from '../findings/rows';
import { generatedKeys, generatedSecrets, keyRowOf, secretRowOf } from './pageRows';

const DAY = 86_400_000;
const flag = { id: 'rotationOff', sentence: 'off' } as const;

describe('explorer page: keys and secrets lists', () => {
  const keys = [
    keyRowOf({ arn: 'k1', aliases: ['alias/zeta'], region: 'eu-west-1', createdAt: 3, flags: [flag], tags: {} }),
    keyRowOf({ arn: 'k2', aliases: [], keyId: 'abc-123', tags: { Team: 'Payments' }, createdAt: 1 }),
    keyRowOf({ arn: 'k3', aliases: ['alias/alpha'], description: 'Logs bucket', createdAt: undefined, tags: {} }),
  ];

  test('the text filter reads aliases, id, ARN, description, Region and tags, in any case; flagged only', () => {
    const cases: [string, boolean, string[]][] = [
      ['', false, ['k1', 'k2', 'k3']],
      ['ZETA', false, ['k1']],
      ['abc-', false, ['k2']],
      ['team=payments', false, ['k2']],
      ['logs', false, ['k3']],
      ['eu-west', false, ['k1']],
      ['  k3 ', false, ['k3']],
      ['', true, ['k1']],
      ['alpha', true, []],
      ['nothing', false, []],
    ];
    for (const [text, flaggedOnly, arns] of cases)
      assert.deepEqual(
        filterKeys(keys, { text, flaggedOnly }).map((k) => k.arn),
        arns,
        `"${text}" flagged ${flaggedOnly}`,
      );
  });

  test('keys sort by a column either way, absent values first ascending, ties by ARN', () => {
    const cases: [KeySortKey, 'asc' | 'desc', string[]][] = [
      ['name', 'asc', ['k2', 'k3', 'k1']],
      ['name', 'desc', ['k1', 'k3', 'k2']],
      ['created', 'asc', ['k3', 'k2', 'k1']],
      ['created', 'desc', ['k1', 'k2', 'k3']],
      ['flags', 'desc', ['k1', 'k2', 'k3']],
      ['region', 'asc', ['k1', 'k2', 'k3']],
    ];
    for (const [key, direction, arns] of cases)
      assert.deepEqual(
        sortKeys(keys, { key, direction }).map((k) => k.arn),
        arns,
        `${key} ${direction}`,
      );
  });

  test('a key is named by its first alias, else its id; rotation in words', () => {
    assert.equal(keyName(keys[0]!), 'alias/zeta');
    assert.equal(keyName(keys[1]!), 'abc-123');
    const cases: [Partial<Parameters<typeof keyRowOf>[0]>, string][] = [
      [{ rotationEnabled: undefined }, 'rotation n/a'],
      [{ rotationEnabled: false }, 'rotation off'],
      [{ rotationEnabled: true, rotationPeriodDays: undefined }, 'rotation on'],
      [{ rotationEnabled: true, rotationPeriodDays: 90 }, 'rotation every 90 d'],
    ];
    for (const [fields, text] of cases) assert.equal(keyRotation(keyRowOf(fields)), text);
  });

  test('secrets filter on name, key and tags, and sort by last access', () => {
    const secrets = [
      secretRowOf({ arn: 's1', name: 'prod/db', lastAccessedAt: 5, flags: [{ id: 'neverRotated', sentence: 'x' }] }),
      secretRowOf({ arn: 's2', name: 'dev/api', kmsKey: 'alias/custom', defaultKey: false, lastAccessedAt: 9 }),
      secretRowOf({ arn: 's3', name: 'ci/token', tags: { env: 'ci' }, lastAccessedAt: undefined }),
    ];
    const filters: [string, boolean, string[]][] = [
      ['PROD', false, ['s1']],
      ['alias/custom', false, ['s2']],
      ['env=ci', false, ['s3']],
      ['', true, ['s1']],
    ];
    for (const [text, flaggedOnly, arns] of filters)
      assert.deepEqual(
        filterSecrets(secrets, { text, flaggedOnly }).map((s) => s.arn),
        arns,
        text,
      );
    const sorts: [SecretSortKey, 'asc' | 'desc', string[]][] = [
      ['lastAccessed', 'desc', ['s2', 's1', 's3']],
      ['lastAccessed', 'asc', ['s3', 's1', 's2']],
      ['name', 'asc', ['s3', 's2', 's1']],
    ];
    for (const [key, direction, arns] of sorts)
      assert.deepEqual(
        sortSecrets(secrets, { key, direction }).map((s) => s.arn),
        arns,
        `${key} ${direction}`,
      );
  });

  test('thousands of generated rows: no filter keeps all, a sort is a permutation', () => {
    const many = generatedKeys(1000);
    const secrets = generatedSecrets(5000);
    assert.equal(filterKeys(many, NO_LIST_FILTER).length, 1000);
    assert.equal(filterSecrets(secrets, NO_LIST_FILTER).length, 5000);
    const sorted = sortSecrets(secrets, { key: 'lastRotated', direction: 'desc' });
    assert.deepEqual(new Set(sorted.map((s) => s.arn)), new Set(secrets.map((s) => s.arn)));
    for (let i = 1; i < sorted.length; i++)
      assert.ok((sorted[i - 1]!.lastRotatedAt ?? -Infinity) >= (sorted[i]!.lastRotatedAt ?? -Infinity));
  });
});

describe("explorer page: the findings tab's own filter and sort agree with the core's", () => {
  const NOW = 100 * DAY;
  const rows = generatedRows(2000);
  const state = (change: Partial<FindingFilterState>): FindingFilterState => ({
    ...DEFAULT_FINDING_FILTER,
    archived: 'show',
    ...change,
  });
  const cases: [string, Partial<FindingFilterState>, FindingFilter][] = [
    ['nothing', {}, {}],
    ['archived hidden (the default)', { archived: 'hide' }, { archived: false }],
    ['archived only', { archived: 'only' }, { archived: true }],
    ['severities', { severities: ['HIGH', 'CRITICAL'] }, { severities: ['HIGH', 'CRITICAL'] }],
    ['source', { sources: ['Security Hub'] }, { sources: ['Security Hub'] }],
    ['type prefix', { typePrefix: 'Recon:' }, { types: ['Recon:'] }],
    ['region', { region: 'eu-west-1' }, { regions: ['eu-west-1'] }],
    ['account', { account: '111122223333' }, { accounts: ['111122223333'] }],
    ['resource', { resource: 'bucket-42' }, { resource: 'bucket-42' }],
    ['updated within 30 days', { updatedDays: 30 }, { updatedSince: NOW - 30 * DAY }],
    ['text', { text: 'Bucket-7' }, { text: 'bucket-7' }],
  ];
  for (const [name, page, core] of cases)
    test(name, () => {
      assert.deepEqual(
        filterFindingRows(rows, state(page), NOW).map((r) => r.id),
        filterFindings(rows, core).map((r) => r.id),
      );
    });

  test('flagged only keeps the rows the core flags', () => {
    assert.deepEqual(
      filterFindingRows(rows, state({ flaggedOnly: true }), NOW).map((r) => r.id),
      rows.filter((r) => findingFlags(r).length > 0).map((r) => r.id),
    );
    const cases: [Parameters<typeof row>[0], boolean][] = [
      [{ severityLabel: 'HIGH' }, true],
      [{ severityLabel: 'CRITICAL', archived: true }, false],
      [{ severityLabel: 'CRITICAL', workflow: 'RESOLVED' }, false],
      [{ severityLabel: 'CRITICAL', workflow: 'NEW' }, true],
      [{ severityLabel: 'MEDIUM' }, false],
    ];
    for (const [fields, flagged] of cases)
      assert.equal(findingAttention(row(fields)) !== undefined, flagged, JSON.stringify(fields));
  });

  test('every sort, both ways, in the core order', () => {
    const keys: FindingSortKey[] = ['severity', 'updated', 'archived', 'account', 'region', 'type'];
    for (const key of keys)
      for (const direction of ['asc', 'desc'] as const)
        assert.deepEqual(
          sortFindingRows(rows, { key, direction }).map((r) => r.id),
          sortFindings(rows, { key, direction }).map((r) => r.id),
          `${key} ${direction}`,
        );
  });
});
