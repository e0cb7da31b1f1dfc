/**
 * The template model (`PolicySource.template`): resources, parameters, attached managed policies and
 * outputs of a CloudFormation/SAM template, for rules that read a template beyond its policy documents
 * (and for the resources a template references, src/core/refs). One pass over
 * `Resources` and `Parameters`; the property trees are shared with the parser, not copied.
 */
import type { ManagedPolicyAttachment, Template, TemplateParameter, TemplateResource, Value } from '../policy/model';
import { forEachItem } from './cloudformation';
import { intrinsicOf, isNoValue, valueOf } from './intrinsics';
import { member, stringOf, type Node, type ObjectNode } from './tree';

/** The resources, parameters and managed policy attachments of a template's root object. */
export function readTemplateModel(root: ObjectNode): Template {
  const resources = readResources(member(root, 'Resources'));
  const outputs = member(root, 'Outputs');
  return {
    resources,
    parameters: readParameters(member(root, 'Parameters')),
    managedPolicies: managedPolicies(resources),
    ...(outputs?.kind === 'object' && { outputs }),
  };
}

function readResources(node: Node | undefined): TemplateResource[] {
  if (node?.kind !== 'object') return [];
  const out: TemplateResource[] = [];
  for (const { key, value } of node.entries) {
    if (value.kind !== 'object') continue;
    const typeNode = member(value, 'Type');
    const typeText = stringOf(typeNode);
    const properties = member(value, 'Properties');
    out.push({
      id: key,
      ...(typeText !== undefined && typeNode && { type: { text: typeText, span: typeNode.span } }),
      node: value,
      ...(properties?.kind === 'object' && !intrinsicOf(properties) && { properties }),
      ...(member(value, 'Metadata') && { metadata: member(value, 'Metadata') }),
      ...(stringOf(member(value, 'Condition')) !== undefined && { condition: stringOf(member(value, 'Condition')) }),
    });
  }
  return out;
}

function readParameters(node: Node | undefined): TemplateParameter[] {
  if (node?.kind !== 'object') return [];
  const out: TemplateParameter[] = [];
  for (const { key, value } of node.entries) {
    if (value.kind !== 'object') continue;
    const type = stringOf(member(value, 'Type'));
    out.push({ id: key, ...(type !== undefined && { type }), noEcho: isTrue(member(value, 'NoEcho')), node: value });
  }
  return out;
}

/** `true`, or a string CloudFormation reads as true (`"true"`, any case). */
function isTrue(node: Node | undefined): boolean {
  return (
    node?.kind === 'scalar' &&
    (node.value === true || (typeof node.value === 'string' && node.value.toLowerCase() === 'true'))
  );
}

/** Where each principal type lists its managed policies. */
const MANAGED_POLICY_PROPERTY: ReadonlyMap<string, string> = new Map([
  ['AWS::IAM::Role', 'ManagedPolicyArns'],
  ['AWS::IAM::User', 'ManagedPolicyArns'],
  ['AWS::IAM::Group', 'ManagedPolicyArns'],
  ['AWS::SSO::PermissionSet', 'ManagedPolicies'],
  ['AWS::Serverless::Function', 'Policies'],
  ['AWS::Serverless::StateMachine', 'Policies'],
]);

function managedPolicies(resources: readonly TemplateResource[]): ManagedPolicyAttachment[] {
  const out: ManagedPolicyAttachment[] = [];
  for (const resource of resources) {
    const principalType = resource.type?.text;
    const property = principalType && MANAGED_POLICY_PROPERTY.get(principalType);
    if (!principalType || !property || !resource.properties) continue;
    const sam = property === 'Policies';
    const list = member(resource.properties, property);
    // SAM takes a single name or ARN for `Policies` as well as a list.
    const items = sam && list && (list.kind === 'scalar' || (intrinsicOf(list) && !ifOf(list))) ? wrap(list) : list;
    forEachItem(items, '', false, (item) => {
      if (isNoValue(item)) return;
      // SAM policy templates (`{S3ReadPolicy: {...}}`) and inline documents are objects: not managed policies.
      if (item.kind !== 'scalar' && !intrinsicOf(item)) return;
      if (item.kind === 'scalar' && typeof item.value !== 'string') return;
      const value = valueOf(item);
      const awsManagedName = awsManagedPolicyName(value, sam);
      out.push({
        principal: resource.id.text,
        principalType,
        value,
        ...(awsManagedName !== undefined && { awsManagedName }),
      });
    });
  }
  return out;
}

function ifOf(node: Node): boolean {
  return intrinsicOf(node)?.name === 'Fn::If';
}

function wrap(node: Node): Node {
  return { kind: 'array', span: node.span, items: [node] };
}

/** An unknown part in the joined text: it is neither `:` nor `/`, so it can only stand inside one ARN segment. */
const UNKNOWN = '\u0000';
const AWS_MANAGED_ARN = /^arn:[^:/]*:iam::aws:policy\/(?:[^\u0000]*\/)?([^/\u0000]+)$/;

/**
 * The AWS managed policy a value names, when it certainly names one: the partition may be unknown
 * (`!Sub arn:${AWS::Partition}:iam::aws:policy/...`), nothing else may. `bareNames`: SAM reads a name
 * that is not an ARN as an AWS managed policy's name.
 */
export function awsManagedPolicyName(value: Value, bareNames: boolean): string | undefined {
  if (value.kind !== 'string') return undefined;
  const text = value.parts
    ? value.parts.map((part) => (typeof part === 'string' ? part : UNKNOWN)).join('')
    : value.text;
  const arn = AWS_MANAGED_ARN.exec(text);
  if (arn) return arn[1];
  if (!bareNames || value.parts || text.startsWith('arn:') || text === '') return undefined;
  return text.slice(text.lastIndexOf('/') + 1) || undefined;
}
