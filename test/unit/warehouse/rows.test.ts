import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  eventsOfRows,
  normaliseRecord,
  principalActionsOfRows,
  queryFailure,
  type WarehouseRow,
} from '../../../src/core';

const SESSION_ROW: WarehouseRow = {
  eventversion: '1.08',
  eventid: 'e-1',
  eventtime: '2024-05-01 12:00:00.000',
  eventsource: 'kms.amazonaws.com',
  eventname: 'Decrypt',
  awsregion: 'eu-west-1',
  sourceipaddress: '203.0.113.9',
  readonly: 'true',
  eventcategory: 'Management',
  recipientaccountid: '111122223333',
  // Lake's map of strings: a nested object is JSON text inside it.
  requestparameters: '{"keyId":"alias/app","encryptionContext":"{\\"app\\":\\"x\\"}"}',
  responseelements: '{"keyMetadata":"{\\"arn\\":\\"arn:aws:kms:eu-west-1:111122223333:key/k-1\\"}"}',
  identity_type: 'AssumedRole',
  identity_principalid: 'AROAEXAMPLE:deploy',
  identity_arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/deploy',
  identity_accountid: '111122223333',
  identity_accesskeyid: 'ASIAEXAMPLE',
  issuer_arn: 'arn:aws:iam::111122223333:role/Deploy',
  issuer_username: 'Deploy',
  resources_json:
    '[{"arn":"arn:aws:kms:eu-west-1:111122223333:key/k-1","accountid":"111122223333","type":"AWS::KMS::Key"}]',
};

/** The same event as a log file holds it. */
const SESSION_RECORD = {
  eventVersion: '1.08',
  eventID: 'e-1',
  eventTime: '2024-05-01T12:00:00Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '203.0.113.9',
  readOnly: true,
  eventCategory: 'Management',
  recipientAccountId: '111122223333',
  requestParameters: { keyId: 'alias/app', encryptionContext: { app: 'x' } },
  responseElements: { keyMetadata: { arn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1' } },
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:deploy',
    arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/deploy',
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/Deploy', userName: 'Deploy' } },
  },
  resources: [{ ARN: 'arn:aws:kms:eu-west-1:111122223333:key/k-1', accountId: '111122223333', type: 'AWS::KMS::Key' }],
};

test("a row reads as the same event as the log file's record (Lake's time and maps included)", () => {
  const expected = normaliseRecord(SESSION_RECORD);
  assert.ok(expected.ok);
  assert.deepEqual(eventsOfRows([SESSION_ROW]), { events: [expected.event], unreadable: [] });
});

test('resources[] as JSON arrays (a row cast without names) still give their ARNs', () => {
  const row = {
    ...SESSION_ROW,
    resources_json: '[["arn:aws:kms:eu-west-1:111122223333:key/k-1","111122223333","AWS::KMS::Key"]]',
  };
  const [event] = eventsOfRows([row]).events;
  assert.ok(event?.resources.some((r) => r.arn === 'arn:aws:kms:eu-west-1:111122223333:key/k-1'));
});

test('a row that is not an event is unreadable, with the reason, and the others are kept', () => {
  const { events, unreadable } = eventsOfRows([
    { ...SESSION_ROW, eventtime: 'yesterday' },
    { ...SESSION_ROW, eventid: 'e-2' },
    { eventname: 'X' },
  ]);
  assert.deepEqual(
    events.map((e) => e.eventId),
    ['e-2'],
  );
  assert.deepEqual(unreadable, [
    { eventId: 'e-1', reason: 'its eventTime is not a date and time: "yesterday"' },
    { reason: 'its eventID is missing' },
  ]);
});

test("principal actions merge event names into IAM actions, a session's calls under its role", () => {
  const rows: WarehouseRow[] = [
    {
      principal: 'arn:aws:iam::1:role/R',
      eventsource: 's3.amazonaws.com',
      eventname: 'ListObjects',
      calls: '2',
      lastseen: '2024-05-01 10:00:00',
    },
    {
      principal: 'arn:aws:iam::1:role/R',
      eventsource: 's3.amazonaws.com',
      eventname: 'ListObjectsV2',
      calls: '3',
      lastseen: '2024-05-02T10:00:00Z',
    },
    {
      principal: 'arn:aws:iam::1:role/R',
      eventsource: 'signin.amazonaws.com',
      eventname: 'ConsoleLogin',
      calls: '1',
      lastseen: '2024-05-01T09:00:00Z',
    },
    {
      principal: 'arn:aws:iam::1:user/u',
      eventsource: 'kms.amazonaws.com',
      eventname: 'Decrypt',
      calls: '7',
      lastseen: '2024-05-03T00:00:00Z',
    },
  ];
  assert.deepEqual(principalActionsOfRows(rows), [
    {
      principal: 'arn:aws:iam::1:role/R',
      actions: [
        { action: 's3:ListBucket', count: 5, last: Date.parse('2024-05-02T10:00:00Z') },
        { action: 'signin.amazonaws.com ConsoleLogin', count: 1, last: Date.parse('2024-05-01T09:00:00Z') },
      ],
    },
    {
      principal: 'arn:aws:iam::1:user/u',
      actions: [{ action: 'kms:Decrypt', count: 7, last: Date.parse('2024-05-03T00:00:00Z') }],
    },
  ]);
});

const failures: [string, string, string, RegExp][] = [
  [
    'a missing table',
    "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.t' does not exist",
    'noSuchTable',
    /^Athena has no table awsdatacatalog\.db\.t: create it/,
  ],
  [
    'a missing database',
    "SCHEMA_NOT_FOUND: line 1:15: Schema 'db' does not exist",
    'noSuchTable',
    /^Athena has no database db:/,
  ],
  [
    "S3 refusing the trail's bucket",
    'Permission denied on S3 path: s3://trail/AWSLogs/...',
    'accessDenied',
    /needs s3:GetObject and s3:ListBucket/,
  ],
  [
    'any other reason',
    'SYNTAX_ERROR: line 1:8: Column x cannot be resolved',
    'queryFailed',
    /^The Athena query failed: SYNTAX_ERROR: line 1:8: Column x cannot be resolved\.$/,
  ],
];
for (const [name, reason, kind, sentence] of failures)
  test(`a FAILED query explained: ${name}`, () => {
    const problem = queryFailure('Athena', reason, 'us-east-1');
    assert.equal(problem.kind, kind);
    assert.match(problem.sentence, sentence);
    assert.equal(problem.detail, reason);
    assert.equal(problem.region, 'us-east-1');
  });
