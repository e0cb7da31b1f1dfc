import type { Rule } from '../types';
import { insertFirstProperty, replace } from '../edits';
import { literal } from '../values';

const CURRENT = '2012-10-17';
const OLD = '2008-10-17';

export const missingVersion: Rule = {
  meta: {
    id: 'missing-version',
    name: 'Missing Version',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['MISSING_VERSION'], parliament: ['NO_VERSION'], cfnLint: ['W2511'] },
    docs: {
      what: 'The policy document has no `Version` element.',
      why: 'Without `"Version": "2012-10-17"` IAM reads the policy with the 2008 grammar, where policy variables such as `${aws:username}` are plain text: a statement scoped with a variable silently matches nothing, or the wrong thing.',
      example: '{ "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*" } ] }',
      fix: 'Add `"Version": "2012-10-17"` as the document\'s first element (the quick fix does, in the file\'s style).',
    },
  },
  check(document, ctx) {
    if (document.version || document.statements.length === 0) return;
    ctx.report({
      span: document.statementKey?.span ?? { start: document.span.start, end: document.span.start + 1 },
      message: `The policy has no Version: add "Version": "${CURRENT}" (without it, policy variables are not substituted).`,
      fixes: [{ title: `Add "Version": "${CURRENT}"`, edits: [insertFirstProperty(ctx.text, document.span, 'Version', `"${CURRENT}"`)], preferred: true }],
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
      what: 'The `Version` element is neither `2012-10-17` nor `2008-10-17` (an error: IAM rejects the policy), or it is the old `2008-10-17` (a warning).',
      why: 'Version is the policy language\'s version, not a date of your choosing. The old version does not substitute policy variables.',
      example: '"Version": "2024-01-01"',
      fix: 'Use `"Version": "2012-10-17"`.',
    },
  },
  check(document, ctx) {
    if (!document.version) return;
    const value = document.version.value;
    const text = literal(value);
    if (value.kind === 'unknown' || value.parts || text === CURRENT) return;
    const fix = { title: `Change to "${CURRENT}"`, edits: [replace(value.span, CURRENT)], preferred: true };
    if (text === OLD) {
      ctx.report({ span: value.span, message: `Version ${OLD} is the old policy language: policy variables are not substituted. Use ${CURRENT}.`, fixes: [fix] });
    } else {
      ctx.report({ span: value.span, message: `Invalid Version '${value.text}': IAM accepts only ${CURRENT} (or the old ${OLD}).`, fixes: [fix] });
    }
  },
};
