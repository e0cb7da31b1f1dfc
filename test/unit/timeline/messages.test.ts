import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isActivityEvent } from '../../../src/shared/activityGuards';
import type { ActivityRequest } from '../../../src/shared/protocol';
import {
  isActivityTarget,
  isHostMessage,
  isPageMessage,
  isSavedTimeline,
  type ActivityTarget,
  type HostMessage,
} from '../../../src/shared/timelineMessages';
import { DEFAULT_VIEW, isPageState, restoredView } from '../../../src/webview/timeline/viewState';
import { event, invictusEvents } from './events';

const TARGET: ActivityTarget = {
  query: { resource: 'arn:aws:s3:::stratus-bucket', since: 1_700_000_000_000 },
  title: 'CloudTrail: stratus-bucket',
};
const ANSWER: ActivityRequest.Result = {
  events: [event('2026-03-01T10:00:00Z', { errorCode: 'AccessDenied', errorMessage: 'no' })],
  unreadable: [{ region: 'us-east-1', eventId: 'x', reason: 'CloudTrailEvent is not JSON' }],
  problems: [{ kind: 'ssoExpired', sentence: 'The SSO token expired.', command: 'aws sso login --profile dev' }],
  truncated: ['eu-west-1'],
  fetchedAt: 1_700_000_100_000,
  stale: false,
};
/** What arrives on the other side: postMessage clones through structured data, as JSON does here. */
const cloned = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
const update = (model: unknown) => ({ type: 'update', model });

/** A deep copy of `value` with one property at `path` replaced (or removed when `to` is undefined). */
function withChange(value: unknown, path: (string | number)[], to: unknown): unknown {
  const copy = cloned(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (to === undefined) delete node[last];
  else node[last] = to;
  return copy;
}

describe('timeline messages, host → page (checked by the page)', () => {
  const good: HostMessage = { type: 'update', model: { target: TARGET, answer: ANSWER, loading: false } };

  test('the models the host sends pass: loading, answered, failed, with a notice', () => {
    const cases: unknown[] = [
      update({ target: TARGET, loading: true }),
      good,
      update({ target: TARGET, loading: false, failure: 'The server did not answer.' }),
      update({ target: TARGET, loading: true, notice: 'Investigations come later.', answer: ANSWER }),
    ];
    for (const message of cases) assert.ok(isHostMessage(cloned(message)), JSON.stringify(message).slice(0, 120));
  });

  test('every event of the Invictus dataset, as the event model reads it, passes', () => {
    const rejected = invictusEvents.filter((e) => !isActivityEvent(cloned(e)));
    assert.deepEqual(
      rejected.map((e) => e.eventId),
      [],
    );
    assert.ok(
      isHostMessage(cloned(update({ target: TARGET, loading: false, answer: { ...ANSWER, events: invictusEvents } }))),
    );
  });

  test('anything else is refused', () => {
    const cases: [string, unknown][] = [
      ['nothing', undefined],
      ['a string', 'update'],
      ['another type', { ...good, type: 'render' }],
      ['no model', { type: 'update' }],
      ['no target', withChange(good, ['model', 'target'], undefined)],
      ['a title too long', withChange(good, ['model', 'target', 'title'], 'x'.repeat(201))],
      ['a start that is text', withChange(good, ['model', 'target', 'query', 'since'], '7d')],
      ['a start that is not finite', withChange(good, ['model', 'target', 'query', 'since'], null)],
      ['a resource that is a number', withChange(good, ['model', 'target', 'query', 'resource'], 7)],
      ['loading missing', withChange(good, ['model', 'loading'], undefined)],
      ['events not a list', withChange(good, ['model', 'answer', 'events'], {})],
      ['an event without id', withChange(good, ['model', 'answer', 'events', 0, 'eventId'], undefined)],
      ['an event time as text', withChange(good, ['model', 'answer', 'events', 0, 'time'], '2026')],
      ['a principal without name', withChange(good, ['model', 'answer', 'events', 0, 'principal', 'name'], undefined)],
      ['readOnly as text', withChange(good, ['model', 'answer', 'events', 0, 'readOnly'], 'true')],
      ['an unknown category', withChange(good, ['model', 'answer', 'events', 0, 'category'], 'admin')],
      ['a resource from nowhere', withChange(good, ['model', 'answer', 'events', 0, 'resources'], [{ from: 'x' }])],
      ['an unknown problem kind', withChange(good, ['model', 'answer', 'problems', 0, 'kind'], 'panic')],
      ['a problem without sentence', withChange(good, ['model', 'answer', 'problems', 0, 'sentence'], undefined)],
      ['an unreadable without reason', withChange(good, ['model', 'answer', 'unreadable', 0, 'reason'], undefined)],
      ['stale missing', withChange(good, ['model', 'answer', 'stale'], undefined)],
      ['truncated not text', withChange(good, ['model', 'answer', 'truncated'], [1])],
    ];
    for (const [what, message] of cases) assert.equal(isHostMessage(message), false, what);
  });
});

describe('timeline messages, page → host (checked by the host)', () => {
  test('the page’s requests pass', () => {
    const cases: unknown[] = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'export', format: 'json', eventIds: ['a', 'b'] },
      { type: 'export', format: 'csv', eventIds: [] },
      { type: 'rendered', rows: 2000, total: 2900 },
      { type: 'rendered', rows: 0, total: 0 },
    ];
    for (const message of cases) assert.ok(isPageMessage(message), JSON.stringify(message));
  });

  test('anything else is refused', () => {
    const cases: [string, unknown][] = [
      ['null', null],
      ['a number', 7],
      ['no type', {}],
      ['an unknown type', { type: 'readFile', path: '/etc/passwd' }],
      ['a type from the prototype', { type: 'toString' }],
      ['a type from the prototype, again', { type: '__proto__' }],
      ['export to another format', { type: 'export', format: 'xlsx', eventIds: [] }],
      ['export without ids', { type: 'export', format: 'csv' }],
      ['export with an id that is not text', { type: 'export', format: 'csv', eventIds: [1] }],
      ['export with a huge id', { type: 'export', format: 'csv', eventIds: ['x'.repeat(257)] }],
      ['rendered, negative', { type: 'rendered', rows: -1, total: 0 }],
      ['rendered, a fraction', { type: 'rendered', rows: 1.5, total: 2 }],
      ['rendered, not a number', { type: 'rendered', rows: NaN, total: 2 }],
    ];
    for (const [what, message] of cases) assert.equal(isPageMessage(message), false, what);
  });
});

describe('command arguments and saved state', () => {
  test('a hover link’s argument is a target; a malformed one is not', () => {
    assert.ok(isActivityTarget(cloned(TARGET)));
    assert.ok(
      isActivityTarget({
        query: { principal: 'deploy', accessKeyId: 'AKIA', eventName: 'X', since: 0, until: 5 },
        title: 't',
      }),
    );
    for (const bad of [
      { query: TARGET.query },
      { title: 't' },
      { query: { resource: 'b' }, title: 't' },
      { query: { since: 0, until: 'now' }, title: 't' },
      { query: { since: 0, resource: 'x'.repeat(5000) }, title: 't' },
      [TARGET],
    ])
      assert.equal(isActivityTarget(bad), false, JSON.stringify(bad).slice(0, 80));
  });

  test('the page’s saved state restores its view and lets the host reopen the panel; anything else gives the default', () => {
    const view = {
      filter: { principal: 'deploy', eventName: '', errorsOnly: true, readOnlyOnly: false },
      sort: { column: 'eventName', descending: false },
      selectedId: 'e1',
    };
    const state = { target: TARGET, notice: 'later', view };
    assert.ok(isPageState(cloned(state)));
    assert.ok(isSavedTimeline(cloned(state)));
    assert.deepEqual(restoredView(cloned(state)), view);
    for (const bad of [
      undefined,
      'x',
      { target: TARGET },
      { ...state, view: { ...view, sort: { column: 'password', descending: true } } },
      { ...state, view: { ...view, filter: { ...view.filter, errorsOnly: 'yes' } } },
    ])
      assert.deepEqual(restoredView(bad), DEFAULT_VIEW);
    assert.equal(isSavedTimeline({ view }), false);
  });
});
