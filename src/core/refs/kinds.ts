/**
 * The kinds of resource a reference can name, by CloudFormation type: the IAM service prefix, and how
 * CloudTrail's LookupEvents finds the resource's events.
 *
 * LookupEvents matches `ResourceName` exactly against the names CloudTrail's event history records for
 * an event's resources, and those are the identifiers the service's API carries: a bucket's name
 * (`GetBucketPolicy` takes `bucket`), a role's, group's, function's, table's, log group's name; the ARN
 * for the kinds whose API is addressed by ARN or whose events list the ARN (an SNS topic's `TopicArn`,
 * a KMS key's events list `arn:aws:kms:...:key/<id>`, a state machine's ARN, a customer managed policy's
 * `PolicyArn`). When the preferred identifier is not known (a KMS key written by id only), the other one
 * is the best single lookup left.
 *
 * An IAM user is looked up by `Username`: a user is above all a principal, and what it did (every event
 * it signed, whose `userIdentity.userName` is its name) is what a reviewer of its permissions asks for;
 * the events that change the user are few and made by someone else. A role is looked up by name as a
 * resource: its sessions sign with the session's name, which the file does not say, so `Username`
 * finds nothing of a role.
 */

/** Which identifier LookupEvents finds a kind's events by. */
type LookupBy = 'name' | 'arn' | 'username';

export interface ResourceKind {
  /** The CloudFormation type (`AWS::S3::Bucket`): what CloudTrail calls the resource type too. */
  readonly type: string;
  readonly service: string;
  readonly lookupBy: LookupBy;
  /** The ARN from the name alone, for the kinds whose ARN holds neither account nor region. */
  readonly arnOf?: (name: string) => string;
}

const kind = (type: string, service: string, lookupBy: LookupBy, arnOf?: (name: string) => string): ResourceKind => ({
  type,
  service,
  lookupBy,
  ...(arnOf && { arnOf }),
});

const KINDS: readonly ResourceKind[] = [
  // A bucket's ARN is its name under the partition: `aws` (the other partitions' buckets are written as ARNs).
  kind('AWS::S3::Bucket', 's3', 'name', (name) => `arn:aws:s3:::${name}`),
  kind('AWS::IAM::Role', 'iam', 'name'),
  kind('AWS::IAM::User', 'iam', 'username'),
  kind('AWS::IAM::Group', 'iam', 'name'),
  kind('AWS::IAM::ManagedPolicy', 'iam', 'arn'),
  kind('AWS::IAM::InstanceProfile', 'iam', 'name'),
  kind('AWS::IAM::OIDCProvider', 'iam', 'arn'),
  kind('AWS::Lambda::Function', 'lambda', 'name'),
  kind('AWS::DynamoDB::Table', 'dynamodb', 'name'),
  kind('AWS::SQS::Queue', 'sqs', 'name'),
  kind('AWS::SNS::Topic', 'sns', 'arn'),
  kind('AWS::KMS::Key', 'kms', 'arn'),
  kind('AWS::KMS::Alias', 'kms', 'name'),
  kind('AWS::SecretsManager::Secret', 'secretsmanager', 'arn'),
  kind('AWS::Logs::LogGroup', 'logs', 'name'),
  kind('AWS::Kinesis::Stream', 'kinesis', 'name'),
  kind('AWS::StepFunctions::StateMachine', 'states', 'arn'),
  kind('AWS::ECR::Repository', 'ecr', 'name'),
  kind('AWS::SSM::Parameter', 'ssm', 'name'),
];

const BY_TYPE: ReadonlyMap<string, ResourceKind> = new Map(KINDS.map((k) => [k.type, k]));

/** The kind of a CloudFormation type of the table above. */
export function kindOf(type: string): ResourceKind {
  const found = BY_TYPE.get(type);
  // Every caller names a type of the table: a typo there is a bug to see at once, in the tests.
  if (!found) throw new Error(`no resource kind ${type}`);
  return found;
}
