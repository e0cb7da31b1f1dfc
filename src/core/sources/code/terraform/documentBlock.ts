/**
 * `data "aws_iam_policy_document"` blocks as neutral `{Version, Statement: [...]}` objects whose keys
 * carry the IAM element names and the spans of the HCL names (`actions` → `Action`), so the format-
 * agnostic document reader does the rest. Terraform's defaults are made explicit with empty spans
 * (Version 2012-10-17, Effect Allow): nothing to edit there, and no rule reports them missing.
 */
import type { Key, Span } from '../../../policy/model';
import type { Entry, Node, ObjectNode, ScalarNode } from '../../tree';
import { listItems, toNode, type Attribute, type Block } from './hcl';
import { dataDocumentName, unknownStatement } from './policyValue';

/** A document block read: its neutral tree, and the other document blocks it includes by reference. */
export interface DocumentBlock {
  readonly node: ObjectNode;
  /** Names of `data.aws_iam_policy_document.NAME` in `source_policy_documents` / `override_policy_documents`. */
  readonly includes: readonly string[];
}

const STATEMENT_ATTRIBUTES: readonly (readonly [hcl: string, iam: string])[] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** The descendants of a document block worth reading (every other nested block is listed only). */
export function isDocumentPart(type: string): boolean {
  return type === 'statement' || type === 'principals' || type === 'not_principals' || type === 'condition' || type === 'dynamic';
}

export function readDocumentBlock(block: Block, text: string): DocumentBlock {
  const entries: Entry[] = [];
  const version = block.attributes.get('version');
  entries.push(version ? attributeEntry('Version', version, text) : synthetic('Version', '2012-10-17', block.span.start));
  const id = block.attributes.get('policy_id');
  if (id) entries.push(attributeEntry('Id', id, text));

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
    // A dynamic block makes any number of statements from data: unknown ones.
    statements.push(nested.type === 'dynamic' ? unknownStatement(nested.span, `dynamic "statement"`) : statementNode(nested, text));
  }

  const includes: string[] = [];
  for (const name of ['source_policy_documents', 'override_policy_documents']) {
    const attribute = block.attributes.get(name);
    if (!attribute?.value) continue;
    const list = toNode(attribute.value, text);
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

function statementNode(block: Block, text: string): ObjectNode {
  const entries: Entry[] = [];
  let hasEffect = false;
  for (const [hcl, iam] of STATEMENT_ATTRIBUTES) {
    const attribute = block.attributes.get(hcl);
    if (!attribute) continue;
    entries.push(attributeEntry(iam, attribute, text));
    if (iam === 'Effect') hasEffect = true;
  }
  if (!hasEffect) entries.push(synthetic('Effect', 'Allow', block.span.start));
  for (const [hcl, iam] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const principal = principalEntry(block, hcl, iam, text);
    if (principal) entries.push(principal);
  }
  const condition = conditionEntry(block, text);
  if (condition) entries.push(condition);
  return { kind: 'object', span: block.span, entries };
}

function attributeEntry(iam: string, attribute: Attribute, text: string): Entry {
  const key = { text: iam, span: attribute.name.span };
  const value: Node = attribute.value ? toNode(attribute.value, text) : { kind: 'unknown', span: { start: key.span.end, end: key.span.end }, text: '' };
  return { key, value };
}

/** Terraform's default for an element not written: an empty span, so no edit and no finding lands on text that is not there. */
function synthetic(iam: string, value: string, at: number): Entry {
  const span = { start: at, end: at };
  const scalar: ScalarNode = { kind: 'scalar', span, value, text: value };
  return { key: { text: iam, span }, value: scalar };
}

/** The blocks of `type` in a statement, and whether a `dynamic` block of that type makes more. */
function blocksOf(block: Block, type: string): { blocks: Block[]; dynamic: Block | undefined } {
  const blocks = block.blocks.filter((b) => b.type === type);
  const dynamic = block.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === type);
  return { blocks, dynamic };
}

/**
 * `principals { type identifiers }` blocks → `{"AWS": [...], "Service": [...]}`. Blocks of the same
 * type merge, as Terraform does; `type = "*"` with `identifiers = ["*"]` is `"Principal": "*"`.
 */
function principalEntry(statement: Block, type: string, iam: string, text: string): Entry | undefined {
  const { blocks, dynamic } = blocksOf(statement, type);
  const firstBlock = blocks[0] ?? dynamic;
  if (!firstBlock) return undefined;
  const key = { text: iam, span: firstBlock.typeSpan };
  const span = { start: firstBlock.span.start, end: (blocks[blocks.length - 1] ?? firstBlock).span.end };
  if (dynamic) return { key, value: { kind: 'unknown', span: dynamic.span, text: `dynamic "${type}"` } };
  const byType = new Map<string, { key: Key; items: Node[]; span: Span; unknown: boolean }>();
  for (const block of blocks) {
    const typeNode = block.attributes.get('type')?.value && toNode(block.attributes.get('type')!.value!, text);
    const identifiers = block.attributes.get('identifiers')?.value;
    if (typeNode?.kind !== 'scalar' || typeof typeNode.value !== 'string') {
      return { key, value: { kind: 'unknown', span, text: 'principals' } };
    }
    const values = identifiers ? toNode(identifiers, text) : undefined;
    if (blocks.length === 1 && typeNode.value === '*' && values?.kind === 'array' && values.items.length === 1) {
      const only = values.items[0];
      if (only.kind === 'scalar' && only.value === '*') return { key, value: only };
    }
    let group = byType.get(typeNode.value);
    if (!group) {
      group = { key: { text: typeNode.value, span: typeNode.span }, items: [], span: values?.span ?? block.span, unknown: false };
      byType.set(typeNode.value, group);
    }
    if (values?.kind === 'array') group.items.push(...values.items);
    else if (values?.kind === 'scalar' || values?.kind === 'template') group.items.push(values);
    else group.unknown = true;
  }
  const entries: Entry[] = [...byType.values()].map((group) => ({
    key: group.key,
    value: group.unknown ? { kind: 'unknown', span: group.span, text: 'identifiers' } : { kind: 'array', span: group.span, items: group.items },
  }));
  return { key, value: { kind: 'object', span, entries } };
}

/**
 * `condition { test variable values }` blocks → `{"StringEquals": {"aws:SourceAccount": [...]}}`:
 * blocks with the same test are entries of one operator.
 */
function conditionEntry(statement: Block, text: string): Entry | undefined {
  const { blocks, dynamic } = blocksOf(statement, 'condition');
  const firstBlock = blocks[0] ?? dynamic;
  if (!firstBlock) return undefined;
  const key = { text: 'Condition', span: firstBlock.typeSpan };
  const span = { start: firstBlock.span.start, end: (blocks[blocks.length - 1] ?? firstBlock).span.end };
  if (dynamic) return { key, value: { kind: 'unknown', span: dynamic.span, text: 'dynamic "condition"' } };
  const operators = new Map<string, { key: Key; entries: Entry[]; span: Span }>();
  for (const block of blocks) {
    const test = block.attributes.get('test')?.value;
    const variable = block.attributes.get('variable')?.value;
    const testNode = test && toNode(test, text);
    const variableNode = variable && toNode(variable, text);
    if (testNode?.kind !== 'scalar' || typeof testNode.value !== 'string' || variableNode?.kind !== 'scalar' || typeof variableNode.value !== 'string') {
      // A computed operator or key: the condition cannot be told.
      return { key, value: { kind: 'unknown', span, text: 'condition' } };
    }
    let operator = operators.get(testNode.value);
    if (!operator) {
      operator = { key: { text: testNode.value, span: testNode.span }, entries: [], span: block.span };
      operators.set(testNode.value, operator);
    }
    const values = block.attributes.get('values')?.value;
    const valueNode: Node = values ? toNode(values, text) : { kind: 'unknown', span: block.span, text: '' };
    operator.entries.push({ key: { text: variableNode.value, span: variableNode.span }, value: valueNode });
  }
  const entries: Entry[] = [...operators.values()].map((operator) => ({
    key: operator.key,
    value: { kind: 'object', span: operator.span, entries: operator.entries },
  }));
  return { key, value: { kind: 'object', span, entries } };
}
