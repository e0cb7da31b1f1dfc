/**
 * Policies passed to a module (`module "role" { source = ...; <inputs> }`), linted where they are
 * written: the module's own code is elsewhere (often in the registry), so what an input is for is told
 * by its name and its content.
 *
 * - Policy JSON (`jsonencode({ Statement = ... })`, heredoc JSON, a JSON string): a document, a trust
 *   policy when the input's name says so (`assume_role_policy`), else what its content says.
 * - Statements as objects, terraform-aws-modules' convention (`iam_role_policy_statements`,
 *   `trust_policy_permissions`: lists, or maps keyed by sid, of `{ sid, effect, actions, not_actions,
 *   resources, not_resources, principals = [{ type, identifiers }], condition = [{ test, variable,
 *   values }] }`), also nested in object inputs (`eks_managed_node_groups = { x = { ...statements } }`).
 * - `data.aws_iam_policy_document.X.json`: a use of that block, which takes the input's kind.
 *
 * An input whose name says it holds a policy but whose value cannot be told (a variable without a
 * default, another module's output, `each.value...`) is said as not analysed, at the input.
 */
import type { Key, NotAnalysed, ParseProblem, PolicyKind, Span } from '../../../policy/model';
import type { Entry, Node, ObjectNode } from '../../tree';
import { member } from '../../tree';
import { STATEMENT_ATTRIBUTES } from './documentBlock';
import type { Block } from './hcl';
import { policyValue, unknownStatement } from './policyValue';
import { PrincipalsByType } from './principalGroups';
import { dependencyOf, Values, type Borrowed, type Scope } from './scope';

/** What one module input holds. */
export type ModuleInput =
  /** `construct`: written as statement objects (keys are the module's names, `actions`), not as policy JSON. */
  | {
      readonly kind: 'document';
      readonly path: string;
      readonly node: Node;
      readonly policyKind?: PolicyKind;
      readonly construct?: boolean;
      /** The values shown at references in it (scope.ts). */
      readonly borrowed: readonly Borrowed[];
    }
  | { readonly kind: 'data'; readonly path: string; readonly name: string; readonly policyKind?: PolicyKind };

/** Arguments of a module block that are Terraform's, not inputs. */
const META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);
/** Names of inputs that hold a policy document or statements, whatever their value. */
const POLICY_INPUT =
  /(?:^|_)(?:assume_role|trust|inline|resource|bucket|key|queue|topic|repository|secret|iam)_policy$|^policy$|policy_(?:statements|permissions|json|documents?)$/;
/** Names of inputs that hold statements as objects. */
const STATEMENTS_INPUT = /(?:^|_)statements$|_policy_permissions$/;
/** Names that are switches about a policy (`attach_vpc_cni_policy`, `create_policy`), not policies. */
const SWITCH = /^(?:create|attach|enable|use|manage)_/;
/** How deep object inputs are searched for statements. */
const MAX_NESTED = 4;

/** Reads a module block's inputs; the inputs that cannot be told and plainly hold a policy go to `notAnalysed`. */
export function readModuleInputs(
  module: Block,
  scope: Scope,
  problems: ParseProblem[],
  notAnalysed: NotAnalysed[],
): ModuleInput[] {
  const text = scope.text;
  const out: ModuleInput[] = [];
  const base = `module.${module.labels[0] ?? ''}`;
  for (const [name, attribute] of module.attributes) {
    const expression = attribute.value;
    if (META.has(name) || !expression || SWITCH.test(name)) continue;
    const values = new Values(scope);
    const borrowed = values.borrowed;
    const path = `${base}.${name}`;
    const policyKind = kindOfName(name);
    const source = text.slice(expression.startIndex, expression.endIndex);
    // Policy JSON, or a document block's: read as such only when it holds statements.
    if (source.includes('Statement') || source.startsWith('data.aws_iam_policy_document.')) {
      const value = policyValue(expression, text, problems, values.resolve);
      if (value.kind === 'node' && hasStatement(value.node)) {
        out.push({ kind: 'document', path, node: value.node, borrowed, ...(policyKind && { policyKind }) });
        continue;
      }
      if (value.kind === 'data') {
        out.push({ kind: 'data', path, name: value.name, ...(policyKind && { policyKind }) });
        continue;
      }
    }
    const node = values.node(expression);
    if (STATEMENTS_INPUT.test(name) && !SWITCH.test(name)) {
      const document = statementsDocument(node, attribute.name, values.text);
      if (document) {
        out.push({
          kind: 'document',
          path,
          node: document,
          construct: true,
          borrowed,
          ...(policyKind && { policyKind }),
        });
        continue;
      }
    }
    if (POLICY_INPUT.test(name) && (node.kind === 'unknown' || node.kind === 'template')) {
      notAnalysed.push({
        reason: `the policy in this module input comes from ${dependencyOf(source)}: not analysed`,
        span: attribute.name.span,
      });
      continue;
    }
    if (node.kind === 'object') nestedStatements(node, path, values, out, 1);
  }
  return out;
}

/** `*_assume_role_policy`, `trust_*`: a trust policy; otherwise the content says. */
function kindOfName(name: string): PolicyKind | undefined {
  return /assume_role|(?:^|_)trust_/.test(name) ? 'trust' : undefined;
}

/** A policy's JSON: an object with a Statement, or a string holding one (not a description that mentions the word). */
function hasStatement(node: Node): boolean {
  if (node.kind === 'object') return member(node, 'Statement') !== undefined;
  return (
    node.kind === 'scalar' &&
    typeof node.value === 'string' &&
    node.value.trimStart().startsWith('{') &&
    node.value.includes('"Statement"')
  );
}

/** Statements kept under an entry of an object input (`eks_managed_node_groups.x.iam_role_policy_statements`). */
function nestedStatements(object: ObjectNode, path: string, values: Values, out: ModuleInput[], depth: number): void {
  if (depth > MAX_NESTED) return;
  for (const entry of object.entries) {
    const where = `${path}.${entry.key.text}`;
    if (STATEMENTS_INPUT.test(entry.key.text)) {
      const document = statementsDocument(entry.value, entry.key, values.text);
      if (document) {
        const policyKind = kindOfName(entry.key.text);
        out.push({
          kind: 'document',
          path: where,
          node: document,
          construct: true,
          borrowed: values.borrowed,
          ...(policyKind && { policyKind }),
        });
      }
    } else if (entry.value.kind === 'object') {
      nestedStatements(entry.value, where, values, out, depth + 1);
    }
  }
}

/** The IAM name of each key of a statement object: terraform-aws-modules name them as a document block does. */
const STATEMENT_KEYS: ReadonlyMap<string, string> = new Map(STATEMENT_ATTRIBUTES);

/**
 * `{Version, Statement}` of a list (or a map keyed by sid) of statement objects; undefined when the
 * value is not one (no object in it names `actions` or `not_actions`).
 */
function statementsDocument(value: Node, name: Key, text: string): ObjectNode | undefined {
  // A map's keys name the statements, but how each module makes a sid of them differs (verbatim, or
  // stripped of what a sid cannot hold): they are not read as sids.
  const items: Node[] =
    value.kind === 'array' ? [...value.items] : value.kind === 'object' ? value.entries.map((e) => e.value) : [];
  const isStatement = (node: Node) =>
    node.kind === 'object' && (member(node, 'actions') !== undefined || member(node, 'not_actions') !== undefined);
  if (!items.some(isStatement)) return undefined;
  const statements = items.map((node) =>
    node.kind === 'object'
      ? statementOf(node)
      : unknownStatement(node.span, text.slice(node.span.start, node.span.end)),
  );
  const at = { start: value.span.start, end: value.span.start };
  return {
    kind: 'object',
    span: value.span,
    entries: [
      {
        key: { text: 'Version', span: at },
        value: { kind: 'scalar', span: at, value: '2012-10-17', text: '2012-10-17' },
      },
      { key: { text: 'Statement', span: name.span }, value: { kind: 'array', span: value.span, items: statements } },
    ],
  };
}

function statementOf(object: ObjectNode): ObjectNode {
  const entries: Entry[] = [];
  const has = (key: string) => object.entries.some((e) => e.key.text === key && !isNull(e.value));
  for (const entry of object.entries) {
    if (isNull(entry.value)) continue;
    const iam = STATEMENT_KEYS.get(entry.key.text);
    if (iam) entries.push({ key: { text: iam, span: entry.key.span }, value: entry.value });
  }
  if (!has('effect'))
    entries.push({
      key: { text: 'Effect', span: at(object.span) },
      value: { kind: 'scalar', span: at(object.span), value: 'Allow', text: 'Allow' },
    });
  for (const [key, iam] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const entry = object.entries.find((e) => e.key.text === key && !isNull(e.value));
    if (entry) entries.push({ key: { text: iam, span: entry.key.span }, value: principalsOf(entry.value) });
  }
  const condition = object.entries.find(
    (e) => (e.key.text === 'condition' || e.key.text === 'conditions') && !isNull(e.value),
  );
  if (condition)
    entries.push({ key: { text: 'Condition', span: condition.key.span }, value: conditionsOf(condition.value) });
  return { kind: 'object', span: object.span, entries };
}

function at(span: Span): Span {
  return { start: span.start, end: span.start };
}

function isNull(node: Node): boolean {
  return node.kind === 'scalar' && node.value === null;
}

/** `[{ type, identifiers }]` → `{ "AWS": [...] }`, merged by type; unknown when any type cannot be told. */
function principalsOf(value: Node): Node {
  if (value.kind !== 'array') return { kind: 'unknown', span: value.span, text: 'principals' };
  const principals = new PrincipalsByType();
  for (const item of value.items) {
    const type = item.kind === 'object' ? member(item, 'type') : undefined;
    if (type?.kind !== 'scalar' || typeof type.value !== 'string')
      return { kind: 'unknown', span: value.span, text: 'principals' };
    principals.add({ value: type.value, span: type.span }, member(item, 'identifiers'), item.span);
  }
  const entries = principals.entries();
  return { kind: 'object', span: value.span, entries };
}

/** `[{ test, variable, values }]` → `{ "StringEquals": { "aws:SourceAccount": [...] } }`. */
function conditionsOf(value: Node): Node {
  if (value.kind !== 'array') return { kind: 'unknown', span: value.span, text: 'condition' };
  const operators = new Map<string, { key: Key; entries: Entry[]; span: Span }>();
  for (const item of value.items) {
    const test = item.kind === 'object' ? member(item, 'test') : undefined;
    const variable = item.kind === 'object' ? member(item, 'variable') : undefined;
    if (
      test?.kind !== 'scalar' ||
      typeof test.value !== 'string' ||
      variable?.kind !== 'scalar' ||
      typeof variable.value !== 'string'
    ) {
      return { kind: 'unknown', span: value.span, text: 'condition' };
    }
    let operator = operators.get(test.value);
    if (!operator) {
      operator = { key: { text: test.value, span: test.span }, entries: [], span: item.span };
      operators.set(test.value, operator);
    }
    operator.entries.push({
      key: { text: variable.value, span: variable.span },
      value: member(item, 'values') ?? { kind: 'unknown', span: item.span, text: '' },
    });
  }
  return {
    kind: 'object',
    span: value.span,
    entries: [...operators.values()].map((o) => ({
      key: o.key,
      value: { kind: 'object', span: o.span, entries: o.entries },
    })),
  };
}
