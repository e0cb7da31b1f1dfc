/**
 * CDK principal objects (`new iam.ServicePrincipal('lambda.amazonaws.com')`, `new
 * iam.OpenIdConnectPrincipal(provider, conditions)`...) → the parts of an IAM Principal element, the
 * conditions the principal carries, and the action a role's trust policy allows it (as the CDK writes
 * them in aws-iam/lib/principals.js).
 */
import type { Span } from '../../../policy/model';
import type { Node, ObjectNode } from '../../tree';
import type { CdkImports } from './imports';
import { argumentsOf, memberCall, pathOf, spanOf, unwrap, type SyntaxNode } from './syntax';
import { unknownOf, type CodeValues } from './values';

type PrincipalKind = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

interface PrincipalPart {
  readonly kind: PrincipalKind;
  readonly value: Node;
  /** The principal class's name in the source: where the entry's key points. */
  readonly key: Span;
}

/** Conditions written with a principal: an object of operators, or unknown when they cannot be read. */
export type ConditionsSource =
  | { readonly node: ObjectNode; readonly open: boolean; readonly key: Span }
  | { readonly unknown: Node; readonly key: Span };

/** One principal, as a role's trust policy states it: one statement each. */
export interface ReadPrincipal {
  /** Empty and `unknown` when the expression is not a principal the file makes plain. */
  readonly parts: readonly PrincipalPart[];
  readonly unknown?: Node;
  readonly conditions: readonly ConditionsSource[];
  /** The action of its trust statement: `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`... (at the class name when implied). */
  readonly action: Node;
  readonly span: Span;
}

const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const MAX_DEPTH = 8;

export class PrincipalReader {
  constructor(
    private readonly imports: CdkImports,
    private readonly values: CodeValues,
  ) {}

  /** The principals an expression stands for (a CompositePrincipal is several). */
  read(expression: SyntaxNode | null | undefined, depth = 0): ReadPrincipal[] {
    const node = this.values.resolve(expression);
    if (!node || depth > MAX_DEPTH) return [this.unknown(expression)];
    if (node.type === 'call_expression') {
      const call = memberCall(node);
      const method = call?.method.text;
      // `principal.withConditions({...})`, `principal.withSessionTags()`: the principal, with more conditions.
      if (call && (method === 'withConditions' || method === 'withSessionTags')) {
        const inner = this.read(call.receiver, depth + 1);
        if (method === 'withSessionTags') return inner;
        const added = this.conditions(argumentsOf(node, this.values.text)[0], spanOf(call.method));
        return inner.map((p) => ({ ...p, conditions: [...p.conditions, ...added] }));
      }
      return [this.unknown(node)];
    }
    if (node.type !== 'new_expression') return [this.unknown(node)];
    const resolved = this.imports.resolve(pathOf(node.childForFieldName('constructor')));
    if (resolved?.module !== 'aws-iam' || resolved.names.length !== 1) return [this.unknown(node)];
    const name = resolved.names[0]!;
    const nameNode = unwrap(node.childForFieldName('constructor'));
    const key = spanOf(
      nameNode?.type === 'member_expression'
        ? (nameNode.childForFieldName('property') ?? nameNode)
        : (nameNode ?? node),
    );
    const args = argumentsOf(node, this.values.text);
    const one = (
      kind: PrincipalKind,
      value: Node,
      action = 'sts:AssumeRole',
      conditions: readonly ConditionsSource[] = [],
    ): ReadPrincipal[] => [
      {
        parts: [{ kind, value, key }],
        conditions,
        action: { kind: 'scalar', span: key, value: action, text: action },
        span: spanOf(node),
      },
    ];
    switch (name) {
      case 'ServicePrincipal':
        return one('Service', this.values.node(args[0]));
      case 'AccountPrincipal':
        // `"AWS": "123456789012"` is how IAM reads an account (the CDK writes its root ARN: the same).
        return one('AWS', this.values.node(args[0]));
      case 'AccountRootPrincipal':
        return one('AWS', {
          kind: 'template',
          span: spanOf(node),
          parts: ['arn:', { unknown: 'AWS::Partition' }, ':iam::', { unknown: 'AWS::AccountId' }, ':root'],
        });
      case 'ArnPrincipal':
        return one('AWS', this.values.node(args[0]));
      case 'AnyPrincipal':
        return one('AWS', { kind: 'scalar', span: spanOf(node), value: '*', text: '*' });
      case 'StarPrincipal':
        return one('*', { kind: 'scalar', span: spanOf(node), value: '*', text: '*' });
      case 'CanonicalUserPrincipal':
        return one('CanonicalUser', this.values.node(args[0]));
      case 'OrganizationPrincipal': {
        const condition = this.organization(args[0], key);
        return one(
          'AWS',
          { kind: 'scalar', span: spanOf(node), value: '*', text: '*' },
          'sts:AssumeRole',
          condition ? [condition] : [],
        );
      }
      case 'FederatedPrincipal': {
        const principal = one('Federated', this.values.node(args[0]), 'sts:AssumeRole', this.conditions(args[1], key));
        // The third argument names the action (`sts:AssumeRoleWithWebIdentity`...); the CDK's default is AssumeRole.
        return args[2] ? [{ ...principal[0]!, action: this.values.node(args[2]) }] : principal;
      }
      case 'WebIdentityPrincipal':
        return one('Federated', this.provider(args[0]), WEB_IDENTITY, this.conditions(args[1], key));
      case 'OpenIdConnectPrincipal':
        return one('Federated', this.provider(args[0]), WEB_IDENTITY, this.conditions(args[1], key));
      case 'SamlPrincipal':
        return one('Federated', this.provider(args[0]), 'sts:AssumeRoleWithSAML', this.conditions(args[1], key));
      case 'SessionTagsPrincipal':
        return this.read(args[0], depth + 1);
      case 'PrincipalWithConditions': {
        const added = this.conditions(args[1], key);
        return this.read(args[0], depth + 1).map((p) => ({ ...p, conditions: [...p.conditions, ...added] }));
      }
      case 'CompositePrincipal':
        return args.flatMap((arg) => this.read(arg, depth + 1));
      default:
        return [this.unknown(node)];
    }
  }

  /** Conditions given as an object literal (or a const bound to one); unknown otherwise. Nothing when absent. */
  conditions(expression: SyntaxNode | undefined, key: Span): ConditionsSource[] {
    if (!expression) return [];
    const node = this.values.resolve(expression);
    if (node?.type !== 'object') return [{ unknown: node ? unknownOf(node) : unknownOf(expression), key }];
    const { node: object, open } = this.values.object(node);
    // An operator's block with a spread or a computed key may hold any condition: that block is unknown.
    const entries = object.entries.map((e) =>
      this.values.isOpen(e.value)
        ? { key: e.key, value: { kind: 'unknown', span: e.value.span, text: '' } as Node }
        : e,
    );
    return [{ node: { ...object, entries }, open, key }];
  }

  /**
   * An identity provider as its ARN: `fromOpenIdConnectProviderArn(this, id, 'arn:...')` gives it; a
   * `new OpenIdConnectProvider(this, id, { url })` of the file has the ARN the url's host makes, in the
   * stack's account; a string is the ARN or the provider's name (`cognito-identity.amazonaws.com`).
   */
  private provider(expression: SyntaxNode | undefined): Node {
    let node = this.values.resolve(expression);
    // `provider.openIdConnectProviderArn`: the provider's ARN, as the provider itself gives it.
    const property = node?.type === 'member_expression' ? node.childForFieldName('property')?.text : undefined;
    if (node && (property === 'openIdConnectProviderArn' || property === 'samlProviderArn'))
      node = this.values.resolve(node.childForFieldName('object'));
    if (!node) return this.values.node(expression);
    const args = argumentsOf(node, this.values.text);
    if (node.type === 'call_expression') {
      const resolved = this.imports.resolve(pathOf(node.childForFieldName('function')));
      const method = resolved?.names[1];
      if (
        resolved?.module === 'aws-iam' &&
        (method === 'fromOpenIdConnectProviderArn' || method === 'fromSamlProviderArn')
      )
        return this.values.node(args[2]);
    }
    if (node.type === 'new_expression') {
      const resolved = this.imports.resolve(pathOf(node.childForFieldName('constructor')));
      const props = this.values.resolve(args[2]);
      if (
        resolved?.module === 'aws-iam' &&
        /^(OpenIdConnectProvider|OidcProviderNative)$/.test(resolved.names[0] ?? '') &&
        props?.type === 'object'
      ) {
        const url = this.values.object(props).node.entries.find((e) => e.key.text === 'url')?.value;
        if (url?.kind === 'scalar' && typeof url.value === 'string') {
          const host = url.value.replace(/^https:\/\//, '');
          return {
            kind: 'template',
            span: url.span,
            parts: [
              'arn:',
              { unknown: 'AWS::Partition' },
              ':iam::',
              { unknown: 'AWS::AccountId' },
              `:oidc-provider/${host}`,
            ],
          };
        }
      }
    }
    return this.values.node(node);
  }

  private organization(expression: SyntaxNode | undefined, key: Span): ConditionsSource | undefined {
    if (!expression) return undefined;
    const value = this.values.node(expression);
    const entry = { key: { text: 'aws:PrincipalOrgID', span: key }, value };
    return {
      node: {
        kind: 'object',
        span: key,
        entries: [{ key: { text: 'StringEquals', span: key }, value: { kind: 'object', span: key, entries: [entry] } }],
      },
      open: false,
      key,
    };
  }

  private unknown(expression: SyntaxNode | null | undefined): ReadPrincipal {
    const span = expression ? spanOf(expression) : { start: 0, end: 0 };
    const unknown: Node = expression ? unknownOf(expression) : { kind: 'unknown', span, text: '' };
    return {
      parts: [],
      unknown,
      conditions: [],
      action: { kind: 'scalar', span, value: 'sts:AssumeRole', text: 'sts:AssumeRole' },
      span,
    };
  }
}
