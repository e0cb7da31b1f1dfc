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

/** The top-level blocks of a file, those inside what a syntax error swallowed included. */
export function topLevelBlocks(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of named(root)) {
    if (child.type === 'block') out.push(child);
    else if (child.type === 'body' || child.type === 'ERROR')
      for (const item of named(child)) if (item.type === 'block') out.push(item);
  }
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
 * A block's type and labels, from its named children (`identifier`, labels, `block_start`, `body`...).
 * Told from the text where it can be: every `type` asked of web-tree-sitter crosses into WebAssembly,
 * and a re-lint of a large module must cost little more than its policies.
 */
export function blockHead(
  children: readonly SyntaxNode[],
  text: string,
): { type: string; typeSpan: Span; labels: string[]; next: number } {
  const first = children[0];
  if (!first) return { type: '', typeSpan: { start: 0, end: 0 }, labels: [], next: 0 };
  const typeSpan = spanOf(first);
  const labels: string[] = [];
  let i = 1;
  for (; i < children.length; i++) {
    const child = children[i];
    const c = text.charCodeAt(child.startIndex);
    if (c === 123 /* { */) break;
    labels.push(c === 34 /* " */ ? stringContent(child, text).value : text.slice(child.startIndex, child.endIndex));
  }
  return { type: text.slice(typeSpan.start, typeSpan.end), typeSpan, labels, next: i + 1 };
}

/**
 * The block at `node`, with its body's attributes and nested blocks read one level deep. `nested`
 * says which nested blocks to descend into (the rest are listed with their heads only).
 */
export function readBlock(
  node: SyntaxNode,
  text: string,
  nested: (type: string) => boolean = () => false,
  deep = true,
): Block {
  const children = named(node);
  const { type, typeSpan, labels, next } = blockHead(children, text);
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  const body = children[next];
  if (deep && body && text.charCodeAt(body.startIndex) !== 125 /* } */ && body.type === 'body')
    readBody(body, text, nested, attributes, blocks);
  return { type, typeSpan, labels, span: spanOf(node), attributes, blocks };
}

function readBody(
  body: SyntaxNode,
  text: string,
  nested: (type: string) => boolean,
  attributes: Map<string, Attribute>,
  blocks: Block[],
): void {
  for (const child of named(body)) {
    const type = child.type;
    if (type === 'attribute') {
      const [name, value] = named(child);
      if (!name) continue;
      const key = { text: text.slice(name.startIndex, name.endIndex), span: spanOf(name) };
      attributes.set(key.text, { name: key, value });
    } else if (type === 'block') {
      const head = child.firstNamedChild;
      const blockType = head ? text.slice(head.startIndex, head.endIndex) : '';
      blocks.push(readBlock(child, text, nested, nested(blockType)));
    } else if (type === 'ERROR') {
      // Half-typed text: complete attributes and blocks inside the error are still read.
      readBody(child, text, nested, attributes, blocks);
    }
  }
}

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The node inside an `expression`: its wrapper (`literal_value`, `collection_value`, `template_expr`) and what it wraps. */
function unwrap(expression: SyntaxNode): { wrapper: string; node: SyntaxNode } | undefined {
  const children = named(expression);
  if (children.length !== 1) return undefined;
  const only = children[0];
  const wrapper = only.type;
  if (wrapper === 'literal_value' || wrapper === 'collection_value' || wrapper === 'template_expr') {
    const node = named(only)[0];
    return node ? { wrapper, node } : undefined;
  }
  return { wrapper: '', node: only };
}

/** The one meaningful node of an `expression` wrapper (a literal, a tuple...), or undefined when it is a chain such as `a.b.c`. */
export function inner(expression: SyntaxNode): SyntaxNode | undefined {
  return unwrap(expression)?.node;
}

/**
 * What a computed expression (a reference, a function call) stands for, when the caller can tell
 * (scope.ts: variables' defaults, locals, a dynamic block's iterator); undefined when it cannot.
 */
export type Resolve = (expression: SyntaxNode) => Node | undefined;

/**
 * The value of an HCL expression as a neutral node. Computed values are `unknown` nodes labelled with
 * their source (`var.actions`, `concat(…)`), unless `resolve` tells them: as a whole element they make
 * an unknown list, principal or condition. Literals are told by their wrapper and first character,
 * without asking their type. `inList`: the expression is a list item, where a list (a computed one
 * resolved) cannot stand.
 */
export function toNode(expression: SyntaxNode, text: string, resolve?: Resolve, inList = false): Node {
  const found = unwrap(expression);
  if (found && found.wrapper !== '') {
    const { wrapper, node } = found;
    const c = text.charCodeAt(node.startIndex);
    if (wrapper === 'literal_value') {
      if (c === 34 /* " */) {
        const { value, span } = stringContent(node, text);
        return { kind: 'scalar', span, value, text: value };
      }
      const source = text.slice(node.startIndex, node.endIndex);
      if (source === 'true' || source === 'false')
        return { kind: 'scalar', span: spanOf(node), value: source === 'true', text: source };
      if (source === 'null') return { kind: 'scalar', span: spanOf(node), value: null, text: source };
      const value = Number(source);
      if (source !== '' && Number.isFinite(value)) return { kind: 'scalar', span: spanOf(node), value, text: source };
    } else if (wrapper === 'template_expr' && c === 34 /* " */) {
      return quotedTemplate(node, text);
    } else if (wrapper === 'collection_value' && c === 91 /* [ */) {
      return {
        kind: 'array',
        span: spanOf(node),
        items: tupleItems(node, text).map((item) => asItem(toNode(item, text, resolve, true))),
      };
    } else if (wrapper === 'collection_value' && c === 123 /* { */) {
      return { kind: 'object', span: spanOf(node), entries: objectEntries(node, text, resolve) };
    }
  }
  const resolved = !found || found.wrapper === '' ? resolve?.(expression) : undefined;
  if (resolved && !(inList && resolved.kind === 'array')) return resolved;
  return unknownOf(expression, text);
}

/**
 * The item expressions of a tuple: its named children but the brackets and comments. The closing
 * bracket may be missing in half-typed text (an empty node where anything may follow): only there is
 * the type asked.
 */
function tupleItems(tuple: SyntaxNode, text: string): SyntaxNode[] {
  return members(tuple, text, 93 /* ] */);
}

/** The items of an expression written as a tuple (`[a, b]`); none for anything else. */
export function listItems(expression: SyntaxNode, text: string): SyntaxNode[] {
  const node = inner(expression);
  return node && text.charCodeAt(node.startIndex) === 91 /* [ */ ? tupleItems(node, text) : [];
}

function members(collection: SyntaxNode, text: string, close: number): SyntaxNode[] {
  const children = named(collection);
  const out: SyntaxNode[] = [];
  for (let i = 1; i < children.length; i++) {
    const child = children[i];
    const c = text.charCodeAt(child.startIndex);
    if (c === close || c === 35 /* # */ || c === 47 /* / */) continue;
    if (i === children.length - 1 && child.startIndex === child.endIndex) continue;
    out.push(child);
  }
  return out;
}

/** A list item that is computed is one string of unknown content (Terraform's lists of strings hold no lists). */
function asItem(node: Node): Node {
  if (node.kind !== 'unknown') return node;
  return { kind: 'template', span: node.span, parts: [{ unknown: node.text }] };
}

/** The entries of an HCL object (`{ Action = "s3:GetObject", "Effect": "Allow" }`): keys bare or quoted. */
function objectEntries(object: SyntaxNode, text: string, resolve?: Resolve): Entry[] {
  const entries: Entry[] = [];
  for (const element of members(object, text, 125 /* } */)) {
    const [keyExpression, valueExpression] = named(element);
    const key = keyExpression && objectKey(keyExpression, text);
    if (!key) continue;
    const value: Node = valueExpression
      ? toNode(valueExpression, text, resolve)
      : { kind: 'unknown', span: { start: key.span.end, end: key.span.end }, text: '' };
    entries.push({ key, value });
  }
  return entries;
}

/** An object key: a bare identifier or a plain string; a computed key (`(var.k)`) is not one we can read. */
function objectKey(expression: SyntaxNode, text: string): Key | undefined {
  const children = named(expression);
  if (children.length !== 1) return undefined;
  const only = children[0];
  const c = text.charCodeAt(only.startIndex);
  if (c === 34 /* " */) {
    const string = named(only)[0];
    // A key with an interpolation is computed.
    if (!string || only.type !== 'literal_value') return undefined;
    const { value, span } = stringContent(string, text);
    return { text: value, span };
  }
  if (c === 40 /* ( */) return undefined;
  return { text: text.slice(only.startIndex, only.endIndex), span: spanOf(only) };
}

/**
 * `"..."` without interpolations: its decoded content and the span inside the quotes. Told from the
 * text, without visiting the literal's children (each visited node costs an object).
 */
function stringContent(node: SyntaxNode, text: string): { value: string; span: Span } {
  const start = node.startIndex + 1;
  let end = node.endIndex;
  // The closing quote is missing in half-typed text.
  if (end > start && text.charCodeAt(end - 1) === 34 /* " */) end--;
  const span = { start: Math.min(start, node.endIndex), end: Math.max(Math.min(start, node.endIndex), end) };
  return { value: unescape(text.slice(span.start, span.end)), span };
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
function unknownOf(node: SyntaxNode, text: string): UnknownNode {
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
function unescape(raw: string): string {
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
