/**
 * "Find in code", table-style: each way AWS lets a key, a secret or a role be written (ids, ARNs,
 * aliases, a secret's ARN without its random suffix or with wildcards for it, ARNs with wildcard or
 * variable Regions and accounts), in JSON and YAML templates, CDK TypeScript, Terraform, SDK calls and
 * plain text; and no mention where a name is only part of another.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { codeMentions, languageOfFile } from '../../../src/core';
import { loadGrammars } from '../helpers/grammars';

const ACCOUNT = '123837392027';
const KEY_ID = '1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const KEY = [KEY_ID, KEY_ARN, 'alias/orders-data', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/orders-data`];
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf`;
const SECRET = ['prod/db', SECRET_ARN];
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service/orders-api`;
const ROLE = [ROLE_ARN];

/** What each mention covers in the text, and the name it matched. */
function found(text: string, languageId: string, names: readonly string[]): [string, string][] {
  return codeMentions(text, languageId, names).map((m) => [text.slice(m.span.start, m.span.end), m.name]);
}

describe('codeMentions: the forms AWS accepts', () => {
  before(loadGrammars);
  const cases: [string, string, string, readonly string[], [string, string][]][] = [
    ['a key id in a quoted string', 'plaintext', `key = "${KEY_ID}"`, KEY, [[KEY_ID, KEY_ID]]],
    ['a key ARN in prose', 'markdown', `Encrypted with ${KEY_ARN}.`, KEY, [[KEY_ARN, KEY_ARN]]],
    [
      'a key ARN with a wildcard Region and a variable account',
      'plaintext',
      `'arn:aws:kms:*:\${AWS::AccountId}:key/${KEY_ID}'`,
      KEY,
      [[`arn:aws:kms:*:\${AWS::AccountId}:key/${KEY_ID}`, KEY_ARN]],
    ],
    [
      'an alias name',
      'javascript',
      `kms.encrypt({ KeyId: 'alias/orders-data' })`,
      KEY,
      [['alias/orders-data', 'alias/orders-data']],
    ],
    [
      'an alias ARN of another Region is not this key',
      'plaintext',
      `"arn:aws:kms:eu-west-1:${ACCOUNT}:alias/orders-data"`,
      KEY,
      [],
    ],
    [
      'an alias ARN when only the alias name is given',
      'plaintext',
      `"arn:aws:kms:eu-west-1:${ACCOUNT}:alias/orders-data"`,
      ['alias/orders-data'],
      [[`arn:aws:kms:eu-west-1:${ACCOUNT}:alias/orders-data`, 'alias/orders-data']],
    ],
    [
      'a secret name in an SDK call',
      'python',
      `sm.describe_secret(SecretId="prod/db")`,
      SECRET,
      [['prod/db', 'prod/db']],
    ],
    ['a secret ARN with its suffix', 'plaintext', `"${SECRET_ARN}"`, SECRET, [[SECRET_ARN, SECRET_ARN]]],
    [
      'a secret ARN without its suffix',
      'plaintext',
      `"arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db"`,
      SECRET,
      [[`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db`, SECRET_ARN]],
    ],
    [
      'a secret ARN with ?????? for its suffix',
      'plaintext',
      `"arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????"`,
      SECRET,
      [[`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????`, SECRET_ARN]],
    ],
    [
      'a secret ARN with * for its suffix, Region and account',
      'plaintext',
      `'arn:aws:secretsmanager:*:*:secret:prod/db*'`,
      SECRET,
      [['arn:aws:secretsmanager:*:*:secret:prod/db*', SECRET_ARN]],
    ],
    [
      'a wildcard ARN when only the name is given',
      'plaintext',
      `'arn:aws:secretsmanager:*:*:secret:prod/db-*'`,
      ['prod/db'],
      [['arn:aws:secretsmanager:*:*:secret:prod/db-*', 'prod/db']],
    ],
    [
      'a secret name with a wildcard suffix',
      'plaintext',
      `'prod/db-??????'`,
      ['prod/db'],
      [['prod/db-??????', 'prod/db']],
    ],
    [
      'a dynamic reference in a template',
      'yaml',
      `Password: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`,
      SECRET,
      [['prod/db', 'prod/db']],
    ],
    [
      'a dynamic reference by ARN',
      'json',
      `{"P": "{{resolve:secretsmanager:${SECRET_ARN}:SecretString:password}}"}`,
      SECRET,
      [[SECRET_ARN, SECRET_ARN]],
    ],
    ['a role ARN', 'plaintext', `role: "${ROLE_ARN}"`, ROLE, [[ROLE_ARN, ROLE_ARN]]],
    ['a role by its name', 'javascript', `iam.getRole({ RoleName: 'orders-api' })`, ROLE, [['orders-api', ROLE_ARN]]],
    [
      'a YAML value unquoted',
      'yaml',
      `secrets:\n  database: prod/db   # the app's\n`,
      SECRET,
      [['prod/db', 'prod/db']],
    ],
    [
      'a YAML list item unquoted',
      'yaml',
      `keys:\n  - alias/orders-data\n`,
      KEY,
      [['alias/orders-data', 'alias/orders-data']],
    ],
  ];
  for (const [what, languageId, text, names, expected] of cases)
    test(what, () => assert.deepEqual(found(text, languageId, names), expected));
});

describe('codeMentions: no part of another name', () => {
  const cases: [string, string, string, readonly string[]][] = [
    ['a longer secret name', 'plaintext', `"prod/db2"`, ['db', 'prod/db']],
    ['a secret name inside a path', 'plaintext', `"prod/db"`, ['db']],
    ['a wildcard that covers more than the suffix', 'plaintext', `"prod/d*"`, SECRET],
    ['a wildcard after more of a name', 'plaintext', `"prod/db2*"`, SECRET],
    [
      'a suffix not the secret one',
      'plaintext',
      `"arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-XyZ123"`,
      SECRET,
    ],
    ['a name-like suffix when none is known', 'plaintext', `"prod/db-backup"`, ['prod/db']],
    [
      'a secret of another account',
      'plaintext',
      `"arn:aws:secretsmanager:us-east-1:999999999999:secret:prod/db-AbCdEf"`,
      SECRET,
    ],
    ['a key id in a longer string', 'plaintext', `"x${KEY_ID}"`, KEY],
    ['every key', 'plaintext', `"arn:aws:kms:us-east-1:${ACCOUNT}:key/*"`, KEY],
    ['an alias with a longer name', 'plaintext', `'alias/orders-data-old'`, KEY],
    ['a name outside any literal', 'javascript', `const x = prod/db;`, SECRET],
    [
      'a bucket that shares the role name',
      'yaml',
      `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: orders-api\n`,
      ROLE,
    ],
    [
      'a role named like the secret',
      'plaintext',
      `"arn:aws:iam::${ACCOUNT}:role/db"`,
      ['db', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`],
    ],
  ];
  for (const [what, languageId, text, names] of cases)
    test(what, () => assert.deepEqual(found(text, languageId, names), []));
});

describe('codeMentions: whole files', () => {
  before(loadGrammars);

  test('a CloudFormation template in JSON: the key by ARN and by alias, the secret by a wildcard ARN', () => {
    const text = JSON.stringify(
      {
        Resources: {
          Queue: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: 'alias/orders-data' } },
          Policy: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY_ARN },
                  {
                    Effect: 'Allow',
                    Action: 'secretsmanager:GetSecretValue',
                    Resource: {
                      'Fn::Sub':
                        'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-*',
                    },
                  },
                ],
              },
            },
          },
        },
      },
      null,
      2,
    );
    assert.deepEqual(found(text, 'json', KEY), [
      ['alias/orders-data', 'alias/orders-data'],
      [KEY_ARN, KEY_ARN],
    ]);
    assert.deepEqual(found(text, 'json', SECRET), [
      ['arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-*', SECRET_ARN],
    ]);
  });

  test('a CloudFormation template in YAML with !Sub and a KmsKeyId', () => {
    const text = [
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      `      KmsKeyId: ${KEY_ID}`,
      '      MasterUserPassword: "{{resolve:secretsmanager:prod/db:SecretString:password}}"',
      '  Reader:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: secretsmanager:DescribeSecret',
      "            Resource: !Sub 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-??????'",
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'yaml', KEY), [[KEY_ID, KEY_ID]]);
    assert.deepEqual(found(text, 'yaml', SECRET), [
      ['prod/db', 'prod/db'],
      ['arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-??????', SECRET_ARN],
    ]);
  });

  test('a CDK stack in TypeScript', () => {
    const text = [
      "import * as kms from 'aws-cdk-lib/aws-kms';",
      "import * as sm from 'aws-cdk-lib/aws-secretsmanager';",
      "const key = kms.Key.fromKeyArn(this, 'Key', 'arn:aws:kms:us-east-1:123837392027:key/1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51');",
      "const alias = kms.Alias.fromAliasName(this, 'Alias', 'alias/orders-data');",
      "const secret = sm.Secret.fromSecretNameV2(this, 'Db', 'prod/db');",
      'const other = sm.Secret.fromSecretNameV2(this, "Db2", "prod/db2");',
      'const pattern = `arn:aws:secretsmanager:${this.region}:${this.account}:secret:prod/db-*`;',
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'typescript', KEY), [
      [KEY_ARN, KEY_ARN],
      ['alias/orders-data', 'alias/orders-data'],
    ]);
    assert.deepEqual(found(text, 'typescript', SECRET), [
      ['prod/db', 'prod/db'],
      ['arn:aws:secretsmanager:${this.region}:${this.account}:secret:prod/db-*', SECRET_ARN],
    ]);
  });

  test('Terraform', () => {
    const text = [
      'data "aws_secretsmanager_secret" "db" {',
      '  name = "prod/db"',
      '}',
      'resource "aws_iam_policy" "read" {',
      '  policy = jsonencode({',
      '    Statement = [{',
      '      Effect   = "Allow"',
      '      Action   = ["secretsmanager:GetSecretValue", "kms:Decrypt"]',
      '      Resource = ["arn:aws:secretsmanager:${var.region}:${data.aws_caller_identity.current.account_id}:secret:prod/db-*", "' +
        KEY_ARN +
        '"]',
      '    }]',
      '  })',
      '}',
      'resource "aws_sqs_queue" "q" {',
      '  kms_master_key_id = "alias/orders-data"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'terraform', SECRET), [
      ['prod/db', 'prod/db'],
      [
        'arn:aws:secretsmanager:${var.region}:${data.aws_caller_identity.current.account_id}:secret:prod/db-*',
        SECRET_ARN,
      ],
    ]);
    assert.deepEqual(found(text, 'terraform', KEY), [
      [KEY_ARN, KEY_ARN],
      ['alias/orders-data', 'alias/orders-data'],
    ]);
  });

  test('a line that names the resource twice gives two mentions; one place is one mention', () => {
    const text = `x = ["${SECRET_ARN}", "prod/db"]  # '${SECRET_ARN}'`;
    assert.deepEqual(found(text, 'python', SECRET), [
      [SECRET_ARN, SECRET_ARN],
      ['prod/db', 'prod/db'],
      [SECRET_ARN, SECRET_ARN],
    ]);
  });

  test('a file that does not name the resource costs a text search', () => {
    assert.deepEqual(found('{"Resources": {}}', 'json', SECRET), []);
    assert.deepEqual(found('anything', 'plaintext', []), []);
  });
});

describe('languageOfFile', () => {
  const cases: [string, string, string][] = [
    ['template.yaml', '', 'yaml'],
    ['stack.template', '{"Resources": {}}', 'json'],
    ['stack.template', 'Resources: {}', 'yaml'],
    ['app/stack.ts', '', 'typescript'],
    ['app/View.tsx', '', 'typescriptreact'],
    ['lambda/handler.mjs', '', 'javascript'],
    ['jobs/rotate.py', '', 'python'],
    ['main.tf', '', 'terraform'],
    ['README.md', '', 'markdown'],
    ['.env', '', 'plaintext'],
    ['dir.v2/Makefile', '', 'plaintext'],
  ];
  for (const [file, text, language] of cases)
    test(`${file} is ${language}`, () => assert.equal(languageOfFile(file, text), language));
});
