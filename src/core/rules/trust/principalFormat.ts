/** Principal elements IAM rejects, or reads differently from what they say: unknown keys, malformed services, wildcards inside ARNs. */
import type { PrincipalElement } from '../../policy/model';
import type { Report, Rule } from '../types';
import { hasWildcard, literal } from '../../policy/values';

const KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Service principals: `<name>.amazonaws.com`, regional forms, the China and isolated partitions' domains. */
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

function problems(element: PrincipalElement): Report[] {
  if (element.unknown) return [];
  const out: Report[] = [];
  for (const entry of element.entries) {
    const key = entry.key.text;
    if (!KEYS.includes(key)) {
      const right = KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
      out.push({
        span: entry.key.span,
        message: `'${key}' is not a principal type: use AWS, Service, Federated or CanonicalUser${right ? ` ('${right}', with that case)` : ''}.`,
        fixes: right
          ? [{ title: `Change to '${right}'`, edits: [{ span: entry.key.span, newText: right }], preferred: true }]
          : [],
      });
      continue;
    }
    if (entry.values.unknown) continue;
    for (const value of entry.values.values) {
      const text = literal(value);
      // `${region}`: a template's placeholder (a Terraform templatefile(), a policy file filled in by a
      // script), whose value we cannot know; policy variables are not allowed in a Principal either way.
      if (text === undefined || (key === 'AWS' && text === '*') || text.includes('${')) continue;
      if (hasWildcard(text)) {
        out.push({
          span: value.span,
          message: `Wildcards are not supported inside a ${key} principal ('${text}'): IAM rejects it. Name the principals, or use "*" with a condition such as aws:PrincipalArn (ArnLike).`,
        });
      } else if (key === 'Service' && !SERVICE.test(text)) {
        out.push({
          span: value.span,
          message: `'${text}' is not a service principal: they have the form <service>.amazonaws.com (e.g. lambda.amazonaws.com).`,
        });
      }
    }
  }
  return out;
}

export const invalidPrincipal: Rule = {
  meta: {
    id: 'invalid-principal',
    name: 'Invalid principal',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: {
      // Not INVALID_SERVICE_PRINCIPAL_FORMAT: Access Analyzer also applies it to aws:CalledVia values and
      // rejects AWS's own multi-label principals (application-signals.cloudwatch.amazonaws.com, in
      // CloudWatchApplicationSignalsReadOnlyAccess), which this rule accepts on purpose.
      accessAnalyzer: ['INVALID_PRINCIPAL_KEY', 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL'],
    },
    docs: {
      what: 'A `Principal` or `NotPrincipal` names a principal type other than `AWS`, `Service`, `Federated` and `CanonicalUser` (in that case), a service principal that is not of the form `<service>.amazonaws.com`, or a wildcard inside a principal value (`arn:aws:iam::111122223333:role/*`, `*.amazonaws.com`). `"AWS": "*"` is valid (and `public-principal`\'s concern); values with intrinsic functions are not checked.',
      why: 'IAM rejects the policy (the deployment fails), or, for principals some services accept loosely, the statement does not apply to whom its author meant.',
      example: '"Principal": { "AWS": "arn:aws:iam::111122223333:role/deploy-*" }',
      fix: 'Use one of the four principal types; write service principals as `<service>.amazonaws.com`; name principals in full, or use `"AWS": "*"` with an `ArnLike` condition on `aws:PrincipalArn` for a pattern.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (statement.unknown) continue;
      for (const element of [statement.principal, statement.notPrincipal]) {
        if (element) for (const problem of problems(element)) ctx.report(problem);
      }
    }
  },
};
