/**
 * YAML text → the neutral tree. CloudFormation's short-form tags (`!Ref`, `!Sub`, `!GetAtt`...) are
 * registered in their scalar, sequence and mapping forms, so they parse without warnings and keep their
 * ranges; each becomes a `tagged` node named like its long form (`Fn::Sub`).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Tags } from 'yaml';
import type { Key, ParseProblem, Span } from '../policy/model';
import { parseLeniently } from './yamlLenient';
import { MAX_SYNTAX_PROBLEMS, type Entry, type Node, type ParsedText, type ScalarNode } from './tree';

/** Short tag name → long form. Functions of Rules and of the LanguageExtensions transform included. */
const CFN_TAGS: ReadonlyMap<string, string> = new Map([
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'If',
    'Equals',
    'And',
    'Or',
    'Not',
    'ToJsonString',
    'Length',
    'ForEach',
    'ValueOf',
    'Contains',
    'EachMemberEquals',
    'EachMemberIn',
    'RefAll',
  ].map((name): [string, string] => [name, `Fn::${name}`]),
]);

const customTags: Tags = [...CFN_TAGS.keys()].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

const OPTIONS = { customTags, prettyErrors: false, uniqueKeys: false, logLevel: 'silent' as const };

/** Parses YAML text (every document of a stream) into neutral trees; errors become problems. */
export function parseYaml(text: string): ParsedText {
  const docs = parseLeniently(text, (t) => parseAllDocuments(t, OPTIONS));
  const problems: ParseProblem[] = [];
  const roots: Node[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      if (problems.length >= MAX_SYNTAX_PROBLEMS) break;
      // The parser may point one past the end ("missing ]" at the end of the text).
      const start = Math.min(error.pos[0], text.length);
      problems.push({
        message: readable(error.message),
        span: { start, end: Math.max(start, Math.min(error.pos[1], text.length)) },
      });
    }
    // Unknown tags (`!Rain::Embed`...) are warnings only: they are legal YAML and kept as tagged nodes.
    if (doc.contents) roots.push(new Converter(text, doc).convert(doc.contents));
  }
  return { roots, problems };
}

class Converter {
  private readonly anchored = new Map<unknown, Node>();
  private readonly converting = new Set<unknown>();

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {}

  convert(node: unknown): Node {
    if (isAlias(node)) return this.alias(node.source, node.range, node.resolve(this.doc));
    const plain = this.untagged(node);
    const tag = (node as { tag?: string }).tag;
    if (!tag || tag.charCodeAt(0) !== 33 /* ! */) return plain;
    const name = tag.slice(1);
    // A quoted scalar's span leaves out its quotes; the expression's must not: use the raw range.
    const range = isScalar(node) ? node.range : undefined;
    const start = tagStart(this.text, range ? range[0] : plain.span.start, tag);
    return {
      kind: 'tagged',
      span: { start, end: range ? range[1] : plain.span.end },
      tag: CFN_TAGS.get(name) ?? name,
      value: plain,
    };
  }

  private untagged(node: unknown): Node {
    if (isScalar(node)) return this.scalar(node);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.converting.add(node);
    let result: Node;
    if (isMap(node)) {
      const entries: Entry[] = [];
      for (const pair of node.items) this.pushEntry(entries, pair.key, pair.value);
      result = { kind: 'object', span: this.collectionSpan(node.range), entries };
    } else if (isSeq(node)) {
      const items: Node[] = [];
      for (const item of node.items) {
        if (isPair(item)) {
          // `[a: 1]`: a flow sequence holding a single-pair mapping.
          const entries: Entry[] = [];
          this.pushEntry(entries, item.key, item.value);
          const key = entries[0]?.key.span;
          if (key) items.push({ kind: 'object', span: { start: key.start, end: entries[0].value.span.end }, entries });
        } else if (item) {
          items.push(this.convert(item));
        }
      }
      result = { kind: 'array', span: this.collectionSpan(node.range), items };
    } else {
      result = { kind: 'unknown', span: rangeSpan((node as { range?: readonly number[] }).range), text: '' };
    }
    if (anchor) {
      this.converting.delete(node);
      this.anchored.set(node, result);
    }
    return result;
  }

  /** A block collection's range runs to the next line: end it at its last character instead. */
  private collectionSpan(range: readonly number[] | null | undefined): Span {
    const span = rangeSpan(range);
    let end = span.end;
    while (end > span.start && isSpace(this.text.charCodeAt(end - 1))) end--;
    return { start: span.start, end };
  }

  private pushEntry(entries: Entry[], keyNode: unknown, valueNode: unknown): void {
    // Only scalar keys can name policy elements or resources; complex keys are skipped.
    if (!isScalar(keyNode) || keyNode.value === null || keyNode.value === undefined) return;
    const keyScalar = this.scalar(keyNode);
    const key: Key = { text: keyScalar.text, span: keyScalar.span };
    const value: Node = valueNode
      ? this.convert(valueNode)
      : { kind: 'unknown', span: { start: key.span.end, end: key.span.end }, text: '' };
    entries.push({ key, value });
  }

  private scalar(node: Scalar): ScalarNode {
    const range = node.range ?? [0, 0, 0];
    let start = range[0];
    let end = range[1];
    const value = node.value;
    if (typeof value === 'string') {
      let text = value;
      if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
        const quote = node.type === Scalar.QUOTE_DOUBLE ? 34 : 39;
        if (this.text.charCodeAt(start) === quote) start += 1;
        if (end > start && this.text.charCodeAt(end - 1) === quote) end -= 1;
        // Half-typed `"s3:GetOb`: the parser drops the last character as if it were the closing quote.
        else text = this.text.slice(start, end);
      }
      return { kind: 'scalar', span: { start, end }, value: text, text };
    }
    const source = this.text.slice(start, end);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
      return { kind: 'scalar', span: { start, end }, value: value ?? null, text: source };
    }
    // Other resolved types (big integers, binary...): keep the source text as a string.
    return { kind: 'scalar', span: { start, end }, value: source, text: source };
  }

  private alias(name: string, range: readonly number[] | null | undefined, target: unknown): Node {
    const known = this.anchored.get(target);
    if (known) return known;
    if (!target || this.converting.has(target)) return { kind: 'unknown', span: rangeSpan(range), text: `*${name}` };
    return this.convert(target);
  }
}

/** The parser's messages, with the one every IAM author meets explained: `Resource: *`. */
function readable(message: string): string {
  return message === 'Alias cannot be an empty string' ? 'A bare * starts a YAML alias: quote it ("*")' : message;
}

function rangeSpan(range: readonly number[] | null | undefined): Span {
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** Where the tag before a value starts: usually just before it, past spaces and line breaks. */
function tagStart(text: string, valueStart: number, tag: string): number {
  let i = valueStart - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  const candidate = i - tag.length + 1;
  if (candidate >= 0 && text.startsWith(tag, candidate)) return candidate;
  // An anchor or a comment sits between the tag and the value: look a little further back.
  for (let k = valueStart - tag.length; k >= 0 && k >= valueStart - 300; k--) if (text.startsWith(tag, k)) return k;
  return valueStart;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
