import type { Action } from '../../catalog/types';
import type { Statement } from '../../policy/model';
import { expandWildcardFixes } from '../fixes/expandWildcard';
import type { Rule, RuleContext } from '../types';
import { hasWildcard, isAllow, literal, starResource, valuesOf } from '../values';
import { isAdministrator, scopableActions, statementGrants } from '../../analysis/grants';
import { unconstrainedRuleOf } from './unconstrained';

/**
 * The actions an Allow statement's Action element grants (NotAction is left to allow-not-action), from
 * the statement's grants: the expansion is shared with the other least-privilege rules.
 */
export function grantedActions(statement: Statement, ctx: RuleContext): Action[] {
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
      what: 'An Allow statement of an identity policy grants `*` (every action of every service) or `service:*` (every action of a service). `*` on `*` without conditions is admin-access\'s finding alone. Resource policies are left to the principal rules: a KMS key policy giving its own account `kms:*` is AWS\'s documented default.',
      why: 'Full-service wildcards grant Write and Permissions-management actions the workload never uses, and every action AWS adds to the service later.',
      example: '"Action": "s3:*"',
      fix: 'List the actions the workload calls. Hover the wildcard to see what it grants; later versions offer a quick fix that expands it to its Read/List actions.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      // `*` on `*` is admin-access's finding alone.
      if (!isAllow(statement) || isAdministrator(statement)) continue;
      for (const value of valuesOf(statement.action)) {
        const text = literal(value);
        if (text === undefined) continue;
        if (text === '*') {
          ctx.report({ span: value.span, message: `"Action": "*" grants all ${ctx.catalog.allActions().length.toLocaleString('en')} actions of every AWS service.` });
        } else if (/^[^:*?]+:\*$/.test(text) && ctx.catalog.service(text.slice(0, -2))) {
          const service = ctx.catalog.service(text.slice(0, -2))!;
          const actions = ctx.catalog.actionsOf(service.prefix);
          const risky = actions.filter((a) => a.accessLevel === 'Write' || a.accessLevel === 'Permissions management').length;
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
      what: 'An Allow statement grants `"Action": "*"` on `"Resource": "*"` without conditions: full administrator access.',
      why: 'Whoever holds the policy can do anything in the account, including granting themselves and others more access and erasing the audit trail.',
      example: '{ "Effect": "Allow", "Action": "*", "Resource": "*" }',
      fix: 'Grant the actions and resources the workload needs. Keep administrator access to break-glass roles with MFA conditions.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement) || statement.condition) continue;
      const star = valuesOf(statement.action).find((v) => literal(v) === '*');
      if (star && starResource(statement)) {
        ctx.report({ span: star.span, message: 'This statement grants full administrator access: every action on every resource, without conditions.' });
      }
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
      what: 'An Allow statement in an identity policy grants, on `"Resource": "*"`, actions that support resource-level permissions. One `"*"` gets one finding: without conditions, Permissions-management actions are permissions-management\'s finding, Write actions unconstrained-write\'s, and `*` on `*` admin-access\'s; this rule reports the rest (Read, List and Tagging actions, or any statement with conditions).',
      why: 'The actions then apply to every such resource in the account (every bucket, every table, every key), not just the workload\'s own.',
      example: '{ "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*" }',
      fix: 'Name the resources (the hover on each action shows its ARN formats). Actions that support no resource types (e.g. `s3:ListAllMyBuckets`) need `*` and are not reported.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity') return;
    for (const statement of document.statements) {
      if (!isAllow(statement)) continue;
      const star = starResource(statement);
      // One finding per "*": admin-access, permissions-management and unconstrained-write say more.
      if (!star || isAdministrator(statement) || unconstrainedRuleOf(statement, ctx.catalog)) continue;
      // Counted and the first three named, not listed: `*` with a condition grants 22,000 actions.
      const scopable = statement.action ? scopableActions(statementGrants(statement, ctx.catalog)) : { count: 0, first: [] };
      if (scopable.count === 0) continue;
      const wildcards = valuesOf(statement.action).some((v) => hasWildcard(literal(v) ?? ''));
      const names = scopable.first.map((a) => a.fullName).join(', ');
      const more = scopable.count > 3 ? ` and ${scopable.count - 3} more` : '';
      ctx.report({
        span: star.span,
        message: `"Resource": "*" applies ${wildcards ? `${scopable.count} actions` : names + more} to every resource in the account, though ${scopable.count === 1 ? 'it supports' : 'they support'} resource-level permissions${wildcards ? ` (${names}${more})` : ''}.`,
      });
    }
  },
};
