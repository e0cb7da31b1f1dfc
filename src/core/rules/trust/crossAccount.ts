/**
 * Roles that trust a whole AWS account (`"AWS": "123456789012"` or `arn:aws:iam::123456789012:root`):
 * every user and role of that account whose own policies allow `sts:AssumeRole` on the role can assume
 * it. For another account that is a decision of its administrators; for a third party, also a confused
 * deputy unless an external id is required.
 */
import type { Catalog } from '../../catalog/catalog';
import type { PolicyDocument, Value } from '../../policy/model';
import type { Rule } from '../types';
import { isAllow, literal } from '../../policy/values';
import { requiresAnyKey } from '../requiredConditions';

/** Conditions that narrow an account principal to the callers meant: a third party's external id, the organisation, named principals. */
const NARROWING_KEYS = ['sts:ExternalId', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalArn'];

const ACCOUNT_ROOT = /^(?:(\d{12})|arn:aws[a-z-]*:iam::(\d{12}):root)$/;

/** An account principal: a literal account, or the stack's own (`${AWS::AccountId}`); undefined for anything else. */
function accountPrincipal(value: Value): { account: string } | 'own' | undefined {
  const text = literal(value);
  if (text !== undefined) {
    const match = ACCOUNT_ROOT.exec(text);
    return match ? { account: (match[1] ?? match[2])! } : undefined;
  }
  const parts = value.parts;
  if (!parts) return undefined;
  // `!Ref AWS::AccountId`, `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root`.
  const shape = parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : p.unknown === 'AWS::AccountId'
          ? '<own>'
          : p.unknown === 'AWS::Partition'
            ? 'aws'
            : '<?>',
    )
    .join('');
  return shape === '<own>' || /^arn:aws[a-z-]*:iam::<own>:root$/.test(shape) ? 'own' : undefined;
}

/** The account principals of a trust policy's Allow statements that no condition narrows. */
function broadAccountPrincipals(
  document: PolicyDocument,
  catalog: Catalog,
  keys: readonly string[],
): { value: Value; account: { account: string } | 'own' }[] {
  if (document.kind !== 'trust') return [];
  const out: { value: Value; account: { account: string } | 'own' }[] = [];
  for (const statement of document.statements) {
    if (statement.unknown || !isAllow(statement) || statement.condition?.unknown) continue;
    const principal = statement.principal;
    if (!principal || principal.unknown || requiresAnyKey(statement, catalog, keys)) continue;
    for (const entry of principal.entries) {
      if (entry.kind !== 'AWS' || entry.values.unknown) continue;
      for (const value of entry.values.values) {
        const account = accountPrincipal(value);
        if (account) out.push({ value, account });
      }
    }
  }
  return out;
}

export const crossAccountTrust: Rule = {
  meta: {
    id: 'cross-account-trust',
    name: 'Role trusts a whole account',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: {},
    docs: {
      what: 'A role\'s trust policy names an account written as a literal (`"AWS": "123456789012"` or `arn:aws:iam::123456789012:root`) with no `sts:ExternalId`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` or `aws:PrincipalArn` condition. An entry that names nothing (no values) or anything (`StringLike "*"`) does not count, nor does `...IfExists` (a request without the key passes it). In a template, a literal account is taken to be another account (the stack\'s own is `${AWS::AccountId}`, which `account-root-trust` covers); a partly unknown account (`${TrustedAccount}`) is never reported. Cloudsplaining calls this AssumableByCrossAccountPrincipal.',
      why: "Every user and role of that account whose own policies allow `sts:AssumeRole` can assume the role: who gets in is decided by that account's administrators. When the account is a vendor's, any of its customers could also make the vendor assume your role (confused deputy) unless you require the external id they gave you.",
      example:
        '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole" }',
      fix: 'For a third party, require its external id: `"StringEquals": { "sts:ExternalId": "<id they gave you>" }`. Within your organisation, require `aws:PrincipalOrgID`, or name the roles that may assume it (as principals, or with `"ArnEquals": { "aws:PrincipalArn": [...] }`).',
    },
  },
  check(document, ctx) {
    for (const { value, account } of broadAccountPrincipals(document, ctx.catalog, NARROWING_KEYS)) {
      if (account === 'own') continue;
      const own = ctx.source.shape === 'cloudformation' ? '' : " (unless it is the role's own account)";
      ctx.report({
        span: value.span,
        message: `Every principal of account ${account.account}${own} that is allowed sts:AssumeRole can assume this role. Require sts:ExternalId for a third party, or aws:PrincipalOrgID / aws:PrincipalArn to name who may.`,
      });
    }
  },
};

export const accountRootTrust: Rule = {
  meta: {
    id: 'account-root-trust',
    name: 'Role trusts its whole account',
    family: 'trust-and-resource',
    defaultSeverity: 'info',
    equivalents: {},
    docs: {
      what: "A role in a template trusts the stack's own account as a whole (`!Ref AWS::AccountId`, `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`) with no `aws:PrincipalArn` condition (or the other narrowing conditions of `cross-account-trust`, counted the same way).",
      why: 'Any user or role of the account whose identity policies allow `sts:AssumeRole` on it (`"Resource": "*"` included) can assume the role: its permissions are as wide as the widest AssumeRole grant in the account.',
      example:
        'AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }, Action: sts:AssumeRole }] }',
      fix: 'Name the roles or users that may assume it, as principals or with `"ArnEquals": { "aws:PrincipalArn": [...] }`.',
    },
  },
  check(document, ctx) {
    for (const { value, account } of broadAccountPrincipals(document, ctx.catalog, NARROWING_KEYS)) {
      if (account !== 'own') continue;
      ctx.report({
        span: value.span,
        message:
          'This role trusts its own account as a whole: any user or role of the account allowed sts:AssumeRole on it can assume it. Name the principals that may.',
      });
    }
  },
};
