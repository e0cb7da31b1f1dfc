/**
 * Suppressions in a CloudFormation resource's Metadata, for templates (JSON above all, where a comment
 * is not an option). Shaped like cfn-nag's `cfn_nag: rules_to_suppress` and checkov's `checkov: skip`,
 * but with our own key:
 *
 *   Metadata:
 *     cloudwarden:
 *       ignore:
 *         - rule: wildcard-action            # or a list of ids
 *           reason: the deploy role needs every CloudFormation action
 *
 * An entry silences findings of its rules anywhere inside the resource.
 */
import type { Span } from '../policy/model';
import { parseJson } from '../sources/json';
import { member, type Node, type ObjectNode } from '../sources/tree';
import { parseYaml } from '../sources/yaml';
import { realReason } from './ids';

export interface MetadataSuppression {
  readonly rules: readonly { readonly id: string; readonly span: Span }[];
  readonly reason: string | undefined;
  /** The ignore entry. */
  readonly span: Span;
  /** The resource (its logical id to the end of its definition): findings starting inside it are silenced. */
  readonly scope: Span;
  readonly resource: string;
}

/** The Resources mapping of each template in the text (YAML streams may hold several). */
export function templateResources(text: string, format: 'json' | 'yaml'): ObjectNode[] {
  const parsed =
    format === 'json'
      ? text.charCodeAt(0) === 0xfeff
        ? parseJson(text.slice(1), { base: 1 })
        : parseJson(text)
      : parseYaml(text);
  const out: ObjectNode[] = [];
  for (const root of parsed.roots) {
    const resources = member(root, 'Resources');
    if (resources?.kind === 'object') out.push(resources);
  }
  return out;
}

export function findMetadataSuppressions(text: string, format: 'json' | 'yaml'): MetadataSuppression[] {
  // Parsing twice costs little, and only files that name us pay it.
  if (!text.includes('cloudwarden')) return [];
  const out: MetadataSuppression[] = [];
  for (const resources of templateResources(text, format)) {
    for (const { key, value } of resources.entries) {
      const ignore = member(member(member(value, 'Metadata'), 'cloudwarden'), 'ignore');
      if (!ignore) continue;
      const scope = { start: key.span.start, end: value.span.end };
      const items: readonly Node[] = ignore.kind === 'array' ? ignore.items : [ignore];
      for (const item of items) {
        const rule = member(item, 'rule');
        const ruleNodes = !rule ? [] : rule.kind === 'array' ? rule.items : [rule];
        const rules = ruleNodes.flatMap((n) =>
          n.kind === 'scalar' && typeof n.value === 'string' ? [{ id: n.value, span: n.span }] : [],
        );
        const reason = member(item, 'reason');
        const reasonText =
          reason?.kind === 'scalar' && typeof reason.value === 'string' ? realReason(reason.value) : undefined;
        out.push({ rules, reason: reasonText, span: item.span, scope, resource: key.text });
      }
    }
  }
  return out;
}
