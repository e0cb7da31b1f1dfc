// Template-level rules: attached managed policies, KMS keys, secrets, trails, Lambda permissions.
import type { Case } from '../case';

/** A JSON template with these resources (`"Id": {...}` entries). */
const json = (resources: string): string =>
  `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n${resources}\n  }\n}`;

/** A YAML template with these resources, written at the resources' indentation (two spaces). */
const yaml = (...lines: string[]): string =>
  ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', ...lines.map((l) => `  ${l}`), ''].join('\n');

const role = (arns: string): string =>
  `    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}, "ManagedPolicyArns": ${arns}}}`;

export const hygieneCases: Case[] = [
  // aws-managed-admin-policy
  {
    name: 'AdministratorAccess by ARN on a role',
    rule: 'aws-managed-admin-policy',
    text: json(role('["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]')),
    at: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  },
  {
    name: 'AdministratorAccess through Fn::Join with the partition',
    rule: 'aws-managed-admin-policy',
    text: json(
      role('[{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}]'),
    ),
    at: ['{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}'],
  },
  {
    name: 'AdministratorAccess through !Sub, by name in SAM, and inside !If',
    rule: 'aws-managed-admin-policy',
    format: 'yaml',
    text: yaml(
      'Fn:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Policies: AdministratorAccess',
      'Admin:',
      '  Type: AWS::IAM::Group',
      '  Properties:',
      '    ManagedPolicyArns:',
      '      - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
      '      - !If [IsProd, !Ref AWS::NoValue, arn:aws-cn:iam::aws:policy/AdministratorAccess]',
    ),
    at: [
      'AdministratorAccess',
      '!Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
      'arn:aws-cn:iam::aws:policy/AdministratorAccess',
    ],
  },
  {
    name: 'unknown policy names, customer policies and SAM policy templates are not AdministratorAccess',
    rule: 'aws-managed-admin-policy',
    format: 'yaml',
    text: yaml(
      'Fn:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Policies:',
      '      - AdministratorAccess: {}',
      '      - !Sub arn:${AWS::Partition}:iam::aws:policy/${AdminPolicy}',
      '      - !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/AdministratorAccess',
      '      - !Ref AdministratorAccess',
      '      - Statement: [{Effect: Allow, Action: "*", Resource: "*"}]',
    ),
    at: [],
  },
  // aws-managed-privileged-policy
  {
    name: 'IAMFullAccess on a role',
    rule: 'aws-managed-privileged-policy',
    text: json(role('["arn:aws:iam::aws:policy/IAMFullAccess"]')),
    at: ['arn:aws:iam::aws:policy/IAMFullAccess'],
  },
  {
    name: 'IAMReadOnlyAccess is not privileged',
    rule: 'aws-managed-privileged-policy',
    text: json(role('["arn:aws:iam::aws:policy/IAMReadOnlyAccess"]')),
    at: [],
  },
  {
    name: 'PowerUserAccess on an SSO permission set',
    rule: 'aws-managed-privileged-policy',
    format: 'yaml',
    text: yaml(
      'Set:',
      '  Type: AWS::SSO::PermissionSet',
      '  Properties:',
      '    InstanceArn: arn:aws:sso:::instance/ssoins-1',
      '    Name: power',
      '    ManagedPolicies: [arn:aws:iam::aws:policy/PowerUserAccess]',
    ),
    at: ['arn:aws:iam::aws:policy/PowerUserAccess'],
  },
  // aws-managed-full-access-policy
  {
    name: 'full access to one service, with the privileged and admin ones left to their rules',
    rule: 'aws-managed-full-access-policy',
    text: json(
      role(
        '["arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/IAMFullAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::111122223333:policy/TeamFullAccess"]',
      ),
    ),
    at: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
  },
  {
    name: 'narrow AWS managed policies and customer policies',
    rule: 'aws-managed-full-access-policy',
    format: 'yaml',
    text: yaml(
      'Fn:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Policies: [AWSLambdaBasicExecutionRole, AmazonS3ReadOnlyAccess, !Sub "arn:${AWS::Partition}:iam::aws:policy/${Access}", !Ref AppPolicy]',
    ),
    at: [],
  },
  // kms-key-rotation
  {
    name: 'symmetric key without rotation',
    rule: 'kms-key-rotation',
    text: json('    "Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "data"}}'),
    at: ['AWS::KMS::Key'],
  },
  {
    name: 'rotation turned off',
    rule: 'kms-key-rotation',
    text: json('    "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}}'),
    at: ['false'],
  },
  {
    name: 'a key with no Properties at all',
    rule: 'kms-key-rotation',
    text: json('    "Key": {\n      "Type": "AWS::KMS::Key"\n    }'),
    at: ['AWS::KMS::Key'],
  },
  {
    name: 'YAML: rotation off as a string, and a key written in flow style',
    rule: 'kms-key-rotation',
    format: 'yaml',
    text: yaml(
      'Key:',
      '  Type: AWS::KMS::Key',
      '  Properties:',
      '    EnableKeyRotation: "false"',
      'Other:',
      '  Type: AWS::KMS::Key',
      '  Properties: {Description: other}',
    ),
    at: ['false', 'AWS::KMS::Key'],
  },
  {
    name: 'rotating, asymmetric, HMAC, imported and unknown keys are not reported',
    rule: 'kms-key-rotation',
    format: 'yaml',
    text: yaml(
      'On: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}',
      'Signing: {Type: AWS::KMS::Key, Properties: {KeySpec: ECC_NIST_P256, KeyUsage: SIGN_VERIFY}}',
      'Mac: {Type: AWS::KMS::Key, Properties: {KeySpec: HMAC_256, KeyUsage: GENERATE_VERIFY_MAC}}',
      'Imported: {Type: AWS::KMS::Key, Properties: {Origin: EXTERNAL}}',
      'Chosen: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: !Ref Rotate}}',
      'Spec: {Type: AWS::KMS::Key, Properties: {KeySpec: !Ref Spec}}',
      'Whole: {Type: AWS::KMS::Key, Properties: !If [C, {EnableKeyRotation: true}, !Ref AWS::NoValue]}',
    ),
    at: [],
  },
  // secret-rotation
  {
    name: 'a secret without a rotation schedule, beside one with',
    rule: 'secret-rotation',
    text: json(
      [
        '    "Rotated": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": "k"}},',
        '    "Named": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "app/db"}},',
        '    "Plain": {"Type": "AWS::SecretsManager::Secret", "Properties": {}},',
        '    "S1": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": "Rotated"}}},',
        '    "S2": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf"}}',
      ].join('\n'),
    ),
    at: ['AWS::SecretsManager::Secret'],
  },
  {
    name: 'YAML: !Ref and !GetAtt rotation schedules',
    rule: 'secret-rotation',
    format: 'yaml',
    text: yaml(
      'A: {Type: AWS::SecretsManager::Secret}',
      'B: {Type: AWS::SecretsManager::Secret}',
      'RA: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: !Ref A}}',
      'RB: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: !GetAtt B.Id}}',
    ),
    at: [],
  },
  {
    name: 'a rotation schedule for an unknown secret may be for any of them',
    rule: 'secret-rotation',
    format: 'yaml',
    text: yaml(
      'A: {Type: AWS::SecretsManager::Secret}',
      'R: {Type: AWS::SecretsManager::RotationSchedule, Properties: {SecretId: !ImportValue shared-secret}}',
    ),
    at: [],
  },
  // secret-without-cmk
  {
    name: 'no KmsKeyId, and the AWS managed key by alias',
    rule: 'secret-without-cmk',
    format: 'yaml',
    text: yaml(
      'A:',
      '  Type: AWS::SecretsManager::Secret',
      '  Properties: {Name: a}',
      'B:',
      '  Type: AWS::SecretsManager::Secret',
      '  Properties:',
      '    KmsKeyId: alias/aws/secretsmanager',
    ),
    at: ['AWS::SecretsManager::Secret', 'alias/aws/secretsmanager'],
  },
  {
    name: 'a customer key, or one chosen by a condition',
    rule: 'secret-without-cmk',
    text: json(
      '    "A": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": {"Ref": "Key"}}},\n    "B": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": {"Fn::If": ["C", {"Ref": "Key"}, {"Ref": "AWS::NoValue"}]}}}',
    ),
    at: [],
  },
  // CloudTrail
  {
    name: 'trail without a KMS key',
    rule: 'cloudtrail-encryption',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "logs"}}',
    ),
    at: ['AWS::CloudTrail::Trail'],
  },
  {
    name: 'trail with a KMS key',
    rule: 'cloudtrail-encryption',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "logs", "KMSKeyId": {"Ref": "Key"}}}',
    ),
    at: [],
  },
  {
    name: 'log file validation absent',
    rule: 'cloudtrail-log-validation',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "logs"}}',
    ),
    at: ['AWS::CloudTrail::Trail'],
  },
  {
    name: 'YAML: log file validation off, and unknown',
    rule: 'cloudtrail-log-validation',
    format: 'yaml',
    text: yaml(
      'Off:',
      '  Type: AWS::CloudTrail::Trail',
      '  Properties:',
      '    IsLogging: true',
      '    EnableLogFileValidation: false',
      'Chosen:',
      '  Type: AWS::CloudTrail::Trail',
      '  Properties: {IsLogging: true, EnableLogFileValidation: !Ref Validate}',
    ),
    at: ['false'],
  },
  {
    name: 'log file validation on',
    rule: 'cloudtrail-log-validation',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "EnableLogFileValidation": "true"}}',
    ),
    at: [],
  },
  {
    name: 'single-region trail',
    rule: 'cloudtrail-multi-region',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "IsMultiRegionTrail": false}}',
    ),
    at: ['false'],
  },
  {
    name: 'multi-region trail',
    rule: 'cloudtrail-multi-region',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "IsMultiRegionTrail": true}}',
    ),
    at: [],
  },
  {
    name: 'trail without CloudWatch Logs',
    rule: 'cloudtrail-cloudwatch-logs',
    text: json('    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true}}'),
    at: ['AWS::CloudTrail::Trail'],
  },
  {
    name: 'trail with CloudWatch Logs',
    rule: 'cloudtrail-cloudwatch-logs',
    text: json(
      '    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "CloudWatchLogsLogGroupArn": {"Fn::GetAtt": ["Logs", "Arn"]}}}',
    ),
    at: [],
  },
  // lambda-permission-without-source
  {
    name: 'S3 may invoke with no source',
    rule: 'lambda-permission-without-source',
    text: json(
      '    "P": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "s3.amazonaws.com"}}',
    ),
    at: ['s3.amazonaws.com'],
  },
  {
    name: 'YAML: a service principal written with the URL suffix',
    rule: 'lambda-permission-without-source',
    format: 'yaml',
    text: yaml(
      'P:',
      '  Type: AWS::Lambda::Permission',
      '  Properties:',
      '    Action: lambda:InvokeFunction',
      '    FunctionName: !Ref Fn',
      '    Principal: !Sub events.${AWS::URLSuffix}',
    ),
    at: ['!Sub events.${AWS::URLSuffix}'],
  },
  {
    name: 'a source ARN or account, an account principal, an unknown principal',
    rule: 'lambda-permission-without-source',
    format: 'yaml',
    text: yaml(
      'A: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: events.amazonaws.com, SourceArn: !GetAtt Rule.Arn}}',
      'B: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: s3.amazonaws.com, SourceAccount: !Ref AWS::AccountId}}',
      'C: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: "111122223333"}}',
      'D: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: !Ref Caller}}',
    ),
    at: [],
  },
  {
    name: "a source ARN matching every account's buckets, an empty source account",
    rule: 'lambda-permission-without-source',
    format: 'yaml',
    text: yaml(
      'A: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: s3.amazonaws.com, SourceArn: "arn:aws:s3:::*"}}',
      'B: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: sns.amazonaws.com, SourceAccount: ""}}',
      'C: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: events.amazonaws.com, SourceArn: "arn:aws:events:eu-west-1:111122223333:rule/*"}}',
    ),
    at: ['s3.amazonaws.com', 'sns.amazonaws.com'],
  },
  {
    name: 'anyone with a source ARN matching every bucket',
    rule: 'lambda-permission-public',
    text: json(
      '    "P": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": "f", "Principal": "*", "SourceArn": "arn:aws:s3:::*"}}',
    ),
    at: ['*'],
  },
  // lambda-permission-public
  {
    name: 'anyone may invoke',
    rule: 'lambda-permission-public',
    text: json(
      '    "P": {"Type": "AWS::Lambda::Permission", "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": "f", "Principal": "*"}}',
    ),
    at: ['*'],
  },
  {
    name: 'YAML: a public function URL',
    rule: 'lambda-permission-public',
    format: 'yaml',
    text: yaml(
      'P:',
      '  Type: AWS::Lambda::Permission',
      '  Properties:',
      '    Action: lambda:InvokeFunctionUrl',
      '    FunctionName: !Ref Fn',
      '    Principal: "*"',
      '    FunctionUrlAuthType: NONE',
    ),
    at: ['*'],
  },
  {
    name: 'anyone in the organisation, an IAM-authenticated URL, an unknown auth type',
    rule: 'lambda-permission-public',
    format: 'yaml',
    text: yaml(
      'A: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: "*", PrincipalOrgID: o-abc}}',
      'B: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunctionUrl, FunctionName: f, Principal: "*", FunctionUrlAuthType: AWS_IAM}}',
      'C: {Type: AWS::Lambda::Permission, Properties: {Action: lambda:InvokeFunctionUrl, FunctionName: f, Principal: "*", FunctionUrlAuthType: !Ref Auth}}',
    ),
    at: [],
  },
  // secret-parameter-ref
  {
    name: 'passwords from String parameters, nested too',
    rule: 'secret-parameter-ref',
    format: 'yaml',
    text: [
      'Parameters:',
      '  DbPassword: {Type: String, NoEcho: true}',
      '  UserPassword: {Type: String, Default: changeme}',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: {MasterUsername: app, MasterUserPassword: !Ref DbPassword}',
      '  User:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      LoginProfile:',
      '        Password: {"Ref": "UserPassword"}',
      '',
    ].join('\n'),
    at: ['!Ref DbPassword', '{"Ref": "UserPassword"}'],
  },
  {
    name: 'dynamic references, SSM parameter types, secret stores and other properties',
    rule: 'secret-parameter-ref',
    text: JSON.stringify({
      Parameters: {
        Pw: { Type: 'String', NoEcho: true },
        Ssm: { Type: 'AWS::SSM::Parameter::Value<String>' },
        Name: { Type: 'String' },
      },
      Resources: {
        A: {
          Type: 'AWS::RDS::DBInstance',
          Properties: { MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}' },
        },
        B: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: { Ref: 'Ssm' } } },
        C: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: { Ref: 'Pw' }, Name: { Ref: 'Name' } } },
        D: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: { Ref: 'NotAParameter' } } },
      },
    }),
    at: [],
  },
];
