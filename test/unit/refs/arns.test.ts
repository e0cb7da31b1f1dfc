/** Full ARNs in any text: plain text, Markdown, code of any language. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rows } from './helpers';

describe('references: ARNs in any text', () => {
  it('finds each ARN with its kind, name and lookup, in plain text and Markdown', () => {
    const text = [
      'The writer role arn:aws:iam::123456789012:role/service/acme-writer reads',
      '`arn:aws:s3:::acme-reports` and decrypts with (arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef).',
      '- <arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/db-Xy12Ab>',
      '- arn:aws:iam::123456789012:user/alice, arn:aws:iam::aws:policy/ReadOnlyAccess.',
      '- arn:aws-cn:lambda:cn-north-1:123456789012:function:acme-report:live',
      '- arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme-report:*',
      '- arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByCustomer',
      '- arn:aws:ec2:us-east-1:123456789012:instance/i-0abcd1234ef567890',
    ].join('\n');
    for (const languageId of ['plaintext', 'markdown']) {
      assert.deepEqual(rows(text, languageId), [
        [
          'arn:aws:iam::123456789012:role/service/acme-writer',
          'arn',
          'AWS::IAM::Role',
          'acme-writer',
          'ResourceName=acme-writer',
        ],
        ['arn:aws:s3:::acme-reports', 'arn', 'AWS::S3::Bucket', 'acme-reports', 'ResourceName=acme-reports'],
        [
          'arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
          'arn',
          'AWS::KMS::Key',
          'mrk-0123456789abcdef0123456789abcdef',
          'ResourceName=arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
        ],
        [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/db-Xy12Ab',
          'arn',
          'AWS::SecretsManager::Secret',
          'acme/db',
          'ResourceName=arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/db-Xy12Ab',
        ],
        ['arn:aws:iam::123456789012:user/alice', 'arn', 'AWS::IAM::User', 'alice', 'Username=alice'],
        [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn',
          'AWS::IAM::ManagedPolicy',
          'ReadOnlyAccess',
          'ResourceName=arn:aws:iam::aws:policy/ReadOnlyAccess',
        ],
        // A qualifier, a log group's `:*` and a table's index name something of the resource: the reference is the resource.
        [
          'arn:aws-cn:lambda:cn-north-1:123456789012:function:acme-report',
          'arn',
          'AWS::Lambda::Function',
          'acme-report',
          'ResourceName=acme-report',
        ],
        [
          'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme-report',
          'arn',
          'AWS::Logs::LogGroup',
          '/aws/lambda/acme-report',
          'ResourceName=/aws/lambda/acme-report',
        ],
        [
          'arn:aws:dynamodb:us-east-1:123456789012:table/Orders',
          'arn',
          'AWS::DynamoDB::Table',
          'Orders',
          'ResourceName=Orders',
        ],
        // A kind no reader knows: the service, and the ARN to look it up by.
        [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-0abcd1234ef567890',
          'arn',
          '',
          '',
          'ResourceName=arn:aws:ec2:us-east-1:123456789012:instance/i-0abcd1234ef567890',
        ],
      ]);
    }
  });

  it('finds ARNs in the strings of any programming language', () => {
    const python = `ROLE = "arn:aws:iam::123456789012:role/acme-deployer"\nsns.publish(TargetArn='arn:aws:sns:us-east-1:123456789012:alerts')\n`;
    assert.deepEqual(
      rows(python, 'python').map(([at, via, type]) => [at, via, type]),
      [
        ['arn:aws:iam::123456789012:role/acme-deployer', 'arn', 'AWS::IAM::Role'],
        ['arn:aws:sns:us-east-1:123456789012:alerts', 'arn', 'AWS::SNS::Topic'],
      ],
    );
    const go = 'input := &s3.GetBucketPolicyInput{Bucket: aws.String("arn:aws:s3:::acme-go")}\n';
    assert.deepEqual(
      rows(go, 'go').map(([at]) => at),
      ['arn:aws:s3:::acme-go'],
    );
  });

  it('reads an S3 object ARN as its bucket, whatever the key (a wildcard, a policy variable)', () => {
    const text = '"arn:aws:s3:::acme-data/*" "arn:aws:s3:::acme-home/${aws:username}/*" "arn:aws:s3:::acme-x/a/b.txt"';
    assert.deepEqual(
      rows(text, 'json').map(([at, , type, name]) => [at, type, name]),
      [
        ['arn:aws:s3:::acme-data', 'AWS::S3::Bucket', 'acme-data'],
        ['arn:aws:s3:::acme-home', 'AWS::S3::Bucket', 'acme-home'],
        ['arn:aws:s3:::acme-x', 'AWS::S3::Bucket', 'acme-x'],
      ],
    );
  });

  it('drops patterns, interpolations, placeholders and lookalikes', () => {
    const cases: [what: string, text: string][] = [
      ['a wildcard in the resource', 'arn:aws:iam::123456789012:role/*'],
      ['a wildcard in a name', 'arn:aws:lambda:us-east-1:123456789012:function:acme-*'],
      ['every bucket', 'arn:aws:s3:::*'],
      ['a wildcard account', 'arn:aws:sqs:us-east-1:*:jobs'],
      ['a CloudFormation substitution', '!Sub arn:${AWS::Partition}:s3:::${Bucket}/*'],
      ['a substituted bucket', '"arn:aws:s3:::${var.bucket}/*"'],
      ['a template literal', '`arn:aws:s3:::${bucket}`'],
      ['a Python f-string', `f"arn:aws:iam::123456789012:role/{name}"`],
      ['a shell variable', 'arn:aws:iam::$ACCOUNT_ID:role/deploy arn:aws:s3:::$BUCKET'],
      ['a printf placeholder', 'arn:aws:s3:::%s'],
      ['a placeholder', 'arn:aws:iam::123456789012:role/<role-name>'],
      ['a documentation pattern', 'arn:partition:service:region:account-id:resource-id'],
      ['an unknown partition', 'arn:azure:s3:::bucket'],
      ['not a region', 'arn:aws:sqs:somewhere:123456789012:jobs'],
      ['an account that is no account', 'arn:aws:sqs:us-east-1:1234:jobs'],
      ['a word ending in arn', 'learn:aws:s3:::bucket'],
      ['a concatenation', `'arn:aws:s3:::' + bucket`],
      ['an empty resource', 'arn:aws:s3:::'],
    ];
    for (const [what, text] of cases) assert.deepEqual(rows(text, 'plaintext'), [], what);
  });

  it('ends an ARN where prose ends it, never inside a name', () => {
    const text = 'See arn:aws:sns:us-east-1:123456789012:alerts. Or {arn:aws:sqs:us-east-1:123456789012:jobs}: done';
    assert.deepEqual(
      rows(text, 'markdown').map(([at]) => at),
      ['arn:aws:sns:us-east-1:123456789012:alerts', 'arn:aws:sqs:us-east-1:123456789012:jobs'],
    );
  });
});
