import type { Catalog } from '../../catalog/catalog';
import type { Statement, Value } from '../../policy/model';
import type { Rule } from '../types';
import { requiresAnyKey } from '../requiredConditions';
import { isAllow, literal } from '../values';

/** Condition keys that tie a request to an account, organisation, network or caller: not public any more. */
const RESTRICTING_KEYS = [
  'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn',
  'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceVpcArn', 'aws:SourceIp',
  'aws:VpcSourceIp', 'aws:userid', 'aws:SourceOwner', 'aws:PrincipalServiceName', 'kms:CallerAccount', 'kms:ViaService',
  'sns:Endpoint', 'lambda:FunctionArn', 'aws:ResourceAccount', 'aws:ResourceOrgID',
];

/** The `*` that makes a statement's Principal everyone: `"Principal": "*"` or `{"AWS": "*"}`. */
function wildcardPrincipal(statement: Statement): Value | undefined {
  const principal = statement.principal;
  if (!principal || principal.unknown) return undefined;
  if (principal.wildcard && literal(principal.wildcard) === '*') return principal.wildcard;
  for (const entry of principal.entries) {
    if (entry.kind !== 'AWS' || entry.values.unknown) continue;
    const star = entry.values.values.find((v) => literal(v) === '*');
    if (star) return star;
  }
  return undefined;
}

function restricted(statement: Statement, catalog: Catalog): boolean {
  if (statement.condition?.unknown) return true; // cannot tell: never a false positive
  return requiresAnyKey(statement, catalog, RESTRICTING_KEYS);
}

export const publicPrincipal: Rule = {
  meta: {
    id: 'public-principal',
    name: 'Anyone can use it',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: ['ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'],
      checkov: ['CKV_AWS_60', 'CKV_AWS_61', 'CKV_AWS_33', 'CKV_AWS_32', 'CKV_AWS_72', 'CKV_AWS_167', 'CKV_AWS_168', 'CKV_AWS_169'],
    },
    docs: {
      what: 'An Allow statement of a resource or trust policy (not a VPC endpoint policy, where `*` is the norm: only callers inside the VPC reach the endpoint) names `"Principal": "*"` (or `{"AWS": "*"}`) without a condition that ties the request to an account, organisation, network or source (`aws:PrincipalOrgID`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce`, `aws:SourceIp`...). Conditions with `...IfExists` do not count: a request without the key passes them.',
      why: 'Every AWS account in the world, and for many services anonymous callers, gets the statement\'s actions: a public bucket, queue, topic or key; a role anyone can assume.',
      example: '{ "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:orders" }',
      fix: 'Name the principals (accounts, roles, services), or add a condition such as `"StringEquals": { "aws:PrincipalOrgID": "o-..." }` or, for a service, `aws:SourceArn`/`aws:SourceAccount`.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'resource' && document.kind !== 'trust') return;
    for (const statement of document.statements) {
      if (!isAllow(statement) || statement.unknown) continue;
      const star = wildcardPrincipal(statement);
      if (!star || restricted(statement, ctx.catalog)) continue;
      ctx.report({
        span: star.span,
        message:
          document.kind === 'trust'
            ? 'Any AWS principal in any account can assume this role: the trust policy allows "*" with no condition tying it to an account or organisation.'
            : `Anyone can use this ${document.resourceService ? `${document.resourceService} ` : ''}resource: "Principal": "*" with no condition tying requests to an account, organisation, network or source.`,
      });
    }
  },
};
