import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DETECTIONS,
  detectionFactsOf,
  runDetections,
  type ActivityEvent,
  type DetectionFacts,
  type Hit,
} from '../../../src/core';
import { ACCOUNT, apiCall, eventOf } from '../activity/records';

/** The detections' ids that a run over these records reports, in order. */
function fired(records: readonly Record<string, unknown>[]): string[] {
  const facts = new Map<ActivityEvent, DetectionFacts | undefined>();
  for (const record of records) facts.set(eventOf(record), detectionFactsOf(record));
  return runDetections([...facts.keys()], (event) => facts.get(event)).map((hit) => hit.detection);
}

const ROOT = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
const ROLE_SESSION = (role: string, session: string) => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
  accountId: ACCOUNT,
  sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, userName: role } },
});

function signIn(result: string, mfa: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return apiCall('signin.amazonaws.com', 'ConsoleLogin', {
    eventType: 'AwsConsoleSignIn',
    responseElements: { ConsoleLogin: result },
    additionalEventData: { MFAUsed: mfa },
    ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    ...fields,
  });
}

const s3 = (name: string, requestParameters: unknown, fields = {}) =>
  apiCall('s3.amazonaws.com', name, {
    requestParameters: { bucketName: 'reports', ...(requestParameters as object) },
    ...fields,
  });
const ec2 = (name: string, requestParameters: unknown) => apiCall('ec2.amazonaws.com', name, { requestParameters });
const iam = (name: string, requestParameters: unknown, responseElements: unknown = null) =>
  apiCall('iam.amazonaws.com', name, { requestParameters, responseElements });
const publicStatement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };

/** The same record `times` times, a second apart, with distinct ids (and `vary` per copy). */
function repeated(
  times: number,
  make: (i: number) => Record<string, unknown>,
  stepMs = 1000,
): Record<string, unknown>[] {
  return Array.from({ length: times }, (_, i) => ({
    ...make(i),
    eventID: `burst-${i}`,
    eventTime: new Date(Date.parse('2024-05-01T10:00:00Z') + i * stepMs).toISOString().replace('.000Z', 'Z'),
  }));
}

describe('each detection on positive and negative events', () => {
  const cases: [label: string, records: Record<string, unknown>[], expected: string[]][] = [
    [
      'root calls an API',
      [apiCall('s3.amazonaws.com', 'ListBuckets', { userIdentity: ROOT })],
      ['root-account-activity'],
    ],
    [
      'root denied is not activity',
      [apiCall('s3.amazonaws.com', 'ListBuckets', { userIdentity: ROOT, errorCode: 'AccessDenied' })],
      [],
    ],
    [
      'a service for root is not root',
      [apiCall('s3.amazonaws.com', 'ListBuckets', { userIdentity: { ...ROOT, invokedBy: 'support.amazonaws.com' } })],
      [],
    ],
    // Within one event, detections that list its name come before those that read every event.
    [
      'root signs in with MFA',
      [signIn('Success', 'Yes', { userIdentity: ROOT })],
      ['root-console-login', 'root-account-activity'],
    ],
    ['root fails to sign in', [signIn('Failure', 'No', { userIdentity: ROOT })], []],
    ['a user signs in without MFA', [signIn('Success', 'No')], ['console-login-without-mfa']],
    ['a user signs in with MFA', [signIn('Success', 'Yes')], []],
    [
      'SAML sign-in reports no MFA',
      [
        signIn('Success', 'No', {
          additionalEventData: { MFAUsed: 'No', SamlProviderArn: 'arn:aws:iam::1:saml-provider/Okta' },
        }),
      ],
      [],
    ],
    ['a role session signs in', [signIn('Success', 'No', { userIdentity: ROLE_SESSION('Admin', 'alice') })], []],
    [
      'five failed sign-ins in ten minutes',
      repeated(5, () => signIn('Failure', 'No'), 60_000),
      ['console-login-failures'],
    ],
    ['five failed sign-ins over an hour', repeated(5, () => signIn('Failure', 'No'), 15 * 60_000), []],
    ['four failed sign-ins', repeated(4, () => signIn('Failure', 'No')), []],
    [
      'StopLogging',
      [apiCall('cloudtrail.amazonaws.com', 'StopLogging', { requestParameters: { name: 'main' } })],
      ['cloudtrail-logging-weakened'],
    ],
    [
      'StopLogging failed',
      [apiCall('cloudtrail.amazonaws.com', 'StopLogging', { errorCode: 'TrailNotFoundException' })],
      [],
    ],
    [
      'selectors without management events',
      [
        apiCall('cloudtrail.amazonaws.com', 'PutEventSelectors', {
          requestParameters: {
            trailName: 'main',
            eventSelectors: [{ includeManagementEvents: false, readWriteType: 'All' }],
          },
        }),
      ],
      ['cloudtrail-logging-weakened'],
    ],
    [
      'selectors recording everything',
      [
        apiCall('cloudtrail.amazonaws.com', 'PutEventSelectors', {
          requestParameters: {
            trailName: 'main',
            eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }],
          },
        }),
      ],
      [],
    ],
    [
      'a trail made single-Region',
      [
        apiCall('cloudtrail.amazonaws.com', 'UpdateTrail', {
          requestParameters: { name: 'main', isMultiRegionTrail: false },
        }),
      ],
      ['cloudtrail-logging-weakened'],
    ],
    [
      'a trail given a new bucket',
      [apiCall('cloudtrail.amazonaws.com', 'UpdateTrail', { requestParameters: { name: 'main', s3BucketName: 'b' } })],
      [],
    ],
    [
      'GuardDuty detector deleted',
      [apiCall('guardduty.amazonaws.com', 'DeleteDetector', { requestParameters: { detectorId: 'd1' } })],
      ['security-service-disabled'],
    ],
    [
      'GuardDuty detector disabled',
      [
        apiCall('guardduty.amazonaws.com', 'UpdateDetector', {
          requestParameters: { detectorId: 'd1', enable: false },
        }),
      ],
      ['security-service-disabled'],
    ],
    [
      'GuardDuty detector tuned',
      [apiCall('guardduty.amazonaws.com', 'UpdateDetector', { requestParameters: { detectorId: 'd1', enable: true } })],
      [],
    ],
    [
      'Config recorder stopped',
      [apiCall('config.amazonaws.com', 'StopConfigurationRecorder')],
      ['security-service-disabled'],
    ],
    [
      'an inline policy put on a role',
      [iam('PutRolePolicy', { roleName: 'app', policyName: 'p' })],
      ['iam-policy-modified'],
    ],
    ['a role read', [iam('GetRole', { roleName: 'app' })], []],
    [
      'a key for another user',
      [iam('CreateAccessKey', { userName: 'bob' }, { accessKey: { userName: 'bob' } })],
      ['access-key-for-other-user'],
    ],
    ['a key for oneself', [iam('CreateAccessKey', null, { accessKey: { userName: 'Alice' } })], []],
    [
      "another user's password, no reset",
      [iam('CreateLoginProfile', { userName: 'bob', passwordResetRequired: false })],
      ['login-profile-for-other-user'],
    ],
    [
      "another user's password, reset required",
      [iam('UpdateLoginProfile', { userName: 'bob', passwordResetRequired: true })],
      [],
    ],
    ['own password changed', [iam('UpdateLoginProfile', { userName: 'Alice' })], []],
    [
      'a KMS key scheduled for deletion',
      [
        apiCall('kms.amazonaws.com', 'ScheduleKeyDeletion', {
          requestParameters: { keyId: 'k1', pendingWindowInDays: 7 },
        }),
      ],
      ['kms-key-disabled-or-deleted'],
    ],
    ['a KMS key enabled', [apiCall('kms.amazonaws.com', 'EnableKey', { requestParameters: { keyId: 'k1' } })], []],
    [
      'SSH opened to the world',
      [
        ec2('AuthorizeSecurityGroupIngress', {
          groupId: 'sg-1',
          ipPermissions: {
            items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }],
          },
        }),
      ],
      ['network-open-to-world'],
    ],
    [
      'IPv6 world, older flat form',
      [ec2('AuthorizeSecurityGroupIngress', { groupId: 'sg-1', cidrIpv6: '::/0' })],
      ['network-open-to-world'],
    ],
    [
      'SSH opened to an office',
      [ec2('AuthorizeSecurityGroupIngress', { groupId: 'sg-1', cidrIp: '198.51.100.0/24' })],
      [],
    ],
    [
      'a NACL allows the world in',
      [
        ec2('CreateNetworkAclEntry', {
          networkAclId: 'acl-1',
          cidrBlock: '0.0.0.0/0',
          ruleAction: 'allow',
          egress: false,
        }),
      ],
      ['network-open-to-world'],
    ],
    [
      'a NACL denies the world',
      [
        ec2('CreateNetworkAclEntry', {
          networkAclId: 'acl-1',
          cidrBlock: '0.0.0.0/0',
          ruleAction: 'deny',
          egress: false,
        }),
      ],
      [],
    ],
    [
      'a NACL allows the world out',
      [
        ec2('ReplaceNetworkAclEntry', {
          networkAclId: 'acl-1',
          cidrBlock: '0.0.0.0/0',
          ruleAction: 'allow',
          egress: true,
        }),
      ],
      [],
    ],
    [
      'a public bucket policy',
      [s3('PutBucketPolicy', { bucketPolicy: { Statement: [publicStatement] } })],
      ['resource-made-public'],
    ],
    [
      'a public policy limited to an organisation',
      [
        s3('PutBucketPolicy', {
          bucketPolicy: {
            Statement: [{ ...publicStatement, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }],
          },
        }),
      ],
      [],
    ],
    [
      'a public policy that only demands TLS',
      [
        s3('PutBucketPolicy', {
          bucketPolicy: { Statement: [{ ...publicStatement, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] },
        }),
      ],
      ['resource-made-public'],
    ],
    ['a public canned ACL', [s3('PutBucketAcl', { 'x-amz-acl': ['public-read'] })], ['resource-made-public']],
    [
      'an ACL granting AllUsers',
      [
        s3('PutBucketAcl', {
          AccessControlPolicy: {
            AccessControlList: {
              Grant: [{ Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
            },
          },
        }),
      ],
      ['resource-made-public'],
    ],
    ['a private ACL', [s3('PutBucketAcl', { 'x-amz-acl': ['private'] })], []],
    [
      'a secret policy as JSON text',
      [
        apiCall('secretsmanager.amazonaws.com', 'PutResourcePolicy', {
          requestParameters: {
            secretId: 's',
            resourcePolicy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: '*' } }),
          },
        }),
      ],
      ['resource-made-public'],
    ],
    ['public access block deleted', [s3('DeleteBucketPublicAccessBlock', {})], ['s3-public-access-block-removed']],
    [
      'public access block turned off',
      [
        s3('PutBucketPublicAccessBlock', {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: false,
            RestrictPublicBuckets: true,
          },
        }),
      ],
      ['s3-public-access-block-removed'],
    ],
    [
      'public access block all on',
      [
        s3('PutBucketPublicAccessBlock', {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      ],
      [],
    ],
    [
      'BatchGetSecretValue',
      [apiCall('secretsmanager.amazonaws.com', 'BatchGetSecretValue', { requestParameters: { filters: [] } })],
      ['secrets-batch-retrieval'],
    ],
    [
      'ten secrets in a minute',
      repeated(10, (i) =>
        apiCall('secretsmanager.amazonaws.com', 'GetSecretValue', { requestParameters: { secretId: `db-${i}` } }),
      ),
      ['secrets-many-read'],
    ],
    [
      'one secret read ten times',
      repeated(10, () =>
        apiCall('secretsmanager.amazonaws.com', 'GetSecretValue', { requestParameters: { secretId: 'db' } }),
      ),
      [],
    ],
    [
      'ten secrets read by Terraform',
      repeated(10, (i) =>
        apiCall('secretsmanager.amazonaws.com', 'GetSecretValue', {
          userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.1.2',
          requestParameters: { secretId: `db-${i}` },
        }),
      ),
      [],
    ],
    [
      'five GetPasswordData',
      repeated(5, () => ec2('GetPasswordData', { instanceId: 'i-1' })),
      ['ec2-password-data-burst'],
    ],
    ['one GetPasswordData', [ec2('GetPasswordData', { instanceId: 'i-1' })], []],
    [
      'instance credentials from a second address',
      repeated(2, (i) =>
        apiCall('ec2.amazonaws.com', 'DescribeInstances', {
          userIdentity: ROLE_SESSION('web', 'i-0123456789abcdef0'),
          sourceIPAddress: i === 0 ? '3.5.140.2' : '203.0.113.9',
        }),
      ),
      ['instance-credentials-elsewhere'],
    ],
    [
      'instance credentials from the same address',
      repeated(2, () =>
        apiCall('ec2.amazonaws.com', 'DescribeInstances', {
          userIdentity: ROLE_SESSION('web', 'i-0123456789abcdef0'),
          sourceIPAddress: '3.5.140.2',
        }),
      ),
      [],
    ],
    [
      'a role session (not an instance) from two addresses',
      repeated(2, (i) =>
        apiCall('ec2.amazonaws.com', 'DescribeInstances', {
          userIdentity: ROLE_SESSION('ci', 'build-7'),
          sourceIPAddress: i === 0 ? '3.5.140.2' : '203.0.113.9',
        }),
      ),
      [],
    ],
    [
      'ten denied calls in ten seconds',
      repeated(10, () => iam('GetRole', null, null)).map((r) => ({ ...r, errorCode: 'AccessDenied' })),
      ['access-denied-burst'],
    ],
    [
      'ten denied console page calls',
      repeated(10, () => ({ ...iam('GetRole', null), errorCode: 'AccessDenied', userAgent: 'AWS Internal' })),
      [],
    ],
    ['nine denied calls', repeated(9, () => ({ ...iam('GetRole', null), errorCode: 'AccessDenied' })), []],
    [
      '25 different reads in a minute',
      repeated(25, (i) => apiCall('ec2.amazonaws.com', `Describe${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`), 2000),
      ['reconnaissance-burst'],
    ],
    ['25 reads of one API', repeated(25, () => apiCall('ec2.amazonaws.com', 'DescribeInstances'), 2000), []],
    [
      '25 different reads by Terraform',
      repeated(
        25,
        (i) =>
          apiCall('ec2.amazonaws.com', `Describe${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`, { userAgent: 'Terraform/1.6' }),
        2000,
      ),
      [],
    ],
  ];
  for (const [label, records, expected] of cases) {
    test(label, () => assert.deepEqual(fired(records), expected));
  }

  test('a burst that goes on fires once per window', () => {
    const records = repeated(60, () => ({ ...ec2('GetPasswordData', { instanceId: 'i-1' }) }), 5000);
    assert.deepEqual(fired(records), ['ec2-password-data-burst']);
  });

  test('every detection has a positive case above', () => {
    const positive = new Set(cases.flatMap(([, , expected]) => expected));
    assert.deepEqual(
      DETECTIONS.map((d) => d.id).filter((id) => !positive.has(id)),
      [],
    );
  });
});

describe('a hit as data', () => {
  test('names the detection, the event and what happened', () => {
    const record = { ...iam('CreateAccessKey', { userName: 'bob' }), eventID: 'e-1' };
    const facts = detectionFactsOf(record);
    const [hit] = runDetections([{ ...eventOf(record), file: 'logs/a.json.gz' }], () => facts);
    const expected: Hit = {
      detection: 'access-key-for-other-user',
      severity: 'MEDIUM',
      panther: 'AWS.IAM.Backdoor.User.Keys',
      eventId: 'e-1',
      eventTime: '2024-05-01T10:00:00Z',
      principal: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      region: 'eu-west-1',
      sentence: 'Alice created an access key for the user bob',
      file: 'logs/a.json.gz',
    };
    assert.deepEqual(hit, expected);
  });

  test('records without facts have none, and odd records do not throw', () => {
    const odd: unknown[] = [
      null,
      42,
      [],
      {},
      { eventName: 'PutBucketPolicy', requestParameters: { bucketPolicy: '{not json' } },
    ];
    for (const record of odd) assert.equal(detectionFactsOf(record), undefined);
    assert.equal(detectionFactsOf(apiCall('s3.amazonaws.com', 'GetObject')), undefined);
  });
});
