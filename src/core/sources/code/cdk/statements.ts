/**
 * `new PolicyStatement({...})` and the calls that change it (`addActions`, `addResources`,
 * `addCondition`...) → one neutral statement object whose keys are the IAM element names (`Action`,
 * `NotResource`) with the spans of the CDK's property or method names, so that readDocument reads it
 * with every check it makes on JSON. What the CDK fills in is written out: `Effect` Allow when absent
 * (its default), `"*"` for `addAllResources()`; those values span the code that implies them.
 */
import type { Span } from '../../../policy/model';
import type { ArrayNode, Entry, Node, ObjectNode, ScalarNode, TaggedNode } from '../../tree';
import type { ConditionsSource, PrincipalReader, ReadPrincipal } from './principals';
import { argumentsOf, itemsOf, memberCall, pathOf, spanOf, unwrap, type SyntaxNode } from './syntax';
import { unknownOf, type CodeValues } from './values';

/** A statement ready for readDocument, and what the document around it needs to know. */
export interface BuiltStatement {
  readonly node: Node;
  /** It names principals: a statement of a resource policy. */
  readonly hasPrincipal: boolean;
}

/** The construct's property → the IAM element it writes. */
const ELEMENTS: Readonly<Record<string, string>> = {
  sid: 'Sid',
  effect: 'Effect',
  actions: 'Action',
  notActions: 'NotAction',
  resources: 'Resource',
  notResources: 'NotResource',
  principals: 'Principal',
  notPrincipals: 'NotPrincipal',
  conditions: 'Condition',
};

/** The options of `iam.Grant.addToPrincipal(...)` → the IAM element each writes. */
const GRANT_ELEMENTS: Readonly<Record<string, string>> = {
  actions: 'Action',
  resourceArns: 'Resource',
  conditions: 'Condition',
};

/** Methods adding to a list element, and the element. */
const LIST_METHODS: Readonly<Record<string, string>> = {
  addActions: 'Action',
  addNotActions: 'NotAction',
  addResources: 'Resource',
  addNotResources: 'NotResource',
};

/** Modifier methods of PolicyStatement that this reader understands. */
export const STATEMENT_METHODS = new Set([
  ...Object.keys(LIST_METHODS),
  'addAllResources',
  'addPrincipals',
  'addNotPrincipals',
  'addAnyPrincipal',
  'addArnPrincipal',
  'addAwsAccountPrincipal',
  'addServicePrincipal',
  'addFederatedPrincipal',
  'addCanonicalUserPrincipal',
  'addAccountRootPrincipal',
  'addCondition',
  'addConditions',
]);

interface ListPart {
  key: Span;
  span: Span;
  items: Node[];
  /** The single value written without an array (an unknown expression). */
  whole?: Node;
}

interface PrincipalPartList {
  key: Span;
  span: Span;
  principals: ReadPrincipal[];
}

/** The elements of one statement as they are gathered from the props and the calls. */
class Gathered {
  sid?: Entry;
  effect?: Entry;
  readonly lists = new Map<string, ListPart>();
  readonly principals = new Map<string, PrincipalPartList>();
  conditionKey?: Span;
  readonly conditions: ConditionsSource[] = [];
}

export class StatementReader {
  constructor(
    private readonly values: CodeValues,
    private readonly principals: PrincipalReader,
  ) {}

  /** `new PolicyStatement(props)` with the calls made on it (in the order written). */
  construct(expression: SyntaxNode, calls: readonly SyntaxNode[]): BuiltStatement {
    const className = classNameOf(expression);
    const props = argumentsOf(expression, this.values.text)[0];
    const gathered = new Gathered();
    if (props && !this.props(gathered, props, ELEMENTS)) return unknownStatement(expression);
    for (const call of calls) this.call(gathered, call);
    return this.build(gathered, spanOf(className), spanOf(expression));
  }

  /**
   * The statement `iam.Grant.addToPrincipal({ grantee, actions, resourceArns, conditions })` adds to
   * the grantee's policy (also `addToPrincipalOrResource`, `addToPrincipalAndResource`).
   */
  grant(call: SyntaxNode, method: SyntaxNode, options: SyntaxNode): Node {
    const gathered = new Gathered();
    if (!this.props(gathered, options, GRANT_ELEMENTS)) return unknownStatement(call).node;
    return this.build(gathered, spanOf(method), spanOf(call)).node;
  }

  /** Reads the props named in `elements`; false when they cannot all be seen (not an object literal, a spread). */
  private props(gathered: Gathered, props: SyntaxNode, elements: Readonly<Record<string, string>>): boolean {
    const object = this.values.resolve(props);
    if (object?.type !== 'object') return false;
    for (const member of this.values.members(object)) {
      if (member.type === 'spread_element') return false;
      const element = member.name !== undefined ? elements[member.name] : undefined;
      if (!element || !member.key) continue; // not a statement property: the TypeScript compiler says so
      this.prop(gathered, element, spanOf(member.key), member.value ?? member.node);
    }
    return true;
  }

  /** `PolicyStatement.fromJson({ Effect, Action, ... })`: IAM's own names, read as written. */
  fromJson(call: SyntaxNode): BuiltStatement {
    const node = this.values.node(argumentsOf(call, this.values.text)[0]);
    if (node.kind !== 'object' || this.values.isOpen(node)) return unknownStatement(call);
    const hasPrincipal = node.entries.some((e) => e.key.text === 'Principal' || e.key.text === 'NotPrincipal');
    return { node, hasPrincipal };
  }

  /** The trust statement a role's `assumedBy` principal makes. */
  trust(principal: ReadPrincipal, key: Span): Node {
    const gathered = new Gathered();
    gathered.lists.set('Action', { key, span: principal.action.span, items: [], whole: principal.action });
    gathered.principals.set('Principal', { key, span: principal.span, principals: [principal] });
    return this.build(gathered, key, principal.span).node;
  }

  private prop(gathered: Gathered, element: string, key: Span, value: SyntaxNode): void {
    switch (element) {
      case 'Sid':
        gathered.sid = { key: { text: 'Sid', span: key }, value: this.values.node(value) };
        break;
      case 'Effect':
        gathered.effect = { key: { text: 'Effect', span: key }, value: this.effect(value) };
        break;
      case 'Principal':
      case 'NotPrincipal': {
        const list = this.values.resolve(value);
        const principals = list?.type === 'array' ? this.principalItems(list) : [unknownPrincipal(value)];
        addPrincipals(gathered, element, key, spanOf(list ?? value), principals);
        break;
      }
      case 'Condition':
        gathered.conditionKey ??= key;
        gathered.conditions.push(...this.principals.conditions(value, key));
        break;
      default: {
        const node = this.values.node(value);
        const part = listPart(gathered, element, key, node.span);
        if (node.kind === 'array') part.items.push(...node.items);
        else if (part.items.length === 0 && !part.whole) part.whole = node;
        else part.items.push(node);
      }
    }
  }

  private call(gathered: Gathered, call: SyntaxNode): void {
    const method = memberCall(call)?.method;
    if (!method) return;
    const name = method.text;
    const key = spanOf(method);
    const args = argumentsOf(call, this.values.text);
    const argsSpan = spanOf(call.childForFieldName('arguments') ?? call);
    const list = LIST_METHODS[name];
    if (list) {
      const part = listPart(gathered, list, key, argsSpan);
      for (const arg of args) {
        if (arg.type === 'spread_element') {
          const spread = this.values.node(arg.firstNamedChild);
          if (spread.kind === 'array') part.items.push(...spread.items);
          else part.items.push(unknownOf(arg));
        } else {
          part.items.push(this.values.node(arg));
        }
      }
      return;
    }
    switch (name) {
      case 'addAllResources':
        listPart(gathered, 'Resource', key, key).items.push({ kind: 'scalar', span: key, value: '*', text: '*' });
        return;
      case 'addPrincipals':
      case 'addNotPrincipals':
        addPrincipals(
          gathered,
          name === 'addPrincipals' ? 'Principal' : 'NotPrincipal',
          key,
          argsSpan,
          this.principalItems(call.childForFieldName('arguments') ?? call),
        );
        return;
      case 'addAnyPrincipal':
        addPrincipals(gathered, 'Principal', key, argsSpan, [
          { parts: [{ kind: 'AWS', value: star(key), key }], conditions: [], action: star(key), span: key },
        ]);
        return;
      case 'addArnPrincipal':
      case 'addAwsAccountPrincipal':
      case 'addServicePrincipal':
      case 'addFederatedPrincipal':
      case 'addCanonicalUserPrincipal': {
        const kind =
          name === 'addServicePrincipal'
            ? 'Service'
            : name === 'addFederatedPrincipal'
              ? 'Federated'
              : name === 'addCanonicalUserPrincipal'
                ? 'CanonicalUser'
                : 'AWS';
        const conditions = name === 'addFederatedPrincipal' ? this.principals.conditions(args[1], key) : [];
        addPrincipals(gathered, 'Principal', key, argsSpan, [
          { parts: [{ kind, value: this.values.node(args[0]), key }], conditions, action: star(key), span: argsSpan },
        ]);
        return;
      }
      case 'addAccountRootPrincipal': {
        const value: Node = {
          kind: 'template',
          span: key,
          parts: ['arn:', { unknown: 'AWS::Partition' }, ':iam::', { unknown: 'AWS::AccountId' }, ':root'],
        };
        addPrincipals(gathered, 'Principal', key, argsSpan, [
          { parts: [{ kind: 'AWS', value, key }], conditions: [], action: star(key), span: key },
        ]);
        return;
      }
      case 'addCondition': {
        gathered.conditionKey ??= key;
        const operator = this.values.key(this.values.resolve(args[0]));
        const block = this.values.node(args[1]);
        if (!operator) {
          gathered.conditions.push({ unknown: unknownOf(args[0] ?? call), key });
          return;
        }
        const node: ObjectNode = {
          kind: 'object',
          span: argsSpan,
          entries: [
            {
              key: operator,
              value: this.values.isOpen(block) ? { kind: 'unknown', span: block.span, text: '' } : block,
            },
          ],
        };
        gathered.conditions.push({ node, open: false, key });
        return;
      }
      case 'addConditions':
        gathered.conditionKey ??= key;
        gathered.conditions.push(...this.principals.conditions(args[0], key));
        return;
    }
  }

  private principalItems(list: SyntaxNode): ReadPrincipal[] {
    const out: ReadPrincipal[] = [];
    for (const item of itemsOf(list, this.values.text)) {
      if (item.type === 'spread_element') {
        const spread = this.values.resolve(item.firstNamedChild);
        if (spread?.type === 'array') out.push(...this.principalItems(spread));
        else out.push(unknownPrincipal(item));
      } else {
        out.push(...this.principals.read(item));
      }
    }
    return out;
  }

  /** `Effect.ALLOW` / `Effect.DENY` (however the enum is imported) → the IAM word, spanning the expression. */
  private effect(value: SyntaxNode): Node {
    const node = this.values.resolve(value);
    const path = pathOf(node);
    const last = path?.[path.length - 1];
    if (
      node &&
      path &&
      path.length >= 2 &&
      path[path.length - 2] === 'Effect' &&
      (last === 'ALLOW' || last === 'DENY')
    ) {
      const text = last === 'ALLOW' ? 'Allow' : 'Deny';
      return { kind: 'scalar', span: spanOf(node), value: text, text };
    }
    return this.values.node(value);
  }

  /** `at`: where implied values point (the class name); `span`: the whole statement. */
  private build(gathered: Gathered, at: Span, span: Span): BuiltStatement {
    const entries: Entry[] = [];
    if (gathered.sid) entries.push(gathered.sid);
    // The CDK's default effect is Allow: written out at the class name, so no rule reports it missing.
    entries.push(
      gathered.effect ?? {
        key: { text: 'Effect', span: at },
        value: { kind: 'scalar', span: at, value: 'Allow', text: 'Allow' },
      },
    );
    for (const element of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      const part = gathered.lists.get(element);
      if (!part) continue;
      const value: Node =
        part.whole && part.items.length === 0
          ? part.whole
          : { kind: 'array', span: part.span, items: part.whole ? [part.whole, ...part.items] : part.items };
      entries.push({ key: { text: element, span: part.key }, value });
    }
    let hasPrincipal = false;
    for (const element of ['Principal', 'NotPrincipal']) {
      const part = gathered.principals.get(element);
      if (!part) continue;
      hasPrincipal = true;
      entries.push({ key: { text: element, span: part.key }, value: principalNode(part) });
      // The CDK moves a principal's conditions into the statement's Condition.
      for (const principal of part.principals) {
        if (principal.conditions.length > 0) gathered.conditionKey ??= principal.conditions[0]!.key;
        gathered.conditions.push(...principal.conditions);
      }
    }
    const condition = conditionNode(gathered);
    if (condition) entries.push(condition);
    return { node: { kind: 'object', span, entries }, hasPrincipal };
  }
}

/** The class name's node of `new iam.PolicyStatement(...)`: where implied values point. */
function classNameOf(expression: SyntaxNode): SyntaxNode {
  const constructor = unwrap(expression.childForFieldName('constructor'));
  if (constructor?.type === 'member_expression') return constructor.childForFieldName('property') ?? constructor;
  return constructor ?? expression;
}

function listPart(gathered: Gathered, element: string, key: Span, span: Span): ListPart {
  let part = gathered.lists.get(element);
  if (!part) {
    part = { key, span, items: [] };
    gathered.lists.set(element, part);
  }
  return part;
}

function addPrincipals(
  gathered: Gathered,
  element: string,
  key: Span,
  span: Span,
  principals: readonly ReadPrincipal[],
): void {
  const part = gathered.principals.get(element);
  if (part) part.principals.push(...principals);
  else gathered.principals.set(element, { key, span, principals: [...principals] });
}

function star(span: Span): ScalarNode {
  return { kind: 'scalar', span, value: '*', text: '*' };
}

function unknownPrincipal(node: SyntaxNode): ReadPrincipal {
  const unknown = unknownOf(node);
  return { parts: [], unknown, conditions: [], action: unknown, span: unknown.span };
}

/** `"*"`, an object of kinds and values, or unknown when any principal cannot be read. */
function principalNode(part: PrincipalPartList): Node {
  const unknown = part.principals.find((p) => p.unknown);
  if (unknown)
    return { kind: 'unknown', span: part.span, text: unknown.unknown!.kind === 'unknown' ? unknown.unknown!.text : '' };
  const anyone = part.principals.flatMap((p) => p.parts).find((p) => p.kind === '*');
  if (anyone) return anyone.value;
  const byKind = new Map<string, { key: Span; items: Node[] }>();
  for (const principal of part.principals) {
    for (const { kind, value, key } of principal.parts) {
      const entry = byKind.get(kind);
      if (entry) entry.items.push(value);
      else byKind.set(kind, { key, items: [value] });
    }
  }
  const entries: Entry[] = [...byKind].map(([kind, { key, items }]) => ({
    key: { text: kind, span: key },
    value: items.length === 1 ? items[0]! : ({ kind: 'array', span: part.span, items } satisfies ArrayNode),
  }));
  return { kind: 'object', span: part.span, entries };
}

/** The Condition element from every source; unknown as a whole when one source cannot be read. */
function conditionNode(gathered: Gathered): Entry | undefined {
  if (gathered.conditions.length === 0) return undefined;
  const first = gathered.conditions[0]!;
  const key = { text: 'Condition', span: gathered.conditionKey ?? first.key };
  const span = 'node' in first ? first.node.span : first.unknown.span;
  const entries: Entry[] = [];
  for (const source of gathered.conditions) {
    if ('unknown' in source || source.open)
      return {
        key,
        value: {
          kind: 'unknown',
          span,
          text: 'unknown' in source && source.unknown.kind === 'unknown' ? source.unknown.text : '',
        },
      };
    entries.push(...source.node.entries);
  }
  return { key, value: { kind: 'object', span, entries } };
}

/**
 * A statement whose content cannot be read (its props are a variable of unknown value, or spread from
 * one): an unknown statement, as readDocument reads a CloudFormation `Fn::If` in a statement's place.
 */
function unknownStatement(node: SyntaxNode): BuiltStatement {
  const tagged: TaggedNode = { kind: 'tagged', span: spanOf(node), tag: 'CDK::Unknown', value: unknownOf(node) };
  return { node: tagged, hasPrincipal: false };
}
