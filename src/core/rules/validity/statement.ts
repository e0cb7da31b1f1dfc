import type { PolicyDocument } from '../../policy/model';
import type { Rule } from '../types';
import { replacementFixes } from '../edits';
import { literal } from '../../policy/values';
import { didYouMean } from './actions';
import { editDistance } from '../../catalog/distance';

export const invalidEffect: Rule = {
  meta: {
    id: 'invalid-effect',
    name: 'Missing or invalid Effect',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['INVALID_EFFECT', 'MISSING_EFFECT'], parliament: ['MALFORMED'] },
    docs: {
      what: 'A statement has no `Effect`, or its Effect is not exactly `Allow` or `Deny` (case matters).',
      why: 'IAM rejects the policy.',
      example: '{ "Effect": "allow", "Action": "s3:GetObject", "Resource": "*" }',
      fix: 'Write `"Effect": "Allow"` or `"Effect": "Deny"`.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      if (statement.unknown) continue;
      if (!statement.effect) {
        ctx.report({
          span: { start: statement.span.start, end: statement.span.start + 1 },
          message: 'The statement has no Effect: add "Effect": "Allow" or "Effect": "Deny".',
        });
        continue;
      }
      const value = statement.effect.value;
      const text = literal(value);
      if (value.kind === 'unknown' || value.parts || text === 'Allow' || text === 'Deny') continue;
      const lower = (text ?? '').toLowerCase();
      const intended = lower.startsWith('a') ? 'Allow' : lower.startsWith('d') ? 'Deny' : undefined;
      ctx.report({
        span: value.span,
        message: `Invalid Effect '${value.text}': it must be exactly Allow or Deny.`,
        fixes: replacementFixes(value.span, intended ? [intended] : []),
      });
    }
  },
};

/** Where AWS refuses duplicate Sids: IAM's own policies, and the services the IAM User Guide names (SQS, SNS). */
function requiresUniqueSids(document: PolicyDocument): boolean {
  if (document.kind !== 'resource' && document.kind !== 'endpoint') return true;
  return document.resourceService === 'sqs' || document.resourceService === 'sns';
}

export const duplicateSid: Rule = {
  meta: {
    id: 'duplicate-sid',
    name: 'Duplicate Sid',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['UNIQUE_SIDS_REQUIRED', 'UNIQUE_SIDS_RECOMMENDED'], parliament: ['DUPLICATE_SID'] },
    docs: {
      what: 'Two statements of one policy have the same `Sid`. An error where AWS refuses it: IAM rejects an identity or trust policy with duplicate Sids (`MalformedPolicyDocument: Statement IDs (SID) in a single policy must be unique`, seen from PutRolePolicy, CreatePolicy and CloudFormation inline policies; the IAM User Guide: "In IAM, the Sid value must be unique within a JSON policy"), and the IAM User Guide names Amazon SQS and Amazon SNS as services with uniqueness requirements of their own (there the Sid is a sub-id of the policy Id). A warning in other resource policies (an S3 bucket policy, a KMS key policy): Access Analyzer reports UNIQUE_SIDS_REQUIRED, an error, only for the policy types that require it, and UNIQUE_SIDS_RECOMMENDED, a warning, for the others; AWS\'s own sample templates deploy a bucket policy with a repeated Sid (aws-cloudformation-templates, S3/s3-bucket-and-policy-for-caa-v1). Tools that merge statements by Sid keep only one of them either way (Terraform\'s `aws_iam_policy_document` refuses duplicates for that reason).',
      why: 'The policy is refused when it is deployed, or one of the statements is silently lost where statements are merged by Sid.',
      example: '[{ "Sid": "Read", ... }, { "Sid": "Read", ... }]',
      fix: 'Give each statement its own Sid that says what it allows.',
    },
  },
  check(document, ctx) {
    const seen = new Map<string, number>();
    for (const statement of document.statements) {
      const sid = statement.sid ? literal(statement.sid.value) : undefined;
      if (sid === undefined || sid === '') continue;
      const first = seen.get(sid);
      if (first === undefined) seen.set(sid, statement.index);
      else if (requiresUniqueSids(document))
        ctx.report({
          span: statement.sid!.value.span,
          message: `Duplicate Sid '${sid}': statement ${first + 1} has it too, and AWS refuses such a policy.`,
        });
      else
        ctx.report({
          span: statement.sid!.value.span,
          message: `Duplicate Sid '${sid}': statement ${first + 1} has it too (AWS accepts it here, but a tool that merges statements by Sid keeps only one).`,
          severity: 'warning',
        });
    }
  },
};

export const invalidSid: Rule = {
  meta: {
    id: 'invalid-sid',
    name: 'Invalid Sid',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['UNSUPPORTED_SID'], parliament: ['INVALID_SID'] },
    docs: {
      what: 'In an identity or trust policy, a `Sid` contains characters other than ASCII letters and digits.',
      why: 'IAM rejects such Sids in identity policies (resource policies of some services allow more).',
      example: '"Sid": "read-artifacts bucket"',
      fix: 'Use letters and digits only, e.g. `ReadArtifactsBucket`.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'identity' && document.kind !== 'trust') return;
    for (const statement of document.statements) {
      const sid = statement.sid ? literal(statement.sid.value) : undefined;
      if (sid === undefined || /^[A-Za-z0-9]*$/.test(sid)) continue;
      const cleaned = sid
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      ctx.report({
        span: statement.sid!.value.span,
        message: `Sid '${sid}' may contain only letters and digits in an ${document.kind} policy.`,
        fixes: replacementFixes(statement.sid!.value.span, cleaned ? [cleaned] : []),
      });
    }
  },
};

const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'];

export const unknownElement: Rule = {
  meta: {
    id: 'unknown-element',
    name: 'Unknown policy element',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['INVALID_POLICY_ELEMENT'], parliament: ['MALFORMED'] },
    docs: {
      what: 'A policy or statement has a key that is not a policy element (`Actions`, `Resources`, `effect`...). Element names are case-sensitive.',
      why: 'IAM rejects the policy; where a tool skips unknown keys, the intended restriction is silently missing.',
      example: '{ "Effect": "Allow", "Actions": ["s3:GetObject"], "Resource": "*" }',
      fix: "Use the element's exact name (`Action`). The quick fix offers the closest one.",
    },
  },
  check(document, ctx) {
    const report = (
      key: { text: string; span: { start: number; end: number } },
      names: readonly string[],
      where: string,
    ) => {
      const best = names
        .map((n) => ({ n, d: editDistance(key.text.toLowerCase(), n.toLowerCase()) }))
        .filter((c) => c.d <= Math.max(1, Math.floor(key.text.length / 3)))
        .sort((a, b) => a.d - b.d)
        .map((c) => c.n)
        .slice(0, 1);
      ctx.report({
        span: key.span,
        message: `'${key.text}' is not a ${where} element.${didYouMean(best)}`,
        fixes: replacementFixes(key.span, best),
      });
    };
    for (const key of document.unknownKeys) report(key, DOCUMENT_ELEMENTS, 'policy');
    for (const statement of document.statements)
      for (const key of statement.unknownKeys) report(key, STATEMENT_ELEMENTS, 'statement');
  },
};
