/**
 * The SQL of activity queries: its text per query kind and per query field, its escaping, and every
 * generated statement run on DuckDB against the Athena table's and Lake's columns (the emulator's
 * engine), its answers compared with eventFilter over the same records read from the log files.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  DEFAULT_PARTITIONS,
  dayCountsOfRows,
  detectionFactsOf,
  eventFilter,
  eventsOfRows,
  normaliseRecord,
  principalActionsOfRows,
  usageOfEvents,
  warehouseSql,
  type ActivityEvent,
  type ActivityQuery,
  type AthenaTable,
  type LakeStore,
  type PrincipalActionsAnswer,
  type Warehouse,
  type WarehouseQueryKind,
  type WarehouseRow,
} from '../../../src/core';
import { EVENT_DATA_STORE, type WarehouseEngine } from '../../emulator/services/warehouse/engine';
import { invictusRecords } from '../emulator/invictus';
import { ODD_RECORDS, testEngine } from './engine';

const NOW = Date.parse('2024-01-01T00:00:00Z');
const DAY_START = Date.parse('2023-07-10T00:00:00Z');

const ATHENA: AthenaTable = {
  engine: 'athena',
  database: 'cloudtrail',
  table: 'cloudtrail_logs',
  partitions: DEFAULT_PARTITIONS,
};
const ORG_ATHENA: AthenaTable = {
  ...ATHENA,
  partitions: { timestamp: 'timestamp', region: 'region', account: 'account' },
};
const LAKE: LakeStore = {
  engine: 'lake',
  eventDataStore: `arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/${EVENT_DATA_STORE}`,
};

function sqlOf(warehouse: Warehouse, query: ActivityQuery, kind: WarehouseQueryKind = 'events'): string {
  const built = warehouseSql(warehouse, query, { kind, now: NOW, limit: 5000 });
  assert.ok(built.ok, JSON.stringify(built));
  return built.sql;
}

describe('the SQL text', () => {
  test('an events query on Athena: the partition window, the ISO window, newest first, the limit', () => {
    const built = warehouseSql(
      ATHENA,
      { since: DAY_START, until: DAY_START + 86_399_000, eventName: 'ListBuckets' },
      { kind: 'events', now: NOW, limit: 50 },
    );
    assert.ok(built.ok);
    const [select, ...rest] = built.sql.split('\n');
    assert.match(
      select!,
      /^SELECT eventversion, eventid, eventtime, .* useridentity\.sessioncontext\.sessionissuer\.arn AS issuer_arn, .* json_format\(CAST\(resources AS JSON\)\) AS resources_json$/,
    );
    assert.deepEqual(rest, [
      'FROM "cloudtrail"."cloudtrail_logs"',
      `WHERE "timestamp" BETWEEN '2023/07/10' AND '2023/07/10'`,
      `  AND eventtime >= '2023-07-10T00:00:00Z'`,
      `  AND eventtime <= '2023-07-10T23:59:59Z'`,
      `  AND eventname = 'ListBuckets'`,
      'ORDER BY eventtime DESC, eventid',
      'LIMIT 50',
    ]);
  });

  test('counts by day and actions per principal on Lake: its names, its TIMESTAMP window, FROM the store id', () => {
    assert.equal(
      sqlOf(LAKE, { since: DAY_START, until: DAY_START + 86_400_000 }, 'countsByDay'),
      [
        'SELECT CAST(CAST(eventTime AS DATE) AS VARCHAR) AS day, count(*) AS events,',
        "  sum(CASE WHEN coalesce(errorCode, '') <> '' THEN 1 ELSE 0 END) AS errors",
        `FROM ${EVENT_DATA_STORE}`,
        "WHERE eventTime >= TIMESTAMP '2023-07-10 00:00:00'",
        "  AND eventTime <= TIMESTAMP '2023-07-11 00:00:00'",
        'GROUP BY CAST(CAST(eventTime AS DATE) AS VARCHAR)',
        'ORDER BY day',
      ].join('\n'),
    );
    assert.match(
      sqlOf(LAKE, { since: 0 }, 'principalActions'),
      /^SELECT coalesce\(CASE WHEN userIdentity\.type = 'AssumedRole' THEN userIdentity\.sessionContext\.sessionIssuer\.arn END, userIdentity\.arn, userIdentity\.invokedBy\) AS principal, eventSource AS eventsource, eventName AS eventname,\n/,
    );
  });

  const fields: [string, ActivityQuery, Warehouse, RegExp][] = [
    ['eventId', { since: 0, eventId: 'e-1' }, ATHENA, /AND eventid = 'e-1'$/m],
    ['eventId (Lake)', { since: 0, eventId: "e'1" }, LAKE, /AND eventID = 'e''1'$/m],
    ['accessKeyId', { since: 0, accessKeyId: 'AKIAX' }, ATHENA, /AND useridentity\.accesskeyid = 'AKIAX'$/m],
    ['eventName', { since: 0, eventName: 'GetObject' }, LAKE, /AND eventName = 'GetObject'$/m],
    [
      'action',
      { since: 0, action: 's3:ListBucket' },
      ATHENA,
      /AND \(lower\(eventsource\) IN \('s3\.amazonaws\.com'\) AND \(lower\(eventname\) IN \('listbucket', 'headbucket', 'listobjects', 'listobjectsv2'\)\)\)$/m,
    ],
    [
      'action (CloudWatch: another host)',
      { since: 0, action: 'cloudwatch:GetMetricData' },
      ATHENA,
      /IN \('cloudwatch\.amazonaws\.com', 'monitoring\.amazonaws\.com'\) AND \(lower\(eventname\) IN \('getmetricdata'\)\)/,
    ],
    [
      'action (Lambda: versioned names)',
      { since: 0, action: 'lambda:GetFunction' },
      ATHENA,
      /lower\(eventname\) IN \('getfunction'\) OR lower\(eventname\) LIKE 'getfunction20%' ESCAPE '\\'/,
    ],
    ['sourceIp', { since: 0, sourceIp: '203.0.113.9' }, LAKE, /AND sourceIPAddress = '203\.0\.113\.9'$/m],
    ['errorsOnly', { since: 0, errorsOnly: true }, ATHENA, /AND coalesce\(errorcode, ''\) <> ''$/m],
    [
      'principal ARN',
      { since: 0, principal: 'arn:aws:iam::1:role/R' },
      ATHENA,
      /AND \(useridentity\.arn = 'arn:aws:iam::1:role\/R' OR useridentity\.sessioncontext\.sessionissuer\.arn = 'arn:aws:iam::1:role\/R' OR useridentity\.arn LIKE 'arn:aws:iam::1:role\/R\/%' ESCAPE '\\'\)$/m,
    ],
    [
      'principal name',
      { since: 0, principal: 'bert-jan' },
      LAKE,
      /userIdentity\.userName = 'bert-jan' OR .* userIdentity\.arn LIKE '%\/bert-jan' ESCAPE/,
    ],
    ['resource', { since: 0, resource: 'arn:aws:s3:::b' }, ATHENA, /requestparameters LIKE '%"b"%' ESCAPE '\\'/],
    [
      'until',
      { since: 0, until: Date.parse('2023-07-10T12:00:00.900Z') },
      ATHENA,
      /AND eventtime <= '2023-07-10T12:00:00Z'$/m,
    ],
    [
      'since (rounded up to the second)',
      { since: Date.parse('2023-07-10T12:00:00.100Z') },
      LAKE,
      /eventTime >= TIMESTAMP '2023-07-10 12:00:01'$/m,
    ],
  ];
  for (const [name, query, warehouse, expected] of fields)
    test(`the query's ${name}`, () => assert.match(sqlOf(warehouse, query), expected));

  test('Regions and accounts: on the partition columns the table projects, else on the record fields', () => {
    const scope = { regions: ['us-east-1', 'eu-west-1'], accounts: ['111122223333'] };
    const org = warehouseSql(ORG_ATHENA, { since: 0 }, { kind: 'countsByDay', now: NOW, scope });
    const plain = warehouseSql(ATHENA, { since: 0 }, { kind: 'countsByDay', now: NOW, scope });
    assert.ok(org.ok && plain.ok);
    assert.match(org.sql, /AND "region" IN \('us-east-1', 'eu-west-1'\)\n {2}AND "account" IN \('111122223333'\)/);
    assert.match(
      plain.sql,
      /AND awsregion IN \('us-east-1', 'eu-west-1'\)\n {2}AND recipientaccountid IN \('111122223333'\)/,
    );
  });

  test("values are escaped: quotes doubled, LIKE's wildcards and its escape character escaped, JSON's quotes as JSON writes them", () => {
    assert.match(sqlOf(ATHENA, { since: 0, principal: "o'brien" }), /useridentity\.username = 'o''brien'/);
    assert.match(
      sqlOf(ATHENA, { since: 0, resource: 'a_b%c\\d' }),
      /requestparameters LIKE '%"a\\_b\\%c\\\\\\\\d"%' ESCAPE '\\'/,
    );
    assert.match(sqlOf(ATHENA, { since: 0, resource: 'say "hi"' }), /LIKE '%"say \\\\"hi\\\\""%'/);
  });

  const refused: [string, Warehouse, ActivityQuery, RegExp][] = [
    ['a newline in a value', ATHENA, { since: 0, eventName: "x'\nOR 1=1" }, /control character/],
    ['a control character in a resource', ATHENA, { since: 0, resource: 'a\u0000b' }, /control character/],
    ['an action without a service', ATHENA, { since: 0, action: 'ListBuckets' }, /not an IAM action/],
    [
      'an event data store that is not an id',
      { engine: 'lake', eventDataStore: 'x; DROP' },
      { since: 0 },
      /not an event data store/,
    ],
    ['a table name with a control character', { ...ATHENA, table: 'a\tb' }, { since: 0 }, /control character/],
  ];
  for (const [name, warehouse, query, reason] of refused)
    test(`refused: ${name}`, () => {
      const built = warehouseSql(warehouse, query, { kind: 'events', now: NOW });
      assert.ok(!built.ok);
      assert.match(built.reason, reason);
    });
});

/** The events of the dataset and the odd records as the log files read them. */
function scanned(): ActivityEvent[] {
  return [...invictusRecords(), ...ODD_RECORDS].flatMap((record) => {
    const read = normaliseRecord(record);
    return read.ok ? [read.event] : [];
  });
}

function newestFirst(a: ActivityEvent, b: ActivityEvent): number {
  return b.time - a.time || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

async function rowsOf(
  engine: WarehouseEngine,
  warehouse: Warehouse,
  query: ActivityQuery,
  kind: WarehouseQueryKind,
): Promise<WarehouseRow[]> {
  const result = await engine.run(sqlOf(warehouse, query, kind), warehouse.engine === 'lake');
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.flatMap((c, i) => (row[i] === null ? [] : [[c.name.toLowerCase(), row[i]!]]))),
  );
}

describe('every generated query runs on DuckDB over the Athena and Lake columns, and answers as eventFilter', () => {
  let engine: WarehouseEngine;
  let all: ActivityEvent[];
  before(() => {
    engine = testEngine();
    all = scanned();
  });

  const queries: [string, ActivityQuery][] = [
    ['the whole window', { since: 0 }],
    ['an hour', { since: Date.parse('2023-07-10T11:00:00Z'), until: Date.parse('2023-07-10T12:00:00Z') }],
    ['a user by name', { since: 0, principal: 'bert-jan' }],
    ['a user by ARN', { since: 0, principal: 'arn:aws:iam::123837392027:user/bert-jan' }],
    [
      "a role's sessions by the role's ARN",
      { since: 0, principal: 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role' },
    ],
    ['a session by name', { since: 0, principal: 'i-0dbc91f429e48eeed' }],
    ['a quoted name', { since: 0, principal: "o'brien" }],
    ['an event name', { since: 0, eventName: 'GetCallerIdentity' }],
    ['an action', { since: 0, action: 'ec2:DescribeInstances' }],
    ['an action named apart from its event (S3)', { since: 0, action: 's3:ListAllMyBuckets' }],
    ['a source IP', { since: 0, sourceIp: '198.51.100.7' }],
    ['failed calls', { since: 0, errorsOnly: true }],
    ['failed calls of a user', { since: 0, errorsOnly: true, principal: 'bert-jan' }],
    ['an event id over the whole window', { since: 0, eventId: invictusRecords()[100]!.eventID }],
    ['an event id that is not a UUID', { since: 0, eventId: 'odd-1' }],
    ['an event id and its name', { since: 0, eventId: 'odd-1', eventName: 'GetBucketPolicy' }],
  ];
  for (const warehouse of [ATHENA, LAKE])
    for (const [name, query] of queries)
      test(`${warehouse.engine}: ${name}`, async () => {
        const expected = all.filter(eventFilter(query)).sort(newestFirst);
        assert.ok(expected.length > 0 || name === 'a source IP', 'the query finds something');
        const read = eventsOfRows(await rowsOf(engine, warehouse, query, 'events'));
        assert.deepEqual(read.unreadable, []);
        assert.deepEqual(read.events, expected);
        const days = dayCountsOfRows(await rowsOf(engine, warehouse, query, 'countsByDay'));
        assert.deepEqual(days, dayCounts(expected));
        const usage = principalActionsOfRows(await rowsOf(engine, warehouse, query, 'principalActions'));
        assert.deepEqual(byArn(usage), byArn(usageOfEvents(expected)));
      });

  test("the rows' request, response and additionalEventData give each event the facts of its record", async () => {
    const records = new Map([...invictusRecords(), ...ODD_RECORDS].map((r) => [r.eventID as string, r]));
    for (const warehouse of [ATHENA, LAKE]) {
      const facts = new Map<string, unknown>();
      const read = eventsOfRows(await rowsOf(engine, warehouse, { since: 0 }, 'events'), (event, record) => {
        const found = detectionFactsOf(record);
        if (found) facts.set(event.eventId, found);
      });
      assert.equal(read.events.length, records.size);
      const expected = new Map(
        [...records].flatMap(([id, record]) => {
          const found = detectionFactsOf(record);
          // Lake's request is a map of strings: a boolean member reads as its text, and a fact that is a
          // boolean (passwordResetRequired false) is not read from it.
          const lake = found?.passwordResetRequired === false && warehouse.engine === 'lake';
          return found === undefined ? [] : [[id, lake ? withoutReset(found) : found] as const];
        }),
      );
      assert.ok(expected.size > 5, 'the dataset has events with facts');
      assert.deepEqual(facts, expected, warehouse.engine);
    }
  });

  test('a resource is found anywhere: every event eventFilter finds, and the calls that name it elsewhere', async () => {
    for (const resource of [
      'stratus-red-team-ec2-steal-credentials-role',
      'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role',
    ]) {
      const query = { since: 0, resource };
      const expected = all.filter(eventFilter(query)).map((e) => e.eventId);
      const found = eventsOfRows(await rowsOf(engine, ATHENA, query, 'events')).events.map((e) => e.eventId);
      assert.ok(expected.length > 0);
      assert.deepEqual(
        expected.filter((id) => !found.includes(id)),
        [],
        'nothing eventFilter finds is missed',
      );
    }
  });

  test("LIKE's wildcards in a name match only themselves", async () => {
    const ids = async (resource: string): Promise<string[]> =>
      eventsOfRows(await rowsOf(engine, LAKE, { since: 0, resource }, 'events')).events.map((e) => e.eventId);
    assert.deepEqual(await ids('my_bucket%1'), ['odd-1']);
    assert.deepEqual(await ids('my-bucket-1'), ['odd-2']);
    assert.deepEqual(await ids('my%'), []);
  });

  test('a Region scope on an organisation table reads only that partition', async () => {
    const built = warehouseSql(
      ORG_ATHENA,
      { since: 0 },
      { kind: 'events', now: NOW, scope: { regions: ['eu-west-1'], accounts: ['111122223333'] } },
    );
    assert.ok(built.ok);
    const result = await engine.run(built.sql, false);
    assert.deepEqual(result.rows.map((r) => r[1]).sort(), ['odd-1', 'odd-2']);
  });
});

function withoutReset<T extends { passwordResetRequired?: boolean }>(facts: T): Omit<T, 'passwordResetRequired'> {
  const { passwordResetRequired: _reset, ...rest } = facts;
  return rest;
}

function dayCounts(events: readonly ActivityEvent[]): { day: string; count: number; errors: number }[] {
  const days = new Map<string, { day: string; count: number; errors: number }>();
  for (const e of events) {
    const day = e.eventTime.slice(0, 10);
    const count = days.get(day) ?? { day, count: 0, errors: 0 };
    days.set(day, { day, count: count.count + 1, errors: count.errors + (e.errorCode === undefined ? 0 : 1) });
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * The answer with the principals named by an ARN only: the SQL names an identity by its ARN (a session by
 * its role's) or the service that acted, and leaves the nameless (an anonymous caller) out.
 */
function byArn(answer: PrincipalActionsAnswer): PrincipalActionsAnswer {
  return { ...answer, principals: answer.principals.filter((p) => p.principal.startsWith('arn:')) };
}
