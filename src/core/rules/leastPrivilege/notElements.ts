import type { Rule, RuleMeta } from '../types';
import { isAllow } from '../../policy/values';
import { isAdministrator } from '../../analysis/grants';

/**
 * A rule that reports the `Not...` element of every Allow statement that has one; in an identity policy,
 * a NotAction or NotResource that leaves administrator access is admin-access's finding alone.
 */
function allowWith(element: 'notAction' | 'notResource' | 'notPrincipal', meta: RuleMeta, message: string): Rule {
  return {
    meta,
    check(document, ctx) {
      for (const statement of document.statements) {
        const found = statement[element];
        if (!isAllow(statement) || !found) continue;
        if (element !== 'notPrincipal' && document.kind === 'identity' && isAdministrator(statement, ctx.catalog))
          continue;
        ctx.report({ span: found.key.span, message });
      }
    },
  };
}

export const allowNotAction = allowWith(
  'notAction',
  {
    id: 'allow-not-action',
    name: 'Allow with NotAction',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['NOTACTION_WITH_ALLOW'] },
    docs: {
      what: 'An Allow statement uses `NotAction`: it grants every action except the ones listed. In an identity policy, a `NotAction` whose exclusions match no action (an empty list, a misspelt name) on every resource is administrator access: admin-access reports it instead.',
      why: 'It grants thousands of actions, including every action AWS adds later, across all services.',
      example: '{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }',
      fix: 'List the actions to allow with `Action`. `NotAction` belongs in Deny statements.',
    },
  },
  'Allow with NotAction grants every action of every service except those listed, including actions added later.',
);

export const allowNotResource = allowWith(
  'notResource',
  {
    id: 'allow-not-resource',
    name: 'Allow with NotResource',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['NOTRESOURCE_WITH_ALLOW'], accessAnalyzer: ['PASS_ROLE_WITH_NOTRESOURCE'] },
    docs: {
      what: 'An Allow statement uses `NotResource`: it grants its actions on every resource except the ones listed. In an identity policy, `"Action": "*"` with a `NotResource` that leaves IAM\'s resources granted is administrator access: admin-access reports it instead.',
      why: 'It covers every other resource in the account, including ones created later.',
      example: '{ "Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::audit-logs/*" }',
      fix: 'List the resources to allow with `Resource`. `NotResource` belongs in Deny statements.',
    },
  },
  'Allow with NotResource grants the actions on every resource except those listed, including resources created later.',
);

export const allowNotPrincipal = allowWith(
  'notPrincipal',
  {
    id: 'allow-not-principal',
    name: 'Allow with NotPrincipal',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['ALLOW_WITH_NOTPRINCIPAL'], parliament: ['NOTPRINCIPAL_WITH_ALLOW'] },
    docs: {
      what: 'An Allow statement in a resource or trust policy uses `NotPrincipal`.',
      why: 'It grants access to every principal except the ones listed: anonymous users and every other AWS account included.',
      example:
        '{ "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "s3:GetObject", "Resource": "..." }',
      fix: 'Name the principals to allow with `Principal`.',
    },
  },
  'Allow with NotPrincipal grants access to every principal except those listed, anonymous and other accounts included.',
);
