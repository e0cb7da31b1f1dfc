/**
 * HCL syntax (tree-sitter-hcl's Terraform grammar) → the neutral tree of src/core/sources/tree.ts, for
 * the few places that hold policies. Only what a policy needs is converted: literals, strings with
 * interpolations, tuples and objects. Everything Terraform computes (references, function calls, `for`
 * expressions, conditionals) becomes an unknown: nothing here evaluates or guesses a value.
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ArnPart } from '../../../catalog/types';
import type { Key, Span } from '../../../policy/model';
import type { Entry, Node, TemplateNode, UnknownNode } from '../../tree';

/** The named children of a syntax node (web-tree-sitter's list may hold nulls). */
export function named(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of node.namedChildren) if (child) out.push(child);
  return out;
}

/** A block as written: `resource "aws_iam_role" "deploy" { ... }`. */
export interface Block {
  /** `resource`, `data`, `statement`, `dynamic`... */
  readonly type: string;
  readonly typeSpan: Span;
  /** The labels' contents (`aws_iam_role`, `deploy`), unquoted. */
  readonly labels: readonly string[];
  readonly span: Span;
  /** The body's attributes by name (the last one when repeated) and its nested blocks in order. */
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly blocks: readonly Block[];
}

export interface Attribute {
  readonly name: Key;
  /** The `expression` node; undefined when the value is still missing (`policy =` while typing). */
  readonly value: SyntaxNode | undefined;
}

/**
 * The block at `node`, with its body's attributes and nested blocks read one level deep. `nested`
 * says which nested blocks to descend into (the rest are listed without their contents).
 */
export function readBlock(node: SyntaxNode, text: string, nested: (type: string) => boolean = () => false): Block {
  let type = '';
  let typeSpan: Span = { start: node.startIndex, end: node.startIndex };
  const labels: string[] = [];
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  for (const child of named(node)) {
    switch (child.type) {
      case 'identifier':
        if (type === '') {
          type = text.slice(child.startIndex, child.endIndex);
          typeSpan = { start: child.startIndex, end: child.endIndex };
        } else {
          labels.push(text.slice(child.startIndex, child.endIndex));
        }
        break;
      case 'string_lit':
        labels.push(stringContent(child, text).value);
        break;
      case 'body':
        readBody(child, text, nested, attributes, blocks);
        break;
    }
  }
  return { type, typeSpan, labels, span: { start: node.startIndex, end: node.endIndex }, attributes, blocks };
}

function readBody(body: SyntaxNode, text: string, nested: (type: string) => boolean, attributes: Map<string, Attribute>, blocks: Block[]): void {
  for (const child of named(body)) {
    if (child.type === 'attribute') {
      const name = child.firstNamedChild;
      if (name?.type !== 'identifier') continue;
      const value = named(child).find((c) => c.type === 'expression');
      attributes.set(text.slice(name.startIndex, name.endIndex), { name: { text: text.slice(name.startIndex, name.endIndex), span: spanOf(name) }, value });
    } else if (child.type === 'block') {
      const head = child.firstNamedChild;
      const type = head?.type === 'identifier' ? text.slice(head.startIndex, head.endIndex) : '';
      blocks.push(nested(type) ? readBlock(child, text, nested) : readBlock(child, text));
    } else if (child.type === 'ERROR') {
      // Half-typed text: complete attributes and blocks inside the error are still read.
      readBody(child, text, nested, attributes, blocks);
    }
  }
}

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The one meaningful node of an `expression` wrapper (a literal, a tuple...), or undefined when it is a chain such as `a.b.c`. */
export function inner(expression: SyntaxNode): SyntaxNode | undefined {
  if (expression.type !== 'expression') return expression;
  if (expression.namedChildCount !== 1) return undefined;
  const only = expression.firstNamedChild ?? undefined;
  if (!only) return undefined;
  if (only.type === 'literal_value' || only.type === 'collection_value' || only.type === 'template_expr') return only.firstNamedChild ?? undefined;
  return only;
}

/**
 * The value of an HCL expression as a neutral node. Computed values are `unknown` nodes labelled with
 * their source (`var.actions`, `concat(…)`): as a whole element they make an unknown list, principal or
 * condition.
 */
export function toNode(expression: SyntaxNode, text: string): Node {
  const node = inner(expression);
  if (node) {
    switch (node.type) {
      case 'string_lit': {
        const { value, span } = stringContent(node, text);
        return { kind: 'scalar', span, value, text: value };
      }
      case 'quoted_template':
        return quotedTemplate(node, text);
      case 'numeric_lit': {
        const source = text.slice(node.startIndex, node.endIndex);
        const value = Number(source);
        return Number.isFinite(value) ? { kind: 'scalar', span: spanOf(node), value, text: source } : unknownOf(node, text);
      }
      case 'bool_lit': {
        const source = text.slice(node.startIndex, node.endIndex);
        return { kind: 'scalar', span: spanOf(node), value: source === 'true', text: source };
      }
      case 'null_lit':
        return { kind: 'scalar', span: spanOf(node), value: null, text: 'null' };
      case 'tuple':
        return { kind: 'array', span: spanOf(node), items: named(node).filter((c) => c.type === 'expression').map((item) => asItem(toNode(item, text))) };
      case 'object':
        return { kind: 'object', span: spanOf(node), entries: objectEntries(node, text) };
    }
  }
  return unknownOf(expression, text);
}

/** A list item that is computed is one string of unknown content (Terraform's lists of strings hold no lists). */
function asItem(node: Node): Node {
  if (node.kind !== 'unknown') return node;
  return { kind: 'template', span: node.span, parts: [{ unknown: node.text }] };
}

/** The entries of an HCL object (`{ Action = "s3:GetObject", "Effect": "Allow" }`): keys bare or quoted. */
function objectEntries(object: SyntaxNode, text: string): Entry[] {
  const entries: Entry[] = [];
  for (const element of named(object)) {
    if (element.type !== 'object_elem') continue;
    const [keyExpression, valueExpression] = named(element).filter((c) => c.type === 'expression');
    const key = keyExpression && objectKey(keyExpression, text);
    if (!key) continue;
    const value: Node = valueExpression ? toNode(valueExpression, text) : { kind: 'unknown', span: { start: key.span.end, end: key.span.end }, text: '' };
    entries.push({ key, value });
  }
  return entries;
}

/** An object key: a bare identifier or a plain string; a computed key (`(var.k)`) is not one we can read. */
function objectKey(expression: SyntaxNode, text: string): Key | undefined {
  const first = expression.firstNamedChild;
  if (expression.namedChildCount === 1 && first?.type === 'variable_expr') {
    return { text: text.slice(first.startIndex, first.endIndex), span: spanOf(first) };
  }
  const node = inner(expression);
  if (node?.type === 'string_lit') {
    const { value, span } = stringContent(node, text);
    return { text: value, span };
  }
  return undefined;
}

/** `"..."` without interpolations: its decoded content and the span inside the quotes. */
export function stringContent(node: SyntaxNode, text: string): { value: string; span: Span } {
  let start = node.startIndex;
  let end = node.endIndex;
  let value = '';
  for (const child of named(node)) {
    if (child.type === 'quoted_template_start') start = child.endIndex;
    else if (child.type === 'quoted_template_end') end = child.startIndex;
    else if (child.type === 'template_literal') value += unescape(text.slice(child.startIndex, child.endIndex));
  }
  return { value, span: { start, end: Math.max(start, end) } };
}

/** `"arn:aws:s3:::${var.bucket}/*"`: literal parts and the interpolations as unknown parts. */
function quotedTemplate(node: SyntaxNode, text: string): Node {
  let start = node.startIndex;
  let end = node.endIndex;
  const parts: ArnPart[] = [];
  let literal = '';
  for (const child of named(node)) {
    switch (child.type) {
      case 'quoted_template_start':
        start = child.endIndex;
        break;
      case 'quoted_template_end':
        end = child.startIndex;
        break;
      case 'template_literal':
        literal += unescape(text.slice(child.startIndex, child.endIndex));
        break;
      default:
        // An interpolation (`${...}`) or a directive (`%{ if ... }`): unknown here.
        if (literal) parts.push(literal);
        literal = '';
        parts.push({ unknown: interpolationLabel(child, text) });
    }
  }
  if (literal) parts.push(literal);
  const span = { start, end: Math.max(start, end) };
  if (parts.every((part) => typeof part === 'string')) {
    const value = parts.join('');
    return { kind: 'scalar', span, value, text: value };
  }
  const template: TemplateNode = { kind: 'template', span, parts };
  return template;
}

/** `${var.bucket}` → `var.bucket`; a directive → its source. */
export function interpolationLabel(node: SyntaxNode, text: string): string {
  const expression = named(node).find((c) => c.type === 'expression');
  return label(text.slice((expression ?? node).startIndex, (expression ?? node).endIndex));
}

/** An unknown node for a computed expression, labelled with its source. */
export function unknownOf(node: SyntaxNode, text: string): UnknownNode {
  return { kind: 'unknown', span: spanOf(node), text: label(text.slice(node.startIndex, node.endIndex)) };
}

/** A label for display: the source on one line, long ones shortened. */
function label(source: string): string {
  const flat = source.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/**
 * The value of a string literal's text: HCL's escapes (as JSON's, plus `\U` with eight digits) and the
 * template escapes `$${` and `%%{`, which stand for a literal `${` and `%{`.
 */
export function unescape(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else if (next === 'r') out += '\r';
      else if (next === 'u' || next === 'U') {
        const digits = next === 'u' ? 4 : 8;
        const code = Number.parseInt(raw.slice(i + 1, i + 1 + digits), 16);
        if (Number.isFinite(code) && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i += digits;
        } else {
          out += next;
        }
      } else out += next;
    } else if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The source of a reference expression without indexes: `aws_iam_role.deploy[0].name` → the parts
 * `aws_iam_role`, `deploy`, `name`. Undefined when the expression is not a plain reference.
 */
export function referenceParts(expression: SyntaxNode, text: string): string[] | undefined {
  if (expression.type !== 'expression') return undefined;
  const children = named(expression);
  if (children[0]?.type !== 'variable_expr') return undefined;
  const parts = [text.slice(children[0].startIndex, children[0].endIndex)];
  for (const child of children.slice(1)) {
    if (child.type === 'get_attr') {
      const name = child.lastNamedChild;
      if (name?.type === 'identifier') parts.push(text.slice(name.startIndex, name.endIndex));
    } else if (child.type !== 'index' && child.type !== 'splat') {
      return undefined;
    }
  }
  return parts;
}
