/**
 * The actions of each principal from Athena and CloudTrail Lake, in the log index's shape: the SQL's text
 * (a role's sessions as the role, refusals and data events apart, only the principals asked for), and its
 * answer run on DuckDB over the Athena and Lake columns, compared with the log index's answer over the
 * same events; and usageOfEvents (LookupEvents' count over events in hand) compared with it too.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  buildSegment,
  normaliseRecord,
  principalActions,
  principalActionsOfRows,
  Segment,
  usageOfEvents,
  warehouseSql,
  type ActivityEvent,
  type AthenaTable,
  type LakeStore,
  type PrincipalActionsAnswer,
  type Warehouse,
  type WarehouseRow,
} from '../../../src/core';
import { EVENT_DATA_STORE, type WarehouseEngine } from '../../emulator/services/warehouse/engine';
import { invictusRecords } from '../emulator/invictus';
import { ODD_RECORDS, testEngine } from './engine';

const NOW = Date.parse('2024-01-01T00:00:00Z');
const ATHENA: AthenaTable = {
  engine: 'athena',
  database: 'cloudtrail',
  table: 'cloudtrail_logs',
  partitions: { timestamp: 'timestamp' },
};
const LAKE: LakeStore = { engine: 'lake', eventDataStore: EVENT_DATA_STORE };
const BERT_JAN = 'arn:aws:iam::123837392027:user/bert-jan';
const STEAL_ROLE = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role';
const WORKER = 'arn:aws:iam::111122223333:role/Worker';

function sqlOf(warehouse: Warehouse, window: { since: number; until: number }, principals?: readonly string[]): string {
  const built = warehouseSql(warehouse, window, {
    kind: 'principalActions',
    now: NOW,
    ...(principals && { principals }),
  });
  assert.ok(built.ok, JSON.stringify(built));
  return built.sql;
}

describe('the SQL of the actions of each principal', () => {
  const DAY = { since: Date.parse('2023-07-10T00:00:00Z'), until: Date.parse('2023-07-10T23:59:59Z') };

  test('Athena, for two principals: one scan of the window, everyone else grouped under no principal', () => {
    const identity =
      "coalesce(CASE WHEN useridentity.type = 'AssumedRole' THEN useridentity.sessioncontext.sessionissuer.arn END, useridentity.arn, useridentity.invokedby)";
    const principal = `CASE WHEN lower(${identity}) IN ('arn:aws:iam::1:role/app', 'arn:aws:iam::1:user/o''brien') THEN ${identity} END`;
    const outcome =
      "CASE WHEN errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'UnauthorizedAccess') THEN 'denied' ELSE 'allowed' END";
    const category = "CASE WHEN eventcategory = 'Data' THEN 'data' ELSE 'other' END";
    assert.equal(
      sqlOf(ATHENA, DAY, ['arn:aws:iam::1:role/App', "arn:aws:iam::1:user/o'brien", 'arn:aws:iam::1:role/app']),
      [
        `SELECT ${principal} AS principal, eventsource AS eventsource, eventname AS eventname,`,
        `  eventtype AS eventtype, ${outcome} AS outcome, ${category} AS category,`,
        '  count(*) AS calls, min(eventtime) AS firstseen, max(eventtime) AS lastseen',
        'FROM "cloudtrail"."cloudtrail_logs"',
        `WHERE "timestamp" BETWEEN '2023/07/10' AND '2023/07/10'`,
        `  AND eventtime >= '2023-07-10T00:00:00Z'`,
        `  AND eventtime <= '2023-07-10T23:59:59Z'`,
        `GROUP BY ${principal}, eventsource, eventname, eventtype, ${outcome}, ${category}`,
      ].join('\n'),
    );
  });

  const variants: [string, Warehouse, readonly string[] | undefined, RegExp][] = [
    [
      'every principal: the identity itself',
      ATHENA,
      undefined,
      /^SELECT coalesce\(CASE WHEN .* END, useridentity\.arn, useridentity\.invokedby\) AS principal,/,
    ],
    ['no principal asked: none named', ATHENA, [], /^SELECT CAST\(NULL AS VARCHAR\) AS principal,/],
    [
      "Lake: its names, its TIMESTAMP window, the store's id",
      LAKE,
      [WORKER],
      /^SELECT CASE WHEN lower\(coalesce\(CASE WHEN userIdentity\.type = 'AssumedRole' THEN userIdentity\.sessionContext\.sessionIssuer\.arn END, userIdentity\.arn, userIdentity\.invokedBy\)\) IN \('arn:aws:iam::111122223333:role\/worker'\)[^]*CASE WHEN eventCategory = 'Data'[^]*min\(eventTime\) AS firstseen[^]*\nFROM e1a2b3c4-5d6e-4f70-8a9b-0c1d2e3f4a5b\nWHERE eventTime >= TIMESTAMP '2023-07-10 00:00:00'/,
    ],
  ];
  for (const [name, warehouse, principals, expected] of variants)
    test(name, () => assert.match(sqlOf(warehouse, DAY, principals), expected));

  test('a principal with a control character is refused, not sent', () => {
    const built = warehouseSql(ATHENA, DAY, { kind: 'principalActions', now: NOW, principals: ['arn:x\n'] });
    assert.ok(!built.ok);
    assert.match(built.reason, /control character/);
  });
});

/** The answer with the principals named by an ARN only (the SQL leaves a nameless caller out). */
function byArn(answer: PrincipalActionsAnswer): PrincipalActionsAnswer {
  return { ...answer, principals: answer.principals.filter((p) => p.principal.startsWith('arn:')) };
}

describe("on DuckDB, the warehouse's answer is the log index's over the same events", () => {
  let engine: WarehouseEngine;
  let segments: Segment[];
  let events: ActivityEvent[];
  before(() => {
    engine = testEngine();
    events = [...invictusRecords(), ...ODD_RECORDS].flatMap((record) => {
      const read = normaliseRecord(record);
      return read.ok ? [read.event] : [];
    });
    // Two segments, so the log index merges across them.
    const half = Math.floor(events.length / 2);
    segments = [events.slice(0, half), events.slice(half)].map((part) => Segment.open(buildSegment(part)));
  });

  async function answerOf(
    warehouse: Warehouse,
    window: { since: number; until: number },
    principals?: readonly string[],
  ): Promise<PrincipalActionsAnswer> {
    const result = await engine.run(sqlOf(warehouse, window, principals), warehouse.engine === 'lake');
    const rows = result.rows.map((row): WarehouseRow =>
      Object.fromEntries(result.columns.flatMap((c, i) => (row[i] === null ? [] : [[c.name.toLowerCase(), row[i]!]]))),
    );
    return principalActionsOfRows(rows);
  }

  const windows: [string, { since: number; until: number }][] = [
    ['every event', { since: 0, until: NOW }],
    ['an hour', { since: Date.parse('2023-07-10T11:00:00Z'), until: Date.parse('2023-07-10T12:00:00Z') }],
  ];
  for (const warehouse of [ATHENA, LAKE])
    for (const [name, window] of windows)
      test(`${warehouse.engine}, ${name}: every principal's actions, refusals, data events and the window`, async () => {
        const expected = principalActions(segments, window);
        assert.ok(expected.principals.length > 1);
        assert.deepEqual(byArn(await answerOf(warehouse, window)), byArn(expected));
      });

  test('the data event, the refusals and a role session of the set-up are in the comparison', () => {
    const all = principalActions(segments, { since: 0, until: NOW });
    assert.deepEqual(all.dataEventServices, ['s3']);
    assert.deepEqual(
      all.principals.find((p) => p.principal === WORKER)?.actions.map((a) => a.action),
      ['s3:GetObject'],
    );
    assert.ok(all.principals.some((p) => (p.denied?.length ?? 0) > 0));
    assert.ok(all.principals.some((p) => p.principal === STEAL_ROLE));
  });

  for (const warehouse of [ATHENA, LAKE])
    test(`${warehouse.engine}: only the principals asked for (in any case), the window still everyone's`, async () => {
      const window = { since: 0, until: NOW };
      const all = principalActions(segments, window);
      const asked = [BERT_JAN.toUpperCase().replace('ARN:AWS:IAM', 'arn:aws:iam'), STEAL_ROLE, WORKER];
      const answer = await answerOf(warehouse, window, asked);
      assert.deepEqual(answer, {
        ...all,
        principals: all.principals.filter((p) => [BERT_JAN, STEAL_ROLE, WORKER].includes(p.principal)),
      });
      assert.equal(answer.principals.length, 3);
    });

  test("usageOfEvents counts events in hand as the log index counts its segments, every principal's", () => {
    for (const [, window] of windows)
      assert.deepEqual(
        usageOfEvents(events.filter((e) => e.time >= window.since && e.time <= window.until)),
        principalActions(segments, window),
      );
  });
});
