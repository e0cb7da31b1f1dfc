/**
 * Completion inside policies, as data: what to offer at the cursor and which text it replaces. The
 * cursor's element decides (cursor.ts): service prefixes then actions in Action, ARN templates for the
 * statement's resource types in Resource, service principals, condition operators, and the condition
 * keys the statement's actions support (fitting the operator first, then the global ones).
 */
import type { Catalog } from '../catalog/catalog';
import { conditionKeysOfAction } from '../catalog/keyUsage';
import { SERVICE_PRINCIPALS } from '../catalog/servicePrincipals';
import type { ConditionKey } from '../catalog/types';
import { operatorsForType } from '../docs/operators';
import { targetAt, type CursorTarget } from '../policy/cursor';
import type { PolicySource, Span, Statement, Value } from '../policy/model';
import { namedActions as statementActions } from '../policy/namedActions';
import { CONDITION_OPERATORS } from '../rules/validity/conditions';

export type CompletionKind = 'service' | 'action' | 'pattern' | 'resource' | 'principal' | 'operator' | 'condition-key';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** `insertText` is an LSP snippet (`${1:placeholder}`). */
  readonly snippet?: boolean;
  /** The text the entry replaces. */
  readonly span: Span;
  readonly sortText?: string;
  /** Open the suggestions again after this one is accepted (a service prefix: its actions come next). */
  readonly retrigger?: boolean;
}

/** What to offer at `offset`, or an empty list when the cursor is on nothing completion knows. */
export function completionsAt(source: PolicySource, text: string, offset: number, catalog: Catalog): CompletionEntry[] {
  const target = targetAt(source, offset);
  // Inside a string's value (a YAML block scalar, an escaped JSON string), JSON would need its quoting.
  if (!target || target.document.inString) return [];
  switch (target.kind) {
    case 'action':
      return editable(target.value)
        ? actionEntries(
            catalog,
            text.slice(target.value.span.start, offset),
            target.value.span,
            plainYaml(source, text, target.value),
          )
        : [];
    case 'resource':
      return editable(target.value) ? resourceEntries(catalog, target.statement, target.value.span) : [];
    case 'principal':
      return target.entry.kind === 'Service' && editable(target.value) ? principalEntries(target.value.span) : [];
    case 'condition-operator':
      return target.block ? operatorEntries(target.block.operator.span) : [];
    case 'condition-key':
      return keyEntries(catalog, target, text);
    case 'condition-value':
      return [];
  }
}

/** A string value completion may replace: literal, with no unknown parts. */
function editable(value: Value | undefined): value is Value {
  return value !== undefined && value.kind === 'string' && !value.parts;
}

/** A YAML scalar written without quotes: `Action: s3:` would end in a mapping's colon there. */
function plainYaml(source: PolicySource, text: string, value: Value): boolean {
  const before = text[value.span.start - 1];
  return source.format === 'yaml' && before !== '"' && before !== "'";
}

function actionEntries(catalog: Catalog, typed: string, span: Span, plain: boolean): CompletionEntry[] {
  const colon = typed.indexOf(':');
  if (colon < 0) {
    // In plain YAML `dynamodb:` at the end of a line is not a string: write `dynamodb:*` with the cursor
    // before the `*`, which stays valid while the action's name is chosen.
    return catalog.services().map((s) =>
      plain
        ? {
            label: s.prefix,
            kind: 'service',
            detail: s.name,
            insertText: `${s.prefix}:$0*`,
            snippet: true,
            span,
            retrigger: true,
          }
        : { label: s.prefix, kind: 'service', detail: s.name, insertText: `${s.prefix}:`, span, retrigger: true },
    );
  }
  const prefix = typed.slice(0, colon);
  const actions = catalog.actionsOf(prefix);
  if (actions.length === 0) return [];
  const service = actions[0]!.service.prefix;
  const entries: CompletionEntry[] = actions.map((a) => ({
    label: a.fullName,
    kind: 'action',
    detail: a.accessLevel,
    documentation: a.description,
    insertText: a.fullName,
    span,
  }));
  // The verb patterns people write (`s3:Get*`, `ec2:Describe*`) with what they grant, after the actions.
  const verbs = new Map<string, number>();
  for (const a of actions) {
    const verb = /^[A-Z][a-z]+/.exec(a.name)?.[0];
    if (verb) verbs.set(verb, (verbs.get(verb) ?? 0) + 1);
  }
  for (const [verb, count] of verbs) {
    if (count < 2) continue;
    entries.push({
      label: `${service}:${verb}*`,
      kind: 'pattern',
      detail: `${count} actions`,
      insertText: `${service}:${verb}*`,
      span,
      sortText: `~${verb}`,
    });
  }
  return entries;
}

function resourceEntries(catalog: Catalog, statement: Statement, span: Span): CompletionEntry[] {
  const seen = new Set<string>();
  const entries: CompletionEntry[] = [];
  for (const action of statementActions(catalog, statement)) {
    for (const rt of action.resourceTypes) {
      const type = catalog.resourceType(action.service.prefix, rt.name);
      if (!type || seen.has(type.arnFormat)) continue;
      seen.add(type.arnFormat);
      entries.push({
        label: type.arnFormat,
        kind: 'resource',
        detail: `${type.service.prefix}:${type.name}`,
        documentation: `ARN of ${type.service.name} ${type.name} resources, for ${action.fullName}.`,
        insertText: arnSnippet(type.arnFormat),
        snippet: true,
        span,
      });
    }
  }
  return entries;
}

/** `arn:${Partition}:s3:::${BucketName}` → `arn:${1:aws}:s3:::${2:BucketName}`: each placeholder a tab stop. */
function arnSnippet(format: string): string {
  let n = 0;
  let out = '';
  let last = 0;
  for (const m of format.matchAll(/\$\{([^}]*)\}/g)) {
    out +=
      escapeSnippet(format.slice(last, m.index)) + `\${${++n}:${m[1] === 'Partition' ? 'aws' : escapeSnippet(m[1]!)}}`;
    last = m.index + m[0].length;
  }
  return out + escapeSnippet(format.slice(last));
}

/** Literal text inside an LSP snippet: `$`, `}` and `\` are escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function principalEntries(span: Span): CompletionEntry[] {
  return SERVICE_PRINCIPALS.map((p) => ({
    label: p.principal,
    kind: 'principal',
    detail: p.purpose,
    insertText: p.principal,
    span,
  }));
}

function operatorEntries(span: Span): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  CONDITION_OPERATORS.forEach((op, i) => {
    const order = String(i).padStart(2, '0');
    entries.push({ label: op, kind: 'operator', insertText: op, span, sortText: `0${order}` });
    if (op !== 'Null')
      entries.push({
        label: `${op}IfExists`,
        kind: 'operator',
        insertText: `${op}IfExists`,
        span,
        sortText: `1${order}`,
      });
    if (op.startsWith('String') || op.startsWith('Arn')) {
      for (const set of ['ForAnyValue', 'ForAllValues'])
        entries.push({
          label: `${set}:${op}`,
          kind: 'operator',
          insertText: `${set}:${op}`,
          span,
          sortText: `2${order}`,
        });
    }
  });
  return entries;
}

function keyEntries(
  catalog: Catalog,
  target: Extract<CursorTarget, { kind: 'condition-key' }>,
  text: string,
): CompletionEntry[] {
  let span: Span;
  if (target.entry) span = target.entry.key.span;
  else if (
    target.block.entries.length === 0 &&
    /^[\w:/-]+$/.test(text.slice(target.block.span.start, target.block.span.end))
  ) {
    // YAML mid-typing: the key written under the operator is still read as the operator's scalar value.
    span = target.block.span;
  } else return [];
  const base =
    /^(?:For(?:All|Any)Values?:)?(.+?)(?:IfExists)?$/i.exec(target.block.operator.text)?.[1]?.toLowerCase() ?? '';
  const fits = (key: ConditionKey) =>
    base === 'null' || operatorsForType(key.type).some((op) => op.toLowerCase() === base);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (key: ConditionKey, tier: number) => {
    const lower = key.name.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    const templated = /\$\{|<key>|\/tag-key$/i.test(key.name);
    entries.push({
      label: key.name,
      kind: 'condition-key',
      detail: key.type,
      documentation: key.description,
      insertText: templated ? keySnippet(key.name) : key.name,
      snippet: templated,
      span,
      sortText: `${fits(key) ? tier : tier + 1}${key.name}`,
    });
  };
  for (const action of statementActions(catalog, target.statement)) {
    for (const name of conditionKeysOfAction(action)) {
      const key = catalog.conditionKey(name);
      if (key) add(key, 0);
    }
  }
  for (const key of catalog.globalConditionKeys()) add(key, 2);
  return entries;
}

/** `aws:RequestTag/${TagKey}` → `aws:RequestTag/${1:TagKey}`. */
function keySnippet(name: string): string {
  const stem = name.replace(/(\$\{[^}]*\}|<key>|tag-key)$/i, '');
  const placeholder = name.slice(stem.length).replace(/^\$\{|\}$|^<|>$/g, '');
  return `${escapeSnippet(stem)}\${1:${placeholder}}`;
}
