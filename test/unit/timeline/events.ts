import { normaliseRecord, type ActivityEvent } from '../../../src/core';
import { invictusFiles } from '../activity/invictus';

/** Every event of the Invictus dataset as the event model reads it, newest first (2,900 real events). */
export const invictusEvents: readonly ActivityEvent[] = invictusFiles
  .flatMap(({ records }) => records.map((r) => normaliseRecord(r)))
  .flatMap((n) => (n.ok ? [n.event] : []))
  .sort((a, b) => b.time - a.time);

let counter = 0;

/** A made-up event at an ISO time; the rest as given, or plain defaults. */
export function event(eventTime: string, fields: Partial<ActivityEvent> = {}): ActivityEvent {
  counter += 1;
  return {
    eventId: `e${counter}`,
    eventTime,
    time: Date.parse(eventTime),
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    action: 's3:GetBucketPolicy',
    principal: { type: 'IAMUser', name: 'alice', arn: 'arn:aws:iam::111122223333:user/alice' },
    region: 'us-east-1',
    readOnly: true,
    category: 'management',
    resources: [],
    ...fields,
  };
}
