/** Events, references and answers for the glance tests, written as plain data around a fixed now. */
import type { ActivityEvent, ActivitySnapshot, Glance, ResourceReference } from '../../../src/core';
import { referenceQuery } from '../../../src/core';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let sequence = 0;

/** An event `ago` milliseconds before NOW. */
export function event(ago: number, fields: Partial<ActivityEvent> & { principalName?: string } = {}): ActivityEvent {
  const { principalName, ...rest } = fields;
  const time = NOW - ago;
  return {
    eventId: `e-${++sequence}`,
    eventTime: new Date(time).toISOString(),
    time,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    principal: { type: 'AssumedRole', name: principalName ?? 'deploy-role' },
    region: 'us-east-1',
    readOnly: true,
    category: 'management',
    resources: [],
    ...rest,
  };
}

export const bucket: ResourceReference = {
  span: { start: 10, end: 19 },
  text: 'my-bucket',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  arn: 'arn:aws:s3:::my-bucket',
  name: 'my-bucket',
  lookup: { attribute: 'ResourceName', value: 'my-bucket' },
  via: 'property',
};

export function answer(events: ActivityEvent[], fields: Partial<ActivitySnapshot> = {}): ActivitySnapshot {
  return { events, truncated: [], problems: [], fetchedAt: NOW, ...fields };
}

export function glance(fields: Partial<Glance> = {}, reference: ResourceReference = bucket): Glance {
  return { reference, query: referenceQuery(reference, NOW), problems: [], loading: false, ...fields };
}
