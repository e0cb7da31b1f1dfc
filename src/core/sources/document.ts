/**
 * A tree node → PolicyDocument, statements and elements. Format-agnostic; wrong types become problems
 * plus an `unknown` placeholder, so that a rule never reports the same mistake a second time as
 * "missing".
 */
import type {
  ConditionBlock,
  ConditionElement,
  Key,
  NotAnalysed,
  ParseProblem,
  PolicyDocument,
  PolicyKind,
  PrincipalElement,
  Span,
  Statement,
  Value,
  ValueList,
} from '../policy/model';
import {
  ifBranches,
  intrinsicOf,
  isNoValue,
  unknownValue,
  valueOf,
  yieldsList,
  type Intrinsic,
  type ValueContext,
} from './intrinsics';
import { parseJson, type JsonTreeOptions } from './json';
import { subDocumentJson } from './subDocument';
import type { Entry, Node, ObjectNode, ParsedText, ScalarNode } from './tree';
import { valueOffsets } from './valueOffsets';

/** Where a document sits and what it is for, as its surroundings say. */
export interface DocumentPlace {
  readonly kind: PolicyKind;
  readonly path: string;
  readonly appliesTo?: readonly string[];
  readonly resourceService?: string;
}

export interface ReadContext extends ValueContext {
  readonly text: string;
  readonly problems: ParseProblem[];
  /** Where a document that cannot be read is said (absent: not said). */
  readonly notAnalysed?: NotAnalysed[];
}

const EXPECTED_DOCUMENT = 'Expected a policy document: an object with "Version" and "Statement"';

/**
 * Reads the document at `node` into `out`. An `Fn::If` yields its branches as documents; they lose
 * `appliesTo` when both exist, since only one of them is ever deployed.
 */
export function readDocumentsAt(node: Node, place: DocumentPlace, context: ReadContext, out: PolicyDocument[]): void {
  const conditional = ifBranches(node);
  if (conditional) {
    for (const branch of conditional.branches) {
      const path = `${place.path}.Fn::If[${branch.index}]`;
      readDocumentsAt(
        branch.node,
        { ...place, path, appliesTo: conditional.exclusive ? undefined : place.appliesTo },
        context,
        out,
      );
    }
    return;
  }
  const document = readDocument(node, place, context);
  if (document) out.push(document);
}

/**
 * The document at `node`: an object, a string holding JSON (plain or URL-encoded), or an `Fn::Sub` of
 * such a string. Any other intrinsic (a `Ref` to a parameter, an `Fn::ImportValue`) is known only when
 * deployed: said as not analysed. A missing value (half-typed text) is no document.
 */
export function readDocument(node: Node, place: DocumentPlace, context: ReadContext): PolicyDocument | undefined {
  if (node.kind === 'unknown') return undefined;
  const intrinsic = intrinsicOf(node);
  if (intrinsic)
    return intrinsic.name === 'Fn::Sub' ? readSub(node, intrinsic, place, context) : unreadable(node, context);
  if (node.kind === 'object') return readObject(node, place, context, 'exact');
  if (node.kind === 'scalar' && typeof node.value === 'string') return readEmbedded(node, node.value, place, context);
  context.problems.push({ message: EXPECTED_DOCUMENT, span: node.span });
  return undefined;
}

function unreadable(node: Node, context: ReadContext): undefined {
  context.notAnalysed?.push({
    reason: `the policy document is \`${unknownValue(node).text}\`, known only when deployed: not analysed`,
    span: node.span,
  });
  return undefined;
}

function readEmbedded(
  node: ScalarNode,
  value: string,
  place: DocumentPlace,
  context: ReadContext,
): PolicyDocument | undefined {
  const trimmed = value.trimStart();
  let json = value;
  let decoded = false;
  // (No regular expression here: this may run deep in recursion, see MAX_NESTING.)
  if (trimmed.slice(0, 3).toLowerCase() === '%7b') {
    try {
      json = decodeURIComponent(value);
      decoded = true;
    } catch {
      context.problems.push({ message: 'The URL-encoded policy document cannot be decoded', span: node.span });
      return undefined;
    }
  } else if (!trimmed.startsWith('{')) {
    context.problems.push({ message: EXPECTED_DOCUMENT, span: node.span });
    return undefined;
  }
  const { options, mapping } = decoded
    ? { options: { fixedSpan: node.span }, mapping: 'none' as const }
    : placed(node, context);
  return readParsed(parseJson(json, options), mapping, 'string', place, context);
}

/** `Fn::Sub` of a string holding JSON: its `${...}` become unknown parts (or their bound values). */
function readSub(
  node: Node,
  { arg }: Intrinsic,
  place: DocumentPlace,
  context: ReadContext,
): PolicyDocument | undefined {
  const template = arg.kind === 'array' ? arg.items[0] : arg;
  const variables = arg.kind === 'array' ? arg.items[1] : undefined;
  // `!Sub '${PolicyJson}'` and the like: the document is a parameter's value.
  if (template?.kind !== 'scalar' || typeof template.value !== 'string' || !template.value.trimStart().startsWith('{'))
    return unreadable(node, context);
  const { options, mapping } = placed(template, context);
  return readParsed(subDocumentJson(template.value, variables, options), mapping, '!Sub string', place, context);
}

/**
 * How offsets in a string's value map to the file: `exact` when the value is written as it is (edits
 * are right there), `aligned` character by character through indentation, quotes and escapes (spans are
 * right, but a JSON edit would not be: it would need the string's own quoting), or `none`.
 */
type Mapping = 'exact' | { readonly aligned: Span } | 'none';

function placed(node: ScalarNode, context: ReadContext): { options: JsonTreeOptions; mapping: Mapping } {
  const value = String(node.value);
  if (context.text.slice(node.span.start, node.span.end) === value)
    return { options: { base: node.span.start }, mapping: 'exact' };
  const offsets = valueOffsets(context.text, node.span, value);
  return offsets
    ? { options: { offsets }, mapping: { aligned: node.span } }
    : { options: { fixedSpan: node.span }, mapping: 'none' };
}

function readParsed(
  parsed: ParsedText,
  mapping: Mapping,
  holder: string,
  place: DocumentPlace,
  context: ReadContext,
): PolicyDocument | undefined {
  for (const problem of parsed.problems)
    context.problems.push({
      message: `In the policy document in this ${holder}: ${problem.message}`,
      span: problem.span,
    });
  const root = parsed.roots[0];
  if (root?.kind !== 'object') return undefined;
  return readObject(root, place, context, mapping);
}

function readObject(node: ObjectNode, place: DocumentPlace, context: ReadContext, mapping: Mapping): PolicyDocument {
  let version: { key: Key; value: Value } | undefined;
  let id: { key: Key; value: Value } | undefined;
  let statement: Entry | undefined;
  const unknownKeys: Key[] = [];
  for (const entry of node.entries) {
    const name = entry.key.text;
    if (name === 'Version') version = { key: entry.key, value: scalarElement(entry, context) };
    else if (name === 'Id') id = { key: entry.key, value: scalarElement(entry, context) };
    else if (name === 'Statement') statement = entry;
    else unknownKeys.push(entry.key);
  }
  reportDuplicates(node, ['Version', 'Id', 'Statement'], context);
  const { statements, isArray } = statement
    ? readStatements(statement.value, context)
    : { statements: [], isArray: false };
  // Optional fields only when present (plain objects, built without spreads: this runs per document).
  const document: { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] } = {
    kind: place.kind,
    path: place.path,
    span: node.span,
    statementIsArray: isArray,
    statements,
    unknownKeys,
  };
  if (place.resourceService !== undefined) document.resourceService = place.resourceService;
  if (place.appliesTo !== undefined) document.appliesTo = place.appliesTo;
  if (version) document.version = version;
  if (id) document.id = id;
  if (statement) document.statementKey = statement.key;
  if (mapping === 'none') document.coarseSpans = true;
  if (typeof mapping === 'object') document.inString = mapping.aligned;
  return document;
}

function readStatements(node: Node, context: ReadContext): { statements: Statement[]; isArray: boolean } {
  if (node.kind === 'array') {
    const statements: Statement[] = [];
    node.items.forEach((item, index) => {
      const statement = readStatement(item, index, context);
      if (statement) statements.push(statement);
    });
    return { statements, isArray: true };
  }
  const single = node.kind === 'object' || intrinsicOf(node) ? readStatement(node, 0, context) : undefined;
  if (!single && node.kind === 'scalar') {
    context.problems.push({ message: '"Statement" must be an object or an array of objects', span: node.span });
  }
  return { statements: single ? [single] : [], isArray: false };
}

const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
];

/**
 * One statement. An intrinsic in its place (`Fn::If` choosing a statement or none) is an unknown
 * statement: its content depends on a condition, and treating both branches as present would let
 * cross-statement rules combine what is never deployed together.
 */
function readStatement(node: Node, index: number, context: ReadContext): Statement | undefined {
  if (isNoValue(node) || node.kind === 'unknown') return undefined;
  if (intrinsicOf(node)) return { span: node.span, index, unknownKeys: [], unknown: true };
  if (node.kind !== 'object') {
    context.problems.push({ message: 'A statement must be an object', span: node.span });
    return undefined;
  }
  const statement: { -readonly [K in keyof Statement]: Statement[K] } = { span: node.span, index, unknownKeys: [] };
  const unknownKeys: Key[] = [];
  for (const entry of node.entries) {
    const key = entry.key;
    switch (key.text) {
      case 'Sid':
        statement.sid = { key, value: scalarElement(entry, context) };
        break;
      case 'Effect':
        statement.effect = { key, value: scalarElement(entry, context) };
        break;
      case 'Action':
        statement.action = { key, list: valueList(entry, context) };
        break;
      case 'NotAction':
        statement.notAction = { key, list: valueList(entry, context) };
        break;
      case 'Resource':
        statement.resource = { key, list: valueList(entry, context) };
        break;
      case 'NotResource':
        statement.notResource = { key, list: valueList(entry, context) };
        break;
      case 'Principal':
        statement.principal = principal(entry, context);
        break;
      case 'NotPrincipal':
        statement.notPrincipal = principal(entry, context);
        break;
      case 'Condition':
        statement.condition = condition(entry, context);
        break;
      default:
        unknownKeys.push(key);
    }
  }
  statement.unknownKeys = unknownKeys;
  reportDuplicates(node, STATEMENT_KEYS, context);
  return statement;
}

/** Sid, Effect, Version, Id: one value. */
function scalarElement({ key, value }: Entry, context: ReadContext): Value {
  if (value.kind === 'object' && !intrinsicOf(value)) wrongType(`"${key.text}" must be a string`, value, context);
  if (value.kind === 'array') wrongType(`"${key.text}" must be a string`, value, context);
  return value.kind === 'scalar' || value.kind === 'template' || intrinsicOf(value)
    ? valueOf(value)
    : unknownValue(value);
}

/** Action, Resource, a principal's or a condition key's values: one value or an array of them. */
function valueList({ key, value }: Entry, context: ReadContext): ValueList {
  if (value.kind === 'array') {
    const values: Value[] = [];
    for (const item of value.items) {
      if (isNoValue(item)) continue;
      if (item.kind === 'scalar' || item.kind === 'template' || intrinsicOf(item)) {
        values.push(valueOf(item));
      } else {
        if (item.kind !== 'unknown') wrongType(`Each value of "${key.text}" must be a string`, item, context);
        values.push(unknownValue(item));
      }
    }
    return { values, isArray: true, span: value.span };
  }
  if (value.kind === 'scalar' || value.kind === 'template')
    return { values: [valueOf(value)], isArray: false, span: value.span };
  const intrinsic = intrinsicOf(value);
  if (intrinsic && !yieldsList(intrinsic, context) && !isNoValue(value))
    return { values: [valueOf(value)], isArray: false, span: value.span };
  if (!intrinsic && value.kind === 'object')
    wrongType(`"${key.text}" must be a string or an array of strings`, value, context);
  return { values: [], isArray: false, span: value.span, unknown: true };
}

function principal({ key, value }: Entry, context: ReadContext): PrincipalElement {
  if (value.kind === 'scalar' && value.value === '*')
    return { key, wildcard: valueOf(value), entries: [], span: value.span };
  if (value.kind === 'object' && !intrinsicOf(value)) {
    const entries = value.entries.map((entry) => ({
      key: entry.key,
      kind: entry.key.text,
      values: valueList(entry, context),
    }));
    return { key, entries, span: value.span };
  }
  if (value.kind === 'scalar' || value.kind === 'array') {
    wrongType(`"${key.text}" must be "*" or an object such as {"AWS": [...]} or {"Service": [...]}`, value, context);
  }
  return { key, entries: [], span: value.span, unknown: true };
}

/**
 * The Condition element. It is `unknown` when it, or one of its operator blocks, is an intrinsic (or of
 * the wrong type); the blocks that can be read are still listed.
 */
function condition({ key, value }: Entry, context: ReadContext): ConditionElement {
  if (value.kind !== 'object' || intrinsicOf(value)) {
    if (value.kind === 'scalar' || value.kind === 'array')
      wrongType(`"${key.text}" must be an object of condition operators`, value, context);
    return { key, blocks: [], span: value.span, unknown: true };
  }
  let unknown = false;
  const blocks: ConditionBlock[] = [];
  for (const { key: operator, value: block } of value.entries) {
    if (block.kind === 'object' && !intrinsicOf(block)) {
      const entries = block.entries.map((entry) => ({ key: entry.key, values: valueList(entry, context) }));
      blocks.push({ operator, entries, span: block.span });
    } else {
      if (block.kind === 'scalar' || block.kind === 'array') {
        wrongType(`"${operator.text}" must be an object of condition keys and values`, block, context);
      }
      unknown = true;
      blocks.push({ operator, entries: [], span: block.span });
    }
  }
  return unknown ? { key, blocks, span: value.span, unknown } : { key, blocks, span: value.span };
}

function wrongType(message: string, node: Node, context: ReadContext): void {
  context.problems.push({ message, span: node.span });
}

/** A repeated element: the last one is read (as JSON.parse does); the others are reported. */
function reportDuplicates(node: ObjectNode, names: readonly string[], context: ReadContext): void {
  const entries = node.entries;
  // Objects here hold a handful of keys: a nested loop allocates nothing.
  for (let i = 0; i < entries.length - 1; i++) {
    const key = entries[i].key;
    if (!names.includes(key.text)) continue;
    for (let j = i + 1; j < entries.length; j++) {
      if (entries[j].key.text === key.text) {
        context.problems.push({ message: `Duplicate "${key.text}": only the last one is read`, span: key.span });
        break;
      }
    }
  }
}
