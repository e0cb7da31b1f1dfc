/**
 * Write and Permissions-management actions on `"Resource": "*"` without conditions. One finding per
 * `"*"` value, from one rule: administrator access (`*` on `*`) is admin-access's alone; otherwise
 * permissions-management when the statement grants Permissions-management actions, else
 * unconstrained-write when it grants Write actions, else resource-star (Read, List, Tagging, or any
 * statement with conditions). Actions that support no resource types need `"*"` and are not counted.
 */
import type { AccessLevel } from '../../catalog/types';
import type { Catalog } from '../../catalog/catalog';
import {
  isAdministrator,
  scopableActions,
  statementGrants,
  type ScopableActions,
  type StatementGrants,
} from '../../analysis/grants';
import type { PolicyDocument, Statement } from '../../policy/model';
import type { Rule, RuleContext } from '../types';
import { isAllow, valuesOf } from '../../policy/values';
import { conditionRestricts, conditionVerdict, unrestrictedNote } from '../../analysis/conditions';
import { RESTRICTING_CONDITION_DOC } from '../requiredConditions';
import { reachOf } from '../../analysis/resources';

const NONE: ScopableActions = { count: 0, first: [] };

/**
 * The actions of `level` the statement grants on every resource without conditions, that could be
 * scoped: how many, and the first few (counted once per statement, not listed: a NotAction grants
 * thousands).
 */
function scopableOnEverything(grants: StatementGrants, level: AccessLevel): ScopableActions {
  if (
    grants.effect !== 'Allow' ||
    grants.conditional ||
    grants.resources.everything.length === 0 ||
    grants.countByLevel[level] === 0
  )
    return NONE;
  return scopableActions(grants, level);
}

/** Which of the two rules reports the statement's `"*"`, if either. */
export function unconstrainedRuleOf(
  statement: Statement,
  catalog: Catalog,
): 'permissions-management' | 'unconstrained-write' | undefined {
  // Only an unconditional Allow on every resource can be either: decided without expanding its actions.
  if (!onEverythingWithoutConditions(statement, catalog) || isAdministrator(statement, catalog)) return undefined;
  const grants = statementGrants(statement, catalog);
  if (scopableOnEverything(grants, 'Permissions management').count > 0) return 'permissions-management';
  if (scopableOnEverything(grants, 'Write').count > 0) return 'unconstrained-write';
  return undefined;
}

/** An Allow with no Condition that restricts, whose Resource reaches everything (`"*"`, an all-wildcard ARN). */
function onEverythingWithoutConditions(statement: Statement, catalog: Catalog): boolean {
  return (
    isAllow(statement) &&
    valuesOf(statement.resource).some((v) => reachOf(v) === 'everything') &&
    !conditionRestricts(statement, catalog)
  );
}

function named(actions: ScopableActions): string {
  const shown = actions.first.map((a) => a.fullName).join(', ');
  return actions.count > 3 ? `${shown} and ${actions.count - 3} more` : shown;
}

function checkLevel(
  document: PolicyDocument,
  ctx: RuleContext,
  rule: string,
  describe: (grants: StatementGrants) => string,
): void {
  if (document.kind !== 'identity') return;
  for (const statement of document.statements) {
    if (unconstrainedRuleOf(statement, ctx.catalog) !== rule) continue;
    const grants = statementGrants(statement, ctx.catalog);
    ctx.report({
      span: grants.resources.everything[0]!.span,
      message: describe(grants) + unrestrictedNote(conditionVerdict(statement, ctx.catalog)),
    });
  }
}

export const permissionsManagement: Rule = {
  meta: {
    id: 'permissions-management',
    name: 'Permissions management on any resource',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['PERMISSIONS_MANAGEMENT_ACTIONS'], checkov: ['CKV_AWS_109'] },
    docs: {
      what:
        'An Allow statement of an identity policy grants actions of the Permissions management access level (`iam:PutRolePolicy`, `s3:PutBucketPolicy`, `kms:CreateGrant`...) on `"Resource": "*"` (or an all-wildcard ARN) without conditions. ' +
        `${RESTRICTING_CONDITION_DOC} ` +
        'Only actions that support resource-level permissions count. One `"*"` gets one finding: administrator access is admin-access\'s, and a statement reported here is not also reported by unconstrained-write or resource-star.',
      why: 'Permissions-management actions change who may do what: on every resource they let the holder grant itself, or anyone, access to every role, bucket, key or queue in the account.',
      example: '{ "Effect": "Allow", "Action": ["iam:AttachRolePolicy", "s3:PutBucketPolicy"], "Resource": "*" }',
      fix: 'Name the roles, buckets or keys the workload manages, or add conditions (e.g. `iam:PermissionsBoundary`, `aws:ResourceTag/...`) that bound what it can grant.',
    },
  },
  check(document, ctx) {
    checkLevel(document, ctx, 'permissions-management', (grants) => {
      const pm = scopableOnEverything(grants, 'Permissions management');
      const write = scopableOnEverything(grants, 'Write').count;
      const alsoWrite = write > 0 ? `, and ${write} Write action${write === 1 ? '' : 's'},` : '';
      return `"Resource": "*" without conditions grants ${pm.count} Permissions-management action${pm.count === 1 ? '' : 's'} (${named(pm)})${alsoWrite} on every resource in the account.`;
    });
  },
};

export const unconstrainedWrite: Rule = {
  meta: {
    id: 'unconstrained-write',
    name: 'Write on any resource',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_111'] },
    docs: {
      what:
        'An Allow statement of an identity policy grants Write actions on `"Resource": "*"` (or an all-wildcard ARN) without conditions, and no Permissions-management actions (those are permissions-management\'s finding, which counts the Write actions too). ' +
        `${RESTRICTING_CONDITION_DOC} ` +
        'Only actions that support resource-level permissions count (`cloudwatch:PutMetricData` needs `"*"`). resource-star does not report the same `"*"`; admin-access alone reports `*` on `*`.',
      why: 'Write actions create, change and delete resources: on `"*"` they reach every table, bucket, function or instance in the account, not only the workload\'s own.',
      example: '{ "Effect": "Allow", "Action": "dynamodb:DeleteTable", "Resource": "*" }',
      fix: 'Name the resources the workload writes (hover an action for its ARN formats), or add a condition such as `aws:ResourceTag/...`.',
    },
  },
  check(document, ctx) {
    checkLevel(document, ctx, 'unconstrained-write', (grants) => {
      const write = scopableOnEverything(grants, 'Write');
      return `"Resource": "*" without conditions grants ${write.count} Write action${write.count === 1 ? '' : 's'} (${named(write)}) on every resource in the account.`;
    });
  },
};
