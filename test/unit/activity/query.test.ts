import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventFilter, lookupAttributeOf, normaliseRecord, parseSince, type ActivityEvent } from '../../../src/core';
import { apiCall } from './records';

const NOW = Date.parse('2024-05-02T10:00:00Z');
const SINCE = NOW - 7 * 86_400_000;

function event(record: Record<string, unknown>): ActivityEvent {
  const normalised = normaliseRecord(record);
  assert.ok(normalised.ok, JSON.stringify(normalised));
  return normalised.event;
}

const session = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:deploy-42',
  arn: 'arn:aws:sts::111122223333:assumed-role/DeployRole/deploy-42',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLE',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLE',
      arn: 'arn:aws:iam::111122223333:role/DeployRole',
      accountId: '111122223333',
      userName: 'DeployRole',
    },
  },
};
const putPolicy = event(
  apiCall('s3.amazonaws.com', 'PutBucketPolicy', {
    userIdentity: session,
    requestParameters: { bucketName: 'app-logs' },
    readOnly: false,
  }),
);
const aliceGet = event(
  apiCall('s3.amazonaws.com', 'GetBucketPolicy', {
    requestParameters: { bucketName: 'app-logs' },
    eventID: '3c5d2a7e-0000-4000-8000-000000000002',
  }),
);

describe('activity queries', () => {
  it('sends LookupEvents the most selective attribute the query has', () => {
    const cases: [Parameters<typeof lookupAttributeOf>[0], ReturnType<typeof lookupAttributeOf>][] = [
      [{ since: SINCE }, undefined],
      [
        { since: SINCE, eventName: 'PutBucketPolicy' },
        { key: 'EventName', value: 'PutBucketPolicy' },
      ],
      // A bare name may be a role's, whose calls CloudTrail records under its sessions' names: filtered here.
      [
        { since: SINCE, principal: 'Alice', eventName: 'X' },
        { key: 'EventName', value: 'X' },
      ],
      [{ since: SINCE, principal: 'Alice' }, undefined],
      [
        { since: SINCE, principal: 'arn:aws:iam::111122223333:user/team/Alice' },
        { key: 'Username', value: 'Alice' },
      ],
      // A role's sessions are not named after it: filtered here, not looked up by name.
      [{ since: SINCE, principal: 'arn:aws:iam::111122223333:role/DeployRole' }, undefined],
      [
        { since: SINCE, principal: 'Alice', resource: 'app-logs' },
        { key: 'ResourceName', value: 'app-logs' },
      ],
      [
        { since: SINCE, resource: 'app-logs', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
        { key: 'AccessKeyId', value: 'AKIAIOSFODNN7EXAMPLE' },
      ],
      // An event id names one event: asked of AWS before anything else.
      [
        { since: SINCE, eventId: 'e-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', resource: 'app-logs' },
        { key: 'EventId', value: 'e-1' },
      ],
    ];
    for (const [query, expected] of cases) assert.deepEqual(lookupAttributeOf(query), expected, JSON.stringify(query));
  });

  it('filters events by every part of the query', () => {
    const cases: [Parameters<typeof eventFilter>[0], boolean, boolean][] = [
      // query, matches putPolicy (DeployRole session), matches aliceGet (user Alice)
      [{ since: SINCE }, true, true],
      [{ since: NOW }, false, false],
      [{ since: SINCE, until: SINCE + 1 }, false, false],
      [{ since: SINCE, resource: 'app-logs' }, true, true],
      [{ since: SINCE, resource: 'arn:aws:s3:::app-logs' }, true, true],
      [{ since: SINCE, resource: 'other-bucket' }, false, false],
      // The same name as another type's ARN is not the bucket.
      [{ since: SINCE, resource: 'arn:aws:iam::111122223333:role/app-logs' }, false, false],
      [{ since: SINCE, eventName: 'PutBucketPolicy' }, true, false],
      [{ since: SINCE, accessKeyId: 'ASIAEXAMPLE' }, true, false],
      [{ since: SINCE, principal: 'arn:aws:iam::111122223333:role/DeployRole' }, true, false],
      [{ since: SINCE, principal: 'arn:aws:sts::111122223333:assumed-role/DeployRole' }, true, false],
      [{ since: SINCE, principal: 'arn:aws:sts::111122223333:assumed-role/DeployRole/deploy-42' }, true, false],
      [{ since: SINCE, principal: 'arn:aws:sts::111122223333:assumed-role/Deploy' }, false, false],
      [{ since: SINCE, principal: 'DeployRole' }, true, false],
      [{ since: SINCE, principal: 'deploy-42' }, true, false],
      [{ since: SINCE, principal: 'Alice' }, false, true],
      [{ since: SINCE, principal: 'arn:aws:iam::111122223333:user/Alice' }, false, true],
      [{ since: SINCE, eventId: putPolicy.eventId }, true, false],
      [{ since: SINCE, eventId: aliceGet.eventId }, false, true],
      [{ since: SINCE, eventId: aliceGet.eventId, principal: 'Alice' }, false, true],
      [{ since: SINCE, eventId: aliceGet.eventId, eventName: 'PutBucketPolicy' }, false, false],
      [{ since: NOW, eventId: aliceGet.eventId }, false, false],
    ];
    assert.notEqual(putPolicy.eventId, aliceGet.eventId);
    for (const [query, put, get] of cases) {
      const matches = eventFilter(query);
      assert.equal(matches(putPolicy), put, `PutBucketPolicy ${JSON.stringify(query)}`);
      assert.equal(matches(aliceGet), get, `GetBucketPolicy ${JSON.stringify(query)}`);
    }
  });

  it('reads a window as a duration before now or as an ISO time', () => {
    const cases: [string, number | undefined][] = [
      ['24h', NOW - 86_400_000],
      ['7d', NOW - 7 * 86_400_000],
      ['90d', NOW - 90 * 86_400_000],
      ['30m', NOW - 1_800_000],
      [' 2h ', NOW - 7_200_000],
      ['2024-04-01T00:00:00Z', Date.parse('2024-04-01T00:00:00Z')],
      ['2024-04-01', Date.parse('2024-04-01')],
      ['7w', undefined],
      ['yesterday', undefined],
      ['2024-13-45', undefined],
      ['', undefined],
      ['-1d', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(parseSince(text, NOW), expected, text);
  });
});
