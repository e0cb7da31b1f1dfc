import { isMultivaluedKeyType } from '../../catalog/keyTypes';
import type { ConditionKeyType } from '../../catalog/types';
import { replace } from '../edits';
import type { Rule } from '../types';
import { parseOperator } from './conditions';

/**
 * Whether a key is single- or multivalued comes from the catalog's types: the Service Authorization
 * Reference types set-valued keys `ArrayOf...`, and the global keys' page (also in the catalog) does the
 * same for `aws:TagKeys`, `aws:CalledVia`, `aws:PrincipalOrgPaths`, `aws:PrincipalServiceNamesList`, the
 * `...OrgPaths` keys. Keys the catalog does not know (identity providers' claims) are not checked.
 *
 * A service key typed `String` is not proof of one value: `codestar-connections:ProviderAction` is
 * typed String, yet AWS's managed policies test it with `ForAllValues:` and Access Analyzer does not
 * object (AmazonCodeGuruReviewerServiceRolePolicy). So a key counts as single-valued only where that is
 * documented beyond the type column: global `aws:` keys and tag values (`.../ResourceTag/x`,
 * `.../RequestTag/x`, `aws:PrincipalTag/x`: a tag has one value).
 */
function certainlySingleValued(name: string, type: ConditionKeyType): boolean {
  if (isMultivaluedKeyType(type)) return false;
  return name.toLowerCase().startsWith('aws:') || /^[^:]+:(resourcetag|requesttag|principaltag)\//i.test(name);
}

export const forAllValuesOnSingleValuedKey: Rule = {
  meta: {
    id: 'forallvalues-single-valued-key',
    name: 'ForAllValues with a single-valued key',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: {
      accessAnalyzer: ['FORALLVALUES_WITH_SINGLE_VALUED_KEY'],
      parliament: ['SINGLE_VALUE_CONDITION_TOO_PERMISSIVE'],
    },
    docs: {
      what: 'A condition uses `ForAllValues:` with a key that holds one value per request: a global key other than the multivalued ones (`aws:PrincipalOrgID`, `aws:SourceVpc`...) or a tag value (`aws:ResourceTag/team`, `ec2:ResourceTag/team`). Other service keys are not checked: the Service Authorization Reference types some list-valued keys as String. (`ForAnyValue:` on a single-valued key behaves like the plain operator and is not reported.)',
      why: '`ForAllValues:` is true when every value of the key matches, and so also when the request has no value at all: the condition lets through every request that lacks the key, which is rarely what the author meant.',
      example: '"Condition": { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc123" } }',
      fix: 'Remove `ForAllValues:` (the quick fix does). If requests without the key should pass, say so with `...IfExists`.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const block of statement.condition?.blocks ?? []) {
        const op = parseOperator(block.operator.text);
        if (op?.set !== 'ForAllValues' || op.base === 'Null') continue;
        const single = block.entries.filter((e) => {
          const key = e.key.text.includes('${') ? undefined : ctx.catalog.conditionKey(e.key.text);
          return key !== undefined && certainlySingleValued(e.key.text, key.type);
        });
        // Removing the qualifier changes every key of the block: offer it only when all of them are single-valued.
        const fixes =
          single.length === block.entries.length
            ? [
                {
                  title: 'Remove ForAllValues:',
                  edits: [replace(block.operator.span, block.operator.text.slice('ForAllValues:'.length))],
                  preferred: true,
                },
              ]
            : [];
        for (const entry of single) {
          ctx.report({
            span: entry.key.span,
            message: `'${entry.key.text}' holds one value per request: '${block.operator.text}' is also true when the request has no '${entry.key.text}' at all.`,
            fixes,
          });
        }
      }
    }
  },
};

export const multivaluedKeyWithoutQualifier: Rule = {
  meta: {
    id: 'multivalued-key-without-qualifier',
    name: 'Multivalued key without ForAllValues/ForAnyValue',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['MISSING_QUALIFIER'] },
    docs: {
      what: 'A condition compares a key that holds a set of values (`aws:TagKeys`, `aws:PrincipalOrgPaths`, `aws:CalledVia`, `dynamodb:LeadingKeys`...) with a plain operator, without `ForAllValues:` or `ForAnyValue:`. (`Null` needs no qualifier.) Access Analyzer rates this an error; it is a warning here because the Service Authorization Reference types a few single-valued keys as lists.',
      why: 'A plain operator on a set compares it as if it were one value; what that matches for requests with several values is not what the policy says. `ForAllValues:` (every value must match) and `ForAnyValue:` (at least one must) say which test is meant.',
      example: '"Condition": { "StringEquals": { "aws:TagKeys": ["team", "env"] } }',
      fix: 'Add `ForAllValues:` to limit which values may appear (e.g. which tag keys a request may set) or `ForAnyValue:` to require one of them. The quick fixes offer both; neither is preferred, since they mean different things.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const block of statement.condition?.blocks ?? []) {
        const op = parseOperator(block.operator.text);
        if (!op || op.set || op.base === 'Null') continue;
        const multi = block.entries.filter((e) => {
          const key = e.key.text.includes('${') ? undefined : ctx.catalog.conditionKey(e.key.text);
          return key !== undefined && isMultivaluedKeyType(key.type);
        });
        const fixes =
          multi.length === block.entries.length
            ? ['ForAllValues', 'ForAnyValue'].map((q) => ({
                title: `Add ${q}:`,
                edits: [replace(block.operator.span, `${q}:${block.operator.text}`)],
              }))
            : [];
        for (const entry of multi) {
          ctx.report({
            span: entry.key.span,
            message: `'${entry.key.text}' holds a set of values: say whether all of them (ForAllValues:) or any of them (ForAnyValue:) must match '${block.operator.text}'.`,
            fixes,
          });
        }
      }
    }
  },
};
