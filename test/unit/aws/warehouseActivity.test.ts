/**
 * Activity from Athena and CloudTrail Lake through the gateway, with the real SDK clients, against the
 * emulator's Athena and Lake over the invictus logs (answered by DuckDB): the answers against a plain
 * scan of the same records, paging, polling, cancellation reaching AWS, each error's sentence, and
 * throttling waited out.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import assert from 'node:assert/strict';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { AwsGateway } from '../../../src/aws/gateway';
import {
  warehouseActivity,
  warehouseDayCounts,
  warehousePrincipalActions,
  type AthenaSource,
  type LakeSource,
  type WarehouseOptions,
  type WarehouseSource,
} from '../../../src/aws';
import {
  detectionFactsOf,
  eventFilter,
  normaliseRecord,
  type ActivityEvent,
  type ActivityQuery,
} from '../../../src/core';
import { EVENT_DATA_STORE } from '../../emulator/services/warehouse/engine';
import { type Emulator, startEmulator } from '../../emulator/server';
import { fixtureCredentials } from '../emulator/helpers';
import { INVICTUS, invictusRecords } from '../emulator/invictus';
import { awsHome, type AwsHome } from './awsHome';

const { user } = fixtureCredentials();

const ATHENA: AthenaSource = {
  engine: 'athena',
  table: {
    engine: 'athena',
    database: 'cloudtrail',
    table: 'cloudtrail_logs',
    partitions: { timestamp: 'timestamp', region: 'region', account: 'account' },
  },
  workgroup: 'cloudwarden',
};
const LAKE: LakeSource = {
  engine: 'lake',
  eventDataStore: `arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/${EVENT_DATA_STORE}`,
};
const FAST: WarehouseOptions = { poll: { firstMs: 5, maxMs: 20 }, limit: 5000 };

/** The bytes of the dataset's log files: what a query over every partition scans. */
const ALL_BYTES = readdirSync(INVICTUS)
  .filter((f) => f.endsWith('.json.gz'))
  .reduce((sum, f) => sum + statSync(join(INVICTUS, f)).size, 0);

describe('Athena and CloudTrail Lake activity against the emulator, with the real SDK', () => {
  let emulator: Emulator;
  let home: AwsHome;
  let gateway: AwsGateway;
  /** The dataset's records, moved by the emulator's shift, as the log files would read them. */
  let shifted: (query: ActivityQuery) => ActivityEvent[];

  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS });
    home = awsHome({
      config: `[default]\nregion = us-east-1\nendpoint_url = ${emulator.url}\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    });
    gateway = new AwsGateway();
    const records = invictusRecords();
    const answer = await warehouseActivity(gateway, ATHENA, { since: 0 }, { ...FAST, limit: 1 });
    const newest = Math.max(...records.map((r) => Date.parse(r.eventTime)));
    const shift = answer.events[0]!.time - newest;
    const events = records.flatMap((r) => {
      const read = normaliseRecord({
        ...r,
        eventTime: new Date(Date.parse(r.eventTime) + shift).toISOString().replace('.000Z', 'Z'),
      });
      return read.ok ? [read.event] : [];
    });
    shifted = (query) =>
      events.filter(eventFilter(query)).sort((a, b) => b.time - a.time || (a.eventId < b.eventId ? -1 : 1));
  });
  after(async () => {
    gateway.dispose();
    home.restore();
    await emulator.close();
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.requests.clear();
  });

  const sources: [string, WarehouseSource][] = [
    ['Athena', ATHENA],
    ['Lake', LAKE],
  ];
  for (const [name, source] of sources) {
    test(`${name}: the events of a query are the plain scan's, newest first, with the bytes scanned and the query id`, async () => {
      for (const query of [
        { since: 0 },
        { since: 0, principal: 'benjamin' },
        { since: 0, errorsOnly: true, action: 'ec2:DescribeInstances' },
      ]) {
        const answer = await warehouseActivity(gateway, source, query, FAST);
        assert.deepEqual(answer.problems, []);
        assert.deepEqual(answer.events, shifted(query));
        assert.equal(answer.truncated, false);
        assert.equal(answer.bytesScanned, ALL_BYTES, 'the window holds every partition');
        assert.match(answer.queryId ?? '', /^[0-9a-f-]{36}$/);
      }
    });

    test(`${name}: more than 1,000 rows come in pages; the state is polled until it ends`, async () => {
      const query = { since: 0, principal: 'bert-jan' };
      const answer = await warehouseActivity(gateway, source, query, FAST);
      assert.equal(answer.events.length, 2642);
      assert.deepEqual(answer.events, shifted(query));
      const [results, polls] =
        source.engine === 'athena' ? ['GetQueryResults', 'GetQueryExecution'] : ['GetQueryResults', 'DescribeQuery'];
      const service = source.engine === 'athena' ? 'athena' : 'cloudtrail';
      assert.equal(emulator.requests.count(service, results), 3, "2,642 rows (and Athena's header) in pages of 1,000");
      assert.equal(emulator.requests.count(service, polls), 3, 'QUEUED, RUNNING, then the outcome');
    });

    test(`${name}: one event by its id, with the facts of its record`, async () => {
      const records = invictusRecords().filter(
        (r) => r.eventName === 'ConsoleLogin' || r.eventName === 'CreateAccessKey',
      );
      assert.equal(records.length, 4);
      for (const record of records) {
        const answer = await warehouseActivity(gateway, source, { since: 0, eventId: record.eventID }, FAST);
        assert.deepEqual(
          answer.events.map((e) => e.eventId),
          [record.eventID],
        );
        assert.deepEqual(answer.facts, { [record.eventID]: detectionFactsOf(record) });
      }
    });

    test(`${name}: the limit truncates, newest first`, async () => {
      const answer = await warehouseActivity(gateway, source, { since: 0 }, { ...FAST, limit: 10 });
      assert.equal(answer.truncated, true);
      assert.deepEqual(answer.events, shifted({ since: 0 }).slice(0, 10));
    });

    test(`${name}: a window with no partitions scans nothing`, async () => {
      const long = Date.now() - 400 * 86_400_000;
      const answer = await warehouseActivity(gateway, source, { since: long, until: long + 86_400_000 }, FAST);
      assert.deepEqual([answer.events.length, answer.bytesScanned, answer.problems], [0, 0, []]);
    });

    test(`${name}: counts by day and the actions of each principal agree with the scan`, async () => {
      const query = { since: 0, principal: 'benjamin' };
      const expected = shifted(query);
      const counts = await warehouseDayCounts(gateway, source, query, FAST);
      assert.equal(
        counts.days.reduce((n, d) => n + d.count, 0),
        expected.length,
      );
      assert.equal(
        counts.days.reduce((n, d) => n + (d.errors ?? 0), 0),
        expected.filter((e) => e.errorCode !== undefined).length,
      );
      const actions = await warehousePrincipalActions(gateway, source, query, FAST);
      assert.deepEqual(
        actions.principals.map((p) => p.principal),
        ['arn:aws:iam::123837392027:user/benjamin'],
      );
      const { actions: used, denied = [] } = actions.principals[0]!;
      assert.deepEqual(
        [...new Set([...used, ...denied].map((a) => a.action))].sort(),
        [...new Set(expected.flatMap((e) => (e.action === undefined ? [] : [e.action])))].sort(),
      );
    });

    test(`${name}: a cancelled query is stopped on AWS`, async () => {
      const controller = new AbortController();
      const pending = warehouseActivity(
        gateway,
        source,
        { since: 0 },
        { ...FAST, poll: { firstMs: 2000, maxMs: 2000 }, signal: controller.signal },
      );
      const started = source.engine === 'athena' ? ['athena', 'GetQueryExecution'] : ['cloudtrail', 'DescribeQuery'];
      while (emulator.requests.count(started[0], started[1]) === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const answer = await pending;
      assert.deepEqual(
        answer.problems.map((p) => p.kind),
        ['cancelled'],
      );
      const stop = source.engine === 'athena' ? ['athena', 'StopQueryExecution'] : ['cloudtrail', 'CancelQuery'];
      assert.equal(emulator.requests.count(stop[0], stop[1]), 1);
    });

    test(`${name}: throttled calls are waited out and retried`, async () => {
      const service = source.engine === 'athena' ? 'athena' : 'cloudtrail';
      emulator.faults.add({ service, kind: 'throttle', times: 3 });
      const answer = await warehouseActivity(gateway, source, { since: 0, principal: 'benjamin' }, FAST);
      assert.deepEqual(answer.problems, []);
      assert.equal(answer.events.length, shifted({ since: 0, principal: 'benjamin' }).length);
    });
  }

  const errors: [string, WarehouseSource, () => void, string, RegExp][] = [
    [
      'no such table',
      { ...ATHENA, table: { ...ATHENA.table, table: 'nope' } },
      () => undefined,
      'noSuchTable',
      /^Athena has no table awsdatacatalog\.cloudtrail\.nope: create it/,
    ],
    [
      'a workgroup that does not exist',
      { ...ATHENA, workgroup: 'nope' },
      () => undefined,
      'workgroupNotFound',
      /^Athena has no workgroup nope in us-east-1/,
    ],
    [
      'no output location (primary has none)',
      { ...ATHENA, workgroup: 'primary' },
      () => undefined,
      'noOutputLocation',
      /^Athena has nowhere to write the results of StartQueryExecution/,
    ],
    [
      'access denied',
      ATHENA,
      () => emulator.faults.add({ service: 'athena', operation: 'StartQueryExecution', kind: 'accessDenied' }),
      'accessDenied',
      /^AWS denied athena:StartQueryExecution to arn:aws:iam::111122223333:user\/dev-alice/,
    ],
    [
      'an event data store that does not exist',
      { engine: 'lake', eventDataStore: '00000000-0000-0000-0000-000000000000' },
      () => undefined,
      'noSuchTable',
      /^CloudTrail Lake has no active event data store by that id in us-east-1/,
    ],
  ];
  for (const [name, source, arrange, kind, sentence] of errors)
    test(`explained: ${name}`, async () => {
      arrange();
      const answer = await warehouseActivity(gateway, source, { since: 0 }, FAST);
      assert.deepEqual(
        answer.problems.map((p) => p.kind),
        [kind],
      );
      assert.match(answer.problems[0]!.sentence, sentence);
      assert.deepEqual(answer.events, []);
    });

  test("the emulator: a syntax error ends FAILED with the engine's message; an unknown query id is InvalidRequestException", async () => {
    const client = new AthenaClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    });
    try {
      const { QueryExecutionId } = await client.send(
        new StartQueryExecutionCommand({ QueryString: 'SELEC 1', WorkGroup: 'cloudwarden' }),
      );
      let state = '';
      let reason = '';
      for (let i = 0; i < 3; i++) {
        const out = await client.send(new GetQueryExecutionCommand({ QueryExecutionId }));
        state = out.QueryExecution?.Status?.State ?? '';
        reason = out.QueryExecution?.Status?.StateChangeReason ?? '';
      }
      assert.equal(state, 'FAILED');
      assert.match(reason, /^SYNTAX_ERROR: .*syntax error at or near "SELEC"/);
      await assert.rejects(client.send(new GetQueryResultsCommand({ QueryExecutionId: 'nope' })), {
        name: 'InvalidRequestException',
        message: 'QueryExecution nope was not found',
      });
    } finally {
      client.destroy();
    }
  });
});
