/**
 * References in AWS SDK calls of JavaScript, TypeScript and Python: a resource parameter given a string
 * literal, as an object literal's property (`{ Bucket: 'b' }`, `{"Bucket": "b"}`, a boto3 dict) or a
 * keyword argument (`Bucket='b'`).
 *
 * A regular expression over the text is enough here, and costs one pass: the parameter names are the
 * service APIs' own (`Bucket`, `TableName`, `FunctionName`, `SecretId`, `KeyId`, `QueueUrl`...), spelled
 * the same in every SDK and in no common library, and only a string literal written right after the
 * name counts (a variable, an f-string, a template literal with `${}`, a concatenation is a value not
 * known here). No tree would tell more without types: which client a call goes to is not in the syntax.
 * Comments and strings are not told apart; a parameter written as an example in a comment is still a
 * name someone may want the history of.
 */
import type { Span } from '../policy/span';
import { kmsKey } from './kms';
import { byArn, byName } from './reference';
import type { ResourceReference } from './types';

/** Resource parameters by their API name, and what they name: a CloudFormation type, or how the value says it. */
const PARAMETERS: ReadonlyMap<string, string> = new Map([
  ['Bucket', 'AWS::S3::Bucket'],
  ['TableName', 'AWS::DynamoDB::Table'],
  ['FunctionName', 'AWS::Lambda::Function'],
  ['SecretId', 'AWS::SecretsManager::Secret'],
  ['QueueName', 'AWS::SQS::Queue'],
  ['QueueUrl', 'url'],
  ['TopicArn', 'arn'],
  ['RoleArn', 'arn'],
  ['PolicyArn', 'arn'],
  ['StateMachineArn', 'arn'],
  ['stateMachineArn', 'arn'],
  ['RoleName', 'AWS::IAM::Role'],
  ['UserName', 'AWS::IAM::User'],
  // CloudWatch Logs' API spells its members in camelCase; the Go and .NET SDKs in PascalCase.
  ['logGroupName', 'AWS::Logs::LogGroup'],
  ['LogGroupName', 'AWS::Logs::LogGroup'],
  ['StreamName', 'AWS::Kinesis::Stream'],
  ['KeyId', 'kms'],
  ['KmsKeyId', 'kms'],
  ['SSEKMSKeyId', 'kms'],
  ['TargetKeyId', 'kms'],
  ['DestinationKeyId', 'kms'],
]);

/**
 * A parameter name (quoted or not, not part of a longer name or a member access `x.Bucket`), `:` or `=`
 * (not `==`, `=>`), and a string literal on the same line that is the whole value: what follows it ends
 * the argument or the property (not `'acme-' + env`, `'ACME'.lower()`, Python's `'a' 'b'`). `d`: the
 * value's offsets are needed.
 */
const PARAMETER = new RegExp(
  `(?<![\\w$.])(["']?)(${[...PARAMETERS.keys()].join('|')})\\1\\s*(?::|=(?![=>]))\\s*(["'\`])([^"'\`\\\\\\r\\n]*)\\3(?=[ \\t]*(?:[,;)}\\]#/\\r\\n]|$))`,
  'dg',
);

export function sdkReferences(text: string): ResourceReference[] {
  const out: ResourceReference[] = [];
  for (const match of text.matchAll(PARAMETER)) {
    const [start, end] = match.indices![4]!;
    const reference = parameter(match[2]!, match[4]!, { start, end });
    if (reference) out.push(reference);
  }
  return out;
}

function parameter(name: string, value: string, span: Span): ResourceReference | undefined {
  const type = PARAMETERS.get(name)!;
  if (type === 'kms') return kmsKey(value, span, 'sdk');
  if (type === 'arn') return byArn(value, span, 'sdk');
  if (type === 'url') return queueUrl(value, span);
  return byName(type, value, span, 'sdk');
}

/**
 * `https://sqs.<region>.amazonaws.com[.cn]/<account>/<name>`, or the older `https://<region>.queue.amazonaws.com/...`:
 * the queue's name, and its ARN, since the URL holds its region and account.
 */
const QUEUE_URL =
  /^https:\/\/(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/;

function queueUrl(url: string, span: Span): ResourceReference | undefined {
  const match = QUEUE_URL.exec(url);
  if (!match) return undefined;
  const [, region, legacyRegion, china, account, name] = match;
  const arn = `arn:${china ? 'aws-cn' : 'aws'}:sqs:${region ?? legacyRegion}:${account}:${name}`;
  return byName('AWS::SQS::Queue', name!, span, 'sdk', { text: url, arn });
}
