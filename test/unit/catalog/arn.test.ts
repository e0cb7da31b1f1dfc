import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, matchArn, parseArn, type ArnInput, type ArnMatch } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
const FUNCTION = 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}';
const LOG_STREAM = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
const TABLE = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
const INDEX = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}';

describe('parseArn', () => {
  const cases: [string, ReturnType<typeof parseArn>][] = [
    ['arn:aws:s3:::b/k/x.txt', { partition: 'aws', service: 's3', region: '', account: '', resource: 'b/k/x.txt' }],
    [
      'arn:aws:iam::123456789012:role/path/x',
      { partition: 'aws', service: 'iam', region: '', account: '123456789012', resource: 'role/path/x' },
    ],
    [
      'arn:aws-cn:logs:cn-north-1:123456789012:log-group:g:log-stream:s',
      {
        partition: 'aws-cn',
        service: 'logs',
        region: 'cn-north-1',
        account: '123456789012',
        resource: 'log-group:g:log-stream:s',
      },
    ],
    ['arn:aws:s3:::', undefined],
    ['arn:aws:s3::', undefined],
    ['arn::s3:::b', undefined],
    ['arn:aws::::b', undefined],
    ['ARN:aws:s3:::b', undefined],
    ['s3://b/k', undefined],
    ['', undefined],
  ];
  for (const [arn, expected] of cases) {
    test(JSON.stringify(arn), () => assert.deepEqual(parseArn(arn), expected));
  }
});

describe('matchArn', () => {
  const cases: [string, string, ArnInput, ArnMatch][] = [
    ['object key with slashes', OBJECT, 'arn:aws:s3:::b/k/x.txt', 'match'],
    ['bucket is not an object', OBJECT, 'arn:aws:s3:::b', 'no-match'],
    ['bucket', BUCKET, 'arn:aws:s3:::b', 'match'],
    ['bucket name never spans /', BUCKET, 'arn:aws:s3:::b/*', 'no-match'],
    ['object wildcard', OBJECT, 'arn:aws:s3:::b/*', 'match'],
    ['s3 star matches buckets', BUCKET, 'arn:aws:s3:::*', 'match'],
    ['s3 star matches objects', OBJECT, 'arn:aws:s3:::*', 'match'],
    ['bare star', OBJECT, '*', 'match'],
    ['star over the partition and more', ROLE, 'arn:*:iam::*:role/*', 'match'],
    ['question mark is one character', BUCKET, 'arn:aws:s3:::?', 'match'],
    ['other service', BUCKET, 'arn:aws:iam::123456789012:role/x', 'no-match'],
    ['role', ROLE, 'arn:aws:iam::123456789012:role/x', 'match'],
    ['role with a path', ROLE, 'arn:aws:iam::123456789012:role/service-role/x', 'match'],
    ['user is not a role', ROLE, 'arn:aws:iam::123456789012:user/x', 'no-match'],
    ['role name must not be empty', ROLE, 'arn:aws:iam::123456789012:role/', 'no-match'],
    ['account never spans :', ROLE, 'arn:aws:iam::1:2:role/x', 'no-match'],
    ['partition must not be empty', ROLE, 'arn::iam::1:role/x', 'no-match'],
    ['literal text is case-sensitive', ROLE, 'arn:aws:iam::1:Role/x', 'no-match'],
    ['function', FUNCTION, 'arn:aws:lambda:us-east-1:123456789012:function:f', 'match'],
    [
      'function with qualifier (last placeholder spans :)',
      FUNCTION,
      'arn:aws:lambda:us-east-1:123456789012:function:f:*',
      'match',
    ],
    ['log stream', LOG_STREAM, 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f:log-stream:*', 'no-match'],
    ['log stream, group name without slash', LOG_STREAM, 'arn:aws:logs:eu-west-1:1:log-group:g:log-stream:s', 'match'],
    ['table', TABLE, 'arn:aws:dynamodb:us-east-1:1:table/t', 'match'],
    [
      'table name never spans /, except as the last placeholder',
      INDEX,
      'arn:aws:dynamodb:us-east-1:1:table/t/index/i',
      'match',
    ],
    ['table star matches the table', TABLE, 'arn:aws:dynamodb:us-east-1:1:table/*', 'match'],
    ['index is not a table', TABLE, 'arn:aws:dynamodb:us-east-1:1:table/t/index/i', 'match'], // the last placeholder spans /
    [
      'alternatives separated by commas',
      'arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}, arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}',
      'arn:aws:lex:us-east-1:1:bot:b',
      'match',
    ],
    [
      'format * may be empty',
      'arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}',
      'arn:aws:braket:::device/qpu/ionq/Aria-1',
      'match',
    ],
    [
      'policy variable is an unknown part',
      'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}',
      'arn:aws:iam::1:user/${aws:username}',
      'match',
    ],
    ['escaped * is literal', BUCKET, 'arn:aws:s3:::${*}', 'match'],
  ];
  for (const [label, format, arn, expected] of cases) {
    test(`${label}: ${JSON.stringify(arn)} vs ${format} → ${expected}`, () =>
      assert.equal(matchArn(format, arn), expected));
  }
});

describe('matchArn with unknown parts', () => {
  const bucket: ArnInput = ['arn:aws:s3:::', { unknown: 'BucketName' }];
  const cases: [string, string, ArnInput, ArnMatch][] = [
    // An unknown part is taken as one opaque identifier when deciding 'match'.
    ['!Sub arn:aws:s3:::${BucketName} is a bucket', BUCKET, bucket, 'match'],
    ['... and only maybe an object', OBJECT, bucket, 'unknown'],
    ['${Bucket}/* is an object', OBJECT, ['arn:aws:s3:::', { unknown: 'BucketName' }, '/*'], 'match'],
    ['${Bucket}/* is never a bucket', BUCKET, ['arn:aws:s3:::', { unknown: 'BucketName' }, '/*'], 'no-match'],
    ['unknown account', ROLE, ['arn:aws:iam::', { unknown: 'AWS::AccountId' }, ':role/x'], 'match'],
    [
      'unknown partition and account',
      ROLE,
      ['arn:', { unknown: 'AWS::Partition' }, ':iam::', { unknown: 'AWS::AccountId' }, ':role/x'],
      'match',
    ],
    ['unknown account, wrong resource', ROLE, ['arn:aws:iam::', { unknown: 'AWS::AccountId' }, ':user/x'], 'no-match'],
    ['a whole unknown ARN could be anything', ROLE, [{ unknown: 'aws_iam_role.x.arn' }], 'unknown'],
    ['a whole unknown ARN plus /*', OBJECT, [{ unknown: 'aws_s3_bucket.b.arn' }, '/*'], 'unknown'],
    ['unknown ARN plus /* is no bucket', BUCKET, [{ unknown: 'aws_s3_bucket.b.arn' }, '/*'], 'no-match'],
    ['unknown resource after role/', ROLE, ['arn:aws:iam::1:role/', { unknown: 'RoleName' }], 'match'],
    ['unknown where a literal is needed', ROLE, ['arn:aws:iam::1:', { unknown: 'Type' }, '/x'], 'unknown'],
    ['unknown service', ROLE, ['arn:aws:', { unknown: 'Service' }, '::1:role/x'], 'unknown'],
    [
      'an unknown field holds no colon',
      ROLE,
      ['arn:aws:iam::', { unknown: 'AWS::AccountId' }, ':user/role/x'],
      'no-match',
    ],
    ['unknown region', FUNCTION, ['arn:aws:lambda:', { unknown: 'AWS::Region' }, ':1:function:f'], 'match'],
    [
      'unknown region, function in another service',
      FUNCTION,
      ['arn:aws:states:', { unknown: 'AWS::Region' }, ':1:function:f'],
      'no-match',
    ],
  ];
  for (const [label, format, arn, expected] of cases) {
    test(`${label} → ${expected}`, () => assert.equal(matchArn(format, arn), expected));
  }

  // A backtracking matcher would hang on these; the timeout turns a hang into a failure.
  test('long inputs with many wildcards complete', { timeout: 10_000 }, () => {
    const long = 'arn:aws:s3:::' + 'a*'.repeat(2000) + 'b';
    assert.equal(matchArn(OBJECT, long), 'match');
    assert.equal(matchArn(OBJECT, 'arn:aws:s3:::' + '*?'.repeat(1000) + ':x'), 'match');
    assert.equal(matchArn(BUCKET, 'arn:aws:s3:::' + '*'.repeat(3000) + '/'), 'no-match');
    assert.equal(
      matchArn(BUCKET, ['arn:aws:s3:::', ...Array.from({ length: 500 }, () => ({ unknown: 'x' })), '/']),
      'no-match',
    );
  });
});

describe('catalog.resourceTypesForArn', () => {
  // Some services declare copies of another service's resource type (ssm:bucket is an S3 bucket ARN,
  // sts:role an IAM role ARN): those count too, after the types of the service the ARN names.
  const cases: [ArnInput, string[]][] = [
    ['arn:aws:s3:::b', ['s3:bucket', 'ssm:bucket']],
    ['arn:aws:s3:::b/k.txt', ['s3:object']],
    ['arn:aws:iam::123456789012:role/x', ['iam:role', 'ec2:role', 'ssm:iam-role', 'sts:role']],
    ['arn:aws:dynamodb:us-east-1:1:table/t', ['dynamodb:table']],
    ['arn:aws:sqs:us-east-1:123456789012:q', ['sqs:queue']],
    [
      ['arn:aws:iam::', { unknown: 'AWS::AccountId' }, ':role/x'],
      ['iam:role', 'ec2:role', 'ssm:iam-role', 'sts:role'],
    ],
  ];
  for (const [arn, expected] of cases) {
    test(`${JSON.stringify(arn)} → ${expected.join(', ')}`, () => {
      const found = catalog.resourceTypesForArn(arn).map((rt) => `${rt.service.prefix}:${rt.name}`);
      assert.deepEqual(found, expected);
    });
  }

  test('arn:aws:s3:::* covers buckets and objects', () => {
    const found = catalog.resourceTypesForArn('arn:aws:s3:::*').map((rt) => rt.name);
    assert.ok(found.includes('bucket') && found.includes('object'));
  });

  test('certainty is reported', () => {
    const matches = catalog
      .resourceTypeMatches(['arn:aws:s3:::', { unknown: 'BucketName' }])
      .filter((m) => m.resourceType.service.prefix === 's3');
    assert.deepEqual(
      matches.map((m) => [m.resourceType.name, m.match]),
      [
        ['bucket', 'match'],
        ['object', 'unknown'],
      ],
    );
  });

  test('a wildcard service searches every service', () => {
    const found = catalog.resourceTypesForArn('arn:aws:*:*:*:role/x').map((rt) => `${rt.service.prefix}:${rt.name}`);
    assert.ok(found.includes('iam:role'));
  });

  test('nothing for unknown services or non-ARNs', () => {
    assert.deepEqual(catalog.resourceTypesForArn('arn:aws:nosuch:::x'), []);
    assert.deepEqual(catalog.resourceTypesForArn('not an arn'), []);
  });
});
