import type { ConditionBlock, ConditionEntry, Statement } from '../../policy/model';
import { replace } from '../edits';
import type { Fix, Rule } from '../types';
import { effectOf, literal } from '../../policy/values';
import { parseOperator } from './conditions';

const MFA_KEY = 'aws:multifactorauthpresent';

/** The entries testing aws:MultiFactorAuthPresent, with their block and literal values. */
function* mfaEntries(
  statement: Statement,
): Generator<{ block: ConditionBlock; entry: ConditionEntry; values: string[] }> {
  if (statement.condition?.unknown) return;
  for (const block of statement.condition?.blocks ?? []) {
    for (const entry of block.entries) {
      if (entry.key.text.toLowerCase() !== MFA_KEY || entry.values.unknown) continue;
      const values = entry.values.values
        .map((v) => (v.kind === 'boolean' ? v.text : literal(v))?.toLowerCase())
        .filter((t): t is string => t !== undefined);
      yield { block, entry, values };
    }
  }
}

/** Renames the operator, when the block tests only this key (other keys would change meaning too). */
function renameFix(block: ConditionBlock, operator: string, extra: Fix['edits'] = []): Fix[] {
  if (block.entries.length !== 1) return [];
  return [
    {
      title: `Change the operator to '${operator}'`,
      edits: [replace(block.operator.span, operator), ...extra],
      preferred: true,
    },
  ];
}

export const badMfaCondition: Rule = {
  meta: {
    id: 'bad-mfa-condition',
    name: 'MFA condition that does not check MFA',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['BAD_PATTERN_FOR_MFA'] },
    docs: {
      what: 'A condition on `aws:MultiFactorAuthPresent` that misses requests without the key. The key is only in requests signed with temporary credentials; requests signed with a user\'s long-term access keys have no such key. Reported: a Deny with `"Bool": {"aws:MultiFactorAuthPresent": "false"}`; an Allow with `"BoolIfExists": {...: "true"}`; an Allow with `"Null": {...: "false"}`.',
      why: 'The Deny never applies to long-term access keys, so a stolen key needs no MFA; `BoolIfExists` with true lets long-term keys through an Allow meant to require MFA; `Null` false only asks whether the key is present (any temporary credentials), not whether MFA was used.',
      example:
        '{ "Effect": "Deny", "NotAction": "iam:*MFA*", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } } }',
      fix: 'Deny with `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}` (denies requests without MFA, and those with no key at all); allow with `"Bool": {"aws:MultiFactorAuthPresent": "true"}`. The quick fix changes the operator (and the Null value).',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      const effect = effectOf(statement);
      for (const { block, entry, values } of mfaEntries(statement)) {
        // Operator names are matched in any case, as IAM does; qualified forms (ForAnyValue:...) are left alone.
        const op = parseOperator(block.operator.text);
        if (!op || op.set) continue;
        if (effect === 'Deny' && op.base === 'Bool' && !op.ifExists && values.includes('false')) {
          ctx.report({
            span: entry.key.span,
            message:
              'Requests signed with long-term access keys have no aws:MultiFactorAuthPresent, so this Deny never applies to them: use BoolIfExists.',
            fixes: renameFix(block, 'BoolIfExists'),
          });
        } else if (effect === 'Allow' && op.base === 'Bool' && op.ifExists && values.includes('true')) {
          ctx.report({
            span: entry.key.span,
            message:
              'BoolIfExists also allows requests signed with long-term access keys, which never carry MFA: use Bool to require MFA.',
            fixes: renameFix(block, 'Bool'),
          });
        } else if (effect === 'Allow' && op.base === 'Null' && values.includes('false')) {
          const only = entry.values.values.length === 1 ? entry.values.values[0]! : undefined;
          // The value's span excludes quotes, so "false" and an unquoted false both become true in place.
          const fixable = only !== undefined && (only.kind === 'string' || only.kind === 'boolean');
          ctx.report({
            span: entry.key.span,
            message:
              'Null false only checks that the request used temporary credentials, not that it used MFA: use "Bool": {"aws:MultiFactorAuthPresent": "true"}.',
            fixes: fixable ? renameFix(block, 'Bool', [replace(only.span, 'true')]) : [],
          });
        }
      }
    }
  },
};
