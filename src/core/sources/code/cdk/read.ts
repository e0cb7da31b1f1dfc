/**
 * The IAM policies of a CDK app's TypeScript source: statements, documents, policies, roles' trust and
 * inline policies, attached managed policies, `iam.Grant.addToPrincipal(...)`, and what `grant*` calls
 * add. Every question to the tree crosses into WebAssembly (about a microsecond each), so the tree is
 * not searched: one regular expression pass over the text finds the names that matter (the IAM classes
 * as imported, the methods that add statements or grant, functions where `initialPolicy` is written),
 * and the tree is asked only about the nodes there.
 *
 * Names: a role (or user, group, function) is named by the variable or field it is assigned to
 * (`const role = new Role(...)`, `this.role = new Role(...)` are both `role`), else by its construct id.
 * The same name is what `role.addToPolicy`, `bucket.grantRead(role)` and `new Policy(..., { roles:
 * [role] })` give `appliesTo`, so the policies of one principal meet. Bindings are file-wide: a name
 * declared twice is not resolved (unless the other declaration keeps it under the same name,
 * `this.bucket = bucket`).
 *
 * A statement used by several policies (`const s = new PolicyStatement(...)` added to two roles) is
 * linted once, where it is first used; its later uses are documents derived from the code, which count
 * for their principals only.
 */
import type { Tree } from 'web-tree-sitter';
import type {
  ManagedPolicyAttachment,
  NotAnalysed,
  ParseProblem,
  PolicyDocument,
  PolicyKind,
  Span,
} from '../../../policy/model';
import { readDocument, type ReadContext } from '../../document';
import { valueOf } from '../../intrinsics';
import { awsManagedPolicyName } from '../../template';
import type { Node, ObjectNode } from '../../tree';
import type { CodeReading } from '../reading';
import { grantRow, grantSource, RESOURCE_KINDS, resourceKindOf } from './grants';
import { Bindings } from './bindings';
import { CdkImports, type Resolved } from './imports';
import { PrincipalReader } from './principals';
import { STATEMENT_METHODS, StatementReader, type BuiltStatement } from './statements';
import {
  argumentsOf,
  itemsOf,
  memberCall,
  nameOf,
  pathOf,
  spanOf,
  stringLiteral,
  unwrap,
  type SyntaxNode,
} from './syntax';
import { CodeValues, labelOf, unknownOf } from './values';

const EMPTY: CodeReading = { documents: [], problems: [], managedPolicies: [] };

/** The IAM policies of a CDK app's TypeScript source. Never throws. */
export function readCdk(text: string, tree: Tree): CodeReading {
  try {
    return new CdkReader(text, tree.rootNode).read();
  } catch (error) {
    // Code this reader does not foresee must never take the linter down with it, nor go unsaid.
    const reason =
      error instanceof RangeError
        ? 'the code nests too deeply for the reader: not analysed'
        : `reading the CDK code failed (an internal error: ${error instanceof Error ? error.message : String(error)}): not analysed`;
    return { ...EMPTY, notAnalysed: [{ reason }] };
  }
}

/** The IAM classes whose construction the reader reads. */
const IAM_CLASSES = [
  'PolicyStatement',
  'PolicyDocument',
  'Policy',
  'ManagedPolicy',
  'Role',
  'LazyRole',
  'User',
  'Group',
];
/** Methods whose calls the reader reads (besides `grant*`). */
/** Classes of functions, whose `initialPolicy` holds statements of the function's role. */
const FUNCTION_CLASSES = ['Function', 'SingletonFunction', 'DockerImageFunction', 'NodejsFunction', 'PythonFunction'];
const METHODS = [
  'addToPolicy',
  'addToPrincipalPolicy',
  'addToRolePolicy',
  'addToPrincipal',
  'addToPrincipalOrResource',
  'addToPrincipalAndResource',
  'addToResourcePolicy',
  'addStatements',
  'attachInlinePolicy',
  'attachToRole',
  'attachToUser',
  'attachToGroup',
  'addManagedPolicy',
  'fromJson',
];

/** Methods adding a statement to a principal's policy. */
const IDENTITY_SINKS = new Set(['addToPolicy', 'addToPrincipalPolicy', 'addToRolePolicy']);
/** `iam.Grant`'s static methods that add a statement written in the call to the grantee's policy. */
const GRANT_METHODS = new Set(['addToPrincipal', 'addToPrincipalOrResource', 'addToPrincipalAndResource']);
const PRINCIPAL_TYPES: Readonly<Record<string, string>> = {
  Role: 'AWS::IAM::Role',
  LazyRole: 'AWS::IAM::Role',
  User: 'AWS::IAM::User',
  Group: 'AWS::IAM::Group',
};
/** The service whose resource policy `addToResourcePolicy` writes, by the receiver's kind. */
const RESOURCE_SERVICES: Readonly<Record<string, string>> = {
  bucket: 's3',
  table: 'dynamodb',
  key: 'kms',
  secret: 'secretsmanager',
  queue: 'sqs',
  topic: 'sns',
  function: 'lambda',
  nodejsFunction: 'lambda',
  pythonFunction: 'lambda',
  stream: 'kinesis',
  logGroup: 'logs',
  parameter: 'ssm',
  repository: 'ecr',
};

interface Policy {
  readonly node: SyntaxNode;
  readonly appliesTo: string[];
}

interface Place {
  readonly kind: PolicyKind;
  readonly path: string;
  readonly appliesTo?: readonly string[];
  readonly resourceService?: string;
}

class CdkReader {
  private readonly imports: CdkImports;
  private readonly values: CodeValues;
  private readonly statements: StatementReader;
  private readonly principals: PrincipalReader;
  private readonly context: ReadContext;
  private readonly documents: PolicyDocument[] = [];
  private readonly managed: ManagedPolicyAttachment[] = [];

  private readonly bindings: Bindings;
  private readonly statementNodes = new Map<number, SyntaxNode>();
  private readonly statementCalls = new Map<number, SyntaxNode[]>();
  private readonly built = new Map<number, BuiltStatement>();
  private readonly uses = new Map<number, number>();
  private readonly documentNodes = new Map<number, SyntaxNode>();
  private readonly documentsUsed = new Set<number>();
  /** `addStatements(...)` calls on a PolicyDocument or Policy, by its start offset. */
  private readonly added = new Map<number, SyntaxNode[]>();
  private readonly policies = new Map<number, Policy>();
  private readonly principalConstructs = new Map<number, { node: SyntaxNode; type: string }>();
  private readonly functions: SyntaxNode[] = [];
  private readonly calls: SyntaxNode[] = [];
  private readonly members = new Map<number, ReturnType<typeof memberCall>>();
  private readonly notAnalysed: NotAnalysed[] = [];

  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
  ) {
    this.imports = new CdkImports(root, text);
    this.bindings = new Bindings(text, root);
    this.values = new CodeValues(this.bindings.consts, text);
    this.principals = new PrincipalReader(this.imports, this.values);
    this.statements = new StatementReader(this.values, this.principals);
    this.context = { text, problems: [], listParameters: new Set() };
  }

  read(): CodeReading {
    if (!this.imports.any) return EMPTY;
    for (const node of this.candidates()) this.classify(node);
    for (const call of this.calls) this.modifier(call);
    // Attachments first: a policy's appliesTo grows with `attachInlinePolicy`, `managedPolicies`...
    for (const call of this.calls) this.attachment(call);
    for (const [, construct] of this.principalConstructs) this.principalConstruct(construct.node, construct.type);
    // Sinks in the order written, so that a shared statement belongs to its first use.
    const sinks: SyntaxNode[] = [
      ...[...this.policies.values()].map((p) => p.node),
      ...this.functions,
      ...this.calls,
    ].sort((a, b) => a.startIndex - b.startIndex);
    for (const sink of sinks) {
      if (sink.type === 'new_expression') {
        const policy = this.policies.get(sink.startIndex);
        if (policy) this.policy(policy);
        else this.initialPolicy(sink);
      } else {
        this.sink(sink);
      }
    }
    for (const [start, node] of this.documentNodes) {
      if (!this.documentsUsed.has(start)) this.standaloneDocument(node);
    }
    for (const [start, node] of this.statementNodes) {
      if (!this.uses.has(start)) this.standaloneStatement(start, node);
    }
    this.managed.sort((a, b) => a.value.span.start - b.value.span.start);
    return {
      documents: this.documents,
      problems: this.context.problems as ParseProblem[],
      managedPolicies: this.managed,
      ...(this.notAnalysed.length > 0 && { notAnalysed: this.notAnalysed }),
    };
  }

  // Where the constructs and calls of interest are.

  /**
   * The `new` and call expressions at the names that matter, in the order written: the IAM classes (by
   * their imported names), the methods that add statements, attach policies or grant, and
   * `initialPolicy` (a function's statements). A name in a comment or a string leads to no such node.
   */
  private candidates(): SyntaxNode[] {
    // Functions are read for `initialPolicy` only: their class names are looked for when it is written.
    const functions = this.text.includes('initialPolicy') ? FUNCTION_CLASSES : [];
    const classes = [...IAM_CLASSES, ...this.imports.aliasesOf('aws-iam', IAM_CLASSES)];
    const names = new Set([...classes, ...functions, ...METHODS, ...STATEMENT_METHODS]);
    // What a syntax error swallowed is said for the IAM constructs and the calls that add statements.
    const said = new Set([...classes, ...IDENTITY_SINKS, 'addToResourcePolicy', 'addStatements']);
    const pattern = new RegExp(`\\b(?:${[...names].join('|')}|grant[A-Z]\\w*)\\b(?=\\s*(?:<[^()]*>\\s*)?\\()`, 'g');
    const out: SyntaxNode[] = [];
    const seen = new Set<number>();
    const broken = this.root.hasError;
    for (const match of this.text.matchAll(pattern)) {
      // The smallest node holding the name and the `(` after it is the call or the `new` (the lookahead
      // found the parenthesis: its offset is where the match's lookahead ended).
      const open = this.text.indexOf('(', match.index + match[0].length);
      const node = this.root.descendantForIndex(match.index, open + 1);
      if (!node) continue;
      const type = node.type;
      // In a file that does not parse, a construct or call the error swallowed is said, not skipped.
      if (
        broken &&
        type !== 'call_expression' &&
        type !== 'new_expression' &&
        (type === 'ERROR' || node.hasError) &&
        (said.has(match[0]) || /^grant[A-Z]/.test(match[0]))
      ) {
        const span = { start: match.index, end: match.index + match[0].length };
        this.notAnalysed.push({ reason: `the code around this ${match[0]} does not parse: not analysed`, span });
        continue;
      }
      // `new X().y()`: the call starts where the construct does; keep both, each once.
      const key = node.startIndex * 2 + (type === 'call_expression' ? 1 : 0);
      if ((type === 'call_expression' || type === 'new_expression') && !seen.has(key)) {
        seen.add(key);
        out.push(node);
      }
    }
    return out;
  }

  /** `receiver.method(...)` of a call, asked of the tree once per call (several passes read the calls). */
  private memberCall(call: SyntaxNode): ReturnType<typeof memberCall> {
    // A node's id is its address in the tree: `a.b().c()` holds two calls starting at one offset.
    if (!this.members.has(call.id)) this.members.set(call.id, memberCall(call));
    return this.members.get(call.id);
  }

  /** The expression a name chain stands for (`role`, `this.role`), through bindings; the expression itself otherwise. */
  private target(expression: SyntaxNode | null | undefined): SyntaxNode | undefined {
    let node = unwrap(expression);
    for (let depth = 0; node && depth < 8; depth++) {
      const path = node.type === 'identifier' || node.type === 'member_expression' ? pathOf(node) : undefined;
      if (!path || path.length > 2 || (path.length === 2 && path[0] !== 'this')) return node;
      const bound = this.bindings.value(path[path.length - 1]!);
      if (!bound) return node;
      node = unwrap(bound);
    }
    return node;
  }

  // Pass 2: the constructs and calls of interest.

  private classify(node: SyntaxNode): void {
    if (node.type === 'new_expression') {
      const resolved = this.imports.resolve(pathOf(node.childForFieldName('constructor')));
      if (!resolved || resolved.names.length !== 1) return;
      const name = resolved.names[0]!;
      if (resolved.module === 'aws-iam') {
        if (name === 'PolicyStatement') this.statementNodes.set(node.startIndex, node);
        else if (name === 'PolicyDocument') this.documentNodes.set(node.startIndex, node);
        else if (name === 'Policy' || name === 'ManagedPolicy')
          this.policies.set(node.startIndex, { node, appliesTo: [] });
        else if (PRINCIPAL_TYPES[name]) this.principalConstructs.set(node.startIndex, { node, type: name });
      } else {
        const kind = resourceKindOf(resolved.module, name);
        if (kind === 'function' || kind === 'nodejsFunction' || kind === 'pythonFunction') this.functions.push(node);
      }
      return;
    }
    if (node.type !== 'call_expression') return;
    const resolved = this.imports.resolve(pathOf(node.childForFieldName('function')));
    if (resolved?.module === 'aws-iam' && resolved.names[1] === 'fromJson') {
      if (resolved.names[0] === 'PolicyStatement') this.statementNodes.set(node.startIndex, node);
      else if (resolved.names[0] === 'PolicyDocument') this.documentNodes.set(node.startIndex, node);
      return;
    }
    if (this.memberCall(node)) this.calls.push(node);
  }

  /** `stmt.addActions(...)` and the like, on a statement written in the file (chained or through a name). */
  private modifier(call: SyntaxNode): void {
    const { receiver, method } = this.memberCall(call)!;
    const name = method.text;
    if (STATEMENT_METHODS.has(name)) {
      const start = this.statementStart(receiver);
      if (start !== undefined) this.statementCalls.set(start, [...(this.statementCalls.get(start) ?? []), call]);
    } else if (name === 'addStatements') {
      const target = this.target(receiver);
      if (target) this.added.set(target.startIndex, [...(this.added.get(target.startIndex) ?? []), call]);
    }
  }

  /** The statement an expression denotes, by its start offset, or undefined. */
  private statementStart(expression: SyntaxNode | null | undefined): number | undefined {
    let node = this.target(expression);
    // `new PolicyStatement(...).addActions(...)`: the statement is the receiver of the chain.
    for (
      let depth = 0;
      node?.type === 'call_expression' && !this.statementNodes.has(node.startIndex) && depth < 20;
      depth++
    ) {
      const call = this.memberCall(node);
      if (!call || !STATEMENT_METHODS.has(call.method.text)) return undefined;
      node = this.target(call.receiver);
    }
    return node && this.statementNodes.has(node.startIndex) ? node.startIndex : undefined;
  }

  /** The statements an expression denotes: one, or an array (with spreads of arrays) of them. */
  private statementRefs(expression: SyntaxNode | null | undefined, depth = 0): number[] {
    const node = this.target(expression);
    if (!node || depth > 8) return [];
    if (node.type === 'array') {
      return itemsOf(node, this.text).flatMap((item) =>
        this.statementRefs(item.type === 'spread_element' ? item.firstNamedChild : item, depth + 1),
      );
    }
    const start = this.statementStart(node);
    return start === undefined ? [] : [start];
  }

  // Attachments: which principals a Policy applies to, and the managed policies of each principal.

  private attachment(call: SyntaxNode): void {
    const { receiver, method } = this.memberCall(call)!;
    const args = argumentsOf(call, this.text);
    switch (method.text) {
      case 'attachInlinePolicy': {
        const policy = this.policies.get(this.target(args[0])?.startIndex ?? -1);
        const name = this.principalName(receiver);
        if (policy && name) policy.appliesTo.push(name);
        return;
      }
      case 'attachToRole':
      case 'attachToUser':
      case 'attachToGroup': {
        const policy = this.policies.get(this.target(receiver)?.startIndex ?? -1);
        const name = this.principalName(args[0]);
        if (policy && name) policy.appliesTo.push(name);
        return;
      }
      case 'addManagedPolicy': {
        const name = this.principalName(receiver);
        if (name) this.managedPolicy(args[0], name, this.principalTypeOf(receiver));
        return;
      }
    }
  }

  private principalConstruct(node: SyntaxNode, type: string): void {
    const props = this.values.resolve(argumentsOf(node, this.text)[2]);
    if (props?.type !== 'object') return;
    const name = this.constructName(node);
    for (const { key, value, name: prop } of this.values.members(props)) {
      if (!key || !value || prop === undefined) continue;
      if (prop === 'managedPolicies') {
        const list = this.target(value);
        if (list?.type === 'array')
          for (const item of itemsOf(list, this.text)) this.managedPolicy(item, name, PRINCIPAL_TYPES[type]!);
      } else if (prop === 'assumedBy' && type === 'Role') {
        this.trust(node, spanOf(key), value, name);
      } else if (prop === 'inlinePolicies') {
        const policies = this.target(value);
        if (policies?.type !== 'object') continue;
        for (const policy of this.values.members(policies)) {
          const document = this.target(policy.value);
          const policyKey = policy.key;
          if (document && policyKey)
            this.useDocument(
              document,
              {
                kind: 'identity',
                path: `${name}.inlinePolicies.${this.values.key(policyKey)?.text ?? policyKey.text}`,
                appliesTo: [name],
              },
              spanOf(policyKey),
            );
        }
      }
    }
  }

  private managedPolicy(expression: SyntaxNode, principal: string, principalType: string): void {
    const node = this.target(expression);
    if (!node) return;
    const policy = this.policies.get(node.startIndex);
    if (policy) {
      policy.appliesTo.push(principal);
      return;
    }
    const resolved =
      node.type === 'call_expression' ? this.imports.resolve(pathOf(node.childForFieldName('function'))) : undefined;
    const method =
      resolved?.module === 'aws-iam' && resolved.names[0] === 'ManagedPolicy' ? resolved.names[1] : undefined;
    const args = argumentsOf(node, this.text);
    if (method === 'fromAwsManagedPolicyName') {
      const value = valueOf(this.values.node(args[0]));
      const name =
        value.kind === 'string' && !value.parts ? value.text.slice(value.text.lastIndexOf('/') + 1) : undefined;
      this.managed.push({ principal, principalType, value, ...(name && { awsManagedName: name }) });
    } else if (method === 'fromManagedPolicyArn' || method === 'fromManagedPolicyName') {
      const value = valueOf(this.values.node(args[2]));
      const name = method === 'fromManagedPolicyArn' ? awsManagedPolicyName(value, false) : undefined;
      this.managed.push({ principal, principalType, value, ...(name !== undefined && { awsManagedName: name }) });
    } else {
      this.managed.push({ principal, principalType, value: valueOf(unknownOf(node)) });
    }
  }

  // Sinks: where statements become policies.

  private policy(policy: Policy): void {
    const { node } = policy;
    const props = this.values.resolve(argumentsOf(node, this.text)[2]);
    const refs: number[] = [];
    let key: Span | undefined;
    const appliesTo = [...policy.appliesTo];
    if (props?.type === 'object') {
      for (const { key: name, value, name: prop } of this.values.members(props)) {
        if (!name || !value || prop === undefined) continue;
        if (prop === 'statements') {
          refs.push(...this.statementRefs(value));
          key ??= spanOf(name);
        } else if (prop === 'document') {
          const document = this.target(value);
          if (document && this.documentNodes.has(document.startIndex)) {
            this.documentsUsed.add(document.startIndex);
            if (document.type === 'call_expression') {
              this.readJsonDocument(document, this.place(node, appliesTo));
            } else {
              refs.push(...this.documentRefs(document));
              key ??= spanOf(name);
            }
          }
        } else if (prop === 'roles' || prop === 'users' || prop === 'groups') {
          const list = this.target(value);
          if (list?.type === 'array')
            for (const item of itemsOf(list, this.text)) appliesTo.push(this.principalName(item) ?? labelOf(item));
        }
      }
    }
    for (const call of this.added.get(node.startIndex) ?? []) {
      refs.push(...argumentsOf(call, this.text).flatMap((arg) => this.statementRefs(arg)));
      key ??= spanOf(this.memberCall(call)!.method);
    }
    this.emit(refs, this.place(node, appliesTo), spanOf(node), key ?? spanOf(node), this.describe(node));
  }

  private place(node: SyntaxNode, appliesTo: readonly string[]): Place {
    const name = this.constructName(node);
    return appliesTo.length > 0
      ? { kind: 'identity', path: name, appliesTo: [...new Set(appliesTo)] }
      : { kind: 'identity', path: name };
  }

  /** `new lambda.Function(this, 'Fn', { initialPolicy: [...] })`: statements of the function's role. */
  private initialPolicy(node: SyntaxNode): void {
    const props = this.values.resolve(argumentsOf(node, this.text)[2]);
    if (props?.type !== 'object') return;
    const member = this.values.members(props).find((m) => m.name === 'initialPolicy');
    if (!member?.key) return;
    const name = this.constructName(node);
    this.emit(
      this.statementRefs(member.value),
      { kind: 'identity', path: `${name}.initialPolicy`, appliesTo: [name] },
      spanOf(member.node),
      spanOf(member.key),
      this.describe(member.node),
    );
  }

  private sink(call: SyntaxNode): void {
    const { receiver, method } = this.memberCall(call)!;
    const name = method.text;
    const args = argumentsOf(call, this.text);
    if (IDENTITY_SINKS.has(name) || name === 'addToResourcePolicy') {
      const refs = this.statementRefs(args[0]);
      if (refs.length === 0) return;
      const who = this.principalName(receiver) ?? labelOf(receiver);
      const line = call.startPosition.row + 1;
      if (name === 'addToResourcePolicy') {
        const service = RESOURCE_SERVICES[this.resourceKindOf(receiver) ?? ''];
        const implied = service === 's3' ? this.sslDeny(receiver) : undefined;
        const enforceTls = service === 's3' && !implied ? this.enforceSslEdit(receiver) : undefined;
        this.emit(
          refs,
          { kind: 'resource', path: `${who}.${name} (line ${line})`, ...(service && { resourceService: service }) },
          spanOf(call),
          spanOf(method),
          this.describe(call),
          implied,
          enforceTls,
        );
      } else {
        this.emit(
          refs,
          { kind: 'identity', path: `${who}.${name} (line ${line})`, appliesTo: [who] },
          spanOf(call),
          spanOf(method),
          this.describe(call),
        );
      }
      return;
    }
    if (GRANT_METHODS.has(name)) this.grantCall(call, receiver, method, args[0]);
    else if (name.startsWith('grant')) this.grant(call, receiver, method, args);
  }

  /** `iam.Grant.addToPrincipal({ grantee, actions, resourceArns })`: a statement written here, for the grantee. */
  private grantCall(call: SyntaxNode, receiver: SyntaxNode, method: SyntaxNode, options: SyntaxNode | undefined): void {
    const resolved = this.imports.resolve(pathOf(receiver));
    const object = this.values.resolve(options);
    if (resolved?.module !== 'aws-iam' || resolved.names.join() !== 'Grant' || object?.type !== 'object') return;
    const grantee = this.values.members(object).find((m) => m.name === 'grantee');
    const who = grantee?.value ? (this.principalName(grantee.value) ?? labelOf(grantee.value)) : undefined;
    const statement = this.statements.grant(call, method, object);
    const place: Place = {
      kind: 'identity',
      path: `${this.describe(call).slice(0, 40)} (line ${call.startPosition.row + 1})`,
      ...(who !== undefined && { appliesTo: [who] }),
    };
    const document = this.readNeutral([statement], place, spanOf(call), spanOf(method), spanOf(object));
    if (document) this.documents.push({ ...document, construct: 'cdk' });
  }

  private trust(role: SyntaxNode, key: Span, assumedBy: SyntaxNode, name: string): void {
    // The CDK writes one statement per principal of a CompositePrincipal.
    const statements = this.principals.read(assumedBy).map((principal) => this.statements.trust(principal, key));
    const document = this.readNeutral(
      statements,
      { kind: 'trust', path: `${name}.assumedBy` },
      spanOf(role),
      key,
      spanOf(assumedBy),
    );
    if (document) this.documents.push({ ...document, construct: 'cdk' });
  }

  private grant(call: SyntaxNode, receiver: SyntaxNode, method: SyntaxNode, args: SyntaxNode[]): void {
    const row = grantRow(method.text, this.resourceKindOf(receiver));
    const grantee = args[0];
    if (!row || !grantee) return;
    // A grant to a principal object (`new iam.ServicePrincipal(...)`) goes to a resource policy: no identity's.
    const granteeNode = this.target(grantee);
    if (
      granteeNode?.type === 'new_expression' &&
      this.imports.resolve(pathOf(granteeNode.childForFieldName('constructor')))?.names[0]?.endsWith('Principal')
    )
      return;
    const who = this.principalName(grantee) ?? labelOf(grantee);
    const at = spanOf(method);
    const receiverName = this.principalName(receiver) ?? labelOf(receiver);
    const arn = RESOURCE_KINDS[row.resource]?.arnAttribute ?? 'arn';
    const statement = (actions: readonly string[], resource: Node): ObjectNode => ({
      kind: 'object',
      span: spanOf(call),
      entries: [
        { key: { text: 'Effect', span: at }, value: { kind: 'scalar', span: at, value: 'Allow', text: 'Allow' } },
        {
          key: { text: 'Action', span: at },
          value: {
            kind: 'array',
            span: at,
            items: actions.map((a) => ({ kind: 'scalar', span: at, value: a, text: a })),
          },
        },
        { key: { text: 'Resource', span: at }, value: { kind: 'array', span: resource.span, items: [resource] } },
      ],
    });
    const resource = this.arnOf(receiver, row.resource) ?? {
      kind: 'unknown',
      span: spanOf(receiver),
      text: `${receiverName}.${arn}`,
    };
    const statements: Node[] = [statement(row.actions, resource)];
    if (row.onEveryResource)
      statements.push(statement(row.onEveryResource, { kind: 'scalar', span: at, value: '*', text: '*' }));
    const description = this.describe(call);
    const document = this.readNeutral(
      statements,
      { kind: 'identity', path: `${description} (line ${call.startPosition.row + 1})`, appliesTo: [who] },
      spanOf(call),
      at,
      at,
    );
    if (document)
      this.documents.push({
        ...document,
        construct: 'cdk',
        derivedFrom: { description, span: at, source: grantSource(row) },
      });
  }

  /** The ARN of a resource imported by it (`iam.Role.fromRoleArn(this, 'R', 'arn:...')`), when it is a grant's Resource. */
  private arnOf(receiver: SyntaxNode, kind: string): Node | undefined {
    const node = this.target(receiver);
    if (node?.type !== 'call_expression' || !RESOURCE_KINDS[kind]?.arnIsResource) return undefined;
    const method = this.imports.resolve(pathOf(node.childForFieldName('function')))?.names[1];
    if (!method || !/^from\w*Arn$/.test(method)) return undefined;
    const arn = this.values.node(argumentsOf(node, this.text)[2]);
    return arn.kind === 'scalar' || arn.kind === 'template' ? arn : undefined;
  }

  // Documents.

  private documentRefs(document: SyntaxNode): number[] {
    const refs: number[] = [];
    const props = this.values.resolve(argumentsOf(document, this.text)[0]);
    if (props?.type === 'object') {
      for (const member of this.values.members(props)) {
        if (member.name === 'statements') refs.push(...this.statementRefs(member.value));
      }
    }
    for (const call of this.added.get(document.startIndex) ?? [])
      refs.push(...argumentsOf(call, this.text).flatMap((arg) => this.statementRefs(arg)));
    return refs;
  }

  /** A PolicyDocument (constructed or `fromJson`) where a role's inline policy or a Policy uses it. */
  private useDocument(document: SyntaxNode, place: Place, key: Span): void {
    if (!this.documentNodes.has(document.startIndex)) return;
    const again = this.documentsUsed.has(document.startIndex);
    this.documentsUsed.add(document.startIndex);
    if (document.type === 'call_expression') {
      this.readJsonDocument(document, place, again);
      return;
    }
    this.emit(this.documentRefs(document), place, spanOf(document), key, this.describe(document));
  }

  /** `PolicyDocument.fromJson({...})`: IAM's own names, read as JSON is. A second use is derived from the code. */
  private readJsonDocument(call: SyntaxNode, place: Place, again = false): void {
    const document = readDocument(this.values.node(argumentsOf(call, this.text)[0]), place, this.context);
    if (document)
      this.documents.push(
        again ? { ...document, derivedFrom: { description: this.describe(call), span: spanOf(call) } } : document,
      );
  }

  private standaloneDocument(node: SyntaxNode): void {
    const name = this.bindings.assignedName(node) ?? `PolicyDocument (line ${node.startPosition.row + 1})`;
    if (node.type === 'call_expression') {
      this.readJsonDocument(node, { kind: 'unknown', path: name });
      return;
    }
    const refs = this.documentRefs(node);
    const kind = refs.some((start) => this.statement(start).hasPrincipal) ? 'resource' : 'identity';
    this.emit(refs, { kind, path: name }, spanOf(node), spanOf(node), this.describe(node));
  }

  /** A statement no policy of the file takes: a document of its own (a resource policy when it names principals). */
  private standaloneStatement(start: number, node: SyntaxNode): void {
    const built = this.statement(start);
    const name = this.bindings.assignedName(node) ?? `PolicyStatement (line ${node.startPosition.row + 1})`;
    this.emit(
      [start],
      { kind: built.hasPrincipal ? 'resource' : 'identity', path: name },
      spanOf(node),
      spanOf(node),
      this.describe(node),
    );
  }

  private statement(start: number): BuiltStatement {
    let built = this.built.get(start);
    if (!built) {
      const node = this.statementNodes.get(start)!;
      built =
        node.type === 'new_expression'
          ? this.statements.construct(node, this.statementCalls.get(start) ?? [])
          : this.statements.fromJson(node);
      this.built.set(start, built);
    }
    return built;
  }

  /**
   * One document of the statements `refs`; statements already used elsewhere go to a second document,
   * derived from this use (their findings are reported where they were first used).
   */
  private emit(
    refs: readonly number[],
    place: Place,
    span: Span,
    statementKey: Span,
    description: string,
    implied?: Node,
    enforceTls?: { title: string; span: Span; newText: string },
  ): void {
    const fresh: BuiltStatement[] = [];
    const again: BuiltStatement[] = [];
    for (const start of refs) {
      const uses = this.uses.get(start) ?? 0;
      this.uses.set(start, uses + 1);
      (uses === 0 ? fresh : again).push(this.statement(start));
    }
    if (fresh.length > 0) {
      // Even of `PolicyStatement.fromJson` statements, the document is the construct's (`statements:`, no Version written).
      const document = this.readNeutral(
        [...fresh.map((s) => s.node), ...(implied ? [implied] : [])],
        place,
        span,
        statementKey,
        span,
      );
      if (document)
        this.documents.push({ ...document, construct: 'cdk', ...(enforceTls && { codeFixes: { enforceTls } }) });
    }
    if (again.length > 0) {
      const document = this.readNeutral(
        again.map((s) => s.node),
        place,
        span,
        statementKey,
        span,
      );
      if (document)
        this.documents.push({ ...document, construct: 'cdk', derivedFrom: { description, span: statementKey } });
    }
  }

  /** readDocument over `{ Version, Statement: [...] }` built from the statements; the CDK always writes Version 2012-10-17. */
  private readNeutral(
    statements: readonly Node[],
    place: Place,
    span: Span,
    statementKey: Span,
    listSpan: Span,
  ): PolicyDocument | undefined {
    const at = { start: span.start, end: span.start };
    const node: ObjectNode = {
      kind: 'object',
      span,
      entries: [
        {
          key: { text: 'Version', span: at },
          value: { kind: 'scalar', span: at, value: '2012-10-17', text: '2012-10-17' },
        },
        { key: { text: 'Statement', span: statementKey }, value: { kind: 'array', span: listSpan, items: statements } },
      ],
    };
    return readDocument(node, place, this.context);
  }

  // Names and kinds.

  /** The name of a principal (role, user, group, function) an expression denotes. */
  private principalName(expression: SyntaxNode | null | undefined): string | undefined {
    const node = unwrap(expression);
    const name = nameOf(node);
    if (name !== undefined) return name;
    // An inline `new Role(this, 'Id', ...)`: its construct id.
    return node?.type === 'new_expression' ? this.constructName(node) : undefined;
  }

  /** The variable or field a construct is assigned to, else its construct id, else its class and line. */
  private constructName(node: SyntaxNode): string {
    const bound = this.bindings.assignedName(node);
    if (bound) return bound;
    const id = argumentsOf(node, this.text)[1];
    if (id?.type === 'string') return stringLiteral(id).value;
    return `${pathOf(node.childForFieldName('constructor'))?.join('.') ?? 'construct'} (line ${node.startPosition.row + 1})`;
  }

  private principalTypeOf(expression: SyntaxNode): string {
    const node = this.target(expression);
    const resolved =
      node?.type === 'new_expression' ? this.imports.resolve(pathOf(node.childForFieldName('constructor'))) : undefined;
    return (resolved?.module === 'aws-iam' && PRINCIPAL_TYPES[resolved.names[0] ?? '']) || 'AWS::IAM::Role';
  }

  /** The kind of resource (a key of RESOURCE_KINDS) an expression denotes, from how the file creates it. */
  private resourceKindOf(expression: SyntaxNode): string | undefined {
    const node = this.target(expression);
    let resolved: Resolved | undefined;
    if (node?.type === 'new_expression') resolved = this.imports.resolve(pathOf(node.childForFieldName('constructor')));
    // `s3.Bucket.fromBucketName(this, 'B', name)`: the class of the static method.
    else if (node?.type === 'call_expression')
      resolved = this.imports.resolve(pathOf(node.childForFieldName('function')));
    const className = resolved?.names[0];
    if (resolved && className) return resourceKindOf(resolved.module, className);
    return node ? this.annotatedKindOf(node) : undefined;
  }

  /**
   * The kind of a name the file does not create but declares with a type: a parameter or property
   * (`bucket: s3.Bucket`, `readonly table: dynamodb.ITable`), the interface naming its class (`ITable`).
   * The first annotation of that name in the file; none when the type is not the CDK's.
   */
  private annotatedKindOf(node: SyntaxNode): string | undefined {
    const path = node.type === 'identifier' || node.type === 'member_expression' ? pathOf(node) : undefined;
    const name = path?.[path.length - 1];
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
    const annotation = new RegExp(
      `(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\??\\s*:\\s*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)?)`,
    ).exec(this.text);
    const resolved = annotation ? this.imports.resolveType(annotation[1]!.split('.')) : undefined;
    const type = resolved?.names[0];
    if (!resolved || !type) return undefined;
    return (
      resourceKindOf(resolved.module, type) ??
      (/^I[A-Z]/.test(type) ? resourceKindOf(resolved.module, type.slice(1)) : undefined)
    );
  }

  /**
   * The statement `new s3.Bucket(this, 'B', { enforceSSL: true })` adds to the bucket's policy when the
   * stack is synthesized (a Deny of `s3:*` without TLS), as a statement spanning the `enforceSSL` prop:
   * the bucket policy holds it, so the TLS rule must not say it is missing.
   */
  private sslDeny(receiver: SyntaxNode): Node | undefined {
    const bucket = this.target(receiver);
    if (bucket?.type !== 'new_expression') return undefined;
    const match = /\benforceSSL\s*:\s*true\b/.exec(this.text.slice(bucket.startIndex, bucket.endIndex));
    if (!match) return undefined;
    const span = { start: bucket.startIndex + match.index, end: bucket.startIndex + match.index + 'enforceSSL'.length };
    const scalar = (value: string): Node => ({ kind: 'scalar', span, value, text: value });
    const key = (text: string) => ({ text, span });
    return {
      kind: 'object',
      span,
      entries: [
        { key: key('Effect'), value: scalar('Deny') },
        { key: key('Principal'), value: scalar('*') },
        { key: key('Action'), value: scalar('s3:*') },
        { key: key('Resource'), value: { kind: 'unknown', span, text: `${labelOf(receiver)}.bucketArn` } },
        {
          key: key('Condition'),
          value: {
            kind: 'object',
            span,
            entries: [
              {
                key: key('Bool'),
                value: { kind: 'object', span, entries: [{ key: key('aws:SecureTransport'), value: scalar('false') }] },
              },
            ],
          },
        },
      ],
    };
  }

  /**
   * The edit that sets `enforceSSL: true` on the bucket a policy statement is added to, when the file
   * creates it with `new s3.Bucket(scope, id[, { ... }])`: a prop in its props object literal (after its
   * last one), or a props object where there is none. Undefined for any other shape.
   */
  private enforceSslEdit(receiver: SyntaxNode): { title: string; span: Span; newText: string } | undefined {
    const bucket = this.target(receiver);
    if (bucket?.type !== 'new_expression' || this.resourceKindOf(receiver) !== 'bucket') return undefined;
    const args = argumentsOf(bucket, this.text);
    const title = 'Set enforceSSL: true on the bucket (the CDK adds the statement denying requests without TLS)';
    if (args.length === 2)
      return { title, span: { start: args[1]!.endIndex, end: args[1]!.endIndex }, newText: ', { enforceSSL: true }' };
    const props = args[2];
    if (args.length !== 3 || props?.type !== 'object' || /\benforceSSL\b/.test(props.text)) return undefined;
    const members = itemsOf(props, this.text);
    const last = members[members.length - 1];
    if (!last)
      return { title, span: { start: props.startIndex + 1, end: props.startIndex + 1 }, newText: ' enforceSSL: true ' };
    // After the last prop, on a line of its own when the props are on several lines.
    const between = this.text.slice(last.endIndex, props.endIndex - 1);
    const comma = between.trimStart().startsWith(',');
    const at = comma ? last.endIndex + between.indexOf(',') + 1 : last.endIndex;
    const multiline = this.text.slice(props.startIndex, last.startIndex).includes('\n');
    const indent = multiline ? /[ \t]*$/.exec(this.text.slice(0, last.startIndex))![0] : '';
    const separator = multiline ? `\n${indent}` : ' ';
    return {
      title,
      span: { start: at, end: at },
      newText: comma ? `${separator}enforceSSL: true,` : `,${separator}enforceSSL: true`,
    };
  }

  /** A call or construct as a short description: `bucket.grantRead(fn)`. */
  private describe(node: SyntaxNode): string {
    const text = this.text.slice(node.startIndex, node.endIndex).replace(/\s+/g, ' ');
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }
}
