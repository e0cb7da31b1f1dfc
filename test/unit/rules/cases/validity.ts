import { allow, stmt, type Case } from '../case';

/** A CloudFormation template (YAML) with one role whose inline policy has these statement lines (indented by 14). */
const template = (...lines: string[]): string =>
  [
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
    '      Policies:',
    '        - PolicyName: p',
    '          PolicyDocument:',
    '            Version: "2012-10-17"',
    '            Statement:',
    ...lines.map((l) => `              ${l}`),
  ].join('\n');

/** A CDK file (TypeScript) with this body in a function that has a `scope`. */
const cdk = (body: string): string =>
  `import * as iam from 'aws-cdk-lib/aws-iam';\nexport function build(scope: any) {\n${body}\n}\n`;

const cond = (condition: string, action = 's3:GetObject', resource = '*'): string =>
  allow(`"Action": "${action}", "Resource": "${resource}", "Condition": ${condition}`);

export const validityCases: Case[] = [
  // action-resource-mismatch
  {
    name: 'object action on a bucket ARN',
    rule: 'action-resource-mismatch',
    text: allow('"Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "arn:aws:s3:::reports"'),
    at: ['s3:GetObject'],
  },
  {
    name: 'bucket action on object ARNs only',
    rule: 'action-resource-mismatch',
    text: allow('"Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "arn:aws:s3:::reports/*"'),
    at: ['s3:ListBucket'],
  },
  {
    name: 'each action has its resource',
    rule: 'action-resource-mismatch',
    text: allow(
      '"Action": ["s3:ListBucket", "s3:GetObject"], "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]',
    ),
    at: [],
  },
  {
    name: 'a pattern with one applicable action is a normal mix',
    rule: 'action-resource-mismatch',
    text: allow('"Action": "s3:Get*", "Resource": "arn:aws:s3:::reports"'),
    at: [],
  },
  {
    name: 'a pattern none of whose actions applies',
    rule: 'action-resource-mismatch',
    text: allow('"Action": "s3:GetObjectVersion*", "Resource": "arn:aws:s3:::reports"'),
    at: ['s3:GetObjectVersion*'],
  },
  {
    name: 'action of another service',
    rule: 'action-resource-mismatch',
    text: allow(
      '"Action": ["dynamodb:GetItem", "sqs:SendMessage"], "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"',
    ),
    at: ['sqs:SendMessage'],
  },
  {
    name: 'wildcard-only action with a specific ARN',
    rule: 'action-resource-mismatch',
    text: allow(
      '"Action": ["ec2:DescribeInstances", "ec2:StartInstances"], "Resource": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"',
    ),
    at: ['ec2:DescribeInstances'],
  },
  {
    name: 'wildcard-only action with a wildcard ARN may be meant for "*"',
    rule: 'action-resource-mismatch',
    text: allow('"Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"'),
    at: [],
  },
  {
    name: 'Resource * and NotResource are not checked',
    rule: 'action-resource-mismatch',
    text: stmt(
      '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["*", "arn:aws:s3:::b"]}, {"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b"}',
    ),
    at: [],
  },
  {
    name: 'log streams under a log group name with slashes',
    rule: 'action-resource-mismatch',
    text: allow(
      '"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:*"',
    ),
    at: [],
  },
  {
    name: 'deploy-time parts may be anything they need to be',
    rule: 'action-resource-mismatch',
    format: 'yaml',
    text: template(
      '- Effect: Allow',
      '  Action: [logs:CreateLogStream, logs:PutLogEvents, s3:GetObject]',
      '  Resource:',
      '    - !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${FunctionName}:*',
      '    - !GetAtt Bucket.Arn',
      '- Effect: Allow',
      '  Action: [s3:GetObject]',
      '  Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}', // ${Bucket} could hold a key too
      '- Effect: Allow',
      '  Action: [s3:GetObject, s3:ListBucket]',
      '  Resource: !Sub arn:${AWS::Partition}:s3:::reports',
    ),
    at: ['s3:GetObject'],
  },
  // invalid-arn
  {
    name: 'no arn: prefix',
    rule: 'invalid-arn',
    text: allow('"Action": "s3:GetObject", "Resource": ["s3:::reports/*", "arn:aws:s3:::reports/*"]'),
    at: ['s3:::reports/*'],
  },
  {
    name: 'five fields',
    rule: 'invalid-arn',
    text: allow('"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:orders"'),
    at: ['arn:aws:sqs:eu-west-1:orders'],
  },
  {
    name: 'unknown partition',
    rule: 'invalid-arn',
    text: allow('"Action": "sqs:SendMessage", "Resource": "arn:amazon:sqs:eu-west-1:111122223333:orders"'),
    at: ['arn:amazon:sqs:eu-west-1:111122223333:orders'],
  },
  {
    name: 'upper-case service',
    rule: 'invalid-arn',
    text: allow('"Action": "sqs:SendMessage", "Resource": "arn:aws:SQS:eu-west-1:111122223333:orders"'),
    at: ['arn:aws:SQS:eu-west-1:111122223333:orders'],
  },
  {
    name: 'account of 11 digits',
    rule: 'invalid-arn',
    text: allow('"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:11112222333:orders"'),
    at: ['arn:aws:sqs:eu-west-1:11112222333:orders'],
  },
  {
    name: 'region that is no region',
    rule: 'invalid-arn',
    text: allow('"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west:111122223333:orders"'),
    at: ['arn:aws:sqs:eu-west:111122223333:orders'],
  },
  {
    name: 'region in an S3 object ARN',
    rule: 'invalid-arn',
    text: allow('"Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1::reports/*"'),
    at: ['arn:aws:s3:us-east-1::reports/*'],
  },
  {
    name: 'account in an S3 bucket ARN',
    rule: 'invalid-arn',
    text: allow('"Action": "s3:ListBucket", "Resource": "arn:aws:s3::111122223333:reports"'),
    at: ['arn:aws:s3::111122223333:reports'],
  },
  {
    name: 'region in an IAM role ARN',
    rule: 'invalid-arn',
    text: allow('"Action": "iam:PassRole", "Resource": "arn:aws:iam:us-east-1:111122223333:role/app"'),
    at: ['arn:aws:iam:us-east-1:111122223333:role/app'],
  },
  {
    name: 'log group without a region',
    rule: 'invalid-arn',
    text: allow('"Action": "logs:CreateLogGroup", "Resource": "arn:aws:logs:::log-group:app*"'),
    at: ['arn:aws:logs:::log-group:app*'],
  },
  {
    name: 'ArnLike values are ARNs too',
    rule: 'invalid-arn',
    text: cond('{"ArnLike": {"aws:SourceArn": "arn:aws:SNS:*:111122223333:orders"}}'),
    at: ['arn:aws:SNS:*:111122223333:orders'],
  },
  {
    name: 'well-formed ARNs: wildcards, variables, AWS-owned, S3 access points, API Gateway',
    rule: 'invalid-arn',
    text: allow(
      '"Action": "*", "Resource": ["*", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:*:sqs:*:${aws:PrincipalAccount}:q", "arn:aws:s3:*:*:accesspoint/ap", "arn:aws:s3::*:codepipeline-*", "arn:aws-cn:s3:::b", "execute-api:/prod/GET/*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/x:log-stream:*"]',
    ),
    at: [],
  },
  {
    name: 'deploy-time parts are never reported',
    rule: 'invalid-arn',
    format: 'yaml',
    text: template(
      '- Effect: Allow',
      '  Action: [s3:GetObject, sqs:SendMessage]',
      '  Resource:',
      '    - !Sub ${Bucket.Arn}/*',
      '    - !Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders',
      '    - !Join ["", [!GetAtt Bucket.Arn, "/*"]]',
      '    - !Sub "arn:${AWS::Partition}:s3:::${Bucket}"',
      '    - !Sub "arn:aws:iam:${Region}:${AWS::AccountId}:role/x"',
    ),
    at: [],
  },
  // condition-type-mismatch
  {
    name: 'String operator on a Bool key',
    rule: 'condition-type-mismatch',
    text: cond('{"StringEquals": {"aws:ViaAWSService": "lambda.amazonaws.com"}}'),
    at: ['aws:ViaAWSService'],
  },
  {
    name: 'String operator on a Bool key, fixable',
    rule: 'condition-type-mismatch',
    text: cond('{"StringEquals": {"aws:SecureTransport": "true"}}'),
    at: ['aws:SecureTransport'],
  },
  {
    name: 'Bool on a String key',
    rule: 'condition-type-mismatch',
    text: cond('{"Bool": {"aws:PrincipalOrgID": "true"}}'),
    at: ['aws:PrincipalOrgID'],
  },
  {
    name: 'IpAddress on a String key and a bad CIDR',
    rule: 'condition-type-mismatch',
    text: cond(
      '{"IpAddress": {"aws:SourceVpc": "vpc-1", "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "203.0.113.300/24"]}}',
    ),
    at: ['aws:SourceVpc', 'vpc-1', '203.0.113.300/24'],
  },
  {
    name: 'values the operator cannot read',
    rule: 'condition-type-mismatch',
    text: cond(
      '{"NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}, "DateGreaterThan": {"aws:CurrentTime": "yesterday"}, "Bool": {"aws:SecureTransport": "yes"}, "Null": {"aws:TokenIssueTime": "no"}}',
    ),
    at: ['one hour', 'yesterday', 'yes', 'no'],
  },
  {
    name: 'a policy variable with a Numeric operator',
    rule: 'condition-type-mismatch',
    text: cond('{"NumericLessThan": {"aws:MultiFactorAuthAge": "${aws:EpochTime}"}}'),
    at: ['${aws:EpochTime}'],
  },
  {
    name: "operators of the key's type with readable values",
    rule: 'condition-type-mismatch',
    text: cond(
      '{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600, "s3:max-keys": "10"}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-31T12:00:00Z", "aws:TokenIssueTime": "2026-01-31"}, "NumericGreaterThan": {"aws:EpochTime": "1767225600"}, "Bool": {"aws:SecureTransport": false}, "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "::1"]}, "ArnLike": {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b/*"}, "StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}, "Null": {"aws:TokenIssueTime": "true"}}',
    ),
    at: [],
  },
  {
    name: 'deploy-time values are not read',
    rule: 'condition-type-mismatch',
    format: 'yaml',
    text: template(
      '- Effect: Allow',
      '  Action: s3:GetObject',
      '  Resource: "*"',
      '  Condition:',
      '    IpAddress: {aws:SourceIp: !Ref AllowedCidr}',
      '    NumericLessThan: {aws:MultiFactorAuthAge: !Sub "${MaxAge}"}',
    ),
    at: [],
  },
  // string-like-on-arn-key
  {
    name: 'StringLike on aws:SourceArn',
    rule: 'string-like-on-arn-key',
    text: cond('{"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:orders-*"}}'),
    at: ['aws:SourceArn'],
  },
  {
    name: 'StringNotLikeIfExists on aws:PrincipalArn',
    rule: 'string-like-on-arn-key',
    text: cond('{"StringNotLikeIfExists": {"aws:PrincipalArn": ["arn:aws:iam::*:role/admin", "arn:aws:iam::*:root"]}}'),
    at: ['aws:PrincipalArn'],
  },
  {
    name: 'StringLike on an ARN key with a short pattern: no fix',
    rule: 'string-like-on-arn-key',
    text: cond('{"StringLike": {"codestar-notifications:NotificationsForResource": "arn:aws:codepipeline:*"}}'),
    at: ['codestar-notifications:NotificationsForResource'],
  },
  {
    name: 'ArnLike, and StringEquals (compares like ArnEquals)',
    rule: 'string-like-on-arn-key',
    text: cond(
      '{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:orders-*"}, "StringEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}',
    ),
    at: [],
  },
  // forallvalues-single-valued-key
  {
    name: 'ForAllValues on aws:PrincipalOrgID',
    rule: 'forallvalues-single-valued-key',
    text: cond('{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}'),
    at: ['aws:PrincipalOrgID'],
  },
  {
    name: 'ForAllValues on a tag key template',
    rule: 'forallvalues-single-valued-key',
    text: cond('{"ForAllValues:StringEquals": {"aws:RequestTag/team": "blue", "aws:TagKeys": ["team"]}}'),
    at: ['aws:RequestTag/team'],
  },
  {
    name: 'ForAllValues on a service key typed String is not proof enough',
    rule: 'forallvalues-single-valued-key',
    text: cond(
      '{"ForAllValues:StringEquals": {"codestar-connections:ProviderAction": ["ListRepositories", "ListOwners"], "ec2:ResourceTag/team": "blue"}}',
    ),
    at: ['ec2:ResourceTag/team'],
  },
  {
    name: 'ForAllValues on aws:TagKeys, ForAnyValue on a single-valued key',
    rule: 'forallvalues-single-valued-key',
    text: cond(
      '{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}, "ForAnyValue:StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}',
    ),
    at: [],
  },
  // multivalued-key-without-qualifier
  {
    name: 'plain operator on aws:TagKeys',
    rule: 'multivalued-key-without-qualifier',
    text: cond('{"StringEquals": {"aws:TagKeys": ["team", "env"]}}'),
    at: ['aws:TagKeys'],
  },
  {
    name: 'qualified, and Null',
    rule: 'multivalued-key-without-qualifier',
    text: cond('{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a/r-b/*"}, "Null": {"aws:TagKeys": "false"}}'),
    at: [],
  },
  // bad-mfa-condition
  {
    name: 'Deny with Bool false',
    rule: 'bad-mfa-condition',
    text: stmt(
      '{"Effect": "Deny", "NotAction": "iam:*MFA*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}',
    ),
    at: ['aws:MultiFactorAuthPresent'],
  },
  {
    name: 'Allow with BoolIfExists true',
    rule: 'bad-mfa-condition',
    text: cond('{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}'),
    at: ['aws:MultiFactorAuthPresent'],
  },
  {
    name: 'Allow with Null false',
    rule: 'bad-mfa-condition',
    text: cond('{"Null": {"aws:MultiFactorAuthPresent": false}}'),
    at: ['aws:MultiFactorAuthPresent'],
  },
  {
    name: 'the documented patterns',
    rule: 'bad-mfa-condition',
    text: stmt(
      '{"Effect": "Deny", "NotAction": "iam:*MFA*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}, {"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}',
    ),
    at: [],
  },

  // The Version where a tool writes it (CDK) and where it does not (Terraform jsonencode)
  {
    name: 'no Version, no policy variable: information',
    rule: 'missing-version',
    text: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}',
    at: ['Statement'],
    severities: ['info'],
  },
  {
    name: 'no Version with a policy variable in a Resource: a warning (IAM takes it literally)',
    rule: 'missing-version',
    text: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}',
    at: ['Statement'],
    severities: ['warning'],
  },
  {
    name: 'no Version with a policy variable in a condition value',
    rule: 'missing-version',
    text: '{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::home", "Condition": {"StringLike": {"s3:prefix": "${aws:userid}/*"}}}]}',
    at: ['Statement'],
    severities: ['warning'],
  },
  {
    name: 'no Version, a CloudFormation Sub variable is not a policy variable',
    rule: 'missing-version',
    format: 'yaml',
    text: 'Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: !Sub "arn:aws:s3:::${Bucket}/*"\n',
    at: ['Statement'],
    severities: ['info'],
  },
  {
    name: 'CDK: PolicyDocument.fromJson without Version (the CDK writes it)',
    rule: 'missing-version',
    format: 'typescript',
    text: cdk(
      "new iam.ManagedPolicy(scope, 'M', { document: iam.PolicyDocument.fromJson({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) });",
    ),
    at: [],
  },
  {
    name: 'CDK: an old Version in fromJson is replaced by the CDK',
    rule: 'invalid-version',
    format: 'typescript',
    text: cdk(
      "new iam.ManagedPolicy(scope, 'M', { document: iam.PolicyDocument.fromJson({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) });",
    ),
    at: [],
  },
  {
    name: 'Terraform: jsonencode without Version is sent as written',
    rule: 'missing-version',
    format: 'terraform',
    text: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}\n',
    at: ['Statement'],
  },
  {
    name: 'Terraform: aws_iam_policy_document writes the Version',
    rule: 'missing-version',
    format: 'terraform',
    text: 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n  }\n}\n',
    at: [],
  },
  {
    name: 'Terraform: an old Version in jsonencode',
    rule: 'invalid-version',
    format: 'terraform',
    text: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2008-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}\n',
    at: ['2008-10-17'],
    severities: ['warning'],
  },

  // duplicate-sid: AWS refuses duplicates in identity and resource policies alike
  {
    name: 'duplicate Sid in an identity policy',
    rule: 'duplicate-sid',
    text: stmt(
      '{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}',
    ),
    at: ['Read'],
    severities: ['error'],
  },
  {
    name: 'duplicate Sid in a bucket policy: a warning (S3 accepts it)',
    rule: 'duplicate-sid',
    text: stmt(
      '{"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "Read", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}',
    ),
    at: ['Read'],
    severities: ['warning'],
  },
  {
    name: 'duplicate Sid in a queue policy (SQS requires unique Sids)',
    rule: 'duplicate-sid',
    text: stmt(
      '{"Sid": "Send", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"}, {"Sid": "Send", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"}}}',
    ),
    at: ['Send'],
    severities: ['error'],
  },
];
