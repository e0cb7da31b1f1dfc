import { parseArn } from '../catalog/arn';
import { PairMemo } from './pairMemo';

/**
 * The resource types the event model names, told from an ARN: the CloudFormation type name and the
 * identifier within the ARN that requests and LookupEvents use as the resource's name. The patterns
 * follow the ARN formats of the Service Authorization Reference (the catalog's resource types).
 */
interface ArnType {
  readonly type: string;
  readonly service: string;
  /** Matches the ARN's resource part (after its fifth `:`); the first group, when there is one, is the name. */
  readonly resource: RegExp;
  /** The name from that group, when the name is not the group as written. */
  readonly name?: (group: string) => string;
}

const ARN_TYPES: readonly ArnType[] = [
  { type: 'AWS::S3::Bucket', service: 's3', resource: /^([^/]+)$/ },
  { type: 'AWS::S3::Object', service: 's3', resource: /^[^/]+\/.+$/ },
  { type: 'AWS::IAM::Role', service: 'iam', resource: /^role\/(?:.*\/)?([^/]+)$/ },
  { type: 'AWS::IAM::User', service: 'iam', resource: /^user\/(?:.*\/)?([^/]+)$/ },
  { type: 'AWS::IAM::Group', service: 'iam', resource: /^group\/(?:.*\/)?([^/]+)$/ },
  { type: 'AWS::IAM::ManagedPolicy', service: 'iam', resource: /^policy\/(?:.*\/)?([^/]+)$/ },
  { type: 'AWS::IAM::InstanceProfile', service: 'iam', resource: /^instance-profile\/(?:.*\/)?([^/]+)$/ },
  { type: 'AWS::KMS::Key', service: 'kms', resource: /^key\/(.+)$/ },
  { type: 'AWS::KMS::Alias', service: 'kms', resource: /^(alias\/.+)$/ },
  // A secret's ARN ends with a hyphen and six random characters after its name (Secrets Manager User
  // Guide, "Secret ARN"): requests name it without them.
  { type: 'AWS::SecretsManager::Secret', service: 'secretsmanager', resource: /^secret:(.+?)(?:-[A-Za-z0-9]{6})?$/ },
  { type: 'AWS::Lambda::Function', service: 'lambda', resource: /^function:([^:]+)/ },
  { type: 'AWS::DynamoDB::Table', service: 'dynamodb', resource: /^table\/([^/]+)$/ },
  { type: 'AWS::SQS::Queue', service: 'sqs', resource: /^([^:/]+)$/ },
  { type: 'AWS::SNS::Topic', service: 'sns', resource: /^([^:/]+)$/ },
  { type: 'AWS::EC2::Instance', service: 'ec2', resource: /^instance\/(.+)$/ },
  { type: 'AWS::CloudTrail::Trail', service: 'cloudtrail', resource: /^trail\/(.+)$/ },
  { type: 'AWS::Logs::LogGroup', service: 'logs', resource: /^log-group:([^:]+)(?::\*)?$/ },
  // A parameter in a hierarchy (`/app/db`) has the ARN `parameter/app/db`: its name regains the slash.
  {
    type: 'AWS::SSM::Parameter',
    service: 'ssm',
    resource: /^parameter\/(.+)$/,
    name: (n) => (n.includes('/') ? `/${n}` : n),
  },
  { type: 'AWS::RDS::DBInstance', service: 'rds', resource: /^db:(.+)$/ },
];

/** The type and name an ARN shows, as far as the table above knows its service and resource. */
export function describeArn(arn: string, type?: string): Described {
  // Remembered per type and ARN: a log names the same few resources event after event.
  return DESCRIBED.get(type, arn, () => describe(arn, type));
}

type Described = { readonly type?: string; readonly name?: string };

const DESCRIBED = new PairMemo<string | undefined, string, Described>();

function describe(arn: string, type: string | undefined): Described {
  const parsed = parseArn(arn);
  if (parsed === undefined) return { type };
  for (const row of ARN_TYPES) {
    if (row.service !== parsed.service || (type !== undefined && row.type !== type)) continue;
    const match = row.resource.exec(parsed.resource);
    if (match === null) continue;
    const group = match[1];
    return { type: row.type, name: group === undefined ? undefined : (row.name?.(group) ?? group) };
  }
  return { type };
}
