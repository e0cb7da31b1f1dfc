/**
 * What a policy attribute (`policy`, `assume_role_policy`...) holds: a document written in place
 * (`jsonencode({...})`, heredoc JSON, a JSON string), a reference to a `data "aws_iam_policy_document"`
 * block, a file of the module (`file(...)`, `templatefile(...)`), or something computed.
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ParseProblem, Span } from '../../../policy/model';
import type { Node, TaggedNode } from '../../tree';
import { heredocJson } from './heredoc';
import { inner, named, referenceParts, spanOf, toNode, type Resolve } from './hcl';

export type PolicyValue =
  | { readonly kind: 'node'; readonly node: Node }
  | { readonly kind: 'data'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string; readonly span: Span; readonly template: boolean }
  | { readonly kind: 'computed' };

const COMPUTED: PolicyValue = { kind: 'computed' };

/** `resolve` tells the references and calls inside a jsonencode object it can (scope.ts). */
export function policyValue(
  expression: SyntaxNode,
  text: string,
  problems: ParseProblem[],
  resolve?: Resolve,
): PolicyValue {
  const data = dataDocumentName(expression, text);
  if (data !== undefined) return { kind: 'data', name: data };
  const node = inner(expression);
  if (!node) return COMPUTED;
  switch (node.type) {
    case 'function_call':
      return functionCall(node, text, resolve);
    case 'heredoc_template': {
      const document = heredocJson(node, text, problems);
      return document ? { kind: 'node', node: withUnknownStatements(document) } : COMPUTED;
    }
    case 'string_lit':
      // A JSON string: read as embedded JSON (exact spans when written without escapes).
      return { kind: 'node', node: toNode(expression, text) };
    default:
      return COMPUTED;
  }
}

/** Terraform 0.11's `"${data.aws_iam_policy_document.NAME.json}"`: the reference alone in a string. */
const INTERPOLATED_DATA =
  /^"\$\{\s*data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:minified_)?json\s*\}"$/;

/** `data.aws_iam_policy_document.NAME.json` (or `.minified_json`, or the same interpolated alone in a string) → NAME. */
export function dataDocumentName(expression: SyntaxNode, text: string): string | undefined {
  if (text.startsWith('"${', expression.startIndex))
    return INTERPOLATED_DATA.exec(text.slice(expression.startIndex, expression.endIndex))?.[1];
  if (!text.startsWith('data.aws_iam_policy_document.', expression.startIndex)) return undefined;
  const parts = referenceParts(expression, text);
  if (!parts || parts.length !== 4 || parts[0] !== 'data' || parts[1] !== 'aws_iam_policy_document') return undefined;
  return parts[3] === 'json' || parts[3] === 'minified_json' ? parts[2] : undefined;
}

function functionCall(call: SyntaxNode, text: string, resolve?: Resolve): PolicyValue {
  const [name, args] = named(call);
  const first = args && named(args)[0];
  if (!name || !first) return COMPUTED;
  const fn = text.slice(name.startIndex, name.endIndex);
  if (fn === 'jsonencode') {
    const value = toNode(first, text, resolve);
    return value.kind === 'object' ? { kind: 'node', node: withUnknownStatements(value) } : COMPUTED;
  }
  if (fn === 'file' || fn === 'templatefile') {
    const path = modulePath(first, text);
    return path === undefined ? COMPUTED : { kind: 'file', path, span: spanOf(call), template: fn === 'templatefile' };
  }
  return COMPUTED;
}

/**
 * The file a `file()` argument names, relative to the module: `"${path.module}/policy.json"` or
 * `"policy.json"` → `policy.json`. Anything else computed (a variable) is not followed.
 */
function modulePath(argument: SyntaxNode, text: string): string | undefined {
  const value = toNode(argument, text);
  if (value.kind === 'scalar' && typeof value.value === 'string')
    return value.value.startsWith('/') ? undefined : value.value;
  if (value.kind !== 'template') return undefined;
  const [first, rest, ...more] = value.parts;
  if (
    more.length > 0 ||
    typeof first === 'string' ||
    first.unknown !== 'path.module' ||
    typeof rest !== 'string' ||
    !rest.startsWith('/')
  )
    return undefined;
  return rest.slice(1);
}

/**
 * Statements that are computed (`Statement = var.statements`, `[local.s, {...}]`) are unknown statements,
 * not missing ones: rules that look across statements must not conclude from what is absent.
 */
function withUnknownStatements(document: Node): Node {
  if (document.kind !== 'object') return document;
  return {
    ...document,
    entries: document.entries.map((entry) => {
      if (entry.key.text !== 'Statement') return entry;
      const value = entry.value;
      if (value.kind === 'unknown' || value.kind === 'template')
        return { key: entry.key, value: unknownStatement(value.span, describeNode(value)) };
      if (value.kind !== 'array') return entry;
      const items = value.items.map((item) =>
        item.kind === 'unknown' || item.kind === 'template' ? unknownStatement(item.span, describeNode(item)) : item,
      );
      return { key: entry.key, value: { ...value, items } };
    }),
  };
}

function describeNode(node: Node): string {
  if (node.kind === 'unknown') return node.text;
  if (node.kind === 'template')
    return node.parts.map((part) => (typeof part === 'string' ? part : part.unknown)).join('');
  return '';
}

/**
 * A statement Terraform computes. The document reader takes a tagged node in a statement's place as a
 * statement whose content is unknown (as it does for a CloudFormation `Fn::If`); the tag is its source.
 */
export function unknownStatement(span: Span, label: string): TaggedNode {
  return { kind: 'tagged', span, tag: label || 'dynamic', value: { kind: 'unknown', span, text: '' } };
}
