import { findNodeAtOffset, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Scalar } from 'yaml';

/** The syntaxes a policy can be written in that the core reads today. */
export type PolicySyntax = 'json' | 'yaml';

/** A string value in a policy, with its offsets in the source text (end exclusive, quotes excluded). */
export interface LocatedString {
  readonly value: string;
  /** The property it is the value of (or an element of), e.g. `Action`. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** The policy elements whose values are action names or patterns. */
const ACTION_KEYS = new Set(['Action', 'NotAction']);

/**
 * Finds the action string under `offset`: a string that is the value of an `Action` or `NotAction`
 * property, or an element of one. Works on half-typed text: both parsers recover from errors.
 */
export function findActionAt(text: string, syntax: PolicySyntax, offset: number): LocatedString | undefined {
  const found = syntax === 'json' ? stringAtJson(text, offset) : stringAtYaml(text, offset);
  return found && ACTION_KEYS.has(found.key) ? found : undefined;
}

function stringAtJson(text: string, offset: number): LocatedString | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node || node.type !== 'string') return undefined;
  const key = owningKey(node);
  // The key string of a property is itself a string node: it is not a value.
  if (key === undefined || (node.parent?.type === 'property' && node.parent.children?.[0] === node)) return undefined;
  return { value: String(node.value), key, start: node.offset + 1, end: node.offset + node.length - 1 };
}

function owningKey(node: JsonNode): string | undefined {
  let parent = node.parent;
  if (parent?.type === 'array') parent = parent.parent;
  if (parent?.type !== 'property') return undefined;
  const keyNode = parent.children?.[0];
  return keyNode?.type === 'string' ? String(keyNode.value) : undefined;
}

function stringAtYaml(text: string, offset: number): LocatedString | undefined {
  // Unknown tags (CloudFormation's !Ref, !Sub...) only produce warnings; their scalars keep their ranges.
  const doc = parseDocument(text, { keepSourceTokens: false, strict: false, uniqueKeys: false });
  let result: LocatedString | undefined;
  visit(doc, {
    Scalar(_key, node: Scalar, path) {
      const range = node.range;
      if (!range || offset < range[0] || offset > range[1] || typeof node.value !== 'string') return undefined;
      const key = yamlOwningKey(node, path);
      if (key !== undefined) result = { value: node.value, key, ...yamlValueSpan(text, node) };
      return visit.BREAK;
    },
  });
  return result;
}

function yamlOwningKey(node: Scalar, path: readonly unknown[]): string | undefined {
  let i = path.length - 1;
  if (isSeq(path[i])) i--;
  const pair = path[i];
  // A key is not a value; and only a mapping's scalar keys name policy elements.
  if (!isPair(pair) || pair.key === node || !isMap(path[i - 1]) || !isScalar(pair.key)) return undefined;
  return String(pair.key.value);
}

/** The span of a scalar's text without its quotes. */
function yamlValueSpan(text: string, node: Scalar): { start: number; end: number } {
  const [start, end] = node.range!;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  let valueEnd = end;
  // yaml's range end includes trailing whitespace for plain scalars in some layouts: trim it.
  while (valueEnd > start && /\s/.test(text[valueEnd - 1]!)) valueEnd--;
  return quoted ? { start: start + 1, end: valueEnd - 1 } : { start, end: valueEnd };
}
