import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arnNamer, Catalog, tallyEvents, type ActivityPrincipal } from '../../../src/core';
import { catalogFile } from '../helpers/paths';
import { ACCOUNT, ALICE, apiCall, eventOf } from './records';

const namer = arnNamer(Catalog.load(catalogFile));
const ALICE_ARN = ALICE.arn;
const alice: ActivityPrincipal = { type: 'IAMUser', name: 'Alice', arn: ALICE_ARN, account: ACCOUNT };
const deployer: ActivityPrincipal = {
  type: 'AssumedRole',
  name: 'deploy/ci',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`,
  account: ACCOUNT,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/ci/deploy`,
};
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

interface Case {
  readonly what: string;
  readonly action: string;
  readonly type: string;
  readonly name: string;
  readonly region?: string;
  readonly account?: string | null;
  readonly principal?: ActivityPrincipal;
  /** The ARN, a pattern of the reason, or undefined: nothing said (no type of the action fits). */
  readonly expected: string | RegExp | undefined;
}

describe('a resource named by name, made its ARN from the catalog', () => {
  test('the ARN only where it is certain, else why not', () => {
    const cases: Case[] = [
      {
        what: 'a bucket: no Region, no account',
        action: 's3:GetBucketAcl',
        type: 'AWS::S3::Bucket',
        name: 'reports',
        expected: 'arn:aws:s3:::reports',
      },
      {
        what: 'a bucket in China',
        action: 's3:PutBucketPolicy',
        type: 'AWS::S3::Bucket',
        name: 'reports',
        region: 'cn-north-1',
        expected: 'arn:aws-cn:s3:::reports',
      },
      {
        what: 'a bucket needs no account',
        action: 's3:CreateBucket',
        type: 'AWS::S3::Bucket',
        name: 'reports',
        account: null,
        expected: 'arn:aws:s3:::reports',
      },
      {
        what: 'a Lambda function',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize',
        expected: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:resize`,
      },
      {
        what: 'a Lambda function in GovCloud',
        action: 'lambda:InvokeFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize',
        region: 'us-gov-west-1',
        expected: `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:resize`,
      },
      {
        what: 'a log group: its name is a path',
        action: 'logs:DeleteLogGroup',
        type: 'AWS::Logs::LogGroup',
        name: '/aws/lambda/resize',
        expected: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/resize`,
      },
      {
        what: 'an EC2 instance, among the dozens of types RunInstances names',
        action: 'ec2:RunInstances',
        type: 'AWS::EC2::Instance',
        name: 'i-0abcd1234ef567890',
        expected: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abcd1234ef567890`,
      },
      {
        what: 'a KMS key id',
        action: 'kms:Decrypt',
        type: 'AWS::KMS::Key',
        name: KEY_ID,
        expected: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}`,
      },
      {
        what: 'a KMS alias is no key: Decrypt is authorised on the key it stands for',
        action: 'kms:Decrypt',
        type: 'AWS::KMS::Alias',
        name: 'alias/reports',
        expected: undefined,
      },
      {
        what: 'an SSM parameter in a hierarchy: its ARN drops the leading slash',
        action: 'ssm:GetParameter',
        type: 'AWS::SSM::Parameter',
        name: '/app/db/password',
        expected: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db/password`,
      },
      {
        what: 'a DynamoDB table',
        action: 'dynamodb:DescribeTable',
        type: 'AWS::DynamoDB::Table',
        name: 'orders',
        expected: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
      },
      {
        what: 'a bucket a trail writes to is no resource of CreateTrail',
        action: 'cloudtrail:CreateTrail',
        type: 'AWS::S3::Bucket',
        name: 'trail-logs',
        expected: undefined,
      },
      {
        what: 'a wildcard-only action has no types to fill',
        action: 's3:ListAllMyBuckets',
        type: 'AWS::S3::Bucket',
        name: 'reports',
        expected: undefined,
      },
      {
        what: 'an action the catalog does not know',
        action: 's3:GetBucketAclz',
        type: 'AWS::S3::Bucket',
        name: 'reports',
        expected: undefined,
      },
      {
        what: 'an IAM role by name: its path is unknown',
        action: 'iam:GetRole',
        type: 'AWS::IAM::Role',
        name: 'deploy',
        expected: /^the role named by name only: its ARN holds a path the event does not give$/,
      },
      {
        what: 'an IAM user by name, not the caller',
        action: 'iam:DeleteLoginProfile',
        type: 'AWS::IAM::User',
        name: 'bob',
        expected: /^the user named by name only: its ARN holds a path/,
      },
      {
        what: 'the caller’s own user: its ARN is in the event',
        action: 'iam:ListAccessKeys',
        type: 'AWS::IAM::User',
        name: 'Alice',
        expected: ALICE_ARN,
      },
      {
        what: 'the role of the caller’s session, with its path',
        action: 'iam:GetRole',
        type: 'AWS::IAM::Role',
        name: 'deploy',
        principal: deployer,
        expected: `arn:aws:iam::${ACCOUNT}:role/ci/deploy`,
      },
      {
        what: 'an instance profile by name',
        action: 'iam:GetInstanceProfile',
        type: 'AWS::IAM::InstanceProfile',
        name: 'web',
        expected: /^the instance-profile named by name only: its ARN holds a path/,
      },
      {
        what: 'a secret: its ARN has a random suffix',
        action: 'secretsmanager:DescribeSecret',
        type: 'AWS::SecretsManager::Secret',
        name: 'db-password',
        expected: /^the Secret named by name only: its ARN ends in six random characters/,
      },
      {
        what: 'a queue: its URL may be of another account',
        action: 'sqs:SendMessage',
        type: 'AWS::SQS::Queue',
        name: 'jobs',
        expected: /^the queue named by name only: the queue URL/,
      },
      {
        what: 'a bucket name with `*` would be a pattern',
        action: 's3:GetBucketAcl',
        type: 'AWS::S3::Bucket',
        name: 'reports*',
        expected: /^the bucket name with "\*", which in an ARN would name something else$/,
      },
      {
        what: 'a bucket name with `/` would be an object',
        action: 's3:GetBucketAcl',
        type: 'AWS::S3::Bucket',
        name: 'reports/2026',
        expected: /^the bucket name with "\/"/,
      },
      {
        what: 'a function name with `/`',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'team/resize',
        expected: /^the function name with "\/"/,
      },
      {
        what: 'a function with a qualifier',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize:3',
        expected: /^the function name with ":"/,
      },
      {
        what: 'a log group with a policy variable',
        action: 'logs:DeleteLogGroup',
        type: 'AWS::Logs::LogGroup',
        name: '/aws/${aws:username}',
        expected: /^the log-group name with "\$\{"/,
      },
      {
        what: 'a Region of no known partition',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize',
        region: 'moon-base-1',
        expected: /^the function named in "moon-base-1", a Region of no known partition$/,
      },
      {
        what: 'an event with no account',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize',
        account: null,
        principal: { type: 'AWSService', name: 'events.amazonaws.com' },
        expected: /^the function named in an event that gives no account$/,
      },
      {
        what: 'a caller of another account than the event’s',
        action: 'lambda:GetFunction',
        type: 'AWS::Lambda::Function',
        name: 'resize',
        account: '444455556666',
        expected: /^the function named by a caller of another account than the event's$/,
      },
    ];
    for (const c of cases) {
      const place = {
        region: c.region ?? 'eu-west-1',
        ...(c.account !== null && { account: c.account ?? ACCOUNT }),
        principal: c.principal ?? alice,
      };
      const got = namer(c.action, { name: c.name, type: c.type, from: 'requestParameters' }, place);
      if (c.expected === undefined) assert.equal(got, undefined, c.what);
      else if (typeof c.expected === 'string') assert.deepEqual(got, { arn: c.expected }, c.what);
      else {
        assert.ok(got !== undefined && 'reason' in got, `${c.what}: ${JSON.stringify(got)}`);
        assert.match(got.reason, c.expected, c.what);
      }
    }
  });

  test('an ARN the event gives is kept as it is', () => {
    const arn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:resize`;
    const got = namer(
      'lambda:GetFunction',
      { arn, name: 'x', type: 'AWS::Lambda::Function', from: 'resources' },
      {
        region: 'us-east-1',
        principal: alice,
      },
    );
    assert.deepEqual(got, { arn });
  });
});

describe('the tally with names made ARNs', () => {
  const call = (source: string, name: string, requestParameters: unknown, userIdentity: unknown = ALICE) =>
    eventOf(apiCall(source, name, { requestParameters, userIdentity }));

  test('names become ARNs, refusals are said per action, and without a namer nothing changes', () => {
    const events = [
      call('lambda.amazonaws.com', 'GetFunction20150331v2', { functionName: 'resize' }),
      call('iam.amazonaws.com', 'GetRole', { roleName: 'deploy' }),
      call('iam.amazonaws.com', 'GetRole', { roleName: 'audit' }),
      call('s3.amazonaws.com', 'GetBucketAcl', { bucketName: 'reports', Host: 'reports.s3.amazonaws.com' }),
    ];
    const byAction = (answer: ReturnType<typeof tallyEvents>) =>
      Object.fromEntries(answer.actions.map(({ action, resources, unnamed }) => [action, { resources, unnamed }]));
    assert.deepEqual(byAction(tallyEvents(events, { namer })), {
      'iam:GetRole': {
        resources: [],
        unnamed: ['the role named by name only: its ARN holds a path the event does not give'],
      },
      'lambda:GetFunction': { resources: [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:resize`], unnamed: undefined },
      's3:GetBucketAcl': { resources: ['arn:aws:s3:::reports'], unnamed: undefined },
    });
    for (const use of tallyEvents(events).actions) assert.deepEqual([use.resources, use.unnamed], [[], undefined]);
  });

  test("a call that acts on the caller when it names no user: the caller's own ARN", () => {
    const role = {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/deploy` } },
    };
    const cases: [string, ReturnType<typeof call>, readonly string[]][] = [
      ['GetUser naming no user', call('iam.amazonaws.com', 'GetUser', null), [ALICE_ARN]],
      ['ListMFADevices naming no user', call('iam.amazonaws.com', 'ListMFADevices', {}), [ALICE_ARN]],
      ['ChangePassword', call('iam.amazonaws.com', 'ChangePassword', null), [ALICE_ARN]],
      ['GetUser naming another user', call('iam.amazonaws.com', 'GetUser', { userName: 'bob' }), []],
      ['a role session has no user of its own', call('iam.amazonaws.com', 'GetUser', null, role), []],
      ['ListUsers does not act on the caller', call('iam.amazonaws.com', 'ListUsers', null), []],
    ];
    for (const [what, event, expected] of cases)
      assert.deepEqual(tallyEvents([event], { namer }).actions[0]?.resources, expected, what);
  });
});
