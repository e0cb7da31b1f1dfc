/** Reading a template's resources for the rules that check them: typed look-ups on the neutral tree. */
import type { PolicySource, Span, TemplateResource } from '../../policy/model';
import { intrinsicOf } from '../../sources/intrinsics';
import { member, type Node } from '../../sources/tree';

/** The template's resources of one type (none when the file is not a template). */
export function resourcesOfType(source: PolicySource, type: string): TemplateResource[] {
  return (source.template?.resources ?? []).filter((r) => r.type?.text === type);
}

/** Where a finding about a whole resource goes: its `Type` value (the logical id when there is none). */
export function resourceSpan(resource: TemplateResource): Span {
  return resource.type?.span ?? resource.id.span;
}

/** A property of a resource, or undefined when absent (or when `Properties` is not an object). */
export function propertyOf(resource: TemplateResource, key: string): Node | undefined {
  return member(resource.properties, key);
}

/** True when the resource has no readable `Properties` though it writes one: an intrinsic, say. Rules then say nothing. */
export function propertiesUnknown(resource: TemplateResource): boolean {
  return !resource.properties && member(resource.node, 'Properties') !== undefined;
}

/**
 * A boolean as CloudFormation reads it: `true`/`false` or the strings `"true"`/`"false"` (any case);
 * `'unknown'` for intrinsics and anything else; undefined when absent.
 */
export function booleanOf(node: Node | undefined): boolean | 'unknown' | undefined {
  if (!node) return undefined;
  if (node.kind !== 'scalar') return 'unknown';
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value === 'string') {
    const lower = node.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return 'unknown';
}

/** The logical id a `Ref` (short or long form) or `GetAtt` names, if the node is one. */
export function referencedId(node: Node | undefined): string | undefined {
  const intrinsic = intrinsicOf(node);
  if (!intrinsic) return undefined;
  const arg = intrinsic.arg;
  if (intrinsic.name === 'Ref') return arg.kind === 'scalar' && typeof arg.value === 'string' ? arg.value : undefined;
  if (intrinsic.name !== 'Fn::GetAtt') return undefined;
  if (arg.kind === 'scalar' && typeof arg.value === 'string') return arg.value.split('.')[0];
  const first = arg.kind === 'array' ? arg.items[0] : undefined;
  return first?.kind === 'scalar' && typeof first.value === 'string' ? first.value : undefined;
}
