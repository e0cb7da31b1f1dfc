/**
 * References in a Terraform configuration, read from its tree with the Terraform reader's pieces
 * (src/core/sources/code/terraform/hcl.ts): the name attribute of AWS resources and data sources
 * (`bucket` of `aws_s3_bucket`, `name` of `aws_iam_role`, `key_id` of `data "aws_kms_key"`...),
 * literal ARNs in `arn` and `*_arn` attributes, and KMS keys in KMS key attributes, nested blocks
 * included. Only literal strings: `var.x`, `"${var.env}-logs"`, a reference to another resource are
 * values Terraform computes, not names written here.
 */
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { blockHead, named, readBlock, toNode, topLevelBlocks, type Block } from '../sources/code/terraform/hcl';
import { isKmsKeyParameter, kmsKey } from './kms';
import { byArn, byName } from './reference';
import type { ResourceReference } from './types';

type Names = ReadonlyMap<string, { readonly attribute: string; readonly type: string }>;

const names = (rows: readonly (readonly [string, string, string])[]): Names =>
  new Map(rows.map(([block, attribute, type]) => [block, { attribute, type }]));

/** The attribute naming each resource type's resource. */
const RESOURCE_NAMES = names([
  ['aws_s3_bucket', 'bucket', 'AWS::S3::Bucket'],
  ['aws_lambda_function', 'function_name', 'AWS::Lambda::Function'],
  ['aws_iam_role', 'name', 'AWS::IAM::Role'],
  ['aws_iam_user', 'name', 'AWS::IAM::User'],
  ['aws_iam_group', 'name', 'AWS::IAM::Group'],
  ['aws_iam_policy', 'name', 'AWS::IAM::ManagedPolicy'],
  ['aws_iam_instance_profile', 'name', 'AWS::IAM::InstanceProfile'],
  ['aws_sqs_queue', 'name', 'AWS::SQS::Queue'],
  ['aws_sns_topic', 'name', 'AWS::SNS::Topic'],
  ['aws_dynamodb_table', 'name', 'AWS::DynamoDB::Table'],
  ['aws_secretsmanager_secret', 'name', 'AWS::SecretsManager::Secret'],
  ['aws_kms_alias', 'name', 'AWS::KMS::Alias'],
  ['aws_cloudwatch_log_group', 'name', 'AWS::Logs::LogGroup'],
  ['aws_kinesis_stream', 'name', 'AWS::Kinesis::Stream'],
  ['aws_sfn_state_machine', 'name', 'AWS::StepFunctions::StateMachine'],
  ['aws_ecr_repository', 'name', 'AWS::ECR::Repository'],
  ['aws_ssm_parameter', 'name', 'AWS::SSM::Parameter'],
]);

/** The attribute naming the existing resource a data source reads: the resource's, but for users and groups. */
const DATA_NAMES: Names = new Map([
  ...RESOURCE_NAMES,
  ['aws_iam_user', { attribute: 'user_name', type: 'AWS::IAM::User' }],
  ['aws_iam_group', { attribute: 'group_name', type: 'AWS::IAM::Group' }],
]);

/** Attributes holding an ARN: `arn`, `role_arn`, `policy_arn`, `topic_arn`... */
const ARN_ATTRIBUTE = /(?:^|_)arn$/;

/** The references of a Terraform file, from its tree. Never throws: code this reader does not foresee yields none. */
export function terraformReferences(text: string, tree: Tree): ResourceReference[] {
  const out: ResourceReference[] = [];
  try {
    for (const node of topLevelBlocks(tree.rootNode)) topLevel(node, text, out);
  } catch {
    // A tree this reader does not foresee: what was read so far stands.
  }
  return out;
}

/**
 * An AWS resource or data source: its name attribute, then the ARN and KMS attributes in it. Told by
 * its head first (every node read crosses into WebAssembly): variables, locals, modules, outputs and
 * other providers' blocks are not read further, unless a syntax error in them may have swallowed the
 * blocks that follow (`resource` and `data` are only ever top-level, so those found inside are).
 */
function topLevel(node: SyntaxNode, text: string, out: ResourceReference[]): void {
  const head = blockHead(named(node), text);
  const names = head.type === 'resource' ? RESOURCE_NAMES : head.type === 'data' ? DATA_NAMES : undefined;
  const type = head.labels[0];
  const relevant = names !== undefined && type !== undefined && type.startsWith('aws_');
  if (!relevant && !node.hasError) return;
  const block = readBlock(node, text, () => true);
  if (relevant) {
    const name = names.get(type);
    const attribute = name && block.attributes.get(name.attribute)?.value;
    const literal = attribute && literalOf(attribute, text);
    if (name && literal) {
      const reference = byName(name.type, literal.value, literal.span, 'terraform');
      if (reference) out.push(reference);
    }
    inside(block, text, out);
  }
  if (node.hasError) for (const nested of misplaced(node)) topLevel(nested, text, out);
}

/** The `resource` and `data` blocks a missing brace left inside a block's body. */
function misplaced(node: SyntaxNode): SyntaxNode[] {
  const body = named(node).find((child) => child.type === 'body');
  return body ? named(body).filter((child) => child.type === 'block') : [];
}

/** ARNs in `*_arn` attributes and KMS keys in KMS key attributes, in the block and the blocks nested in it. */
function inside(block: Block, text: string, out: ResourceReference[]): void {
  for (const [attribute, { value }] of block.attributes) {
    const arn = ARN_ATTRIBUTE.test(attribute);
    if (!value || !(arn || isKmsKeyParameter(attribute))) continue;
    const literal = literalOf(value, text);
    if (!literal) continue;
    const reference = isKmsKeyParameter(attribute)
      ? kmsKey(literal.value, literal.span, 'terraform')
      : byArn(literal.value, literal.span, 'terraform');
    if (reference) out.push(reference);
  }
  for (const nested of block.blocks)
    if (nested.type !== 'resource' && nested.type !== 'data') inside(nested, text, out);
}

/** A string written out in full: no interpolation, no escape (the span then holds exactly the value). */
function literalOf(
  expression: SyntaxNode,
  text: string,
): { value: string; span: { start: number; end: number } } | undefined {
  const node = toNode(expression, text);
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  return text.slice(node.span.start, node.span.end) === node.value ? { value: node.value, span: node.span } : undefined;
}
