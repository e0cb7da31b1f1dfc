import assert from 'node:assert/strict';
import { normaliseRecord, type ActivityEvent, type Normalised } from '../../../src/core';

export const ACCOUNT = '111122223333';

/** Alice, an IAM user with an access key: the caller of the hand-written records. */
export const ALICE = {
  type: 'IAMUser',
  principalId: 'AIDAJ45Q7YFFAREXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  userName: 'Alice',
};

/** A small API-call record of version 1.08's shape, with `fields` replacing or adding to it. */
export function apiCall(
  eventSource: string,
  eventName: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: ALICE,
    eventTime: '2024-05-01T10:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    eventID: '3c5d2a7e-0000-4000-8000-000000000001',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...fields,
  };
}

/** The event of a record that must normalise. */
export function eventOf(record: unknown): ActivityEvent {
  const result: Normalised = normaliseRecord(record);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.event;
}
