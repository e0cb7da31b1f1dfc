/**
 * References in CloudFormation and SAM templates (JSON and YAML), read from the same neutral tree the
 * linter reads (src/core/sources: the parsers, `isTemplate`, the template model): the literal names in
 * resources' name properties (`BucketName`, `RoleName`...), KMS keys and aliases in KMS key properties,
 * and `Ref`/`Fn::GetAtt` of a resource whose name is written: the expression stands for that resource.
 * A name built by an intrinsic (`!Sub '${AWS::StackName}-logs'`) is not known here, and neither is the
 * resource it names: no reference.
 */
import type { Template } from '../policy/model';
import type { Span } from '../policy/span';
import { isTemplate } from '../sources/cloudformation';
import { intrinsicOf } from '../sources/intrinsics';
import { parseJson } from '../sources/json';
import { readTemplateModel } from '../sources/template';
import { mayNestTooDeeply, member, stringOf, type Node, type ParsedText } from '../sources/tree';
import { parseYaml } from '../sources/yaml';
import { isKmsKeyParameter, kmsKey } from './kms';
import { byName } from './reference';
import type { ResourceReference } from './types';

/** A type's name property, and the type CloudTrail knows the resource by (SAM's types deploy another one). */
const nameProperty = (type: string, property: string, as = type): [string, { property: string; type: string }] => [
  type,
  { property, type: as },
];

const NAME_PROPERTIES: ReadonlyMap<string, { readonly property: string; readonly type: string }> = new Map([
  nameProperty('AWS::S3::Bucket', 'BucketName'),
  nameProperty('AWS::IAM::Role', 'RoleName'),
  nameProperty('AWS::IAM::User', 'UserName'),
  nameProperty('AWS::IAM::Group', 'GroupName'),
  nameProperty('AWS::IAM::ManagedPolicy', 'ManagedPolicyName'),
  nameProperty('AWS::IAM::InstanceProfile', 'InstanceProfileName'),
  nameProperty('AWS::Lambda::Function', 'FunctionName'),
  nameProperty('AWS::Serverless::Function', 'FunctionName', 'AWS::Lambda::Function'),
  nameProperty('AWS::DynamoDB::Table', 'TableName'),
  nameProperty('AWS::DynamoDB::GlobalTable', 'TableName', 'AWS::DynamoDB::Table'),
  nameProperty('AWS::Serverless::SimpleTable', 'TableName', 'AWS::DynamoDB::Table'),
  nameProperty('AWS::SQS::Queue', 'QueueName'),
  nameProperty('AWS::SNS::Topic', 'TopicName'),
  nameProperty('AWS::KMS::Alias', 'AliasName'),
  nameProperty('AWS::SecretsManager::Secret', 'Name'),
  nameProperty('AWS::Logs::LogGroup', 'LogGroupName'),
  nameProperty('AWS::Kinesis::Stream', 'Name'),
  nameProperty('AWS::StepFunctions::StateMachine', 'StateMachineName'),
  nameProperty('AWS::Serverless::StateMachine', 'Name', 'AWS::StepFunctions::StateMachine'),
  nameProperty('AWS::ECR::Repository', 'RepositoryName'),
  nameProperty('AWS::SSM::Parameter', 'Name'),
]);

/** A resource of the template whose name is written: the type it is known by and the name. */
interface Named {
  readonly type: string;
  readonly name: string;
}

/**
 * The references of a JSON or YAML text when it is a template; none otherwise. Every template has
 * `Resources` and a resource type starting `AWS::` (or the SAM transform, which names it too): any
 * other JSON or YAML file is answered without parsing it.
 */
export function templateReferences(text: string, format: 'json' | 'yaml'): ResourceReference[] {
  if (!text.includes('Resources') || !text.includes('AWS::')) return [];
  // The YAML parser recurses before any of our code runs: refuse what may be too deep (as sources/ does).
  if (format === 'yaml' && mayNestTooDeeply(text)) return [];
  const parsed = format === 'json' ? parseJsonFile(text) : parseYaml(text);
  return parsed.roots.flatMap((root) =>
    root.kind === 'object' && isTemplate(root) ? modelReferences(readTemplateModel(root), text) : [],
  );
}

/**
 * The references of a template model: one the linter read already (`PolicySource.template`, which the
 * server keeps per version: a 1 MB YAML template costs the parser half a second, the model's walk a few
 * milliseconds), or one read from the text above. Refs can only name resources from the resources
 * themselves and the outputs (Conditions and Rules reference parameters only).
 */
export function modelReferences(template: Template, text: string): ResourceReference[] {
  const out: ResourceReference[] = [];
  const named = new Map<string, Named>();
  for (const resource of template.resources) {
    const known = resource.type && NAME_PROPERTIES.get(resource.type.text);
    if (!known || !resource.properties) continue;
    const node = member(resource.properties, known.property);
    const name = stringOf(node);
    if (!node || name === undefined) continue;
    const reference = byName(known.type, name, node.span, 'property');
    if (!reference) continue;
    out.push(reference);
    named.set(resource.id.text, { type: known.type, name });
  }
  const walk = new Walk(text, named, out);
  for (const resource of template.resources) walk.node(resource.node);
  if (template.outputs) walk.node(template.outputs);
  return out;
}

/** One pass over the whole tree: `Ref` and `Fn::GetAtt` anywhere (Outputs too), KMS key properties. */
class Walk {
  constructor(
    private readonly text: string,
    private readonly named: ReadonlyMap<string, Named>,
    private readonly out: ResourceReference[],
  ) {}

  node(node: Node): void {
    const intrinsic = intrinsicOf(node);
    if (intrinsic?.name === 'Ref' || intrinsic?.name === 'Fn::GetAtt') {
      this.reference(targetOf(intrinsic.name, intrinsic.arg), intrinsic.span);
      return;
    }
    if (node.kind === 'object') {
      for (const { key, value } of node.entries) {
        if (value.kind === 'scalar' && typeof value.value === 'string' && isKmsKeyParameter(key.text)) {
          const reference = kmsKey(value.value, value.span, 'property');
          if (reference) this.out.push(reference);
        } else {
          this.node(value);
        }
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) this.node(item);
    } else if (node.kind === 'tagged') {
      this.node(node.value);
    }
  }

  private reference(target: string | undefined, span: Span): void {
    const named = target === undefined ? undefined : this.named.get(target);
    if (!named) return;
    const reference = byName(named.type, named.name, span, 'ref', { text: this.text.slice(span.start, span.end) });
    if (reference) this.out.push(reference);
  }
}

/** The logical id a `Ref` or `Fn::GetAtt` names: `X`, `[X, Arn]`, `X.Arn`. */
function targetOf(name: string, arg: Node): string | undefined {
  if (name === 'Ref') return stringOf(arg);
  const first = arg.kind === 'array' ? stringOf(arg.items[0]) : stringOf(arg)?.split('.')[0];
  return first;
}

/** JSON saved with a byte order mark: parsed after it, offsets kept (as sources/ reads it). */
function parseJsonFile(text: string): ParsedText {
  return text.charCodeAt(0) === 0xfeff ? parseJson(text.slice(1), { base: 1 }) : parseJson(text);
}
