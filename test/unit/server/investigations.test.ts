/**
 * The server's investigations behind their interfaces (plain fakes of the activity service, the explorer
 * and the AWS configuration): which queries are asked, how an event id is followed by its principal's
 * events, which facts reach the detections, and what makes a report partial.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  detectionFactsOf,
  normaliseRecord,
  type ActivityEvent,
  type ActivityQuery,
  type FindingRow,
} from '../../../src/core';
import { investigate, type InvestigationContext } from '../../../src/server/investigations';
import type { ActivityRequest } from '../../../src/shared/protocol';
import { invictusFiles } from '../activity/invictus';

const RECORDS = invictusFiles.flatMap((f) => f.records);
const EVENTS: ActivityEvent[] = RECORDS.map((r) => {
  const read = normaliseRecord(r);
  assert.ok(read.ok);
  return read.event;
});
const FACTS = Object.fromEntries(
  RECORDS.flatMap((r) => {
    const facts = detectionFactsOf(r);
    return facts === undefined ? [] : [[String(r.eventID), facts]];
  }),
);
const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
const NOW = Date.parse('2023-07-11T00:00:00Z');

function answer(events: ActivityEvent[], fields: Partial<ActivityRequest.Result> = {}): ActivityRequest.Result {
  return { events, unreadable: [], problems: [], truncated: [], fetchedAt: NOW, stale: false, ...fields };
}

/** A context whose activity answers by filtering the dataset as the sources do, recording each query. */
function context(
  options: {
    withFacts?: boolean;
    fields?: Partial<ActivityRequest.Result>;
    configured?: boolean;
    findings?: Record<string, FindingRow[] | 'denied'>;
    source?: 'lookupEvents' | 'logFiles';
  } = {},
): InvestigationContext & { queries: ActivityQuery[] } {
  const queries: ActivityQuery[] = [];
  return {
    queries,
    activity: {
      async requestWithFacts(params) {
        const q = params.query as ActivityQuery;
        queries.push(q);
        const { eventFilter } = await import('../../../src/core');
        const events = EVENTS.filter(eventFilter(q)).reverse();
        return { result: answer(events, options.fields), facts: options.withFacts === false ? {} : FACTS };
      },
    },
    logs: {
      // Over log files the index answers as the activity service would (the same filter of the dataset).
      async answer(_roots, q) {
        queries.push(q);
        const { eventFilter } = await import('../../../src/core');
        const events = EVENTS.filter(eventFilter(q)).reverse();
        return { ...answer(events), total: events.length, source: 'logFiles' as const, facts: FACTS, unreadable: [] };
      },
      async detect() {
        throw new Error('not asked in these tests');
      },
    },
    explorer: {
      async findings({ region }) {
        const rows = options.findings?.[region] ?? [];
        return {
          region,
          rows: rows === 'denied' ? [] : rows,
          notices: [],
          truncated: false,
          calls: 1,
          fetchedAt: NOW,
          serviceProblems: [],
          ...(rows === 'denied' && {
            problem: { kind: 'accessDenied', sentence: 'guardduty:ListFindings was denied.' },
          }),
        };
      },
    },
    aws: {
      async configuration() {
        return options.configured === false
          ? { configured: false, reason: 'No AWS credentials.' }
          : ({ configured: true } as never);
      },
      async regions() {
        return Object.keys(options.findings ?? { 'us-east-1': [] });
      },
    },
    source: async () =>
      options.source === 'logFiles' ? { kind: 'logFiles', roots: ['/logs'] } : { kind: 'lookupEvents' },
    clock: { now: () => NOW },
  };
}

describe('investigations on the server', () => {
  test('a principal: one query for it, the facts reach the detections', async () => {
    const ctx = context();
    const result = await investigate({ subject: { kind: 'principal', value: BERT }, since: 0 }, ctx);
    assert.ok('report' in result);
    assert.deepEqual(ctx.queries, [{ since: 0, principal: BERT }]);
    assert.ok(result.report.detection.hits.some((h) => h.detection === 'secrets-many-read'));
    assert.match(result.markdown, /^# Principal arn:aws:iam::123837392027:user\/bert-jan/);
  });

  test('without facts, the detections that read them stay silent (login profile for another user)', async () => {
    const withFacts = await investigate({ subject: { kind: 'principal', value: BERT }, since: 0 }, context());
    const without = await investigate(
      { subject: { kind: 'principal', value: BERT }, since: 0 },
      context({ withFacts: false }),
    );
    assert.ok('report' in withFacts && 'report' in without);
    const ids = (r: typeof withFacts) => ('report' in r ? r.report.detection.hits.map((h) => h.detection) : []);
    assert.ok(ids(withFacts).includes('login-profile-for-other-user'));
    assert.ok(!ids(without).includes('login-profile-for-other-user'));
  });

  test('an event id: found over the 90 days LookupEvents keeps, then its principal 30 minutes either side', async () => {
    const focus = EVENTS.find((e) => e.eventName === 'DeleteTrail' && e.errorCode === undefined)!;
    const ctx = context();
    const result = await investigate({ subject: { kind: 'event', value: focus.eventId }, since: NOW }, ctx);
    assert.ok('report' in result);
    assert.deepEqual(ctx.queries, [
      { eventId: focus.eventId, since: NOW - 90 * 86_400_000 },
      { principal: BERT, since: focus.time - 30 * 60_000, until: focus.time + 30 * 60_000 },
    ]);
    assert.equal(result.report.analysis.focus?.eventId, focus.eventId);
  });

  test('an event id over log files is looked for in everything they hold; one not found says so', async () => {
    const ctx = context({ source: 'logFiles' });
    const result = await investigate(
      { subject: { kind: 'event', value: '00000000-0000-4000-8000-000000000000' }, since: NOW },
      ctx,
    );
    assert.ok('report' in result);
    assert.equal(ctx.queries[0]!.since, 0);
    assert.deepEqual(result.report.partial, [
      'No event with the id 00000000-0000-4000-8000-000000000000 was found in the CloudTrail log files.',
    ]);
  });

  test('a page limit, an unreadable event, a problem and a Region whose findings failed make it partial', async () => {
    const result = await investigate(
      { subject: { kind: 'principal', value: BERT }, since: 0 },
      context({
        fields: {
          truncated: ['us-east-1'],
          unreadable: [{ region: 'us-east-1', eventId: 'x', reason: 'not JSON' }],
          problems: [{ kind: 'throttled', sentence: 'CloudTrail throttled the requests.' }],
        },
        findings: { 'us-east-1': [], 'eu-west-1': 'denied' },
      }),
    );
    assert.ok('report' in result);
    assert.deepEqual(result.report.partial, [
      'CloudTrail throttled the requests.',
      'Only the newest 5,000 events of each Region were read (us-east-1): narrow the window for the rest.',
      '1 log file or event could not be read in full.',
      'The findings of eu-west-1 could not be read: guardduty:ListFindings was denied.',
    ]);
  });

  test('without AWS credentials, the findings say why and the rest stands', async () => {
    const result = await investigate(
      { subject: { kind: 'principal', value: BERT }, since: 0 },
      context({ configured: false }),
    );
    assert.ok('report' in result);
    assert.equal(result.report.analysis.findingsNote, 'GuardDuty and Security Hub were not read: No AWS credentials.');
    assert.ok(result.report.detection.hits.length > 0);
  });

  test('a request without a subject or a start is refused in one sentence', async () => {
    for (const params of [
      { since: 0 },
      { subject: { kind: 'principal', value: '' }, since: 0 },
      { subject: { kind: 'window' } },
    ])
      assert.ok('problem' in (await investigate(params as never, context())));
  });
});
