/** Facts kept beside a segment's events: given back by ordinal, whatever order the events were added in. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSegment, Segment, SegmentBuilder, type ActivityEvent } from '../../../src/core';
import { invictusEvents, seeded } from './events';

/** The Invictus events shuffled, so the segment's time order is not the order they were added in. */
function shuffled(): ActivityEvent[] {
  const random = seeded(16);
  const events = [...invictusEvents];
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return events;
}

describe('facts in a segment', () => {
  test('each event added with facts gets them back at its ordinal; the others get none', () => {
    const builder = new SegmentBuilder();
    const expected = new Map<string, object>();
    shuffled().forEach((event, i) => {
      builder.add(event);
      // Every seventh event, with facts of each shape the detections keep.
      if (i % 7 !== 0) return;
      const facts = i % 2 === 0 ? { signIn: 'Success', mfaUsed: 'No', n: i } : { passwordResetRequired: false, n: i };
      builder.setFacts(facts);
      expected.set(`${event.eventId} ${event.file}`, facts);
    });
    const segment = Segment.open(builder.finish());
    assert.equal(segment.factCount, expected.size);
    for (let ordinal = 0; ordinal < segment.count; ordinal++) {
      const event = segment.event(ordinal);
      assert.deepEqual(segment.factsOf(ordinal), expected.get(`${event.eventId} ${event.file}`), event.eventId);
    }
  });

  test('a segment without facts answers undefined for every ordinal and past the end', () => {
    const segment = Segment.open(buildSegment(invictusEvents.slice(0, 100)));
    assert.equal(segment.factCount, 0);
    for (const ordinal of [0, 50, 99, 100, -1]) assert.equal(segment.factsOf(ordinal), undefined);
  });

  test('a cleared builder forgets the facts of the last segment', () => {
    const builder = new SegmentBuilder();
    builder.add(invictusEvents[0]!);
    builder.setFacts({ worldCidr: '0.0.0.0/0' });
    builder.finish();
    builder.clear();
    builder.add(invictusEvents[1]!);
    assert.equal(Segment.open(builder.finish()).factsOf(0), undefined);
  });

  test('facts before any event are a mistake of the caller', () => {
    assert.throws(() => new SegmentBuilder().setFacts({ signIn: 'Failure' }), /before any event/);
  });
});
