/**
 * The resources LookupEvents lists for an event. AWS takes them from the record's `resources[]` and
 * from the request (and some responses) of the common services; this table says where each service
 * names its resources and which CloudFormation-style type LookupEvents gives them. A name the caller
 * passed (a bucket name, a role name) is listed as passed; a record resource it duplicates is not
 * listed again, but its ARN still matches a `ResourceName` lookup.
 */
import type { Fields } from '../../validate';
import { objectField } from './records';

/** One entry of an event's `Resources`. */
export interface EventResource {
  readonly ResourceType?: string;
  readonly ResourceName: string;
}

/** Where a service's requests or responses name a resource. */
interface NameSource {
  readonly in: 'requestParameters' | 'responseElements';
  /** Dotted member path; `[]` walks every item of a list (`instancesSet.items[].instanceId`). */
  readonly path: string;
  readonly type: string;
}

const req = (path: string, type: string): NameSource => ({ in: 'requestParameters', path, type });
const res = (path: string, type: string): NameSource => ({ in: 'responseElements', path, type });

/** By event source: the members that name resources. */
const NAME_SOURCES: Readonly<Record<string, readonly NameSource[]>> = {
  's3.amazonaws.com': [req('bucketName', 'AWS::S3::Bucket')],
  'iam.amazonaws.com': [
    req('userName', 'AWS::IAM::User'),
    req('roleName', 'AWS::IAM::Role'),
    req('groupName', 'AWS::IAM::Group'),
    req('policyArn', 'AWS::IAM::Policy'),
    req('instanceProfileName', 'AWS::IAM::InstanceProfile'),
    req('accessKeyId', 'AWS::IAM::AccessKey'),
    res('accessKey.accessKeyId', 'AWS::IAM::AccessKey'),
    res('policy.arn', 'AWS::IAM::Policy'),
  ],
  'sts.amazonaws.com': [
    req('roleArn', 'AWS::IAM::Role'),
    req('roleSessionName', 'AWS::STS::AssumedRole'),
    res('credentials.accessKeyId', 'AWS::IAM::AccessKey'),
  ],
  'kms.amazonaws.com': [req('keyId', 'AWS::KMS::Key')],
  'secretsmanager.amazonaws.com': [
    req('secretId', 'AWS::SecretsManager::Secret'),
    res('arn', 'AWS::SecretsManager::Secret'),
  ],
  'lambda.amazonaws.com': [req('functionName', 'AWS::Lambda::Function')],
  'dynamodb.amazonaws.com': [req('tableName', 'AWS::DynamoDB::Table')],
  'ec2.amazonaws.com': [
    req('instanceId', 'AWS::EC2::Instance'),
    req('instancesSet.items[].instanceId', 'AWS::EC2::Instance'),
    res('instancesSet.items[].instanceId', 'AWS::EC2::Instance'),
    req('vpcId', 'AWS::EC2::VPC'),
    req('subnetId', 'AWS::EC2::Subnet'),
    req('groupId', 'AWS::EC2::SecurityGroup'),
    req('volumeId', 'AWS::EC2::Volume'),
    req('snapshotId', 'AWS::EC2::Snapshot'),
  ],
  'rds.amazonaws.com': [
    req('dBInstanceIdentifier', 'AWS::RDS::DBInstance'),
    req('dBSnapshotIdentifier', 'AWS::RDS::DBSnapshot'),
  ],
  'cloudtrail.amazonaws.com': [req('name', 'AWS::CloudTrail::Trail')],
  'logs.amazonaws.com': [req('logGroupName', 'AWS::Logs::LogGroup')],
  'sns.amazonaws.com': [req('topicArn', 'AWS::SNS::Topic')],
  'sqs.amazonaws.com': [req('queueUrl', 'AWS::SQS::Queue')],
};

/** Types of record resources CloudTrail lists without one, by the ARN's `service:resource-type`. */
const ARN_TYPES: Readonly<Record<string, string>> = {
  'ssm:parameter': 'AWS::SSM::Parameter',
  'ssm:association': 'AWS::SSM::Association',
  'ssm:document': 'AWS::SSM::Document',
  'ec2:instance': 'AWS::EC2::Instance',
};

/** An event's resources, and every name a `ResourceName` lookup matches (listed names and ARNs). */
export function eventResources(record: Fields): { resources: EventResource[]; names: Set<string> } {
  const resources = namedResources(record);
  const names = new Set(resources.map((r) => r.ResourceName));
  for (const { type, arn } of recordResources(record)) {
    names.add(arn);
    const duplicate = resources.some((r) => r.ResourceType === type && arnNames(arn, r.ResourceName));
    if (!duplicate)
      resources.push(type === undefined ? { ResourceName: arn } : { ResourceType: type, ResourceName: arn });
  }
  return { resources, names };
}

/** Resources named in the request or response, per the table, without repeats. */
function namedResources(record: Fields): EventResource[] {
  const out: EventResource[] = [];
  const source = typeof record['eventSource'] === 'string' ? record['eventSource'] : '';
  for (const { in: member, path, type } of NAME_SOURCES[source] ?? []) {
    for (const name of valuesAt(objectField(record, member), path.split('.'))) {
      if (!out.some((r) => r.ResourceType === type && r.ResourceName === name))
        out.push({ ResourceType: type, ResourceName: name });
    }
  }
  return out;
}

/** The strings at a member path; `[]` after a name walks the list's items. */
function valuesAt(value: unknown, path: readonly string[]): string[] {
  if (path.length === 0) return typeof value === 'string' && value !== '' ? [value] : [];
  if (typeof value !== 'object' || value === null) return [];
  const [head = '', ...rest] = path;
  const list = head.endsWith('[]');
  const child = (value as Fields)[list ? head.slice(0, -2) : head];
  if (!list) return valuesAt(child, rest);
  return Array.isArray(child) ? child.flatMap((item: unknown) => valuesAt(item, rest)) : [];
}

/** The record's own `resources[]`: each ARN with its type, or the type its ARN implies. */
function recordResources(record: Fields): { type: string | undefined; arn: string }[] {
  const list = Array.isArray(record['resources']) ? (record['resources'] as unknown[]) : [];
  return list.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { ARN: arn, type } = item as Fields;
    if (typeof arn !== 'string' || arn === '') return [];
    return [{ type: typeof type === 'string' ? type : arnType(arn), arn }];
  });
}

function arnType(arn: string): string | undefined {
  const [, , service = '', , , resource = ''] = arn.split(':');
  return ARN_TYPES[`${service}:${resource.split(/[/:]/)[0]}`];
}

/** Whether `arn` is the ARN of the resource called `name` (or is `name` itself). */
function arnNames(arn: string, name: string): boolean {
  return arn === name || arn.endsWith(`/${name}`) || arn.endsWith(`:${name}`);
}
