import type { PolicyDocument, Value } from '../../policy/model';
import type { Rule } from '../types';
import { insertFirstProperty, replace } from '../edits';
import { literal, valuesOf } from '../../policy/values';

const CURRENT = '2012-10-17';
const OLD = '2008-10-17';

/**
 * In a CDK app the Version written does not reach AWS: the CDK renders every document it reads here
 * (constructs, and `PolicyDocument.fromJson`, which keeps only the statements) with Version 2012-10-17
 * (aws-cdk-lib, aws-iam/lib/policy-document.ts, render()). Terraform's `aws_iam_policy_document` also
 * writes it (the reader adds it to those documents), but a `jsonencode()` or heredoc document is sent as
 * written, so there the Version still matters.
 */
const CDK_WRITES_VERSION = 'typescript';

/** A policy variable: `${aws:username}`, `${saml:sub}`, `${www.amazon.com:user_id}`, or `${*}`, `${?}`, `${$}`. */
const POLICY_VARIABLE = /\$\{(?:[^}:]+:[^}]+|[*?$])\}/;

/** The first policy variable written in the document where IAM substitutes them (Resource and Condition values), if any. */
function policyVariableIn(document: PolicyDocument): string | undefined {
  const texts = (value: Value) =>
    value.parts
      ? value.parts.filter((p): p is string => typeof p === 'string')
      : value.kind === 'string'
        ? [value.text]
        : [];
  for (const statement of document.statements) {
    const values = [
      ...valuesOf(statement.resource),
      ...valuesOf(statement.notResource),
      ...(statement.condition?.unknown
        ? []
        : (statement.condition?.blocks ?? []).flatMap((b) =>
            b.entries.flatMap((e) => (e.values.unknown ? [] : e.values.values)),
          )),
    ];
    for (const value of values) {
      for (const text of texts(value)) {
        const found = POLICY_VARIABLE.exec(text);
        if (found) return found[0];
      }
    }
  }
  return undefined;
}

export const missingVersion: Rule = {
  meta: {
    id: 'missing-version',
    name: 'Missing Version',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['MISSING_VERSION'], parliament: ['NO_VERSION'], cfnLint: ['W2511'] },
    docs: {
      what: 'The policy document has no `Version` element. A warning when the document uses policy variables (`${aws:username}` in a Resource or a condition value), which IAM then takes literally; information when it uses none (nothing changes until a variable is added). Not reported where the tool writes it: in a CDK app (the CDK renders every policy document with Version 2012-10-17, `PolicyDocument.fromJson` included) and in a Terraform `aws_iam_policy_document`. A Terraform `jsonencode()` or heredoc document is sent as written and is reported.',
      why: 'Without `"Version": "2012-10-17"` IAM reads the policy with the 2008 grammar, where policy variables such as `${aws:username}` are plain text: a statement scoped with a variable silently matches nothing, or the wrong thing.',
      example:
        '{ "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*" } ] }',
      fix: 'Add `"Version": "2012-10-17"` as the document\'s first element (the quick fix does, in the file\'s style).',
    },
  },
  check(document, ctx) {
    if (document.version || document.statements.length === 0 || ctx.source.format === CDK_WRITES_VERSION) return;
    // Without a Version, IAM uses the 2008 grammar: the same as 2012 but for policy variables. A policy
    // without any reads the same either way: worth fixing, not worth a warning.
    const variable = policyVariableIn(document);
    ctx.report({
      span: document.statementKey?.span ?? { start: document.span.start, end: document.span.start + 1 },
      message: variable
        ? `The policy has no Version, so IAM takes its policy variables literally: '${variable}' matches only that text. Add "Version": "${CURRENT}".`
        : `The policy has no Version: add "Version": "${CURRENT}" (it uses no policy variables, so it reads the same today; without a Version, a variable added later would not be substituted).`,
      fixes: [
        {
          title: `Add "Version": "${CURRENT}"`,
          edits: [insertFirstProperty(ctx.text, document.span, 'Version', `"${CURRENT}"`)],
          preferred: true,
        },
      ],
      ...(variable ? {} : { severity: 'info' as const }),
    });
  },
};

export const invalidVersion: Rule = {
  meta: {
    id: 'invalid-version',
    name: 'Invalid or old Version',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['INVALID_VERSION'], parliament: ['INVALID_VERSION', 'OLD_VERSION'] },
    docs: {
      what: 'The `Version` element is neither `2012-10-17` nor `2008-10-17` (an error: IAM rejects the policy), or it is the old `2008-10-17`, which AWS still accepts (a warning). Not reported in a CDK app, where the CDK replaces the Version written with 2012-10-17.',
      why: "Version is the policy language's version, not a date of your choosing. The old version does not substitute policy variables: `${aws:username}` in a Resource is matched as the literal text.",
      example: '"Version": "2024-01-01"',
      fix: 'Use `"Version": "2012-10-17"`.',
    },
  },
  check(document, ctx) {
    if (!document.version) return;
    const value = document.version.value;
    const text = literal(value);
    if (value.kind === 'unknown' || value.parts || text === CURRENT || ctx.source.format === CDK_WRITES_VERSION) return;
    const fix = { title: `Change to "${CURRENT}"`, edits: [replace(value.span, CURRENT)], preferred: true };
    if (text === OLD) {
      // AWS still accepts it: a warning, not the error of a Version IAM rejects.
      ctx.report({
        span: value.span,
        message: `Version ${OLD} is the old policy language (AWS accepts it, but policy variables are not substituted). Use ${CURRENT}.`,
        fixes: [fix],
        severity: 'warning',
      });
    } else {
      ctx.report({
        span: value.span,
        message: `Invalid Version '${value.text}': IAM accepts only ${CURRENT} (or the old ${OLD}).`,
        fixes: [fix],
      });
    }
  },
};
