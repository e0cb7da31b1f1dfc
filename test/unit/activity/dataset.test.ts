import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { whyNoAction } from '../../../src/core/activity/noAction';
import { normaliseRecord } from '../../../src/core/activity/normalise';
import type { ActivityEvent } from '../../../src/core/activity/event';
import { Catalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';
import { invictusFiles } from './invictus';

const catalog = Catalog.load(catalogFile);

/** The dataset's events that no IAM action authorised, each explained by noAction.ts. */
const WITHOUT_ACTION = [
  'ec2.amazonaws.com SharedSnapshotVolumeCreated',
  'secretsmanager.amazonaws.com EndSecretVersionDelete',
  'secretsmanager.amazonaws.com StartSecretVersionDelete',
  'signin.amazonaws.com CheckMfa',
  'signin.amazonaws.com ConsoleLogin',
];

describe('the Invictus dataset, every event', () => {
  const records = invictusFiles.flatMap((f) => f.records);
  const events: ActivityEvent[] = records.map((record) => {
    const result = normaliseRecord(record);
    assert.ok(result.ok, `${String(record.eventID)}: ${result.ok ? '' : result.reason}`);
    return result.event;
  });

  test('is read: 55 files, 2,900 events, 260 event names', () => {
    assert.equal(invictusFiles.length, 55);
    assert.equal(events.length, 2900);
    assert.equal(new Set(events.map((e) => e.eventName)).size, 260);
  });

  test('keeps the identifiers and the time as recorded', () => {
    events.forEach((e, i) => {
      const r = records[i]!;
      assert.equal(e.eventId, r.eventID);
      assert.equal(e.eventTime, r.eventTime);
      assert.ok(Number.isFinite(e.time), e.eventId);
      assert.equal(e.time, new Date(e.eventTime).getTime(), e.eventId);
      assert.equal(e.eventSource, r.eventSource);
      assert.equal(e.eventName, r.eventName);
      assert.equal(e.region, r.awsRegion);
      assert.equal(e.errorCode, r.errorCode);
      assert.equal(e.category, 'management');
    });
  });

  test('every action is prefix:Name and exists in the IAM catalog, with exactly its case', () => {
    for (const e of events) {
      if (e.action === undefined) continue;
      assert.match(e.action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, e.eventId);
      assert.equal(catalog.action(e.action)?.fullName, e.action, `${e.eventSource} ${e.eventName} → ${e.action}`);
    }
  });

  test('the events without an action are exactly the explained ones', () => {
    const without = events.filter((e) => e.action === undefined);
    assert.deepEqual([...new Set(without.map((e) => `${e.eventSource} ${e.eventName}`))].sort(), WITHOUT_ACTION);
    without.forEach((e) => {
      const eventType = records[events.indexOf(e)]!.eventType as string;
      assert.ok(whyNoAction(e.eventSource, e.eventName, eventType), `${e.eventName} has no reason`);
    });
  });

  test('every principal has a type and a name; every resource ARN is an ARN', () => {
    for (const e of events) {
      assert.ok(e.principal.type !== '' && e.principal.name !== '', e.eventId);
      for (const r of e.resources) {
        if (r.arn !== undefined) assert.ok(r.arn.startsWith('arn:'), `${e.eventId}: ${r.arn}`);
        assert.ok(r.arn !== undefined || r.name !== undefined, e.eventId);
      }
    }
  });

  test('every resources[] entry of the record is kept, once', () => {
    events.forEach((e, i) => {
      const recorded = (records[i]!.resources ?? []) as { ARN: string }[];
      const arns = e.resources.flatMap((r) => r.arn ?? []);
      assert.equal(new Set(arns).size, arns.length, e.eventId);
      for (const { ARN } of recorded) assert.ok(arns.includes(ARN), `${e.eventId}: ${ARN}`);
    });
  });

  test('principals: the dataset has IAM users, role sessions and services, and no anonymous caller', () => {
    const types = new Map<string, number>();
    for (const e of events) types.set(e.principal.type, (types.get(e.principal.type) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(types), { IAMUser: 2748, AssumedRole: 76, AWSService: 76 });
  });
});
