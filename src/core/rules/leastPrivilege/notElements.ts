import type { Rule } from '../types';
import { isAllow } from '../values';

export const allowNotAction: Rule = {
  meta: {
    id: 'allow-not-action',
    name: 'Allow with NotAction',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['NOTACTION_WITH_ALLOW'] },
    docs: {
      what: 'An Allow statement uses `NotAction`: it grants every action except the ones listed.',
      why: 'It grants thousands of actions, including every action AWS adds later, across all services.',
      example: '{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }',
      fix: 'List the actions to allow with `Action`. `NotAction` belongs in Deny statements.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (isAllow(statement) && statement.notAction) {
        ctx.report({ span: statement.notAction.key.span, message: 'Allow with NotAction grants every action of every service except those listed, including actions added later.' });
      }
    }
  },
};

export const allowNotResource: Rule = {
  meta: {
    id: 'allow-not-resource',
    name: 'Allow with NotResource',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['NOTRESOURCE_WITH_ALLOW'], accessAnalyzer: ['PASS_ROLE_WITH_NOTRESOURCE'] },
    docs: {
      what: 'An Allow statement uses `NotResource`: it grants its actions on every resource except the ones listed.',
      why: 'It covers every other resource in the account, including ones created later.',
      example: '{ "Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::audit-logs/*" }',
      fix: 'List the resources to allow with `Resource`. `NotResource` belongs in Deny statements.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (isAllow(statement) && statement.notResource) {
        ctx.report({ span: statement.notResource.key.span, message: 'Allow with NotResource grants the actions on every resource except those listed, including resources created later.' });
      }
    }
  },
};

export const allowNotPrincipal: Rule = {
  meta: {
    id: 'allow-not-principal',
    name: 'Allow with NotPrincipal',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['ALLOW_WITH_NOTPRINCIPAL'], parliament: ['NOTPRINCIPAL_WITH_ALLOW'] },
    docs: {
      what: 'An Allow statement in a resource or trust policy uses `NotPrincipal`.',
      why: 'It grants access to every principal except the ones listed: anonymous users and every other AWS account included.',
      example: '{ "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "s3:GetObject", "Resource": "..." }',
      fix: 'Name the principals to allow with `Principal`.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (isAllow(statement) && statement.notPrincipal) {
        ctx.report({ span: statement.notPrincipal.key.span, message: 'Allow with NotPrincipal grants access to every principal except those listed, anonymous and other accounts included.' });
      }
    }
  },
};
