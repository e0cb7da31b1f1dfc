import type { Action } from '../../catalog/types';
import type { Catalog } from '../../catalog/catalog';
import { isNegated } from '../../policy/operators';
import type { Statement } from '../../policy/model';
import { expandWildcardFixes } from '../fixes/expandWildcard';
import type { Rule, RuleContext } from '../types';
import { hasWildcard, isAllow, literal, starResource, valuesOf } from '../../policy/values';
import { isAdministrator, namesEveryAction, scopableActions, statementGrants } from '../../analysis/grants';
import { conditionVerdict, unrestrictedNote } from '../../analysis/conditions';
import { RESTRICTING_CONDITION_DOC } from '../requiredConditions';
import { unconstrainedRuleOf } from './unconstrained';

/**
 * The actions an Allow statement's Action element grants (NotAction is left to allow-not-action), from
 * the statement's grants: the expansion is shared with the other least-privilege rules.
 */
function grantedActions(statement: Statement, ctx: RuleContext): Action[] {
  return statement.action ? [...statementGrants(statement, ctx.catalog).actions.keys()] : [];
}

export const wildcardAction: Rule = {
  meta: {
    id: 'wildcard-action',
    name: 'Wildcard action',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_49', 'CKV_AWS_63', 'CKV2_AWS_40'], cdkNag: ['AwsSolutions-IAM5'] },
    docs: {
      what: "An Allow statement of an identity policy grants `*` (every action of every service) or `service:*` (every action of a service). `*` on `*` without conditions is admin-access's finding alone. Resource policies are left to the principal rules: a KMS key policy giving its own account `kms:*` is AWS's documented default.",
      why: 'Full-service wildcards grant Write and Permissions-management actions the workload never uses, and every action AWS adds to the service later.',
      example: '"Action": "s3:*"',
      fix: 'List the actions the workload calls. Hover the wildcard to see what it grants; the quick fixes replace it with its actions at Read and List level, or with all of them, written out.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      // `*` on `*` is admin-access's finding alone.
      if (!isAllow(statement) || isAdministrator(statement, ctx.catalog)) continue;
      for (const value of valuesOf(statement.action)) {
        const text = literal(value);
        if (text === undefined) continue;
        if (namesEveryAction(text, ctx.catalog)) {
          ctx.report({
            span: value.span,
            message: `"Action": "${text}" grants all ${ctx.catalog.allActions().length.toLocaleString('en')} actions of every AWS service.`,
          });
        } else if (/^[^:*?]+:\*$/.test(text) && ctx.catalog.service(text.slice(0, -2))) {
          const service = ctx.catalog.service(text.slice(0, -2))!;
          const actions = ctx.catalog.actionsOf(service.prefix);
          const risky = actions.filter(
            (a) => a.accessLevel === 'Write' || a.accessLevel === 'Permissions management',
          ).length;
          ctx.report({
            span: value.span,
            message: `'${text}' grants every ${service.name} action (${actions.length}, of which ${risky} Write or Permissions management) and any added later.`,
            fixes: expandWildcardFixes(ctx.text, ctx.source.format, ctx.catalog, value, statement.action!.list),
          });
        }
      }
    }
  },
};

export const adminAccess: Rule = {
  meta: {
    id: 'admin-access',
    name: 'Full administrator access',
    family: 'least-privilege',
    defaultSeverity: 'error',
    equivalents: { checkov: ['CKV_AWS_1', 'CKV_AWS_62'], cdkNag: ['AwsSolutions-IAM4'] },
    docs: {
      what:
        'An Allow statement of an identity policy grants every action on every resource with no Condition that restricts: full administrator access. ' +
        'Every spelling counts: `"Action": "*"` or a pattern that matches every action (`*:*`); a `NotAction` whose exclusions match no action (an empty list, a misspelt name), which excludes nothing; ' +
        '`"Resource": "*"` or an ARN of wildcards (`arn:aws:*:*:*:*`); a `NotResource` whose exclusions leave IAM granted (with IAM the holder can grant itself the rest; exclusions that may cover IAM are left to allow-not-resource). ' +
        `${RESTRICTING_CONDITION_DOC} A Condition with an unknown part (an intrinsic) counts: nothing is reported on what cannot be read.`,
      why: 'Whoever holds the policy can do anything in the account, including granting themselves and others more access and erasing the audit trail.',
      example: '{ "Effect": "Allow", "Action": "*", "Resource": "*" }',
      fix: 'Grant the actions and resources the workload needs. Keep administrator access to break-glass roles with MFA conditions.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement)) continue;
      const via = statementGrants(statement, ctx.catalog).administrator;
      if (!via) continue;
      // The NotAction key when the exclusions exclude nothing; else the Action value naming every action.
      const how = 'kind' in via ? '' : ` (its ${via.text} excludes no action)`;
      ctx.report({
        span: via.span,
        message: `This statement grants full administrator access: every action on every resource${how}, with no condition that restricts it.${unrestrictedNote(conditionVerdict(statement, ctx.catalog))}`,
      });
    }
  },
};

export const resourceStar: Rule = {
  meta: {
    id: 'resource-star',
    name: 'Resource "*" on actions that can be scoped',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['RESOURCE_STAR'], checkov: ['CKV_AWS_355', 'CKV_AWS_356'] },
    docs: {
      what:
        'An Allow statement in an identity policy grants, on `"Resource": "*"`, actions that support resource-level permissions. One `"*"` gets one finding: without conditions, Permissions-management actions are permissions-management\'s finding, Write actions unconstrained-write\'s, and `*` on `*` admin-access\'s; this rule reports the rest (Read and Tagging actions, or any statement with conditions). ' +
        'List actions are never reported (`ec2:Describe*` on `"*"` is how listing works), and a statement that only reads is reported as information. ' +
        'A condition that scopes the request removes the finding: a tag of the resource or of the request (`aws:ResourceTag/...`, `aws:RequestTag/...`, `ec2:ResourceTag/...`, with a positive operator, not `ForAllValues:`, or `"Null": "false"`, the tag must be there), the resource\'s account or organisation (`aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths`), or a key the Service Authorization Reference lists for one of the actions that names resources (an id or ARN key such as `ec2:SubnetID` or `s3:DataAccessPointArn`, `iam:AWSServiceName`, `cloudwatch:namespace`, `s3:prefix`, `dynamodb:LeadingKeys`), tested with a positive operator (an action the key does not apply to is then not granted at all). A key that describes what the request carries (`s3:x-amz-acl`, `iam:PassedToService`) limits the request, not the resources: the finding stays. ' +
        'A region key (`aws:RequestedRegion`, `ec2:Region`) limits the region, and `aws:ViaAWSService`/`aws:CalledVia`/`kms:ViaService` limit the actions to calls an AWS service makes for the principal, not the resources: the finding becomes information and says so. Transport keys (`s3:TlsVersion`, `s3:signatureversion`...) and conditions on the caller (`aws:SourceIp`, `aws:MultiFactorAuthPresent`) leave it as it is.',
      why: "The actions then apply to every such resource in the account (every bucket, every table, every key), not just the workload's own.",
      example:
        '{ "Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "*", "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } } }',
      fix: 'Name the resources (the hover on each action shows its ARN formats), or scope them with a condition such as `aws:ResourceTag/...`. Actions that support no resource types (e.g. `s3:ListAllMyBuckets`) need `*` and are not reported.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement)) continue;
      const star = starResource(statement);
      // One finding per "*": admin-access, permissions-management and unconstrained-write say more.
      if (!star || isAdministrator(statement, ctx.catalog) || unconstrainedRuleOf(statement, ctx.catalog)) continue;
      // Listing needs "*" by its nature; actions without resource types cannot be scoped. Counted, and the
      // first three named, without listing them: `*` with a condition grants 22,000 actions.
      const scopable = scopableBeyondListing(statement, ctx);
      if (scopable.count === 0) continue;
      const scope = statement.condition
        ? scopingCondition(
            statement,
            () => grantedActions(statement, ctx).filter((a) => !a.wildcardOnly && a.accessLevel !== 'List'),
            ctx.catalog,
          )
        : undefined;
      if (scope && !scope.region) continue;
      const readOnly = scopable.count === scopableActions(statementGrants(statement, ctx.catalog), 'Read').count;
      const limits = scope?.via
        ? 'how the actions are called (through an AWS service, for the principal)'
        : 'the regions';
      const why = scope
        ? ` The condition on ${scope.key} limits ${limits}, not the resources: reported as information.`
        : readOnly
          ? ' Reported as information: the actions only read.'
          : '';
      ctx.report({
        span: star.span,
        message: resourceStarMessage(statement, scopable) + why,
        ...((scope || readOnly) && { severity: 'info' as const }),
      });
    }
  },
};

/** The granted actions that can be scoped and are not List level: how many, and the first three in the order written. */
function scopableBeyondListing(statement: Statement, ctx: RuleContext): { count: number; first: Action[] } {
  if (!statement.action) return { count: 0, first: [] };
  const grants = statementGrants(statement, ctx.catalog);
  const count = (['Read', 'Write', 'Permissions management', 'Tagging'] as const).reduce(
    (n, level) => n + scopableActions(grants, level).count,
    0,
  );
  const first: Action[] = [];
  if (count > 0) {
    for (const action of grants.actions.keys()) {
      if (action.wildcardOnly || action.accessLevel === 'List') continue;
      first.push(action);
      if (first.length === 3) break;
    }
  }
  return { count, first };
}

function resourceStarMessage(statement: Statement, scopable: { count: number; first: readonly Action[] }): string {
  const wildcards = valuesOf(statement.action).some((v) => hasWildcard(literal(v) ?? ''));
  const names = scopable.first.map((a) => a.fullName).join(', ');
  const more = scopable.count > 3 ? ` and ${scopable.count - 3} more` : '';
  return `"Resource": "*" applies ${wildcards ? `${scopable.count} actions` : names + more} to every resource in the account, though ${scopable.count === 1 ? 'it supports' : 'they support'} resource-level permissions${wildcards ? ` (${names}${more})` : ''}.`;
}

/** Global keys that name the resource (or what a request creates), whatever the action lists. */
const RESOURCE_KEYS = /^aws:(resourcetag\/.+|requesttag\/.+|resourceaccount|resourceorgid|resourceorgpaths)$/i;
/** Tag keys, global or a service's (`ec2:ResourceTag/...`, `autoscaling:ResourceTag/...`): they name the resource by its tags. */
const TAG_KEYS = /^[a-z0-9-]+:(resourcetag|requesttag)\/.+$/i;
/** Keys about how the request travels, not what it reaches. */
const TRANSPORT_KEYS = /:(tlsversion|authtype|signatureage|signatureversion|x-amz-content-sha256)$/i;
/** Keys that limit the region: every resource there stays reachable. */
const REGION_KEYS = /^(aws:requestedregion|[a-z0-9-]+:region)$/i;
/** Keys that limit the actions to calls an AWS service makes for the principal: how, not which resources. */
const VIA_SERVICE_KEYS = /^(aws:(viaawsservice|calledvia|calledviafirst|calledvialast)|kms:viaservice)$/i;

/**
 * The key of a restricting, positive condition entry that scopes the request to resources: a global
 * resource key, or a service key the catalog lists for one of the actions (its own keys or its resource
 * types'). A positive operator on a key an action does not carry fails for that action, so the
 * statement grants it nowhere: scoped or not granted, never every resource. `region` when the only
 * scoping key limits the region. Undefined when nothing scopes.
 */
function scopingCondition(
  statement: Statement,
  actions: () => readonly Action[],
  catalog: Catalog,
): { key: string; region: boolean; via?: boolean } | undefined {
  let region: string | undefined;
  let via: string | undefined;
  let listed: Set<string> | undefined;
  for (const { entry, operator } of conditionVerdict(statement, catalog).restricting) {
    const key = entry.key.text;
    // `"Null": {"aws:ResourceTag/team": "false"}`: only resources that carry the tag (the pattern AWS's
    // controllers for EKS use, with their own tag keys).
    if (
      operator.base === 'Null' &&
      !operator.set &&
      TAG_KEYS.test(key) &&
      !entry.values.unknown &&
      entry.values.values.every((v) => /^false$/i.test(v.text))
    )
      return { key, region: false };
    // ForAllValues passes a request without the key (an untagged resource): no scope.
    if (isNegated(operator.base) || operator.base === 'Null' || operator.ifExists || operator.set === 'ForAllValues')
      continue;
    if (REGION_KEYS.test(key)) region ??= key;
    else if (VIA_SERVICE_KEYS.test(key)) via ??= key;
    else if (RESOURCE_KEYS.test(key) || TAG_KEYS.test(key)) return { key, region: false };
    else if (!key.toLowerCase().startsWith('aws:') && !TRANSPORT_KEYS.test(key) && namesResources(key, catalog)) {
      listed ??= keysOf(actions(), catalog);
      const name = catalog.conditionKey(key)?.name.toLowerCase();
      if (name && listed.has(name)) return { key, region: false };
    }
  }
  if (region) return { key: region, region: true };
  return via ? { key: via, region: true, via: true } : undefined;
}

/**
 * Service keys that say which resources a request reaches: a resource's id or ARN (`ec2:SubnetID`,
 * `s3:DataAccessPointArn`, ARN-typed keys), and keys that name the part of a service a request touches
 * (the service-linked role's service, a metric namespace, an object prefix, an item's leading key). Keys
 * that describe what the request carries (`s3:x-amz-acl`, `iam:PassedToService`) limit the request, not
 * the resources: they leave the finding as it is.
 */
const SCOPING_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'iam:awsservicename',
  'cloudwatch:namespace',
  's3:prefix',
  'dynamodb:leadingkeys',
  's3:dataaccesspointaccount',
]);

function namesResources(key: string, catalog: Catalog): boolean {
  const lower = key.toLowerCase();
  return SCOPING_SERVICE_KEYS.has(lower) || /(id|arn)$/.test(lower) || catalog.conditionKey(key)?.type === 'ARN';
}

/** The condition keys the catalog lists for the actions and their resource types, lower case. */
function keysOf(actions: readonly Action[], catalog: Catalog): Set<string> {
  const keys = new Set<string>();
  for (const action of actions) {
    for (const k of action.conditionKeys) keys.add(k.toLowerCase());
    for (const rt of action.resourceTypes) {
      for (const k of rt.conditionKeys) keys.add(k.toLowerCase());
      for (const k of catalog.resourceType(action.service.prefix, rt.name)?.conditionKeys ?? [])
        keys.add(k.toLowerCase());
    }
  }
  return keys;
}
