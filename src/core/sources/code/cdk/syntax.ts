/**
 * Small helpers over tree-sitter TypeScript nodes. Nodes are read while the tree is alive and never
 * kept: what leaves the reader is spans (UTF-16 offsets, which is what web-tree-sitter counts) and text.
 */
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Span } from '../../../policy/model';

export type { SyntaxNode };

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** Expression wrappers that change nothing at run time: `(x)`, `x as T`, `x as const`, `x satisfies T`, `x!`. */
export const TRANSPARENT: ReadonlySet<string> = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

/** The expression inside any number of transparent wrappers. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  for (let depth = 0; current && TRANSPARENT.has(current.type) && depth < 20; depth++) {
    // `<T>x` has the expression last; the others first.
    current = (current.type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild) ?? undefined;
  }
  return current;
}

/**
 * The named children that are not comments (comments may sit anywhere in argument lists and literals).
 * A comment is told by its first two characters in `text`, which costs no call into the parser.
 */
export function itemsOf(node: SyntaxNode, text: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of node.namedChildren) if (child && !isComment(text, child.startIndex)) out.push(child);
  return out;
}

function isComment(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 47 /* / */) return false;
  const next = text.charCodeAt(at + 1);
  return next === 47 || next === 42; /* * */
}

/** The arguments of a call or `new` expression (none when they are missing in half-typed code). */
export function argumentsOf(call: SyntaxNode, text: string): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  return list && text.charCodeAt(list.startIndex) === 40 /* ( */ ? itemsOf(list, text) : [];
}

/** The key and value of a `key: value` pair, in one call to the parser. */
export function pairOf(pair: SyntaxNode, text: string): { key: SyntaxNode | undefined; value: SyntaxNode | undefined } {
  const items = itemsOf(pair, text);
  return { key: items[0], value: items.length > 1 ? items[items.length - 1] : undefined };
}

/** A plain name chain as written (`iam.PolicyStatement`, `this.role!`), split without walking the tree. */
const NAME_CHAIN = /^[A-Za-z_$][\w$]*(?:\s*!?\s*\??\.\s*[A-Za-z_$][\w$]*)*\s*!?$/;

/**
 * A name chain as identifiers: `iam.PolicyStatement` → ['iam', 'PolicyStatement'], `this.role` →
 * ['this', 'role'], `cdk.aws_iam.Role` → ['cdk', 'aws_iam', 'Role']. Undefined for anything else
 * (calls, element access), so that a chain is only ever matched as written.
 */
export function pathOf(node: SyntaxNode | null | undefined): string[] | undefined {
  if (!node) return undefined;
  const raw = node.text;
  if (NAME_CHAIN.test(raw)) return raw.replace(/[\s!?]/g, '').split('.');
  const out: string[] = [];
  let current = unwrap(node);
  for (let depth = 0; current && depth < 20; depth++) {
    if (current.type === 'identifier' || current.type === 'this') {
      out.push(current.text);
      return out.reverse();
    }
    if (current.type !== 'member_expression') return undefined;
    const property = current.childForFieldName('property');
    if (!property) return undefined;
    out.push(property.text);
    current = unwrap(current.childForFieldName('object'));
  }
  return undefined;
}

/** A member call `receiver.method(...)`: the receiver and the method's name node, or undefined. */
export function memberCall(call: SyntaxNode): { receiver: SyntaxNode; method: SyntaxNode } | undefined {
  const callee = call.childForFieldName('function');
  if (!callee || callee.type !== 'member_expression') return undefined;
  const receiver = callee.childForFieldName('object');
  const method = callee.childForFieldName('property');
  return receiver && method ? { receiver, method } : undefined;
}

/**
 * The name a principal or a resource goes by in the file, from the expression that denotes it:
 * `role`, `this.role` and `role!` are all `role`; `fn.role` and `fn.grantPrincipal` are the function's
 * role, named `fn`. Undefined when the expression is not a plain name chain.
 */
export function nameOf(node: SyntaxNode | null | undefined): string | undefined {
  const path = pathOf(node);
  if (!path) return undefined;
  const parts = path[0] === 'this' ? path.slice(1) : path;
  while (parts.length > 1 && PRINCIPAL_OF.has(parts[parts.length - 1]!)) parts.pop();
  return parts.length > 0 ? parts.join('.') : undefined;
}

/** Properties that lead from a construct to the principal acting for it. */
const PRINCIPAL_OF = new Set(['role', 'grantPrincipal', 'principal']);

/** A string literal's decoded value and the span of its content (without the quotes). */
export function stringLiteral(node: SyntaxNode): { value: string; span: Span } {
  const raw = node.text;
  const start = node.startIndex + 1;
  // A missing closing quote in half-typed code: the content runs to the node's end.
  const closed = raw.length >= 2 && raw.endsWith(raw[0]!);
  const span = { start, end: node.startIndex + (closed ? raw.length - 1 : raw.length) };
  const content = raw.slice(1, closed ? -1 : undefined);
  if (!content.includes('\\')) return { value: content, span };
  let value = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'escape_sequence') {
      value += decodeEscape(child.text);
    } else if (child.type === 'string_fragment') {
      value += child.text;
    }
  }
  return { value, span };
}

/** One escape sequence of a TypeScript string, as its character(s). */
export function decodeEscape(escape: string): string {
  const c = escape[1];
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '0':
      return '\0';
    case 'x':
      return String.fromCharCode(parseInt(escape.slice(2), 16) || 0);
    case 'u': {
      const hex = escape.startsWith('\\u{') ? escape.slice(3, -1) : escape.slice(2);
      const code = parseInt(hex, 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    case '\r':
    case '\n':
      return ''; // a line continuation
    default:
      return escape.slice(1);
  }
}
