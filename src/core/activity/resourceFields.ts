/**
 * Where a request or a response names a resource, for the common services: a table, read by
 * resources.ts. The field names are CloudTrail's (its requestParameters follow each API's request
 * members with a lower-case first letter). A value that is an ARN gives its type and name through
 * resourceTypes.ts; otherwise it is the resource's name.
 */
export interface ResourceField {
  readonly source: string;
  readonly in: 'requestParameters' | 'responseElements';
  /** Keys from the object down, split by `.`; a key followed by `[]` holds a list (`instancesSet.items[].instanceId`). */
  readonly path: string;
  readonly type: string;
  /** Only for these event names (SSM's `name` is a parameter's only in the parameter calls). */
  readonly events?: RegExp;
  /** The name from the value, when the value is not the name itself (an SQS queue URL). */
  readonly name?: (value: string) => string | undefined;
  /** The type from the value, when one field can name two types (a KMS key or its alias). */
  readonly typeOf?: (value: string) => string;
}

const BUCKET = 'AWS::S3::Bucket';
const ROLE = 'AWS::IAM::Role';
const KEY = 'AWS::KMS::Key';
const SECRET = 'AWS::SecretsManager::Secret';
const FUNCTION = 'AWS::Lambda::Function';
const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';
const INSTANCE = 'AWS::EC2::Instance';
const TRAIL = 'AWS::CloudTrail::Trail';
const PARAMETER = 'AWS::SSM::Parameter';

const REQUEST = 'requestParameters';
const RESPONSE = 'responseElements';

/** A queue URL ends with the queue's name: https://sqs.us-east-1.amazonaws.com/123456789012/name. */
const queueName = (url: string): string | undefined =>
  url
    .split('/')
    .filter((part) => part !== '')
    .pop();

/** KMS takes a key id, a key ARN, an alias name (`alias/x`) or an alias ARN wherever it takes a key. */
const keyOrAlias = (value: string): string => (value.startsWith('alias/') ? 'AWS::KMS::Alias' : KEY);

const PARAMETER_CALLS = /Parameters?$/;

export const RESOURCE_FIELDS: readonly ResourceField[] = [
  { source: 's3.amazonaws.com', in: REQUEST, path: 'bucketName', type: BUCKET },
  { source: 'iam.amazonaws.com', in: REQUEST, path: 'roleName', type: ROLE },
  { source: 'iam.amazonaws.com', in: REQUEST, path: 'userName', type: 'AWS::IAM::User' },
  { source: 'iam.amazonaws.com', in: REQUEST, path: 'groupName', type: 'AWS::IAM::Group' },
  { source: 'iam.amazonaws.com', in: REQUEST, path: 'policyArn', type: 'AWS::IAM::ManagedPolicy' },
  { source: 'iam.amazonaws.com', in: REQUEST, path: 'instanceProfileName', type: 'AWS::IAM::InstanceProfile' },
  { source: 'sts.amazonaws.com', in: REQUEST, path: 'roleArn', type: ROLE },
  { source: 'kms.amazonaws.com', in: REQUEST, path: 'keyId', type: KEY, typeOf: keyOrAlias },
  { source: 'kms.amazonaws.com', in: RESPONSE, path: 'keyMetadata.arn', type: KEY },
  { source: 'secretsmanager.amazonaws.com', in: REQUEST, path: 'secretId', type: SECRET },
  { source: 'secretsmanager.amazonaws.com', in: REQUEST, path: 'name', type: SECRET },
  { source: 'secretsmanager.amazonaws.com', in: RESPONSE, path: 'arn', type: SECRET },
  { source: 'lambda.amazonaws.com', in: REQUEST, path: 'functionName', type: FUNCTION },
  { source: 'lambda.amazonaws.com', in: RESPONSE, path: 'functionArn', type: FUNCTION },
  { source: 'dynamodb.amazonaws.com', in: REQUEST, path: 'tableName', type: 'AWS::DynamoDB::Table' },
  { source: 'sqs.amazonaws.com', in: REQUEST, path: 'queueUrl', type: QUEUE, name: queueName },
  { source: 'sqs.amazonaws.com', in: REQUEST, path: 'queueName', type: QUEUE },
  { source: 'sqs.amazonaws.com', in: RESPONSE, path: 'queueUrl', type: QUEUE, name: queueName },
  { source: 'sns.amazonaws.com', in: REQUEST, path: 'topicArn', type: TOPIC },
  { source: 'sns.amazonaws.com', in: RESPONSE, path: 'topicArn', type: TOPIC },
  { source: 'ec2.amazonaws.com', in: REQUEST, path: 'instanceId', type: INSTANCE },
  { source: 'ec2.amazonaws.com', in: REQUEST, path: 'instancesSet.items[].instanceId', type: INSTANCE },
  { source: 'ec2.amazonaws.com', in: RESPONSE, path: 'instancesSet.items[].instanceId', type: INSTANCE },
  { source: 'cloudtrail.amazonaws.com', in: REQUEST, path: 'name', type: TRAIL },
  { source: 'cloudtrail.amazonaws.com', in: REQUEST, path: 'trailName', type: TRAIL },
  { source: 'cloudtrail.amazonaws.com', in: REQUEST, path: 'trailNameList[]', type: TRAIL },
  { source: 'cloudtrail.amazonaws.com', in: RESPONSE, path: 'trailARN', type: TRAIL },
  // The bucket a trail writes to: CreateTrail and UpdateTrail name it (an investigation of the bucket wants them).
  { source: 'cloudtrail.amazonaws.com', in: REQUEST, path: 's3BucketName', type: BUCKET },
  { source: 'logs.amazonaws.com', in: REQUEST, path: 'logGroupName', type: 'AWS::Logs::LogGroup' },
  { source: 'ssm.amazonaws.com', in: REQUEST, path: 'name', type: PARAMETER, events: PARAMETER_CALLS },
  { source: 'ssm.amazonaws.com', in: REQUEST, path: 'names[]', type: PARAMETER, events: PARAMETER_CALLS },
  { source: 'rds.amazonaws.com', in: REQUEST, path: 'dBInstanceIdentifier', type: 'AWS::RDS::DBInstance' },
];
