import type { Rule } from '../types';
import { replacementFixes } from '../edits';
import { didYouMean } from './actions';
import { editDistance } from '../../catalog/distance';
import { CONDITION_OPERATORS, parseOperator } from '../../policy/operators';

export { CONDITION_OPERATORS, parseOperator, type ParsedOperator } from '../../policy/operators';

export const unknownConditionOperator: Rule = {
  meta: {
    id: 'unknown-condition-operator',
    name: 'Unknown condition operator',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: ['INVALID_CONDITION_OPERATOR', 'NULL_WITH_IF_EXISTS'],
      parliament: ['UNKNOWN_OPERATOR'],
    },
    docs: {
      what: 'A condition uses an operator IAM does not have (`StringEqual`, `ArnMatch`, `NullIfExists`...).',
      why: 'IAM rejects the policy, or the condition does not restrict what its author meant.',
      example: '"Condition": { "StringEqual": { "aws:PrincipalOrgID": "o-abc123" } }',
      fix: 'Use one of the documented operators, optionally prefixed with `ForAllValues:`/`ForAnyValue:` and suffixed with `IfExists`.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const block of statement.condition?.blocks ?? []) {
        const text = block.operator.text;
        if (parseOperator(text)) continue;
        const qualifier = /^(ForAllValues|ForAnyValue):/i.exec(text)?.[0] ?? '';
        const body = text.slice(qualifier.length);
        const candidates = CONDITION_OPERATORS.flatMap((o) => (o === 'Null' ? [o] : [o, `${o}IfExists`]));
        const best = candidates
          .map((c) => ({ c, d: editDistance(body.toLowerCase(), c.toLowerCase()) }))
          .filter((x) => x.d <= Math.max(2, Math.floor(body.length / 4)))
          .sort((a, b) => a.d - b.d)
          .slice(0, 2)
          .map((x) => qualifier + x.c);
        ctx.report({
          span: block.operator.span,
          message: `Unknown condition operator '${text}'.${didYouMean(best)}`,
          fixes: replacementFixes(block.operator.span, best),
        });
      }
    }
  },
};

export const unknownConditionKey: Rule = {
  meta: {
    id: 'unknown-condition-key',
    name: 'Unknown condition key',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: ['INVALID_GLOBAL_CONDITION_KEY', 'INVALID_SERVICE_CONDITION_KEY'],
      parliament: ['UNKNOWN_CONDITION_FOR_ACTION'],
    },
    docs: {
      what: 'A condition tests a key that is neither a global `aws:` key nor a key of the service it names (`aws:SourceIP` is fine, `aws:SourceIPAddress` is not; `s3:Prefix`... is `s3:prefix`).',
      why: 'A key that does not exist is absent from every request: the condition never matches (an Allow grants nothing) or, with `...IfExists` or a negated operator, always matches (a Deny or a restriction does nothing).',
      example: '"Condition": { "StringEquals": { "aws:PrincipalOrgId": "o-abc123" } }',
      fix: 'Use a documented key. Federated keys (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`...) are not checked.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const block of statement.condition?.blocks ?? []) {
        for (const entry of block.entries) {
          const name = entry.key.text;
          const colon = name.indexOf(':');
          // Keys of identity providers are named after the provider's host: not in the catalog.
          if (colon <= 0 || name.slice(0, colon).includes('.') || name.includes('${')) continue;
          if (ctx.catalog.conditionKey(name)) continue;
          const prefix = name.slice(0, colon);
          const known =
            prefix.toLowerCase() === 'aws' ? ctx.catalog.globalConditionKeys() : ctx.catalog.conditionKeysOf(prefix);
          const best = known
            .map((k) => ({ k: k.name, d: editDistance(name.toLowerCase(), k.name.toLowerCase()) }))
            .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 4)) && !x.k.includes('${'))
            .sort((a, b) => a.d - b.d)
            .slice(0, 2)
            .map((x) => x.k);
          const where =
            prefix.toLowerCase() === 'aws'
              ? 'global condition key'
              : ctx.catalog.service(prefix)
                ? `${ctx.catalog.service(prefix)!.name} condition key`
                : 'condition key (unknown service)';
          ctx.report({
            span: entry.key.span,
            message: `Unknown ${where} '${name}'.${didYouMean(best)}`,
            fixes: replacementFixes(entry.key.span, best),
          });
        }
      }
    }
  },
};
