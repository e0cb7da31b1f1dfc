/**
 * What the CDK's `grant*` methods add to the grantee's policy, as a table taken from aws-cdk-lib's own
 * source (version 2.276.0, the files named in each row). A grant adds a statement to the grantee's
 * principal policy; reading it lets the rules that combine a principal's policies (privilege
 * escalation, data exfiltration...) see it, and hover show it.
 *
 * Left out on purpose: the KMS actions a grant adds on the resource's encryption key when it has one
 * (`keyActions` in the source): whether it has one is not in the call. Where a feature flag changes the
 * actions, the row has what the flag's recommended value (new projects) gives, and says so.
 */

/** Where a row comes from. */
const CDK_VERSION = '2.276.0';

/** A kind of resource the CDK can grant on, by module and class (`aws-s3` `Bucket`). */
export interface ResourceKind {
  readonly module: string;
  /** The classes whose instances (`new X`, `X.fromY(...)`) are this kind. */
  readonly classes: readonly string[];
  /** The attribute holding the resource's ARN, for the derived statement's Resource. */
  readonly arnAttribute: string;
  /**
   * True when a grant's Resource is exactly the resource's ARN, so that the ARN written in
   * `Role.fromRoleArn(this, id, 'arn:...')` is the grant's Resource (a bucket's grants add `/*`, a
   * table's its indexes: those stay unknown).
   */
  readonly arnIsResource?: boolean;
}

export interface GrantRow {
  /** The method, e.g. `grantRead`. */
  readonly method: string;
  /** Key in RESOURCE_KINDS. */
  readonly resource: string;
  /** The actions on the resource itself. */
  readonly actions: readonly string[];
  /** Actions the grant adds on every resource (`"*"`), e.g. `ecr:GetAuthorizationToken`. */
  readonly onEveryResource?: readonly string[];
  /** The file of aws-cdk-lib the actions are read from, and any caveat. */
  readonly source: string;
}

export const RESOURCE_KINDS: Readonly<Record<string, ResourceKind>> = {
  bucket: { module: 'aws-s3', classes: ['Bucket'], arnAttribute: 'bucketArn' },
  table: { module: 'aws-dynamodb', classes: ['Table', 'TableV2'], arnAttribute: 'tableArn' },
  key: { module: 'aws-kms', classes: ['Key'], arnAttribute: 'keyArn', arnIsResource: true },
  secret: { module: 'aws-secretsmanager', classes: ['Secret'], arnAttribute: 'secretArn' },
  queue: { module: 'aws-sqs', classes: ['Queue'], arnAttribute: 'queueArn', arnIsResource: true },
  topic: { module: 'aws-sns', classes: ['Topic'], arnAttribute: 'topicArn', arnIsResource: true },
  function: {
    module: 'aws-lambda',
    classes: ['Function', 'SingletonFunction', 'DockerImageFunction', 'Alias', 'Version'],
    arnAttribute: 'functionArn',
    arnIsResource: true,
  },
  nodejsFunction: {
    module: 'aws-lambda-nodejs',
    classes: ['NodejsFunction'],
    arnAttribute: 'functionArn',
    arnIsResource: true,
  },
  pythonFunction: { module: 'aws-lambda-python-alpha', classes: ['PythonFunction'], arnAttribute: 'functionArn' },
  stream: { module: 'aws-kinesis', classes: ['Stream'], arnAttribute: 'streamArn', arnIsResource: true },
  role: { module: 'aws-iam', classes: ['Role', 'LazyRole'], arnAttribute: 'roleArn', arnIsResource: true },
  logGroup: { module: 'aws-logs', classes: ['LogGroup'], arnAttribute: 'logGroupArn' },
  parameter: { module: 'aws-ssm', classes: ['StringParameter', 'StringListParameter'], arnAttribute: 'parameterArn' },
  repository: { module: 'aws-ecr', classes: ['Repository'], arnAttribute: 'repositoryArn', arnIsResource: true },
};

const S3_READ = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
const S3_DELETE = ['s3:DeleteObject*'];
// BUCKET_PUT_ACTIONS, with `@aws-cdk/aws-s3:grantWriteWithoutAcl` (recommended); without the flag,
// LEGACY_BUCKET_PUT_ACTIONS: s3:PutObject*, s3:Abort*.
const S3_PUT = [
  's3:PutObject',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:Abort*',
];
const S3_SOURCE = 'aws-s3/lib/bucket-grants.js with aws-s3/lib/perms.js';
const DYNAMODB_READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const DYNAMODB_PRINCIPAL_READ = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
const DYNAMODB_WRITE = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
];
const DYNAMODB_SOURCE = 'aws-dynamodb/lib/table-grants.js with aws-dynamodb/lib/perms.js';
const KMS_ENCRYPT = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];
const KMS_SOURCE = 'aws-kms/lib/key-grants.js with aws-kms/lib/private/perms.js';
const KINESIS_READ = [
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:SubscribeToShard',
  'kinesis:DescribeStream',
  'kinesis:ListStreams',
  'kinesis:DescribeStreamConsumer',
];
const KINESIS_WRITE = ['kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'];
const ECR_PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const ECR_PUSH = [
  'ecr:CompleteLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:InitiateLayerUpload',
  'ecr:BatchCheckLayerAvailability',
  'ecr:PutImage',
];
const LAMBDA_INVOKE = { actions: ['lambda:InvokeFunction'], source: 'aws-lambda/lib/function-base.js (grantInvoke)' };

export const GRANTS: readonly GrantRow[] = [
  { method: 'grantRead', resource: 'bucket', actions: S3_READ, source: S3_SOURCE },
  {
    method: 'grantWrite',
    resource: 'bucket',
    actions: [...S3_DELETE, ...S3_PUT],
    source: `${S3_SOURCE} (put actions as with @aws-cdk/aws-s3:grantWriteWithoutAcl)`,
  },
  {
    method: 'grantReadWrite',
    resource: 'bucket',
    actions: [...S3_READ, ...S3_DELETE, ...S3_PUT],
    source: `${S3_SOURCE} (put actions as with @aws-cdk/aws-s3:grantWriteWithoutAcl)`,
  },
  {
    method: 'grantPut',
    resource: 'bucket',
    actions: S3_PUT,
    source: `${S3_SOURCE} (as with @aws-cdk/aws-s3:grantWriteWithoutAcl)`,
  },
  {
    method: 'grantPutAcl',
    resource: 'bucket',
    actions: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
    source: S3_SOURCE,
  },
  { method: 'grantDelete', resource: 'bucket', actions: S3_DELETE, source: S3_SOURCE },
  {
    method: 'grantReadData',
    resource: 'table',
    actions: [...DYNAMODB_READ, ...DYNAMODB_PRINCIPAL_READ],
    source: DYNAMODB_SOURCE,
  },
  { method: 'grantWriteData', resource: 'table', actions: DYNAMODB_WRITE, source: DYNAMODB_SOURCE },
  {
    method: 'grantReadWriteData',
    resource: 'table',
    actions: [...DYNAMODB_READ.slice(0, 5), ...DYNAMODB_WRITE, ...DYNAMODB_PRINCIPAL_READ],
    source: DYNAMODB_SOURCE,
  },
  { method: 'grantFullAccess', resource: 'table', actions: ['dynamodb:*'], source: DYNAMODB_SOURCE },
  { method: 'grantDecrypt', resource: 'key', actions: ['kms:Decrypt'], source: KMS_SOURCE },
  { method: 'grantEncrypt', resource: 'key', actions: KMS_ENCRYPT, source: KMS_SOURCE },
  { method: 'grantEncryptDecrypt', resource: 'key', actions: ['kms:Decrypt', ...KMS_ENCRYPT], source: KMS_SOURCE },
  { method: 'grantSign', resource: 'key', actions: ['kms:Sign'], source: KMS_SOURCE },
  { method: 'grantVerify', resource: 'key', actions: ['kms:Verify'], source: KMS_SOURCE },
  {
    method: 'grantAdmin',
    resource: 'key',
    actions: [
      'kms:Create*',
      'kms:Describe*',
      'kms:Enable*',
      'kms:List*',
      'kms:Put*',
      'kms:Update*',
      'kms:Revoke*',
      'kms:Disable*',
      'kms:Get*',
      'kms:Delete*',
      'kms:TagResource',
      'kms:UntagResource',
      'kms:ScheduleKeyDeletion',
      'kms:CancelKeyDeletion',
    ],
    source: KMS_SOURCE,
  },
  {
    method: 'grantRead',
    resource: 'secret',
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    source: 'aws-secretsmanager/lib/secret.js',
  },
  {
    method: 'grantWrite',
    resource: 'secret',
    actions: [
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecret',
      'secretsmanager:UpdateSecretVersionStage',
    ],
    source: 'aws-secretsmanager/lib/secret.js',
  },
  {
    method: 'grantSendMessages',
    resource: 'queue',
    actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    source: 'aws-sqs/grants.json',
  },
  {
    method: 'grantConsumeMessages',
    resource: 'queue',
    actions: [
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueUrl',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ],
    source: 'aws-sqs/grants.json',
  },
  {
    method: 'grantPurge',
    resource: 'queue',
    actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    source: 'aws-sqs/grants.json',
  },
  { method: 'grantPublish', resource: 'topic', actions: ['sns:Publish'], source: 'aws-sns/grants.json' },
  { method: 'grantSubscribe', resource: 'topic', actions: ['sns:Subscribe'], source: 'aws-sns/grants.json' },
  { method: 'grantInvoke', resource: 'function', ...LAMBDA_INVOKE },
  { method: 'grantInvoke', resource: 'nodejsFunction', ...LAMBDA_INVOKE },
  { method: 'grantInvoke', resource: 'pythonFunction', ...LAMBDA_INVOKE },
  {
    method: 'grantRead',
    resource: 'stream',
    actions: KINESIS_READ,
    source: 'aws-kinesis/lib/stream.js (READ_OPERATIONS)',
  },
  {
    method: 'grantWrite',
    resource: 'stream',
    actions: KINESIS_WRITE,
    source: 'aws-kinesis/lib/stream.js (WRITE_OPERATIONS)',
  },
  {
    method: 'grantReadWrite',
    resource: 'stream',
    actions: [...KINESIS_READ, 'kinesis:PutRecord', 'kinesis:PutRecords'],
    source: 'aws-kinesis/lib/stream.js',
  },
  {
    method: 'grantPassRole',
    resource: 'role',
    actions: ['iam:PassRole'],
    source: 'aws-iam/lib/role-grants.js (passRole)',
  },
  {
    method: 'grantAssumeRole',
    resource: 'role',
    actions: ['sts:AssumeRole'],
    source: 'aws-iam/lib/role-grants.js (assumeRole)',
  },
  {
    method: 'grantWrite',
    resource: 'logGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    source: 'aws-logs/lib/log-group-grants.js',
  },
  {
    method: 'grantRead',
    resource: 'logGroup',
    actions: [
      'logs:FilterLogEvents',
      'logs:GetLogEvents',
      'logs:GetLogGroupFields',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
    ],
    source: 'aws-logs/lib/log-group-grants.js',
  },
  {
    method: 'grantRead',
    resource: 'parameter',
    actions: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'],
    source: 'aws-ssm/grants.json',
  },
  { method: 'grantWrite', resource: 'parameter', actions: ['ssm:PutParameter'], source: 'aws-ssm/lib/parameter.js' },
  {
    method: 'grantRead',
    resource: 'repository',
    actions: ['ecr:DescribeRepositories', 'ecr:DescribeImages'],
    source: 'aws-ecr/lib/repository.js',
  },
  {
    method: 'grantPull',
    resource: 'repository',
    actions: ECR_PULL,
    onEveryResource: ['ecr:GetAuthorizationToken'],
    source: 'aws-ecr/lib/repository.js (REPO_PULL_ACTIONS)',
  },
  {
    method: 'grantPush',
    resource: 'repository',
    actions: ECR_PUSH,
    onEveryResource: ['ecr:GetAuthorizationToken'],
    source: 'aws-ecr/lib/repository.js (REPO_PUSH_ACTIONS)',
  },
  {
    method: 'grantPullPush',
    resource: 'repository',
    actions: [...ECR_PULL, ...ECR_PUSH.filter((a) => !ECR_PULL.includes(a))],
    onEveryResource: ['ecr:GetAuthorizationToken'],
    source: 'aws-ecr/lib/repository.js',
  },
];

const byMethod = new Map<string, GrantRow[]>();
for (const row of GRANTS) byMethod.set(row.method, [...(byMethod.get(row.method) ?? []), row]);

/**
 * The row of a grant: by the receiver's kind (a key of RESOURCE_KINDS) when known; else by the method
 * alone, only when every row of that name grants the same actions (`grantReadData`, `grantInvoke`), never
 * a guess between `grantRead` of a bucket and of a secret.
 */
export function grantRow(method: string, resource: string | undefined): GrantRow | undefined {
  const rows = byMethod.get(method);
  if (!rows) return undefined;
  if (resource !== undefined) return rows.find((row) => row.resource === resource);
  const first = rows[0]!;
  return rows.every((row) => sameActions(row, first)) ? first : undefined;
}

function sameActions(a: GrantRow, b: GrantRow): boolean {
  return a.actions.join() === b.actions.join() && (a.onEveryResource ?? []).join() === (b.onEveryResource ?? []).join();
}

/** Where a row's actions come from, for display: `aws-cdk-lib 2.276.0, aws-sqs/grants.json`. */
export function grantSource(row: GrantRow): string {
  return `aws-cdk-lib ${CDK_VERSION}, ${row.source}`;
}

/** The kind of resource a class of a module is, if the table knows it. */
export function resourceKindOf(module: string, className: string): string | undefined {
  for (const [kind, info] of Object.entries(RESOURCE_KINDS)) {
    if (info.module === module && info.classes.includes(className)) return kind;
  }
  return undefined;
}
