/**
 * LookupEvents activity through the gateway and the real SDK against the emulator over the Invictus
 * history: one event asked by its id (the EventId attribute, one request), and the detection facts of
 * every event that has any, equal to those of its record read from the log files, kept through JSON.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lookupActivity } from '../../../src/aws';
import { detectionFactsOf, type ActivityQuery } from '../../../src/core';
import { INVICTUS, invictusRecords } from '../emulator/invictus';
import { emulatorGateway } from './emulatorGateway';

const records = invictusRecords();
const byId = new Map(records.map((r) => [r.eventID, r]));
/** The events of these names carry facts (a sign-in's MFA, whom a key or login was made for, a narrowed trail). */
const WITH_FACTS = ['ConsoleLogin', 'CreateAccessKey', 'CreateLoginProfile', 'PutEventSelectors'];

describe('LookupEvents activity against the emulator, with the real SDK', () => {
  const aws = emulatorGateway(() => ({ cloudtrailLogs: INVICTUS, throttling: false }));
  const ask = (query: ActivityQuery) => lookupActivity(aws.gateway, query, { regions: [], maxPages: 5 });

  for (const name of WITH_FACTS)
    test(`${name}: each event asked by its id comes back alone, in one request, with its record's facts`, async () => {
      const named = records.filter((r) => r.eventName === name);
      assert.ok(named.length > 0);
      let withFacts = 0;
      for (const record of named) {
        const answer = await ask({ since: 0, eventId: record.eventID, eventName: name });
        assert.deepEqual(
          answer.events.map((e) => e.eventId),
          [record.eventID],
        );
        // A PutEventSelectors that restores a trail's logging narrows nothing: no facts, none returned.
        const facts = detectionFactsOf(record);
        assert.deepEqual(answer.facts, facts ? { [record.eventID]: facts } : {});
        if (facts) withFacts++;
      }
      assert.ok(withFacts > 0, `some ${name} has facts`);
      assert.equal(aws.emulator.requests.count('cloudtrail', 'LookupEvents'), named.length);
    });

  test('a name asked over the whole history: the facts of every event that has any, and JSON keeps them', async () => {
    for (const name of [...WITH_FACTS, 'StopLogging', 'ListBuckets']) {
      const answer = await ask({ since: 0, eventName: name });
      assert.ok(answer.events.length > 0, name);
      const expected = Object.fromEntries(
        answer.events.flatMap((e) => {
          const facts = detectionFactsOf(byId.get(e.eventId));
          return facts ? [[e.eventId, facts]] : [];
        }),
      );
      assert.deepEqual(answer.facts, expected, name);
      assert.equal(Object.keys(answer.facts).length > 0, WITH_FACTS.includes(name), name);
      assert.deepEqual(JSON.parse(JSON.stringify(answer.facts)), answer.facts);
    }
  });

  test('an event id no event has: nothing, no facts', async () => {
    const answer = await ask({ since: 0, eventId: '00000000-0000-0000-0000-000000000000' });
    assert.deepEqual([answer.events, answer.facts, answer.problems], [[], {}, []]);
  });
});
