import { actionResourceTypes, arnCanBe, literalArnCanBe, policyArn } from '../../catalog/actionResources';
import type { PolicyArn } from '../../catalog/arn';
import type { Catalog } from '../../catalog/catalog';
import type { Action, ResourceType } from '../../catalog/types';
import type { Statement, Value } from '../../policy/model';
import type { Rule } from '../types';
import { hasWildcard, literal } from '../../policy/values';

interface StatementArns {
  /** Each ARN: its text when it is literal (answers about literal ARNs are remembered across lints), tokenised on demand. */
  readonly arns: readonly { readonly arn: () => PolicyArn; readonly text?: string }[];
  /** Whether some ARN can be of a type, memoised: the actions of a pattern share a few types. */
  readonly fits: Map<ResourceType, boolean>;
  /** True when some ARN has a wildcard or an unknown part: it may stand for "*" itself. */
  readonly loose: boolean;
}

/**
 * The statement's resources as ARNs, or undefined when the statement is not checked: no Resource, an
 * unknown list or value, `"*"`, or a value that is not an ARN (invalid-arn reports those).
 */
function resourceArns(statement: Statement): StatementArns | undefined {
  const element = statement.resource;
  if (!element || element.list.unknown || element.list.values.length === 0) return undefined;
  const arns: { arn: () => PolicyArn; text?: string }[] = [];
  let loose = false;
  for (const value of element.list.values) {
    if (value.kind !== 'string') return undefined;
    const first = value.parts ? value.parts[0] : value.text;
    if (typeof first !== 'string' || !first.startsWith('arn:') || !hasSixFields(value.text)) return undefined;
    loose ||= value.parts !== undefined || hasWildcard(value.text) || value.text.includes('${');
    arns.push(
      value.parts
        ? { arn: once(() => policyArn(value.parts!)) }
        : { arn: once(() => policyArn(value.text)), text: value.text },
    );
  }
  return { arns, loose, fits: new Map() };
}

/** At least five colons: the six fields of an ARN (counted without splitting: this runs per resource per lint). */
function hasSixFields(text: string): boolean {
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0 && colons < 5; i = text.indexOf(':', i + 1)) colons++;
  return colons >= 5;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Whether an action can apply to one of the ARNs; actions whose types the catalog cannot resolve always can. */
function applies(catalog: Catalog, action: Action, resources: StatementArns): boolean {
  if (action.wildcardOnly) return resources.loose;
  const types = actionResourceTypes(catalog, action);
  return (
    types === undefined ||
    types.some((rt) => {
      let fits = resources.fits.get(rt);
      if (fits === undefined) {
        fits = resources.arns.some(({ arn, text }) =>
          text === undefined ? arnCanBe(rt, arn()) : literalArnCanBe(rt, text, arn),
        );
        resources.fits.set(rt, fits);
      }
      return fits;
    })
  );
}

/** "object (arn:...), bucket (arn:...)" for a message, at most three. */
function describe(types: readonly ResourceType[]): string {
  const shown = types.slice(0, 3).map((rt) => `${rt.name} (${rt.arnFormat})`);
  return shown.join(', ') + (types.length > 3 ? `, and ${types.length - 3} more` : '');
}

function message(catalog: Catalog, text: string, actions: readonly Action[]): string {
  if (actions.length === 1) {
    const action = actions[0]!;
    if (action.wildcardOnly)
      return `'${action.fullName}' supports no resource ARN, only "Resource": "*": with these resources the statement does not cover it.`;
    return `'${action.fullName}' applies to none of this statement's resources: it takes ${describe(actionResourceTypes(catalog, action) ?? [])}.`;
  }
  const types = [...new Set(actions.flatMap((a) => actionResourceTypes(catalog, a) ?? []))];
  const takes =
    types.length > 0
      ? `they take ${describe(types)}${actions.some((a) => a.wildcardOnly) ? ', or only "*"' : ''}`
      : 'they support only "Resource": "*"';
  return `None of the ${actions.length} actions '${text}' matches applies to this statement's resources: ${takes}.`;
}

export const actionResourceMismatch: Rule = {
  meta: {
    id: 'action-resource-mismatch',
    name: 'Action that applies to none of the resources',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['RESOURCE_MISMATCH'], cfnLint: ['I3510'] },
    docs: {
      what: 'A statement lists an action that can act on none of its resources: `s3:GetObject` (objects, `arn:aws:s3:::bucket/key`) with only a bucket ARN, `s3:ListBucket` with only object ARNs, or an action that supports no resource type (`ec2:DescribeInstances`, `s3:ListAllMyBuckets`) with only specific ARNs. A pattern (`s3:Get*`) is reported only when none of the actions it matches applies. The finding is on the action, since it is the action that needs other resources; the message lists the resource types and ARN formats it takes. Statements with `"*"`, NotResource, or a resource known only at deploy time are not checked; a resource with a wildcard or a deploy-time part is taken to match when it could.',
      why: 'IAM accepts the statement but it does nothing for that action: an Allow fails at run time with AccessDenied, a Deny lets the action through.',
      example: '{ "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "arn:aws:s3:::reports" }',
      fix: 'Add the ARN the action needs (`arn:aws:s3:::reports/*` for objects), move the action to a statement with the right resources, or use `"*"` for actions that support no resource type.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (statement.unknown || !statement.action || statement.action.list.unknown) continue;
      const resources = resourceArns(statement);
      if (!resources) continue;
      for (const value of statement.action.list.values) {
        const found = mismatch(ctx.catalog, value, resources);
        if (found) ctx.report({ span: value.span, message: message(ctx.catalog, literal(value)!, found) });
      }
    }
  },
};

/** The actions of an Action value when none of them applies to the resources, else undefined. */
function mismatch(catalog: Catalog, value: Value, resources: StatementArns): readonly Action[] | undefined {
  const text = literal(value);
  if (text === undefined || text === '*') return undefined;
  const colon = text.indexOf(':');
  if (colon <= 0 || hasWildcard(text.slice(0, colon))) return undefined; // a pattern over services: too broad to be wrong
  const actions = catalog.expand(text).actions;
  if (actions.length === 0 || actions.some((a) => applies(catalog, a, resources))) return undefined;
  return actions;
}
