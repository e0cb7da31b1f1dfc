/**
 * TypeScript expressions → the neutral tree (src/core/sources/tree.ts), so that the policy reader shared
 * with JSON and YAML (readDocument) reads CDK values too. What the file makes plain is read: string,
 * number and boolean literals, template literals (their substitutions are unknown parts), array and
 * object literals, and names bound by a `const` of the same file to one of these. Everything else
 * (`bucket.bucketArn`, `props.actions`, a function call) is unknown, labelled by its source text, so no
 * rule ever reports a value it cannot see.
 *
 * A resolved `const` keeps the spans of its declaration: a finding on `actions: ACTIONS` points at the
 * string inside `const ACTIONS = ['s3:*']`, and a fix edits the declaration, which is what changes the
 * policy (the use site holds only the name).
 */
import type { ArnPart } from '../../../catalog/types';
import type { Span } from '../../../policy/model';
import type { ArrayNode, Entry, Node, ObjectNode, ScalarNode, TemplateNode, UnknownNode } from '../../tree';
import { decodeEscape, itemsOf, pairOf, spanOf, stringLiteral, TRANSPARENT, type SyntaxNode } from './syntax';

/** Node types told by their first character (then checked by literalType): quotes, a backtick, digits. */
const LITERAL_TYPES: Readonly<Record<number, string>> = {
  34: 'string', // "
  39: 'string', // '
  96: 'template_string', // `
  ...Object.fromEntries([48, 49, 50, 51, 52, 53, 54, 55, 56, 57].map((c) => [c, 'number'])),
};

/** How deep const resolution and nested literals go: a guard against cycles (`const a = b, b = a`). */
const MAX_DEPTH = 8;
/** Labels of unknown values are source text, cut to this length for display. */
const MAX_LABEL = 80;

/** Names bound by `const` in the file: the value expression, or null when the name is declared more than once. */
export interface Consts {
  get(name: string): SyntaxNode | null | undefined;
}

export class CodeValues {
  /** Object literals read with a spread, a method or an unreadable computed key: more keys than listed. */
  private readonly open = new WeakSet<ObjectNode>();

  constructor(
    private readonly consts: Consts,
    /** The file's text: what the reader can tell from it costs no call into the parser. */
    readonly text: string,
  ) {}

  /** True when `node` came from an object literal whose keys are not all known. */
  isOpen(node: Node): boolean {
    return node.kind === 'object' && this.open.has(node);
  }

  /** The expression a name stands for, following `const` bindings; the expression itself otherwise. */
  resolve(node: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
    return this.typed(node, depth)?.node;
  }

  /**
   * Like resolve, with the node's type. A literal is told by its first character, which costs no call
   * into the parser (most values are literals); other nodes are asked their type once.
   */
  private typed(
    expression: SyntaxNode | null | undefined,
    depth: number,
  ): { node: SyntaxNode; type: string } | undefined {
    let current = expression ?? undefined;
    for (let d = depth; current && d < MAX_DEPTH + 20; d++) {
      const literal = this.literalType(current);
      if (literal) return { node: current, type: literal };
      const type = current.type;
      if (TRANSPARENT.has(type)) {
        current = (type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild) ?? undefined;
      } else if ((type === 'identifier' || type === 'shorthand_property_identifier') && d < MAX_DEPTH) {
        const bound = this.consts.get(current.text);
        if (!bound) return { node: current, type };
        current = bound;
      } else {
        return { node: current, type };
      }
    }
    return undefined;
  }

  /**
   * A string, template or number literal, told from its text alone, or undefined. `'a' + b` also starts
   * with a quote: a literal holds no unescaped quote of its own kind before its end.
   */
  private literalType(node: SyntaxNode): string | undefined {
    const first = this.text.charCodeAt(node.startIndex);
    const type = LITERAL_TYPES[first];
    if (!type) return undefined;
    const raw = node.text;
    if (type === 'number') return /^\d[\w.]*$/.test(raw) ? type : undefined;
    const quote = raw[0]!;
    const inner = raw.slice(1, -1);
    return raw.length >= 2 && raw.endsWith(quote) && !inner.includes(quote) && !inner.includes('\\') ? type : undefined;
  }

  /** Any expression as a neutral node. */
  node(expression: SyntaxNode | null | undefined, depth = 0): Node {
    const typed = this.typed(expression, depth);
    if (!typed) return missing(expression);
    const { node, type } = typed;
    if (depth > MAX_DEPTH) return unknownOf(node);
    switch (type) {
      case 'string':
        return this.string(node);
      case 'template_string':
        return this.template(node, depth);
      case 'number':
        return { kind: 'scalar', span: spanOf(node), value: Number(node.text), text: node.text };
      case 'true':
      case 'false':
        return { kind: 'scalar', span: spanOf(node), value: type === 'true', text: node.text };
      case 'null':
        return { kind: 'scalar', span: spanOf(node), value: null, text: 'null' };
      case 'array':
        return this.array(node, depth);
      case 'object':
        return this.object(node, depth).node;
      default:
        return unknownOf(node);
    }
  }

  /**
   * The members of an object literal, each asked its type once and a pair split in one call: `name` is
   * the key as written when it is a plain name (read from the text), for the readers that look for
   * props such as `actions` or `managedPolicies`.
   */
  members(object: SyntaxNode): Member[] {
    const out: Member[] = [];
    for (const node of itemsOf(object, this.text)) {
      const type = node.type;
      if (type === 'pair') {
        const { key, value } = pairOf(node, this.text);
        const first = key ? this.text.charCodeAt(key.startIndex) : 0;
        // `'assumedBy': ...` names the same prop as `assumedBy: ...`.
        const quoted = first === 39 || first === 34 ? stringLiteral(key!).value : undefined;
        const name =
          quoted ??
          (key ? /^[A-Za-z_$][\w$]*/.exec(this.text.slice(key.startIndex, key.startIndex + 64))?.[0] : undefined);
        out.push({
          node,
          type,
          key,
          value,
          name:
            quoted !== undefined || (name !== undefined && isPlainName(this.text, key!.startIndex + name.length))
              ? name
              : undefined,
        });
      } else if (type === 'shorthand_property_identifier') {
        out.push({ node, type, key: node, value: node, name: node.text });
      } else {
        out.push({ node, type });
      }
    }
    return out;
  }

  /**
   * An object literal whose keys are written as they are meant (condition operators and keys, the
   * IAM names of `fromJson`). `open` when a spread, a method or a computed key that cannot be read may
   * add keys: the object's content is then not all known.
   */
  object(node: SyntaxNode, depth = 0): { node: ObjectNode; open: boolean } {
    const entries: Entry[] = [];
    let open = false;
    for (const member of this.members(node)) {
      if (member.type === 'pair') {
        const key = this.key(member.key);
        if (key) entries.push({ key, value: this.node(member.value, depth + 1) });
        else open = true;
      } else if (member.type === 'shorthand_property_identifier') {
        entries.push({
          key: { text: member.name!, span: spanOf(member.node) },
          value: this.node(member.node, depth + 1),
        });
      } else {
        open = true;
      }
    }
    const object: ObjectNode = { kind: 'object', span: spanOf(node), entries };
    if (open) this.open.add(object);
    return { node: object, open };
  }

  /** A property name as text with its span (a quoted name: its content), or undefined when computed from something unknown. */
  key(node: SyntaxNode | null | undefined): { text: string; span: Span } | undefined {
    if (!node) return undefined;
    if (node.type === 'property_identifier' || node.type === 'number' || node.type === 'private_property_identifier') {
      return { text: node.text, span: spanOf(node) };
    }
    if (node.type === 'string') {
      const { value, span } = stringLiteral(node);
      return { text: value, span };
    }
    if (node.type === 'computed_property_name') {
      const value = this.node(node.firstNamedChild);
      if (value.kind === 'scalar' && typeof value.value === 'string') return { text: value.value, span: value.span };
    }
    return undefined;
  }

  private string(node: SyntaxNode): ScalarNode {
    const { value, span } = stringLiteral(node);
    return { kind: 'scalar', span, value, text: value };
  }

  private array(node: SyntaxNode, depth: number): ArrayNode {
    const items: Node[] = [];
    for (const item of itemsOf(node, this.text)) {
      if (item.type === 'spread_element') {
        const spread = this.resolve(item.firstNamedChild, depth + 1);
        if (spread?.type === 'array' && depth < MAX_DEPTH) items.push(...this.array(spread, depth + 1).items);
        else items.push(unknownOf(item));
      } else {
        items.push(this.node(item, depth + 1));
      }
    }
    return { kind: 'array', span: spanOf(node), items };
  }

  /** A template literal: a plain string without substitutions, else literal and unknown parts. */
  private template(node: SyntaxNode, depth: number): ScalarNode | TemplateNode {
    const span = { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
    const parts: ArnPart[] = [];
    let literal = '';
    const flush = () => {
      if (literal) parts.push(literal);
      literal = '';
    };
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'string_fragment') literal += child.text;
      else if (child.type === 'escape_sequence') literal += decodeEscape(child.text);
      else if (child.type === 'template_substitution') {
        const inner = this.node(child.firstNamedChild, depth + 1);
        if (inner.kind === 'scalar' && inner.value !== null) literal += inner.text;
        else if (inner.kind === 'template') {
          for (const part of inner.parts) {
            if (typeof part === 'string') literal += part;
            else {
              flush();
              parts.push(part);
            }
          }
        } else {
          flush();
          parts.push({ unknown: labelOf(child.firstNamedChild) });
        }
      }
    }
    flush();
    if (parts.every((part) => typeof part === 'string')) {
      const value = parts.join('');
      return { kind: 'scalar', span, value, text: value };
    }
    return { kind: 'template', span, parts };
  }
}

/** A member of an object literal: a pair, a shorthand property, or anything else (spread, method). */
export interface Member {
  readonly node: SyntaxNode;
  readonly type: string;
  readonly key?: SyntaxNode;
  readonly value?: SyntaxNode;
  /** The key when it is written as a plain name (not quoted, not computed). */
  readonly name?: string;
}

/** True when a name read from the text ends there (is followed by `:` or a space, not more of a quoted or computed key). */
function isPlainName(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return c === 58 /* : */ || c === 32 || c === 9 || c === 10 || c === 13 || c === 63; /* ? */
}

/** An unknown value standing for an expression, labelled by its text. */
export function unknownOf(node: SyntaxNode): UnknownNode {
  return { kind: 'unknown', span: spanOf(node), text: labelOf(node) };
}

function missing(node: SyntaxNode | null | undefined): UnknownNode {
  const at = node ? node.startIndex : 0;
  return { kind: 'unknown', span: { start: at, end: node ? node.endIndex : at }, text: '' };
}

/**
 * The label of an unknown part: the CloudFormation pseudo parameter the CDK writes for the stack's
 * account, region and partition (`this.account`, `Aws.ACCOUNT_ID`, `Stack.of(this).account` all become
 * `${AWS::AccountId}`), so that rules knowing the pseudo parameters read CDK the same; otherwise the
 * expression's source text.
 */
export function labelOf(node: SyntaxNode | null | undefined): string {
  if (!node) return '';
  const text = node.text.replace(/\s+/g, '');
  const pseudo = PSEUDO.exec(text) ?? AWS_CONSTANT.exec(text);
  if (pseudo) return PSEUDO_NAMES[pseudo[1]!]!;
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

const PSEUDO = /^(?:this|(?:[\w$]+\.)?Stack\.of\(this\)|(?:this\.)?stack)\.(account|region|partition|urlSuffix)$/;
const AWS_CONSTANT = /^(?:[\w$]+\.)?Aws\.(ACCOUNT_ID|REGION|PARTITION|URL_SUFFIX)$/;
const PSEUDO_NAMES: Readonly<Record<string, string>> = {
  account: 'AWS::AccountId',
  ACCOUNT_ID: 'AWS::AccountId',
  region: 'AWS::Region',
  REGION: 'AWS::Region',
  partition: 'AWS::Partition',
  PARTITION: 'AWS::Partition',
  urlSuffix: 'AWS::URLSuffix',
  URL_SUFFIX: 'AWS::URLSuffix',
};
