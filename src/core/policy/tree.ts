/**
 * The neutral syntax tree's nodes: what either parser (JSON, YAML) and the code readers build, and what a
 * template's resources keep. Types only, in the policy room so that the model can hold them; building
 * and reading the tree is src/core/sources/tree.ts.
 */
import type { ArnPart } from '../catalog/types';
import type { Key, ParseProblem, Span } from './span';

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
