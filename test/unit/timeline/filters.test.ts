import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityEvent } from '../../../src/core';
import { COLUMNS, nextSort, sortEvents, type ColumnId } from '../../../src/webview/timeline/columns';
import { filterEvents, NO_FILTER, type EventFilter } from '../../../src/webview/timeline/filters';
import { event, invictusEvents } from './events';

const deploy = event('2026-03-01T10:00:00Z', {
  eventName: 'PutBucketPolicy',
  action: 's3:PutBucketPolicy',
  readOnly: false,
  principal: {
    type: 'AssumedRole',
    name: 'deploy-role/ci-run-7',
    arn: 'arn:aws:sts::111122223333:assumed-role/deploy-role/ci-run-7',
    roleArn: 'arn:aws:iam::111122223333:role/deploy-role',
    sessionName: 'ci-run-7',
  },
  sourceIp: '10.0.0.10',
});
const denied = event('2026-03-01T11:00:00Z', {
  eventName: 'GetObject',
  action: 's3:GetObject',
  errorCode: 'AccessDenied',
  principal: { type: 'IAMUser', name: 'mallory', arn: 'arn:aws:iam::444455556666:user/mallory' },
  sourceIp: '10.0.0.9',
});
const read = event('2026-03-01T12:00:00Z', {
  eventName: 'ListBuckets',
  action: 's3:ListAllMyBuckets',
  sourceIp: '192.168.1.2',
});
const unknownKind = event('2026-03-01T09:00:00Z', {
  eventName: 'ConsoleLogin',
  action: undefined,
  readOnly: undefined,
  eventSource: 'signin.amazonaws.com',
  sourceIp: undefined,
  principal: { type: 'Root', name: 'root' },
});
const EVENTS = [deploy, denied, read, unknownKind];

const ids = (events: readonly ActivityEvent[]) => events.map((e) => e.eventId);
const filter = (f: Partial<EventFilter>) => ids(filterEvents(EVENTS, { ...NO_FILTER, ...f }));

describe('timeline filters', () => {
  test('each filter, alone and together', () => {
    const cases: [Partial<EventFilter>, ActivityEvent[]][] = [
      [{}, EVENTS],
      [{ principal: 'MALLORY' }, [denied]],
      [{ principal: 'deploy-role' }, [deploy]],
      [{ principal: 'ci-run-7' }, [deploy]],
      [{ principal: 'arn:aws:iam::111122223333:role/deploy' }, [deploy]],
      [{ principal: '  alice ' }, [read]],
      [{ principal: 'nobody' }, []],
      [{ eventName: 'bucket' }, [deploy, read]],
      [{ eventName: 's3:ListAll' }, [read]],
      [{ eventName: 'consolelogin' }, [unknownKind]],
      [{ errorsOnly: true }, [denied]],
      [{ readOnlyOnly: true }, [denied, read]],
      [{ readOnlyOnly: true, errorsOnly: true }, [denied]],
      [{ readOnlyOnly: true, principal: 'alice', eventName: 'get' }, []],
      [{ errorsOnly: true, principal: 'alice' }, []],
    ];
    for (const [f, expected] of cases) assert.deepEqual(filter(f), ids(expected), JSON.stringify(f));
  });

  test('over the Invictus dataset: a subset in the same order, and "errors only" is exactly the failed calls', () => {
    const errors = filterEvents(invictusEvents, { ...NO_FILTER, errorsOnly: true });
    assert.equal(errors.length, invictusEvents.filter((e) => e.errorCode !== undefined).length);
    assert.ok(errors.length > 0);
    const reads = filterEvents(invictusEvents, { ...NO_FILTER, readOnlyOnly: true });
    assert.ok(reads.every((e) => e.readOnly === true) && reads.length > 0);
    const all = filterEvents(invictusEvents, NO_FILTER);
    assert.deepEqual(ids(all), ids(invictusEvents));
  });
});

describe('timeline table: columns and sorting', () => {
  test('every column shows text, blank where the event has no value', () => {
    const shown = COLUMNS.map((c) => [c.id, c.text(unknownKind)]);
    assert.deepEqual(Object.fromEntries(shown), {
      time: '2026-03-01T09:00:00Z',
      eventName: 'ConsoleLogin',
      principal: 'root',
      sourceIp: '',
      region: 'us-east-1',
      kind: '',
      errorCode: '',
    });
    assert.equal(COLUMNS.find((c) => c.id === 'kind')!.text(deploy), 'write');
  });

  test('by each column, both ways; the input is left as it was', () => {
    const before = ids(EVENTS);
    const cases: [ColumnId, boolean, ActivityEvent[]][] = [
      ['time', true, [read, denied, deploy, unknownKind]],
      ['time', false, [unknownKind, deploy, denied, read]],
      ['eventName', false, [unknownKind, denied, read, deploy]],
      ['principal', false, [read, deploy, denied, unknownKind]],
      // Numeric parts in order: 10.0.0.9 before 10.0.0.10; a blank first.
      ['sourceIp', false, [unknownKind, denied, deploy, read]],
      ['errorCode', true, [denied, read, deploy, unknownKind]],
    ];
    for (const [column, descending, expected] of cases)
      assert.deepEqual(ids(sortEvents(EVENTS, { column, descending })), ids(expected), `${column} ${descending}`);
    assert.deepEqual(ids(EVENTS), before);
  });

  test('ties keep the newest first, whichever way the column goes', () => {
    const a = event('2026-03-01T10:00:00Z', { region: 'eu-west-1' });
    const b = event('2026-03-01T11:00:00Z', { region: 'eu-west-1' });
    const c = event('2026-03-01T12:00:00Z', { region: 'ap-south-1' });
    assert.deepEqual(ids(sortEvents([a, b, c], { column: 'region', descending: false })), ids([c, b, a]));
    assert.deepEqual(ids(sortEvents([a, b, c], { column: 'region', descending: true })), ids([b, a, c]));
  });

  test('a header click turns the same column around; another column starts ascending (time: newest first)', () => {
    assert.deepEqual(nextSort({ column: 'time', descending: true }, 'time'), { column: 'time', descending: false });
    assert.deepEqual(nextSort({ column: 'time', descending: true }, 'eventName'), {
      column: 'eventName',
      descending: false,
    });
    assert.deepEqual(nextSort({ column: 'eventName', descending: false }, 'eventName'), {
      column: 'eventName',
      descending: true,
    });
    assert.deepEqual(nextSort({ column: 'region', descending: false }, 'time'), { column: 'time', descending: true });
  });
});
