import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  arnNamer,
  buildSegment,
  Catalog,
  eventFilter,
  principalIdentity,
  principalResources,
  Segment,
  tallyEvents,
  type ActivityEvent,
} from '../../../src/core';
import { catalogFile } from '../helpers/paths';
import { byTime, invictusEvents } from './events';

/** The dataset in three segments of uneven size, so tallies are merged across segments. */
const events = byTime(invictusEvents);
const SEGMENTS = [0, 700, 2100, events.length].flatMap((end, i, ends) =>
  i === 0 ? [] : [Segment.open(buildSegment(events.slice(ends[i - 1], end)))],
);
const times = events.map((e) => e.time);
const MIDDLE = times[Math.floor(times.length / 2)]!;

/** The principal's events by a plain scan of the dataset, with the activity query's own filter. */
function scan(principal: string, since: number, until?: number): ActivityEvent[] {
  return events.filter(eventFilter({ principal, since, ...(until !== undefined && { until }) }));
}

const namer = arnNamer(Catalog.load(catalogFile));

describe("one principal's actions with the resources they named, from the index", () => {
  test('every identity, name and window: the same answer as a plain tally of the scanned events, names made ARNs or not', () => {
    const principals = [
      ...new Set(events.flatMap((e) => [principalIdentity(e.principal), e.principal.name, e.principal.sessionName])),
      'nobody',
    ].filter((p): p is string => p !== undefined);
    const windows: [number, number?][] = [[0], [MIDDLE], [0, MIDDLE], [times.at(-1)! + 1]];
    let compared = 0;
    for (const principal of principals)
      for (const [since, until] of windows) {
        const query = { principal, since, ...(until !== undefined && { until }) };
        const scanned = scan(principal, since, until);
        assert.deepEqual(principalResources(SEGMENTS, query), tallyEvents(scanned), principal);
        assert.deepEqual(principalResources(SEGMENTS, query, { namer }), tallyEvents(scanned, { namer }), principal);
        compared++;
      }
    assert.ok(compared > 40, `${compared} comparisons`);
  });

  test('names made ARNs: more ARNs, and the reasons of the names that gave none', () => {
    const bertJan = 'arn:aws:iam::123837392027:user/bert-jan';
    const plain = principalResources(SEGMENTS, { principal: bertJan, since: 0 });
    const named = principalResources(SEGMENTS, { principal: bertJan, since: 0 }, { namer });
    const arns = (answer: typeof plain) => answer.actions.reduce((n, a) => n + a.resources.length, 0);
    assert.ok(arns(named) > arns(plain) + 20, `${arns(plain)} ARNs, ${arns(named)} with names made ARNs`);
    const deleteFunction = named.actions.find((a) => a.action === 'lambda:DeleteFunction');
    assert.ok(
      deleteFunction?.resources.includes(
        'arn:aws:lambda:us-east-1:123837392027:function:stratus-red-team-backdoor-f-func',
      ),
      JSON.stringify(deleteFunction),
    );
    assert.deepEqual(named.actions.find((a) => a.action === 'iam:GetRole')?.unnamed, [
      'the role named by name only: its ARN holds a path the event does not give',
    ]);
    assert.ok(plain.actions.every((a) => a.unnamed === undefined));
    const capped = { cap: 2, namer };
    assert.deepEqual(
      principalResources(SEGMENTS, { principal: bertJan, since: 0 }, capped),
      tallyEvents(scan(bertJan, 0), capped),
    );
  });

  test('refused calls are not use; events without an IAM action are read but not counted', () => {
    const bertJan = 'arn:aws:iam::123837392027:user/bert-jan';
    const answer = principalResources(SEGMENTS, { principal: bertJan, since: 0 });
    const mine = scan(bertJan, 0);
    const refused = mine.filter((e) => e.action !== undefined && /AccessDenied|Unauthorized/.test(e.errorCode ?? ''));
    assert.ok(refused.length > 0, 'bert-jan was refused some calls');
    assert.equal(
      answer.denied.reduce((n, d) => n + d.count, 0),
      refused.length,
    );
    assert.equal(
      answer.actions.reduce((n, a) => n + a.count, 0),
      mine.filter((e) => e.action !== undefined).length - refused.length,
    );
    assert.equal(answer.events, mine.length);
    assert.deepEqual([answer.oldest, answer.newest], [mine[0]!.time, mine.at(-1)!.time]);
  });

  test('at most `cap` ARNs an action, and `more` says when its calls named others', () => {
    const bertJan = 'arn:aws:iam::123837392027:user/bert-jan';
    const full = principalResources(SEGMENTS, { principal: bertJan, since: 0 }, { cap: 1000 });
    const capped = principalResources(SEGMENTS, { principal: bertJan, since: 0 }, { cap: 2 });
    assert.ok(
      full.actions.some((a) => a.resources.length > 2),
      'some action named more than two resources',
    );
    for (const [i, a] of capped.actions.entries()) {
      const all = full.actions[i]!;
      assert.equal(a.action, all.action);
      assert.equal(a.resources.length, Math.min(2, all.resources.length), a.action);
      assert.ok(
        a.resources.every((r) => all.resources.includes(r)),
        a.action,
      );
      assert.equal(a.more, all.resources.length > 2, a.action);
    }
  });
});
