/**
 * One neutral syntax tree, built in a single pass from either parser, so that everything after parsing
 * (detection, CloudFormation, intrinsics, policy documents) is the same code for JSON and YAML.
 */
import type { ArnPart } from '../catalog/types';
import type { Key, ParseProblem, Span } from '../policy/model';

export type Node = ObjectNode | ArrayNode | ScalarNode | TaggedNode | TemplateNode | UnknownNode;

export interface ObjectNode {
  readonly kind: 'object';
  readonly span: Span;
  readonly entries: readonly Entry[];
}

/** One `key: value` of an object; `value` is an `unknown` node when the source has none yet. */
export interface Entry {
  readonly key: Key;
  readonly value: Node;
}

export interface ArrayNode {
  readonly kind: 'array';
  readonly span: Span;
  readonly items: readonly Node[];
}

export interface ScalarNode {
  readonly kind: 'scalar';
  /** For strings: without the quotes (JSON, quoted YAML). */
  readonly span: Span;
  readonly value: string | number | boolean | null;
  /** The value as text: the string itself, or the source text of a number, boolean or null. */
  readonly text: string;
}

/**
 * A YAML node with a local tag: `!Ref X`, `!Sub [...]`, `!Rain::Embed f.py`. `tag` is the long name
 * for CloudFormation's short forms (`Fn::Sub`, `Ref`, `Condition`), else the tag without its `!`.
 * The span covers the tag and the value.
 */
export interface TaggedNode {
  readonly kind: 'tagged';
  readonly span: Span;
  readonly tag: string;
  readonly value: Node;
}

/**
 * A string built from literal text and interpolations whose values are not known here: a TypeScript
 * template literal (`arn:aws:s3:::${bucketName}/*`), a Terraform string (`"${var.prefix}-logs"`).
 * `parts` interleaves the literal text with the unknown parts, each labelled by its expression. The
 * span covers the string's content (without the quotes).
 */
export interface TemplateNode {
  readonly kind: 'template';
  readonly span: Span;
  readonly parts: readonly ArnPart[];
}

/** Something that holds no readable value: a missing value in half-typed text, an unusable alias. */
export interface UnknownNode {
  readonly kind: 'unknown';
  readonly span: Span;
  readonly text: string;
}

/** The trees of one file (YAML streams may hold several documents) and its syntax problems. */
export interface ParsedText {
  readonly roots: readonly Node[];
  readonly problems: ParseProblem[];
}

/** The value of `key` in an object node (the last one when the key is repeated), or undefined. */
export function member(node: Node | undefined, key: string): Node | undefined {
  if (node?.kind !== 'object') return undefined;
  const entries = node.entries;
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key.text === key) return entries[i].value;
  return undefined;
}

/** The string value of a scalar node, or undefined. */
export function stringOf(node: Node | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** The object node, or undefined when `node` is something else. */
export function asObject(node: Node | undefined): ObjectNode | undefined {
  return node?.kind === 'object' ? node : undefined;
}

/** The most problems one file reports: a binary file fed to a parser must not yield thousands. */
export const MAX_SYNTAX_PROBLEMS = 100;

/**
 * Nesting deeper than this is refused before parsing. Both parsers recurse per level, and V8 may abort
 * the whole process (not throw) when it compiles a regular expression that close to the stack's end;
 * no policy or template comes near this depth.
 */
export const MAX_NESTING = 400;

/**
 * True when YAML text may nest deeper than MAX_NESTING: an upper bound in one pass, counting open
 * brackets and braces, plus the longest run of indentation and block indicators opening a line.
 */
export function mayNestTooDeeply(text: string): boolean {
  let flow = 0;
  let prefix = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 125) {
      lineStart = false;
    } else if (c === 10 /* \n */) {
      lineStart = true;
      prefix = 0;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      lineStart = false;
      if (++flow > MAX_NESTING) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      lineStart = false;
      if (flow > 0) flow--;
    } else if (lineStart) {
      // Spaces, tabs and the indicators `-`, `?`, `:` (followed by a space) each open at most one block
      // level; a line of dashes (`------`) opens none.
      const indicator = (c === 45 || c === 63 || c === 58) && isBlank(text.charCodeAt(i + 1));
      if (c === 32 || c === 9 || indicator) {
        if (++prefix + flow > MAX_NESTING) return true;
      } else {
        lineStart = false;
      }
    }
  }
  return false;
}

/** A space, a tab, a line break, or the end of the text (NaN). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}
