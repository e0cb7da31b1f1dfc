/**
 * CloudTrail evidence of use from each activity source, as the editor gets it (src/server/trailUsage.ts):
 * Athena and CloudTrail Lake (the emulator's, answered by DuckDB over the invictus logs) compared with
 * the log index's answer over the same events, one query for the principals asked together and kept;
 * LookupEvents for an IAM user, within its page budget, and never for a role; each failure a missing
 * piece with its sentence; the log index's answer served, marked stale and read again. Every AWS answer
 * says the calls it cost, counted against the emulator's own count.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { warehouseActivity } from '../../../src/aws';
import {
  buildSegment,
  normaliseRecord,
  principalActions,
  Segment,
  type PrincipalActionsAnswer,
} from '../../../src/core';
import type { ActivitySource } from '../../../src/server/activitySource';
import { TrailUsage, type TrailAnswer, type TrailUsageOptions } from '../../../src/server/trailUsage';
import { EVENT_DATA_STORE } from '../../emulator/services/warehouse/engine';
import { emulatorGateway } from '../aws/emulatorGateway';
import { INVICTUS, invictusRecords } from '../emulator/invictus';

const BENJAMIN = 'arn:aws:iam::123837392027:user/benjamin';
const BERT_JAN = 'arn:aws:iam::123837392027:user/bert-jan';
const STEAL_ROLE = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role';
const DAY_MS = 86_400_000;

const ATHENA: ActivitySource = {
  kind: 'athena',
  workgroup: 'cloudwarden',
  database: 'cloudtrail',
  table: 'cloudtrail_logs',
};
const LAKE: ActivitySource = { kind: 'lake', eventDataStore: EVENT_DATA_STORE };
const LOOKUP: ActivitySource = { kind: 'lookupEvents' };

function window90(): { since: number; until: number } {
  const until = Date.now();
  return { since: until - 90 * DAY_MS, until };
}

describe('CloudTrail evidence of use from Athena, Lake and LookupEvents, against the emulator', () => {
  const aws = emulatorGateway(() => ({ cloudtrailLogs: INVICTUS }));
  /** The log index's answer over the dataset's events moved as the emulator moved them. */
  let logIndex: (window: { since: number; until: number }) => PrincipalActionsAnswer;

  before(async () => {
    const records = invictusRecords();
    const newest = await warehouseActivity(
      aws.gateway,
      { engine: 'lake', eventDataStore: EVENT_DATA_STORE },
      { since: 0 },
      { limit: 1 },
    );
    const shift = newest.events[0]!.time - Math.max(...records.map((r) => Date.parse(r.eventTime)));
    const events = records.flatMap((r) => {
      const read = normaliseRecord({ ...r, eventTime: new Date(Date.parse(r.eventTime) + shift).toISOString() });
      return read.ok ? [read.event] : [];
    });
    const segment = Segment.open(buildSegment(events));
    logIndex = (window) => principalActions([segment], window);
    aws.emulator.requests.clear();
  });

  /** A TrailUsage over the emulator's gateway, asked as a judgement asks, and the next answer's coming. */
  function trailUsage(options: Partial<TrailUsageOptions> = {}): {
    trail: TrailUsage;
    ask: (source: ActivitySource, principal: string) => Promise<TrailAnswer | undefined>;
    changed: () => Promise<void>;
  } {
    const waiting: (() => void)[] = [];
    const window = window90();
    const trail = new TrailUsage({
      logs: { usage: () => Promise.reject(new Error('the log files are not the source here')) },
      aws: () => Promise.resolve({ gateway: aws.gateway, regions: [] }),
      onChange: () => waiting.splice(0).forEach((resolve) => resolve()),
      log: () => undefined,
      gatherMs: 0,
      lookupPages: 3,
      ...options,
    });
    const changed = () => new Promise<void>((resolve) => waiting.push(resolve));
    // Asked as a judgement asks (from memory), then again after each answer comes, a few times at most.
    const ask = async (source: ActivitySource, principal: string): Promise<TrailAnswer | undefined> => {
      for (let i = 0; i < 3; i++) {
        const answer = trail.evidence(source, principal, window);
        if (answer !== undefined) return answer;
        await changed();
      }
      return trail.evidence(source, principal, window);
    };
    return { trail, ask, changed };
  }

  test("Athena: one query for the principals asked together, each one's evidence the log index's", async () => {
    const { ask } = trailUsage();
    const [benjamin, role] = await Promise.all([ask(ATHENA, BENJAMIN), ask(ATHENA, STEAL_ROLE)]);
    assert.equal(aws.emulator.requests.count('athena', 'StartQueryExecution'), 1);
    const expected = logIndex({ since: window90().since - 60_000, until: Date.now() });
    for (const [principal, answer] of [
      [BENJAMIN, benjamin],
      [STEAL_ROLE, role],
    ] as const) {
      const evidence = answer?.evidence;
      assert.ok(evidence, JSON.stringify(answer));
      const found = expected.principals.find((p) => p.principal === principal)!;
      assert.deepEqual(
        evidence.used,
        found.actions.map(({ action, last, count }) => ({ action, last, count })),
      );
      assert.deepEqual(
        evidence.denied,
        (found.denied ?? []).map(({ action, last, count }) => ({ action, last, count })),
      );
      assert.equal(evidence.label, 'CloudTrail in Athena');
      assert.deepEqual([evidence.dataEvents, evidence.dataEventServices], [true, expected.dataEventServices]);
      // The window is what the table holds: from its oldest event in the 90 days to its newest.
      assert.deepEqual(evidence.window, { since: expected.oldest, until: expected.newest });
      assert.equal(evidence.cost?.calls, aws.emulator.requests.count('athena'));
      assert.ok((evidence.cost?.bytesScanned ?? 0) > 0);
    }
    assert.ok(benjamin?.evidence?.used.some((u) => u.action === 'iam:ListUsers'));
  });

  test('Athena: the answer is kept; a principal not yet listed makes one more query, for all of them', async () => {
    const { ask } = trailUsage();
    await ask(ATHENA, BENJAMIN);
    assert.ok((await ask(ATHENA, BENJAMIN))?.evidence);
    assert.equal(aws.emulator.requests.count('athena', 'StartQueryExecution'), 1, 'served from memory');
    const bert = await ask(ATHENA, BERT_JAN);
    assert.ok(bert?.evidence?.used.length);
    assert.equal(aws.emulator.requests.count('athena', 'StartQueryExecution'), 2);
    for (const principal of [BENJAMIN, BERT_JAN, BERT_JAN.toUpperCase().replace('ARN:AWS:IAM', 'arn:aws:iam')])
      assert.ok((await ask(ATHENA, principal))?.evidence, principal);
    assert.equal(aws.emulator.requests.count('athena', 'StartQueryExecution'), 2, 'the second query listed both');
  });

  test("Lake: the same evidence under Lake's name", async () => {
    const [athena, lake] = await Promise.all([trailUsage().ask(ATHENA, BENJAMIN), trailUsage().ask(LAKE, BENJAMIN)]);
    assert.equal(lake?.evidence?.label, 'CloudTrail Lake');
    assert.deepEqual(lake?.evidence?.used, athena?.evidence?.used);
    assert.equal(lake?.evidence?.cost?.calls, aws.emulator.requests.count('cloudtrail'));
  });

  const failures: [string, ActivitySource, () => void, RegExp][] = [
    ['no such table', { ...ATHENA, table: 'nope' }, () => undefined, /^Athena has no table .*nope: create it/],
    [
      'access denied',
      ATHENA,
      () => aws.emulator.faults.add({ service: 'athena', operation: 'StartQueryExecution', kind: 'accessDenied' }),
      /^AWS denied athena:StartQueryExecution to /,
    ],
    [
      'throttled beyond patience',
      LAKE,
      () => aws.emulator.faults.add({ service: 'cloudtrail', operation: 'StartQuery', kind: 'throttle', times: 10 }),
      /throttl/i,
    ],
  ];
  for (const [name, source, arrange, reason] of failures)
    test(`a failure is missing evidence with its sentence: ${name}`, async () => {
      arrange();
      const answer = await trailUsage().ask(source, BENJAMIN);
      assert.equal(answer?.evidence, undefined);
      assert.equal(answer?.missing?.kind, 'cloudtrail');
      assert.match(answer?.missing?.reason ?? '', reason);
    });

  test('AWS not configured: nothing is asked and nothing said', async () => {
    const { trail, changed } = trailUsage({ aws: () => Promise.resolve(undefined) });
    const window = window90();
    assert.equal(trail.evidence(ATHENA, BENJAMIN, window), undefined);
    await changed();
    assert.equal(trail.evidence(ATHENA, BENJAMIN, window), undefined);
    assert.equal(trail.evidence(LOOKUP, BENJAMIN, window), undefined);
    await changed();
    assert.equal(trail.evidence(LOOKUP, BENJAMIN, window), undefined);
    assert.equal(aws.emulator.requests.count(), 0);
  });

  test("LookupEvents: an IAM user's calls by the Username attribute, management events only", async () => {
    const answer = await trailUsage().ask(LOOKUP, BENJAMIN);
    const evidence = answer?.evidence;
    assert.ok(evidence, JSON.stringify(answer));
    const expected = logIndex({ since: 0, until: Date.now() }).principals.find((p) => p.principal === BENJAMIN)!;
    assert.deepEqual(
      evidence.used.map((u) => u.action),
      expected.actions.map((a) => a.action),
    );
    assert.deepEqual(
      [evidence.label, evidence.dataEvents, evidence.regions, evidence.cut],
      ['CloudTrail LookupEvents', false, ['us-east-1'], undefined],
    );
    assert.deepEqual(evidence.cost, { calls: 3 }, '105 events in pages of 50');
    assert.equal(aws.emulator.requests.count('cloudtrail', 'LookupEvents'), 3);
    // Read to the window's start: the 90 days are covered, not only the days with events.
    assert.ok(evidence.window.until - evidence.window.since > 89 * DAY_MS);
  });

  test('LookupEvents: the page budget cuts a long history, and the evidence says so and covers what was read', async () => {
    const evidence = (await trailUsage().ask(LOOKUP, BERT_JAN))?.evidence;
    assert.ok(evidence);
    assert.equal(evidence.cut, 'stopped after 3 pages in us-east-1: older calls not read');
    assert.deepEqual(evidence.cost, { calls: 3 });
    const read = [...evidence.used, ...evidence.denied].reduce((n, u) => n + (u.count ?? 0), 0);
    assert.equal(read, 150, 'three pages of 50 of her events');
    assert.ok(evidence.window.until - evidence.window.since < DAY_MS, 'from the oldest event read');
  });

  test("LookupEvents: a role's calls cannot be asked: missing, with where to look instead, and no call", async () => {
    const answer = await trailUsage().ask(LOOKUP, STEAL_ROLE);
    assert.equal(answer?.evidence, undefined);
    assert.match(answer?.missing?.reason ?? '', /^LookupEvents cannot ask for a role's calls.*logFolders.*athena/);
    assert.equal(aws.emulator.requests.count(), 0);
  });
});

describe('CloudTrail evidence of use from the log index', () => {
  const window = { since: Date.parse('2023-07-01T00:00:00Z'), until: Date.parse('2023-08-01T00:00:00Z') };
  const answer: PrincipalActionsAnswer = {
    principals: [
      { principal: BENJAMIN, actions: [{ action: 'iam:ListUsers', count: 2, last: window.since + DAY_MS }] },
    ],
    dataEventServices: [],
    oldest: window.since + 1000,
    newest: window.since + DAY_MS,
  };

  function logTrail(usage: () => Promise<PrincipalActionsAnswer & { indexing: boolean }>): {
    trail: TrailUsage;
    ask: () => Promise<TrailAnswer | undefined>;
    asked: () => number;
  } {
    let asked = 0;
    const waiting: (() => void)[] = [];
    const trail = new TrailUsage({
      logs: {
        usage: () => {
          asked++;
          return usage();
        },
      },
      onChange: () => waiting.splice(0).forEach((resolve) => resolve()),
      log: () => undefined,
    });
    const source: ActivitySource = { kind: 'logFiles', roots: ['/logs'] };
    const ask = async (): Promise<TrailAnswer | undefined> => {
      const now = trail.evidence(source, BENJAMIN, window);
      if (now !== undefined) return now;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return trail.evidence(source, BENJAMIN, window);
    };
    return { trail, ask, asked: () => asked };
  }

  test('the answer serves until a run ends; then the stale one serves while it is read again', async () => {
    const { trail, ask, asked } = logTrail(() => Promise.resolve({ ...answer, indexing: false }));
    const first = await ask();
    assert.deepEqual(first?.evidence?.used, [{ action: 'iam:ListUsers', count: 2, last: window.since + DAY_MS }]);
    assert.equal(first?.evidence?.cost, undefined, 'no AWS call');
    await ask();
    assert.equal(asked(), 1);
    assert.equal(trail.invalidate(), true);
    assert.ok(await ask(), 'the stale answer serves');
    assert.equal(asked(), 2);
  });

  test('no event in the window, or an index that cannot be read: missing, with why', async () => {
    const empty = await logTrail(() =>
      Promise.resolve({ principals: [], dataEventServices: [], indexing: true }),
    ).ask();
    assert.deepEqual(empty?.missing, {
      kind: 'cloudtrail',
      label: 'CloudTrail log files',
      reason: 'there is no event since 2023-07-01 yet (the log files are being indexed)',
    });
    const broken = await logTrail(() => Promise.reject(new Error('EACCES'))).ask();
    assert.match(broken?.missing?.reason ?? '', /^the log index could not be read \(Error: EACCES\)$/);
  });
});
