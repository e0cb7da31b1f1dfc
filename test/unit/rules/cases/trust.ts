// Cases of the trust and resource-policy rules: web-identity trust, service principals, account
// principals, TLS on bucket policies.
import { stmt, type Case } from '../case';

const GITHUB_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** A JSON trust policy letting GitHub Actions in, with this Condition (or none). */
const github = (condition?: string): string =>
  stmt(
    `{"Effect": "Allow", "Principal": {"Federated": "${GITHUB_ARN}"}, "Action": "sts:AssumeRoleWithWebIdentity"${condition ? `, "Condition": ${condition}` : ''}}`,
  );

const AUD = '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"';

/** A JSON trust policy with one Allow sts:AssumeRole statement for these AWS principals, and this Condition. */
const trust = (principals: string, condition?: string): string =>
  stmt(
    `{"Effect": "Allow", "Principal": {"AWS": ${principals}}, "Action": "sts:AssumeRole"${condition ? `, "Condition": ${condition}` : ''}}`,
  );

/** A YAML template with one resource. */
const template = (...lines: string[]): string =>
  ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', ...lines].join('\n') + '\n';

/** A JSON bucket policy letting "*" read objects under this Condition. */
const pub = (condition: string): string =>
  stmt(
    `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": ${condition}}`,
  );

const BUCKET_READ =
  '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}';
const DENY_HTTP =
  '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}';

export const trustCases: Case[] = [
  // oidc-trust-unpinned
  { name: 'GitHub with no condition', rule: 'oidc-trust-unpinned', text: github(), at: [GITHUB_ARN] },
  {
    name: 'GitHub with the audience only',
    rule: 'oidc-trust-unpinned',
    text: github(`{"StringEquals": {${AUD}}}`),
    at: [GITHUB_ARN],
  },
  {
    name: 'every repository of the organisation',
    rule: 'oidc-trust-unpinned',
    text: github(
      `{"StringEquals": {${AUD}}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"}}`,
    ),
    at: ['repo:my-org/*'],
  },
  {
    name: 'any repository at all',
    rule: 'oidc-trust-unpinned',
    text: github(
      '{"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:my-org/deploy:ref:refs/heads/main", "repo:*"]}}',
    ),
    at: ['repo:*'],
  },
  {
    name: 'one repository and branch',
    rule: 'oidc-trust-unpinned',
    text: github(
      `{"StringEquals": {${AUD}, "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main"}}`,
    ),
    at: [],
  },
  {
    name: "one repository, any branch, is the info rule's",
    rule: 'oidc-trust-unpinned',
    text: github('{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*"}}'),
    at: [],
  },
  {
    name: 'a subject tested only IfExists does not pin',
    rule: 'oidc-trust-unpinned',
    text: github('{"StringLikeIfExists": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*"}}'),
    at: [GITHUB_ARN],
  },
  {
    name: 'EKS service accounts: the audience alone lets every pod in',
    rule: 'oidc-trust-unpinned',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com"}}}',
    ),
    at: ['arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123'],
  },
  {
    name: 'Cognito pinned to an identity pool',
    rule: 'oidc-trust-unpinned',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:1234"}}}',
    ),
    at: [],
  },
  {
    name: 'Cognito without an identity pool',
    rule: 'oidc-trust-unpinned',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}',
    ),
    at: ['cognito-identity.amazonaws.com'],
  },
  {
    name: 'a SAML provider is not OIDC',
    rule: 'oidc-trust-unpinned',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}',
    ),
    at: [],
  },
  {
    name: 'YAML template: provider as !GetAtt, known from the condition keys',
    rule: 'oidc-trust-unpinned',
    format: 'yaml',
    text: template(
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              Federated: !GetAtt GithubOidc.Arn',
      '            Action: sts:AssumeRoleWithWebIdentity',
      '            Condition:',
      '              StringEquals:',
      '                token.actions.githubusercontent.com:aud: sts.amazonaws.com',
    ),
    at: ['!GetAtt GithubOidc.Arn'],
  },
  {
    name: 'YAML template: a provider as !Ref with no condition at all',
    rule: 'oidc-trust-unpinned',
    format: 'yaml',
    text: template(
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - {Effect: Allow, Principal: {Federated: !Ref ProviderArn}, Action: sts:AssumeRoleWithWebIdentity}',
    ),
    at: ['!Ref ProviderArn'],
  },
  {
    name: 'YAML template: a Condition chosen by !If is not judged',
    rule: 'oidc-trust-unpinned',
    format: 'yaml',
    text: template(
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      `            Principal: {Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"}`,
      '            Action: sts:AssumeRoleWithWebIdentity',
      '            Condition: !If [IsProd, {StringEquals: {token.actions.githubusercontent.com:sub: "repo:o/r:environment:prod"}}, !Ref AWS::NoValue]',
    ),
    at: [],
  },
  // oidc-audience-missing
  {
    name: 'GitHub subject without the audience',
    rule: 'oidc-audience-missing',
    text: github(
      '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main"}}',
    ),
    at: [GITHUB_ARN],
  },
  {
    name: 'GitHub with no condition: the audience fix adds a Condition',
    rule: 'oidc-audience-missing',
    text: github(),
    at: [GITHUB_ARN],
  },
  {
    name: 'GitHub subject and audience',
    rule: 'oidc-audience-missing',
    text: github(
      `{"StringEquals": {${AUD}, "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}`,
    ),
    at: [],
  },
  {
    name: "another provider with no condition is the unpinned rule's",
    rule: 'oidc-audience-missing',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}',
    ),
    at: [],
  },
  // oidc-github-branch-unpinned
  {
    name: 'one repository, any branch',
    rule: 'oidc-github-branch-unpinned',
    text: github(
      `{"StringEquals": {${AUD}}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*"}}`,
    ),
    at: ['repo:my-org/deploy:*'],
  },
  {
    name: 'one branch',
    rule: 'oidc-github-branch-unpinned',
    text: github(
      `{"StringEquals": {${AUD}, "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main"}}`,
    ),
    at: [],
  },
  {
    name: 'the same text with StringEquals is no pattern',
    rule: 'oidc-github-branch-unpinned',
    text: github('{"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*"}}'),
    at: [],
  },
  // service-principal-without-source
  {
    name: 'CloudTrail may write to the bucket for anyone',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/AWSLogs/*"}',
    ),
    at: ['cloudtrail.amazonaws.com'],
  },
  {
    name: 'a Condition without a source: the key joins its StringEquals',
    rule: 'service-principal-without-source',
    text: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"Service": "cloudtrail.amazonaws.com"},\n      "Action": "s3:PutObject",\n      "Resource": "arn:aws:s3:::trail-logs/AWSLogs/*",\n      "Condition": {\n        "StringEquals": {\n          "s3:x-amz-acl": "bucket-owner-full-control"\n        }\n      }\n    }\n  ]\n}',
    at: ['cloudtrail.amazonaws.com'],
  },
  {
    name: 'a source account tested only IfExists',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": ["events.amazonaws.com"]}, "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:111122223333:alerts", "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}',
    ),
    at: ['events.amazonaws.com'],
  },
  {
    name: 'tied to the trail',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/AWSLogs/*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"}}}',
    ),
    at: [],
  },
  {
    name: 'a key policy naming the log group in the encryption context',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "logs.eu-west-1.amazonaws.com"}, "Action": ["kms:Encrypt*", "kms:Decrypt*"], "Resource": "*", "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:app"}}}',
    ),
    at: [],
  },
  {
    name: 'a role trusting Lambda is not a resource policy',
    rule: 'service-principal-without-source',
    text: stmt('{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}'),
    at: [],
  },
  {
    name: "JSON template: the fix names the stack's account",
    rule: 'service-principal-without-source',
    text: '{"Resources": {"TopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Topic"}], "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Topic"}, "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}}}}}',
    at: ['events.amazonaws.com'],
  },
  {
    name: 'YAML template: a queue policy for S3 notifications',
    rule: 'service-principal-without-source',
    format: 'yaml',
    text: template(
      '  QueuePolicy:',
      '    Type: AWS::SQS::QueuePolicy',
      '    Properties:',
      '      Queues: [!Ref Queue]',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              Service: s3.amazonaws.com',
      '            Action: sqs:SendMessage',
      '            Resource: !GetAtt Queue.Arn',
    ),
    at: ['s3.amazonaws.com'],
  },
  {
    name: 'YAML template: a Condition chosen by !If is not judged',
    rule: 'service-principal-without-source',
    format: 'yaml',
    text: template(
      '  QueuePolicy:',
      '    Type: AWS::SQS::QueuePolicy',
      '    Properties:',
      '      Queues: [!Ref Queue]',
      '      PolicyDocument:',
      '        Statement:',
      '          - {Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn, Condition: !If [HasSource, {ArnLike: {aws:SourceArn: !Ref Source}}, !Ref AWS::NoValue]}',
    ),
    at: [],
  },
  // cross-account-trust and account-root-trust
  {
    name: "another account's root",
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:root"'),
    at: ['arn:aws:iam::444455556666:root'],
  },
  {
    name: 'an account id',
    rule: 'cross-account-trust',
    text: trust('["444455556666", "arn:aws:iam::444455556666:role/deployer"]'),
    at: ['444455556666'],
  },
  {
    name: 'a third party with an external id',
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:root"', '{"StringEquals": {"sts:ExternalId": "a1b2c3"}}'),
    at: [],
  },
  {
    name: 'an external id tested only IfExists',
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:root"', '{"StringEqualsIfExists": {"sts:ExternalId": "a1b2c3"}}'),
    at: ['arn:aws:iam::444455556666:root'],
  },
  {
    name: 'a named role of another account',
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:role/deployer"'),
    at: [],
  },
  {
    name: "YAML template: an account parameter is unknown, the own account is the info rule's",
    rule: 'cross-account-trust',
    format: 'yaml',
    text: template(
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              AWS:',
      '                - !Sub arn:aws:iam::${TrustedAccount}:root',
      '                - !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
      '                - !Ref AWS::AccountId',
      '            Action: sts:AssumeRole',
    ),
    at: [],
  },
  {
    name: "YAML template: the stack's own account as a whole",
    rule: 'account-root-trust',
    format: 'yaml',
    text: template(
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              AWS:',
      '                - !Sub arn:aws:iam::${TrustedAccount}:root',
      '                - !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
      '                - !Ref AWS::AccountId',
      '            Action: sts:AssumeRole',
    ),
    at: ['!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root', '!Ref AWS::AccountId'],
  },
  {
    name: 'YAML template: the own account narrowed to named roles',
    rule: 'account-root-trust',
    format: 'yaml',
    text: template(
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: {AWS: !Ref AWS::AccountId}',
      '            Action: sts:AssumeRole',
      '            Condition: {ArnEquals: {aws:PrincipalArn: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/admin"}}',
    ),
    at: [],
  },
  // invalid-principal
  {
    name: 'a regional service principal (CloudWatch Logs in a key policy)',
    rule: 'invalid-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "logs.eu-west-1.amazonaws.com"}, "Action": "kms:Decrypt", "Resource": "*"}',
    ),
    at: [],
  },
  {
    name: 'a template placeholder in a service principal is not judged',
    rule: 'invalid-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "logs.${region}.amazonaws.com"}, "Action": "kms:Decrypt", "Resource": "*"}',
    ),
    at: [],
  },
  {
    name: 'principal type in the wrong case',
    rule: 'invalid-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"aws": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}',
    ),
    at: ['aws'],
  },
  {
    name: 'a wildcard inside a role ARN',
    rule: 'invalid-principal',
    text: trust('["arn:aws:iam::111122223333:role/deploy-*", "*"]'),
    at: ['arn:aws:iam::111122223333:role/deploy-*'],
  },
  {
    name: 'a service written without its domain',
    rule: 'invalid-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": ["lambda", "logs.eu-west-1.amazonaws.com", "states.amazonaws.com.cn"]}, "Action": "sts:AssumeRole"}',
    ),
    at: ['lambda'],
  },
  {
    name: 'YAML template: valid principals, intrinsics unchecked',
    rule: 'invalid-principal',
    format: 'yaml',
    text: template(
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              Service: !Sub "${ServicePrefix}.amazonaws.com"',
      '              AWS: [!Sub "arn:aws:iam::${AWS::AccountId}:role/*", "arn:aws:iam::111122223333:root"]',
      '              Federated: cognito-identity.amazonaws.com',
      '              CanonicalUser: 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
      '            Action: sts:AssumeRole',
    ),
    at: [],
  },
  // bucket-secure-transport
  {
    name: 'bucket policy without the TLS deny',
    rule: 'bucket-secure-transport',
    text: stmt(BUCKET_READ),
    at: ['Statement'],
  },
  {
    name: 'bucket policy with the TLS deny',
    rule: 'bucket-secure-transport',
    text: stmt(`${BUCKET_READ}, ${DENY_HTTP}`),
    at: [],
  },
  {
    name: 'an Allow on SecureTransport true is not a deny',
    rule: 'bucket-secure-transport',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}',
    ),
    at: ['Statement'],
  },
  {
    name: 'a single statement object: the fix makes it a list',
    rule: 'bucket-secure-transport',
    text: `{"Version": "2012-10-17", "Statement": ${BUCKET_READ}}`,
    at: ['Statement'],
  },
  {
    name: 'a queue policy is not a bucket policy',
    rule: 'bucket-secure-transport',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"}',
    ),
    at: [],
  },
  {
    name: 'YAML template: bucket from !Sub',
    rule: 'bucket-secure-transport',
    format: 'yaml',
    text: template(
      '  BucketPolicy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Bucket',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: {AWS: !GetAtt Reader.Arn}',
      '            Action: s3:GetObject',
      '            Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*',
    ),
    at: ['Statement'],
  },
  {
    name: 'YAML template: a deny whose condition is !If is not judged',
    rule: 'bucket-secure-transport',
    format: 'yaml',
    text: template(
      '  BucketPolicy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Bucket',
      '      PolicyDocument:',
      '        Statement:',
      '          - {Effect: Allow, Principal: {AWS: !GetAtt Reader.Arn}, Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/*"}',
      '          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "${Bucket.Arn}/*", Condition: !If [Strict, {Bool: {aws:SecureTransport: false}}, {NumericLessThan: {s3:TlsVersion: 1.2}}]}',
    ),
    at: [],
  },

  // A Condition entry that restricts nothing names no account, source or claim (analysis/conditions.ts).
  {
    name: 'an organisation with no values',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": []}}}',
    ),
    at: ['*'],
  },
  {
    name: 'an empty Condition',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {}}',
    ),
    at: ['*'],
  },
  {
    name: 'a GitHub subject with no values',
    rule: 'oidc-trust-unpinned',
    text: github(`{"StringEquals": {${AUD}, "token.actions.githubusercontent.com:sub": []}}`),
    at: [GITHUB_ARN],
  },
  {
    name: 'a GitHub subject matching anything',
    rule: 'oidc-trust-unpinned',
    text: github(`{"StringEquals": {${AUD}}, "StringLike": {"token.actions.githubusercontent.com:sub": "*"}}`),
    at: [GITHUB_ARN],
  },
  {
    name: 'YAML template: a provider as !Ref with an empty Condition',
    rule: 'oidc-trust-unpinned',
    format: 'yaml',
    text: template(
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - {Effect: Allow, Principal: {Federated: !Ref ProviderArn}, Action: sts:AssumeRoleWithWebIdentity, Condition: {}}',
    ),
    at: ['!Ref ProviderArn'],
  },
  {
    name: 'an audience matching anything',
    rule: 'oidc-audience-missing',
    text: github(
      '{"StringLike": {"token.actions.githubusercontent.com:aud": "*"}, "StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}',
    ),
    at: [GITHUB_ARN],
  },
  {
    name: 'an audience under ForAllValues: every token has one',
    rule: 'oidc-audience-missing',
    text: github(
      '{"ForAllValues:StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringEquals": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}}',
    ),
    at: [],
  },
  {
    name: 'a source account with no values',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:111122223333:alerts", "Condition": {"StringEquals": {"aws:SourceAccount": []}}}',
    ),
    at: ['events.amazonaws.com'],
  },
  {
    name: 'a source ARN matching anything',
    rule: 'service-principal-without-source',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:111122223333:alerts", "Condition": {"ArnLike": {"aws:SourceArn": "*"}}}',
    ),
    at: ['events.amazonaws.com'],
  },
  {
    name: 'an external id with no values',
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:root"', '{"StringEquals": {"sts:ExternalId": []}}'),
    at: ['arn:aws:iam::444455556666:root'],
  },
  {
    name: 'an external id matching anything',
    rule: 'cross-account-trust',
    text: trust('"arn:aws:iam::444455556666:root"', '{"StringLike": {"sts:ExternalId": "*"}}'),
    at: ['arn:aws:iam::444455556666:root'],
  },
  {
    name: 'YAML template: the own account narrowed by a principal ARN matching anything',
    rule: 'account-root-trust',
    format: 'yaml',
    text: template(
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: {AWS: !Ref AWS::AccountId}',
      '            Action: sts:AssumeRole',
      '            Condition: {ArnLike: {aws:PrincipalArn: "*"}}',
    ),
    at: ['!Ref AWS::AccountId'],
  },
  {
    name: 'a TLS deny with no values denies nothing',
    rule: 'bucket-secure-transport',
    text: stmt(
      `${BUCKET_READ}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:SecureTransport": []}}}`,
    ),
    at: ['Statement'],
  },

  // public-principal: what Amazon S3 and IAM Access Analyzer count as tying "*" to someone
  {
    name: "a VPC matched by a wildcard (S3's own example of a public policy)",
    rule: 'public-principal',
    text: pub('{"StringLike": {"aws:SourceVpc": "vpc-*"}}'),
    at: ['*'],
  },
  {
    name: 'a fixed VPC endpoint',
    rule: 'public-principal',
    text: pub('{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}'),
    at: [],
  },
  {
    name: 'every IPv4 address',
    rule: 'public-principal',
    text: pub('{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}'),
    at: ['*'],
  },
  {
    name: 'an IP range wider than /8',
    rule: 'public-principal',
    text: pub('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/7"]}}'),
    at: ['*'],
  },
  {
    name: 'an office network',
    rule: 'public-principal',
    text: pub('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/48"]}}'),
    at: [],
  },
  {
    name: 'every address but a few',
    rule: 'public-principal',
    text: pub('{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}'),
    at: ['*'],
  },
  {
    name: 'access points of one account (s3:DataAccessPointAccount)',
    rule: 'public-principal',
    text: pub('{"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}'),
    at: [],
  },
  {
    name: 'any access point of a fixed account (s3:DataAccessPointArn)',
    rule: 'public-principal',
    text: pub('{"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:111122223333:accesspoint/*"}}'),
    at: [],
  },
  {
    name: 'a source ARN with no account and a wildcard',
    rule: 'public-principal',
    text: pub('{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}'),
    at: ['*'],
  },
  {
    name: 'a source ARN of a fixed account',
    rule: 'public-principal',
    text: pub('{"ArnLike": {"aws:SourceArn": "arn:aws:events:eu-west-1:111122223333:rule/*"}}'),
    at: [],
  },
  {
    name: 'the sessions of one role (aws:userid AROLEID:*)',
    rule: 'public-principal',
    text: pub('{"StringLike": {"aws:userid": "AROAEXAMPLEROLEID:*"}}'),
    at: [],
  },
  {
    name: 'an organisation taken from a policy variable',
    rule: 'public-principal',
    text: pub('{"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalTag/org}"}}'),
    at: ['*'],
  },
  {
    name: 'an organisational unit path',
    rule: 'public-principal',
    text: pub('{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}'),
    at: [],
  },
  {
    name: "the callers' account (kms:CallerAccount)",
    rule: 'public-principal',
    text: pub('{"StringEquals": {"kms:CallerAccount": "111122223333"}}'),
    at: [],
  },
  {
    name: 'kms:ViaService alone admits every account calling through the service',
    rule: 'public-principal',
    text: pub('{"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}'),
    at: ['*'],
  },
  {
    name: "the resource's own account restricts no caller",
    rule: 'public-principal',
    text: pub('{"StringEquals": {"aws:ResourceAccount": "111122223333"}}'),
    at: ['*'],
  },
  {
    name: 'a private source address exists in every VPC',
    rule: 'public-principal',
    text: pub('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.5/32"}}'),
    at: ['*'],
  },
  {
    name: 'an organisation tested only IfExists',
    rule: 'public-principal',
    text: pub('{"StringEqualsIfExists": {"aws:PrincipalAccount": "111122223333"}}'),
    at: ['*'],
  },
  {
    name: 'every account but one',
    rule: 'public-principal',
    text: pub('{"StringNotEquals": {"aws:PrincipalAccount": "444455556666"}}'),
    at: ['*'],
  },
  // A Deny that refuses every request without a fixed value restricts the Allow as a condition on it would.
  {
    name: 'a private API: Allow to "*", Deny unless the VPC endpoint (the policy AWS documents)',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}, {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"StringNotEquals": {"aws:sourceVpce": "vpce-1a2b3c4d"}}}',
    ),
    at: [],
  },
  {
    name: 'a Deny of only some of the actions leaves the rest public',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}',
    ),
    at: ['*'],
  },
  {
    name: 'a Deny unless a wildcard VPC restricts nothing',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceVpc": "vpc-*"}}}',
    ),
    at: ['*'],
  },
  {
    name: 'a Deny unless the organisation, IfExists (a request without the key is not denied)',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}',
    ),
    at: ['*'],
  },
  {
    name: 'EFS: clients through a mount target only',
    rule: 'public-principal',
    text: pub('{"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}'),
    at: [],
  },
  {
    name: 'EFS: mount targets not required',
    rule: 'public-principal',
    text: pub('{"Bool": {"elasticfilesystem:AccessedViaMountTarget": "false"}}'),
    at: ['*'],
  },
  {
    name: "YAML template: the stack's own account",
    rule: 'public-principal',
    format: 'yaml',
    text: template(
      '  Policy:',
      '    Type: AWS::SQS::QueuePolicy',
      '    Properties:',
      '      Queues: [!Ref Queue]',
      '      PolicyDocument:',
      '        Statement:',
      '          - {Effect: Allow, Principal: "*", Action: sqs:SendMessage, Resource: "*", Condition: {StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}}}',
    ),
    at: [],
  },
];
