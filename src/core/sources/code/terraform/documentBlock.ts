/**
 * `data "aws_iam_policy_document"` blocks as neutral `{Version, Statement: [...]}` objects whose keys
 * carry the IAM element names and the spans of the HCL names (`actions` → `Action`), so the format-
 * agnostic document reader does the rest. Terraform's defaults are made explicit with empty spans
 * (Version 2012-10-17, Effect Allow): nothing to edit there, and no rule reports them missing.
 * Values are read through the module's scope (variables' defaults, locals: scope.ts), and `dynamic`
 * blocks are expanded where their collection can be told (dynamic.ts).
 */
import type { Key, NotAnalysed, Span } from '../../../policy/model';
import type { Entry, Node, ObjectNode, ScalarNode } from '../../tree';
import { expand, type Instance } from './dynamic';
import { listItems, type Attribute, type Block } from './hcl';
import { dataDocumentName, unknownStatement } from './policyValue';
import { PrincipalsByType } from './principalGroups';
import type { Values } from './scope';

/** A document block read: its neutral tree, and the other document blocks it includes by reference. */
export interface DocumentBlock {
  readonly node: ObjectNode;
  /** Names of `data.aws_iam_policy_document.NAME` in `source_policy_documents` / `override_policy_documents`. */
  readonly includes: readonly string[];
}

/** A statement's attributes and the IAM elements they write (module inputs name them the same way). */
export const STATEMENT_ATTRIBUTES: readonly (readonly [hcl: string, iam: string])[] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** The descendants of a document block worth reading (every other nested block is listed only). */
export function isDocumentPart(type: string): boolean {
  return (
    type === 'statement' ||
    type === 'principals' ||
    type === 'not_principals' ||
    type === 'condition' ||
    type === 'dynamic' ||
    type === 'content'
  );
}

/** Reads a document block; what its dynamic blocks depend on and cannot be told goes to `notAnalysed`. */
export function readDocumentBlock(block: Block, values: Values, notAnalysed: NotAnalysed[]): DocumentBlock {
  const text = values.text;
  const entries: Entry[] = [];
  const version = block.attributes.get('version');
  entries.push(
    version ? attributeEntry('Version', version, values) : synthetic('Version', '2012-10-17', block.span.start),
  );
  const id = block.attributes.get('policy_id');
  if (id) entries.push(attributeEntry('Id', id, values));

  const statements: Node[] = [];
  let statementKey: Key | undefined;
  let first: Span | undefined;
  let last: Span | undefined;
  for (const nested of block.blocks) {
    const isStatement = nested.type === 'statement' || (nested.type === 'dynamic' && nested.labels[0] === 'statement');
    if (!isStatement) continue;
    statementKey ??= { text: 'Statement', span: nested.typeSpan };
    first ??= nested.span;
    last = nested.span;
    if (nested.type === 'statement') {
      statements.push(statementNode(nested, values, nested.span, notAnalysed));
      continue;
    }
    // One statement per element of the collection, each spanning the dynamic block (its content is
    // written once); a collection that cannot be told leaves its content read once, values unknown.
    const expansion = expand(nested, values);
    for (const instance of expansion.instances)
      statements.push(statementNode(instance.block, instance.values, nested.span, notAnalysed));
    expansion.done(notAnalysed);
  }

  const includes: string[] = [];
  for (const name of ['source_policy_documents', 'override_policy_documents']) {
    const attribute = block.attributes.get(name);
    if (!attribute?.value) continue;
    const list = values.node(attribute.value);
    const items = list.kind === 'array' ? list.items : [list];
    // Items are re-read from the syntax to tell references to document blocks from other values.
    const references = listItems(attribute.value, text);
    items.forEach((item, i) => {
      const reference = references[i];
      const included = reference && dataDocumentName(reference, text);
      if (included !== undefined) includes.push(included);
      // What is merged in from elsewhere is unknown here: an unknown statement, so nothing is concluded from its absence.
      else statements.push(unknownStatement(item.span, `${name}[${i}]`));
    });
    statementKey ??= { text: 'Statement', span: attribute.name.span };
  }

  if (statementKey) {
    const span = first && last ? { start: first.start, end: last.end } : statementKey.span;
    entries.push({ key: statementKey, value: { kind: 'array', span, items: statements } });
  }
  return { node: { kind: 'object', span: block.span, entries }, includes };
}

/** A `statement` block (or a dynamic block's content standing for one, `span` the dynamic block's). */
function statementNode(block: Block, values: Values, span: Span, notAnalysed: NotAnalysed[]): ObjectNode {
  const entries: Entry[] = [];
  let hasEffect = false;
  for (const [hcl, iam] of STATEMENT_ATTRIBUTES) {
    const attribute = block.attributes.get(hcl);
    if (!attribute) continue;
    entries.push(attributeEntry(iam, attribute, values));
    if (iam === 'Effect') hasEffect = true;
  }
  if (!hasEffect) entries.push(synthetic('Effect', 'Allow', block.span.start));
  for (const [hcl, iam] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const instances = instancesOf(block, hcl, values);
    const principal = principalEntry(instances, iam);
    if (principal) entries.push(principal);
    instances.done(notAnalysed);
  }
  const conditions = instancesOf(block, 'condition', values);
  const condition = conditionEntry(conditions);
  if (condition) entries.push(condition);
  conditions.done(notAnalysed);
  return { kind: 'object', span, entries };
}

function attributeEntry(iam: string, attribute: Attribute, values: Values): Entry {
  const key = { text: iam, span: attribute.name.span };
  const value: Node = attribute.value
    ? values.node(attribute.value)
    : { kind: 'unknown', span: { start: key.span.end, end: key.span.end }, text: '' };
  return { key, value };
}

/** Terraform's default for an element not written: an empty span, so no edit and no finding lands on text that is not there. */
function synthetic(iam: string, value: string, at: number): Entry {
  const span = { start: at, end: at };
  const scalar: ScalarNode = { kind: 'scalar', span, value, text: value };
  return { key: { text: iam, span }, value: scalar };
}

/** A statement's nested blocks of `type`: those written, and those its `dynamic` blocks of that type make, in order. */
interface Instances {
  readonly instances: readonly Instance[];
  /** The first block of the type as written (its name is the element's key), and the span of all of them. */
  readonly first: Block | undefined;
  readonly span: Span;
  /** Says what the dynamic blocks could not analyse; call once the instances are read. */
  readonly done: (notAnalysed: NotAnalysed[]) => void;
}

function instancesOf(statement: Block, type: string, values: Values): Instances {
  const instances: Instance[] = [];
  const pending: ((notAnalysed: NotAnalysed[]) => void)[] = [];
  let first: Block | undefined;
  let last: Block | undefined;
  for (const nested of statement.blocks) {
    const dynamic = nested.type === 'dynamic' && nested.labels[0] === type;
    if (nested.type !== type && !dynamic) continue;
    first ??= nested;
    last = nested;
    if (!dynamic) {
      instances.push({ block: nested, values });
      continue;
    }
    const expansion = expand(nested, values);
    instances.push(...expansion.instances);
    pending.push(expansion.done);
  }
  const span =
    first && last
      ? { start: first.span.start, end: last.span.end }
      : { start: statement.span.start, end: statement.span.start };
  return { instances, first, span, done: (notAnalysed) => pending.forEach((done) => done(notAnalysed)) };
}

/**
 * `principals { type identifiers }` blocks → `{"AWS": [...], "Service": [...]}`. Blocks of the same
 * type merge, as Terraform does; `type = "*"` with `identifiers = ["*"]` is `"Principal": "*"`.
 */
function principalEntry({ instances, first, span }: Instances, iam: string): Entry | undefined {
  if (!first || instances.length === 0) return undefined;
  const key = { text: iam, span: first.typeSpan };
  const principals = new PrincipalsByType();
  for (const { block, values: scope } of instances) {
    const type = block.attributes.get('type')?.value;
    const typeNode = type && scope.node(type);
    const identifiers = block.attributes.get('identifiers')?.value;
    if (typeNode?.kind !== 'scalar' || typeof typeNode.value !== 'string') {
      return { key, value: { kind: 'unknown', span, text: 'principals' } };
    }
    const values = identifiers ? scope.node(identifiers) : undefined;
    if (instances.length === 1 && typeNode.value === '*' && values?.kind === 'array' && values.items.length === 1) {
      const only = values.items[0];
      if (only.kind === 'scalar' && only.value === '*') return { key, value: only };
    }
    principals.add({ value: typeNode.value, span: typeNode.span }, values, block.span);
  }
  const entries = principals.entries();
  return { key, value: { kind: 'object', span, entries } };
}

/**
 * `condition { test variable values }` blocks → `{"StringEquals": {"aws:SourceAccount": [...]}}`:
 * blocks with the same test are entries of one operator.
 */
function conditionEntry({ instances, first, span }: Instances): Entry | undefined {
  if (!first || instances.length === 0) return undefined;
  const key = { text: 'Condition', span: first.typeSpan };
  const operators = new Map<string, { key: Key; entries: Entry[]; span: Span }>();
  for (const { block, values: scope } of instances) {
    const test = block.attributes.get('test')?.value;
    const variable = block.attributes.get('variable')?.value;
    const testNode = test && scope.node(test);
    const variableNode = variable && scope.node(variable);
    if (
      testNode?.kind !== 'scalar' ||
      typeof testNode.value !== 'string' ||
      variableNode?.kind !== 'scalar' ||
      typeof variableNode.value !== 'string'
    ) {
      // A computed operator or key: the condition cannot be told.
      return { key, value: { kind: 'unknown', span, text: 'condition' } };
    }
    let operator = operators.get(testNode.value);
    if (!operator) {
      operator = { key: { text: testNode.value, span: testNode.span }, entries: [], span: block.span };
      operators.set(testNode.value, operator);
    }
    const values = block.attributes.get('values')?.value;
    const valueNode: Node = values ? scope.node(values) : { kind: 'unknown', span: block.span, text: '' };
    operator.entries.push({ key: { text: variableNode.value, span: variableNode.span }, value: valueNode });
  }
  const entries: Entry[] = [...operators.values()].map((operator) => ({
    key: operator.key,
    value: { kind: 'object', span: operator.span, entries: operator.entries },
  }));
  return { key, value: { kind: 'object', span, entries } };
}
