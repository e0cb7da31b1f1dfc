/**
 * How each rule is classified for code-scanning services: whether it is about security or about a policy
 * that is malformed, the CWE weakness it is an instance of, and a security severity on the CVSS-like scale
 * that GitHub code scanning reads (`security-severity`: 9.0+ critical, 7.0+ high, 4.0+ medium, else low).
 * A table beside the rules rather than in each rule's meta: it is data for reports, and a test checks that
 * every rule has a row.
 */
import type { Severity } from './types';

export interface RuleClassification {
  /** `security`: a grant or trust wider than needed; `correctness`: a policy that does not say what it seems to. */
  readonly kind: 'security' | 'correctness';
  /** CWE ids (https://cwe.mitre.org): 732 incorrect permission assignment, 269 privilege management... */
  readonly cwe: readonly number[];
  /** Overrides the severity-based default where the rule's worst case is worse (administrator access). */
  readonly securitySeverity?: number;
}

const security = (cwe: number[], securitySeverity?: number): RuleClassification => ({
  kind: 'security',
  cwe,
  ...(securitySeverity !== undefined && { securitySeverity }),
});
const correctness = (cwe: number[] = []): RuleClassification => ({ kind: 'correctness', cwe });

/** CWE-732: incorrect permission assignment for a critical resource; 269: improper privilege management. */
const PERMISSIVE = [732];
const PRIVILEGE = [269];

export const CLASSIFICATION: Readonly<Record<string, RuleClassification>> = {
  // Validity: what the policy says is not what it seems to say. Most are correctness; the ones that make a
  // condition meant to restrict restrict nothing (or the wrong thing) are security (CWE-697: incorrect comparison).
  'unknown-service': correctness(),
  'retired-service': correctness(),
  'unknown-action': correctness(),
  'unknown-element': correctness(),
  'invalid-effect': correctness(),
  'missing-version': correctness(),
  'invalid-version': correctness(),
  'duplicate-sid': correctness(),
  'invalid-sid': correctness(),
  'unknown-condition-operator': security([697]),
  'unknown-condition-key': security([697]),
  'invalid-arn': correctness(),
  'action-resource-mismatch': correctness(),
  'condition-type-mismatch': security([697]),
  'string-like-on-arn-key': correctness([697]),
  'forallvalues-single-valued-key': security([697]),
  'multivalued-key-without-qualifier': security([697]),
  'bad-mfa-condition': security([308]),
  'redundant-action': correctness(),
  'redundant-resource': correctness(),
  // Least privilege.
  'admin-access': security(PRIVILEGE, 9.5),
  'wildcard-action': security(PERMISSIVE),
  'resource-star': security(PERMISSIVE),
  'permissions-management': security(PRIVILEGE),
  'unconstrained-write': security(PERMISSIVE),
  'credentials-exposure': security([522]),
  'data-exfiltration': security([200]),
  'privilege-escalation': security(PRIVILEGE),
  'passrole-star-resource': security(PRIVILEGE),
  'passrole-without-service': security(PRIVILEGE),
  'allow-not-action': security(PERMISSIVE),
  'allow-not-resource': security(PERMISSIVE),
  'aws-managed-admin-policy': security(PRIVILEGE, 9.5),
  'aws-managed-privileged-policy': security(PRIVILEGE),
  'aws-managed-full-access-policy': security(PERMISSIVE),
  // Trust and resource policies: who may act (284: improper access control; 441: the confused deputy).
  'allow-not-principal': security([284]),
  'public-principal': security([284, 732], 9.0),
  'lambda-permission-public': security([284], 9.0),
  'lambda-permission-without-source': security([441]),
  'oidc-trust-unpinned': security([287, 863], 9.0),
  'oidc-audience-missing': security([287]),
  'oidc-github-branch-unpinned': security([863]),
  'service-principal-without-source': security([441]),
  'cross-account-trust': security([284]),
  'account-root-trust': security([284]),
  'bucket-secure-transport': security([319]),
  'invalid-principal': correctness(),
  // Hygiene of the resources the template declares.
  'kms-key-rotation': security([324]),
  'secret-rotation': security([324]),
  'secret-without-cmk': security([320]),
  'secret-parameter-ref': security([798]),
  'cloudtrail-encryption': security([311]),
  'cloudtrail-log-validation': security([354]),
  'cloudtrail-multi-region': security([778]),
  'cloudtrail-cloudwatch-logs': security([778]),
};

const DEFAULT_SECURITY_SEVERITY: Record<Severity, number> = { error: 8.0, warning: 5.5, info: 2.5 };

/** The rule's classification; an unlisted id (the linter's own findings: syntax errors, suppressions) is correctness. */
export function classificationOf(ruleId: string): RuleClassification {
  return CLASSIFICATION[ruleId] ?? correctness();
}

/** The security severity of a rule at its default severity, as a number with one decimal. */
export function securitySeverityOf(ruleId: string, severity: Severity): number {
  return classificationOf(ruleId).securitySeverity ?? DEFAULT_SECURITY_SEVERITY[severity];
}
