import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildSegment,
  countsByDay,
  eventFilter,
  principalActions,
  principalIdentity,
  queryEvents,
  Segment,
  type ActivityEvent,
  type ActivityQuery,
} from '../../../src/core';
import { invictusEvents, seeded } from './events';

/** The dataset in four segments of uneven size, so answers are merged across segments. */
const SEGMENTS = [0, 400, 1500, 2600, invictusEvents.length].flatMap((end, i, ends) =>
  i === 0 ? [] : [Segment.open(buildSegment(invictusEvents.slice(ends[i - 1], end)))],
);

function scan(query: ActivityQuery): ActivityEvent[] {
  return invictusEvents.filter(eventFilter(query)).sort((a, b) => b.time - a.time);
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const times = invictusEvents.map((e) => e.time).sort((a, b) => a - b);
const values = {
  resource: [
    ...new Set(invictusEvents.flatMap((e) => e.resources.flatMap((r) => [r.arn, r.name]))),
    'arn:aws:s3:::no-such-bucket',
  ].filter((v) => v !== undefined),
  principal: [
    ...new Set(
      invictusEvents.flatMap((e) => [e.principal.arn, e.principal.roleArn, e.principal.name, e.principal.sessionName]),
    ),
    'nobody',
  ].filter((v) => v !== undefined),
  accessKeyId: [...new Set(invictusEvents.map((e) => e.accessKeyId))].filter((v) => v !== undefined),
  eventName: [...new Set(invictusEvents.map((e) => e.eventName))],
  action: [...new Set(invictusEvents.map((e) => e.action?.toUpperCase()))].filter((v) => v !== undefined),
  sourceIp: [...new Set(invictusEvents.map((e) => e.sourceIp))].filter((v) => v !== undefined),
};

/** A query of one to three random parts and, half the time, a window inside the dataset's span. */
function randomQuery(random: () => number): ActivityQuery {
  const parts = Object.keys(values) as (keyof typeof values)[];
  const query: Record<string, unknown> = { since: 0 };
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const part = pick(random, [...parts, 'errorsOnly'] as const);
    query[part] = part === 'errorsOnly' ? true : pick(random, values[part]);
  }
  if (random() < 0.5) {
    const [a, b] = [pick(random, times), pick(random, times)].sort((x, y) => x - y);
    Object.assign(query, { since: a, until: b });
  }
  return query as unknown as ActivityQuery;
}

describe('queries over segments', () => {
  test('answer as a plain scan does: 400 random queries, the newest first and the total', () => {
    const random = seeded(13);
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const query = randomQuery(random);
      const expected = scan(query);
      const answer = queryEvents(SEGMENTS, query, 5000);
      const label = JSON.stringify(query);
      assert.equal(answer.total, expected.length, label);
      const key = (e: ActivityEvent): string => `${e.time} ${e.eventId}`;
      assert.deepEqual(answer.events.map(key).sort(), expected.map(key).sort(), label);
      assert.deepEqual(
        answer.events.map((e) => e.time),
        expected.map((e) => e.time),
        `${label}: newest first`,
      );
      if (expected.length > 0) nonEmpty++;
    }
    assert.ok(nonEmpty > 100, `only ${nonEmpty} queries matched anything`);
  });

  test('return the newest events up to the limit, and count them all', () => {
    const cases: [ActivityQuery, number][] = [
      [{ since: 0 }, 10],
      [{ since: 0, errorsOnly: true }, 3],
      [{ since: 0, principal: values.principal[0]! }, 1],
      [{ since: 0 }, 0],
    ];
    for (const [query, limit] of cases) {
      const expected = scan(query);
      const answer = queryEvents(SEGMENTS, query, limit);
      assert.equal(answer.total, expected.length);
      assert.deepEqual(
        answer.events.map((e) => e.time),
        expected.slice(0, limit).map((e) => e.time),
      );
    }
  });

  test('find one event by its id, whatever else the query asks, as a plain scan does', () => {
    const picked = invictusEvents.filter((_, i) => i % 97 === 0);
    // Ids that are not lower-case UUIDs, which a segment keeps as text: an upper-case UUID, a made-up id.
    const odd = picked.slice(0, 2).map((e, i) => ({ ...e, eventId: i === 0 ? e.eventId.toUpperCase() : `odd-${i}` }));
    const segments = [...SEGMENTS, Segment.open(buildSegment(odd))];
    const events = [...invictusEvents, ...odd];
    const cases: ActivityQuery[] = [...picked, ...odd].flatMap((e) => [
      { since: 0, eventId: e.eventId },
      { since: e.time - 600_000, until: e.time + 600_000, eventId: e.eventId },
      { since: e.time + 1, eventId: e.eventId },
      { since: 0, eventId: e.eventId, eventName: e.eventName },
      { since: 0, eventId: e.eventId, eventName: `${e.eventName}x` },
    ]);
    cases.push({ since: 0, eventId: picked[0]!.eventId.replace(/^./, 'g') }, { since: 0, eventId: 'odd-9' });
    let found = 0;
    for (const query of cases) {
      const expected = events.filter(eventFilter(query));
      const answer = queryEvents(segments, query, 10);
      assert.equal(answer.total, expected.length, JSON.stringify(query));
      assert.deepEqual(answer.events, expected, JSON.stringify(query));
      found += answer.total;
    }
    assert.equal(found, 3 * (picked.length + odd.length), 'each id found alone, in its window and with its name');
  });

  test('count by day as a plain scan does, for window-only and filtered queries', () => {
    const random = seeded(7);
    const queries: ActivityQuery[] = [
      { since: 0 },
      { since: times[100]!, until: times[2000]! },
      { since: times[0]! + 3_600_000 },
      ...Array.from({ length: 100 }, () => randomQuery(random)),
    ];
    for (const query of queries) {
      const expected = new Map<string, number>();
      for (const e of scan(query)) {
        const day = new Date(e.time).toISOString().slice(0, 10);
        expected.set(day, (expected.get(day) ?? 0) + 1);
      }
      const sorted = [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
      assert.deepEqual(countsByDay(SEGMENTS, query), sorted, JSON.stringify(query));
    }
  });

  test('list the actions each identity used and was refused, with counts and last use, as a plain scan does', () => {
    const windows = [{ since: 0 }, { since: times[500]!, until: times[1500]! }, { since: Date.now() }];
    const refused =
      /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Client\.UnauthorizedOperation|UnauthorizedAccess)$/;
    type Uses = Map<string, { count: number; last: number }>;
    let sawDenied = false;
    for (const window of windows) {
      const expected = new Map<string, { used: Uses; denied: Uses }>();
      const dataServices = new Set<string>();
      for (const e of invictusEvents.filter(eventFilter(window))) {
        if (e.action === undefined) continue;
        if (e.category === 'data') dataServices.add(e.action.split(':')[0]!);
        const identity = principalIdentity(e.principal);
        const sides = expected.get(identity) ?? { used: new Map(), denied: new Map() };
        expected.set(identity, sides);
        const side = refused.test(e.errorCode ?? '') ? sides.denied : sides.used;
        const use = side.get(e.action) ?? { count: 0, last: -Infinity };
        side.set(e.action, { count: use.count + 1, last: Math.max(use.last, e.time) });
      }
      const answer = principalActions(SEGMENTS, window);
      assert.equal(answer.principals.length, expected.size);
      assert.deepEqual(answer.dataEventServices, [...dataServices].sort());
      for (const { principal, actions, denied } of answer.principals) {
        const want = expected.get(principal);
        assert.ok(want, principal);
        assert.deepEqual(new Map(actions.map(({ action, ...use }) => [action, use])), want.used, principal);
        assert.deepEqual(new Map((denied ?? []).map(({ action, ...use }) => [action, use])), want.denied, principal);
        sawDenied ||= (denied?.length ?? 0) > 0;
      }
    }
    assert.ok(sawDenied, 'the Invictus events hold refused calls');
  });

  test('name the identity a call drew its permissions from', () => {
    const cases: [Parameters<typeof principalIdentity>[0], string][] = [
      [
        { type: 'AssumedRole', name: 'R/s', arn: 'arn:aws:sts::1:assumed-role/R/s', roleArn: 'arn:aws:iam::1:role/R' },
        'arn:aws:iam::1:role/R',
      ],
      [{ type: 'IAMUser', name: 'alice', arn: 'arn:aws:iam::1:user/alice' }, 'arn:aws:iam::1:user/alice'],
      [{ type: 'AWSService', name: 'ec2.amazonaws.com' }, 'ec2.amazonaws.com'],
    ];
    for (const [principal, identity] of cases) assert.equal(principalIdentity(principal), identity);
  });
});
