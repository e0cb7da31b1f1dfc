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

test('principal actions: event names merged into IAM actions, refusals apart, the window from every row', () => {
  const row = (
    principal: string | undefined,
    eventsource: string,
    eventname: string,
    calls: number,
    [firstseen, lastseen]: [string, string],
    more: Partial<Record<'outcome' | 'category' | 'eventtype', string>> = {},
  ): WarehouseRow => ({
    ...(principal !== undefined && { principal }),
    eventsource,
    eventname,
    calls: String(calls),
    firstseen,
    lastseen,
    outcome: 'allowed',
    category: 'other',
    ...more,
  });
  const role = 'arn:aws:iam::1:role/R';
  const rows: WarehouseRow[] = [
    // Lake's TIMESTAMP text and Athena's ISO text both read as UTC.
    row(role, 's3.amazonaws.com', 'ListObjects', 2, ['2024-05-01 09:00:00.000', '2024-05-01 10:00:00.000']),
    row(role, 's3.amazonaws.com', 'ListObjectsV2', 3, ['2024-05-02T09:00:00Z', '2024-05-02T10:00:00Z']),
    row(role, 's3.amazonaws.com', 'PutObject', 1, ['2024-05-02T11:00:00Z', '2024-05-02T11:00:00Z'], {
      outcome: 'denied',
      category: 'data',
    }),
    // No IAM action authorised a sign-in or a service's own event: left out, as the log index leaves them.
    row(role, 'signin.amazonaws.com', 'ConsoleLogin', 1, ['2024-05-01T08:00:00Z', '2024-05-01T08:00:00Z']),
    row(role, 'kms.amazonaws.com', 'RotateKey', 1, ['2024-05-01T08:30:00Z', '2024-05-01T08:30:00Z'], {
      eventtype: 'AwsServiceEvent',
    }),
    // A principal not asked for: its data event and times still count for the window.
    row(undefined, 'lambda.amazonaws.com', 'Invoke', 4, ['2024-04-30T00:00:00Z', '2024-05-03T00:00:00Z'], {
      category: 'data',
    }),
  ];
  assert.deepEqual(principalActionsOfRows(rows), {
    principals: [
      {
        principal: role,
        actions: [{ action: 's3:ListBucket', count: 5, last: Date.parse('2024-05-02T10:00:00Z') }],
        denied: [{ action: 's3:PutObject', count: 1, last: Date.parse('2024-05-02T11:00:00Z') }],
      },
    ],
    dataEventServices: ['lambda', 's3'],
    oldest: Date.parse('2024-04-30T00:00:00Z'),
    newest: Date.parse('2024-05-03T00:00:00Z'),
  });
  assert.deepEqual(principalActionsOfRows([]), { principals: [], dataEventServices: [] });
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
