/**
 * `"Principal": "*"` in a resource or trust policy, unless a condition ties the request to an account,
 * organisation, network or source. What counts follows what AWS itself calls public:
 * - Amazon S3 User Guide, "Blocking public access / The meaning of public" (verified in
 *   awsdocs/amazon-s3-userguide, access-control-block-public-access.md): a policy is non-public only if
 *   it grants to fixed values (no wildcard, no policy variable) of a principal key (aws:PrincipalOrgID...),
 *   aws:SourceIp CIDRs (not wider than /8 for IPv4 or /32 for IPv6), aws:SourceArn, aws:SourceVpc,
 *   aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id,
 *   aws:userid (a role's sessions `AROLEID:*` allowed), s3:DataAccessPointArn (a wildcard access-point
 *   name allowed when the account is fixed) and s3:DataAccessPointAccount; `StringLike aws:SourceVpc
 *   "vpc-*"` is its own example of a public policy.
 * - IAM Access Analyzer's filter keys (awsdocs/iam-user-guide, access-analyzer-reference-filter-keys.md):
 *   the conditions its findings report as limiting access: aws:PrincipalArn, aws:PrincipalOrgID,
 *   aws:PrincipalOrgPaths, aws:SourceIp, aws:SourceVpc, aws:UserId, kms:CallerAccount (and the identity
 *   providers' aud/app_id keys, which concern Federated principals, not `*`).
 * A Deny of the same actions and resources to everyone unless one of those keys has a fixed value
 * (`StringNotEquals aws:SourceVpce`, the policy AWS documents for a private API) restricts the Allow as much
 * as the condition on it would: IAM Access Analyzer evaluates Deny statements too.
 * elasticfilesystem:AccessedViaMountTarget (Bool true) counts: only clients that reach a mount target, in
 * the file system's VPC, pass it (the EFS User Guide's policy for "mount targets only").
 * Our additions, by the same logic and not verified against Access Analyzer: aws:PrincipalAccount,
 * aws:PrincipalServiceName, aws:SourceOrgID, aws:SourceOrgPaths and aws:SourceVpcArn (fixed account,
 * organisation or network), and sns:Endpoint (only that endpoint can be subscribed, and its owner must
 * confirm). Not counted: kms:ViaService alone (any account's principal can call through the service),
 * lambda:FunctionUrlAuthType (AWS_IAM still admits every AWS account), aws:VpcSourceIp (the same private
 * address exists in every VPC), aws:ResourceAccount/aws:ResourceOrgID (in a resource policy they name the
 * resource's own account: every caller passes).
 */
import type { Catalog } from '../../catalog/catalog';
import type { PolicyDocument, Statement, Value } from '../../policy/model';
import type { Rule } from '../types';
import { effectOf, globMatcher, isAllow, literal, valuesOf } from '../../policy/values';
import { conditionVerdict, describeIgnored, wideIpRange, type RestrictingEntry } from '../../analysis/conditions';
import { isNegated, parseOperator } from '../../policy/operators';

/** The keys whose fixed values make `*` non-public, lower case. */
const NOT_PUBLIC_KEYS: ReadonlySet<string> = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:userid',
  'aws:principalservicename',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourcevpcarn',
  'aws:sourceip',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  'kms:calleraccount',
  'sns:endpoint',
  'elasticfilesystem:accessedviamounttarget',
]);

const ARN_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:principalarn',
  'aws:sourcevpcarn',
  's3:dataaccesspointarn',
]);

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

/**
 * Whether the statement's conditions make `*` non-public: the key that does, or the reasons the
 * conditions on such keys do not (for the message). An unknown Condition counts as restricting.
 */
function restriction(statement: Statement, catalog: Catalog): { by: string } | { notes: string[] } {
  const verdict = conditionVerdict(statement, catalog);
  if (verdict.unknown) return { by: 'the conditions' };
  const notes: string[] = [];
  for (const restricting of verdict.restricting) {
    const key = restricting.entry.key.text;
    if (!NOT_PUBLIC_KEYS.has(key.toLowerCase())) continue;
    const why = whyNotFixed(restricting);
    if (!why) return { by: key };
    notes.push(`${key} ${why}`);
  }
  for (const part of verdict.ignored)
    if (part.entry && NOT_PUBLIC_KEYS.has(part.entry.key.text.toLowerCase())) notes.push(describeIgnored(part));
  return { notes };
}

/**
 * Why an entry on a key that could restrict does not: undefined when it does. Only a positive operator
 * that holds on every request counts (IfExists passes requests without the key, anonymous ones among
 * them; a negated operator admits everyone else), with fixed values: no wildcard, no policy variable. A
 * value with an unknown part (an intrinsic) counts as fixed.
 */
function whyNotFixed({ entry, operator }: RestrictingEntry): string | undefined {
  if (operator.ifExists || operator.set === 'ForAllValues') return 'is tested only when present';
  if (isNegated(operator.base) || operator.base === 'Null') return `under ${operator.base} admits every other value`;
  return fixedValues({ entry, operator });
}

/** Why the entry's values do not name fixed accounts, networks or sources: undefined when they do. */
function fixedValues({ entry, operator }: Pick<RestrictingEntry, 'entry' | 'operator'>): string | undefined {
  if (entry.values.unknown) return undefined;
  const key = entry.key.text.toLowerCase();
  if (key === 'elasticfilesystem:accessedviamounttarget') {
    return operator.base === 'Bool' && entry.values.values.every((v) => v.kind !== 'string' || /^true$/i.test(v.text))
      ? undefined
      : 'is not Bool true';
  }
  for (const value of entry.values.values) {
    const text = value.kind === 'unknown' || value.parts ? undefined : value.text;
    if (text === undefined) continue;
    if (key === 'aws:sourceip') {
      if (operator.base !== 'IpAddress' || wideIpRange(text)) return `'${text}' is wider than /8 (IPv4) or /32 (IPv6)`;
    } else if (!fixed(key, text)) return `'${text}' is not a fixed value`;
  }
  return undefined;
}

/** A fixed value: no wildcard and no policy variable, but for the forms that still name one account, organisation or role. */
function fixed(key: string, text: string): boolean {
  if (text.includes('${')) return false;
  if (!/[*?]/.test(text)) return true;
  if (ARN_KEYS.has(key)) return /^\d{12}$/.test(text.split(':')[4] ?? '');
  if (key === 'aws:userid') return /^[A-Z0-9]+:\*$/.test(text);
  if (key.endsWith('orgpaths')) return /^o-[a-z0-9]+\//.test(text);
  return false;
}

/**
 * A Deny in the same document that takes back, from everyone, the statement's actions on its resources
 * unless a key of NOT_PUBLIC_KEYS has a fixed value (`StringNotEquals aws:SourceVpce vpce-1`): the Allow then
 * reaches only requests that carry that value. Returns the key and which statement denies, or undefined.
 * Coverage is judged on the text: the Deny's actions and resources must be `*`, the same text, or a
 * pattern that matches the Allow's (partly unknown values only by the same text).
 */
function denyingUnless(denies: readonly Statement[], allow: Statement): string | undefined {
  for (const deny of denies) {
    if (
      !covers(valuesOf(deny.action), valuesOf(allow.action), false) ||
      !covers(valuesOf(deny.resource), valuesOf(allow.resource), true)
    )
      continue;
    const condition = deny.condition;
    if (!condition || condition.unknown || condition.blocks.length === 0) continue;
    const entries = condition.blocks.flatMap((block) =>
      block.entries.map((entry) => ({ block, entry, operator: parseOperator(block.operator.text) })),
    );
    // Every entry must be a negated test of a key that ties the caller, with fixed values: the Deny then
    // applies to every request that does not carry them (a request without the key included).
    const keys = entries.map(({ entry, operator }) => {
      if (!operator || operator.ifExists || operator.set || !isNegated(operator.base)) return undefined;
      const key = entry.key.text;
      if (!NOT_PUBLIC_KEYS.has(key.toLowerCase())) return undefined;
      const positive = { ...operator, base: operator.base.replace('Not', '') as typeof operator.base };
      return fixedValues({ entry, operator: positive }) === undefined ? key : undefined;
    });
    if (keys.length > 0 && keys.every((k) => k !== undefined))
      return `${keys.join(', ')} (the Deny of statement ${deny.index + 1} refuses every other value)`;
  }
  return undefined;
}

/** The statements that may take a grant back from everyone (found once per document: a policy may hold thousands of statements). */
function denialsToEveryone(document: PolicyDocument): Statement[] {
  return document.statements.filter(
    (s) =>
      !s.unknown &&
      effectOf(s) === 'Deny' &&
      wildcardPrincipal(s) !== undefined &&
      !s.notAction &&
      !s.notResource &&
      s.condition !== undefined,
  );
}

/** True when every value of `narrow` is matched by one of `wide` (`*`, the same text, or a matching pattern). */
function covers(wide: readonly Value[], narrow: readonly Value[], caseSensitive: boolean): boolean {
  if (narrow.length === 0 || wide.length === 0) return false;
  const fold = (t: string) => (caseSensitive ? t : t.toLowerCase());
  return narrow.every((n) =>
    wide.some((w) => {
      if (fold(w.text) === fold(n.text)) return true;
      const pattern = literal(w);
      const target = literal(n);
      return pattern !== undefined && target !== undefined && globMatcher(pattern, caseSensitive)(target);
    }),
  );
}

export const publicPrincipal: Rule = {
  meta: {
    id: 'public-principal',
    name: 'Anyone can use it',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: ['ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'],
      checkov: [
        'CKV_AWS_60',
        'CKV_AWS_61',
        'CKV_AWS_33',
        'CKV_AWS_32',
        'CKV_AWS_72',
        'CKV_AWS_167',
        'CKV_AWS_168',
        'CKV_AWS_169',
      ],
    },
    docs: {
      what:
        'An Allow statement of a resource or trust policy (not a VPC endpoint policy, where `*` is the norm: only callers inside the VPC reach the endpoint) names `"Principal": "*"` (or `{"AWS": "*"}`) without a condition that ties the request to an account, organisation, network or source. ' +
        'What counts follows what AWS calls public. Amazon S3 ("The meaning of public", S3 User Guide) counts a policy as non-public only when it grants to fixed values (no wildcard, no policy variable) of a principal key, `aws:SourceIp` ranges no wider than /8 (IPv4) or /32 (IPv6), `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`, `s3:x-amz-server-side-encryption-aws-kms-key-id`, `aws:userid` (a role\'s sessions `AROLEID:*` allowed), `s3:DataAccessPointArn` (any access point of a fixed account) or `s3:DataAccessPointAccount`; IAM Access Analyzer\'s findings name `aws:PrincipalArn`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:SourceIp`, `aws:SourceVpc`, `aws:UserId` and `kms:CallerAccount` as the conditions that limit access (IAM User Guide, "IAM Access Analyzer filter keys"). ' +
        'This rule counts those keys, and by the same logic `aws:PrincipalAccount`, `aws:PrincipalServiceName`, `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:SourceVpcArn` and `sns:Endpoint`; an ARN with wildcards counts when its account is fixed, an organisation path when its organisation is. ' +
        'Not counted: a value with a wildcard (`StringLike aws:SourceVpc "vpc-*"`, S3\'s own example of a public policy) or a policy variable, `0.0.0.0/0` and other wide ranges, `...IfExists` (a request without the key, an anonymous one for instance, passes it), negated operators, an empty value list, and keys that do not tie the caller: `kms:ViaService` alone, `lambda:FunctionUrlAuthType`, `aws:VpcSourceIp` (the same private address exists in every VPC), `aws:ResourceAccount`. The message says which conditions were set aside and why. A Condition with an unknown part is not judged.',
      why: "Every AWS account in the world, and for many services anonymous callers, gets the statement's actions: a public bucket, queue, topic or key; a role anyone can assume.",
      example:
        '{ "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:orders" }',
      fix: 'Name the principals (accounts, roles, services), or add a condition with a fixed value such as `"StringEquals": { "aws:PrincipalOrgID": "o-..." }`, `aws:SourceVpce` for an endpoint, or, for a service, `aws:SourceArn`/`aws:SourceAccount`.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'resource' && document.kind !== 'trust') return;
    const denies = denialsToEveryone(document);
    for (const statement of document.statements) {
      if (!isAllow(statement) || statement.unknown) continue;
      const star = wildcardPrincipal(statement);
      if (!star) continue;
      const found = restriction(statement, ctx.catalog);
      if ('by' in found || denyingUnless(denies, statement)) continue;
      const notes = found.notes.length > 0 ? ` (${found.notes.slice(0, 2).join('; ')})` : '';
      ctx.report({
        span: star.span,
        message:
          document.kind === 'trust'
            ? `Any AWS principal in any account can assume this role: the trust policy allows "*" with no condition tying it to an account or organisation${notes}.`
            : `Anyone can use this ${document.resourceService ? `${document.resourceService} ` : ''}resource: "Principal": "*" with no condition tying requests to an account, organisation, network or source${notes}.`,
      });
    }
  },
};
