import type { PolicyDocument } from '../../policy/model';
import type { Rule } from '../types';
import { replacementFixes } from '../edits';
import { hasWildcard, literal } from '../../policy/values';
import { formerService } from '../../catalog/formerServices';
import { authorisingActions, documentedElsewhere } from '../../catalog/apiPermissions';

/** Every value of Action and NotAction, with the element's name. */
function* actionValues(document: PolicyDocument) {
  for (const statement of document.statements) {
    for (const element of [statement.action, statement.notAction]) {
      if (!element || element.list.unknown) continue;
      for (const value of element.list.values) yield { value, element: element.key.text };
    }
  }
}

export const unknownService: Rule = {
  meta: {
    id: 'unknown-service',
    name: 'Unknown service prefix',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['INVALID_SERVICE_IN_ACTION'], parliament: ['UNKNOWN_PREFIX'], cfnLint: ['W3037'] },
    docs: {
      what: 'An action names a service prefix that no AWS service has (`s4:GetObject`, `dynamo:Query`).',
      why: 'IAM accepts the policy but the statement grants or denies nothing for that entry: a typo in a Deny silently lets the action through, a typo in an Allow breaks the application at run time.',
      example: '"Action": "dynamo:GetItem"',
      fix: 'Use the service prefix from the Service Authorization Reference (`dynamodb:GetItem`). The quick fix offers the closest known prefixes.',
    },
  },
  check(document, ctx) {
    for (const { value } of actionValues(document)) {
      const text = literal(value);
      if (text === undefined || text === '*') continue;
      const prefix = servicePrefix(text);
      if (prefix === undefined) continue; // reported by unknown-action as a malformed action
      if (hasWildcard(prefix) || ctx.catalog.service(prefix) || formerService(prefix)) continue;
      const suggestions = ctx.catalog.suggest(text);
      ctx.report({
        span: value.span,
        message: `Unknown service prefix '${prefix}' in '${text}'.${didYouMean(suggestions.map((s) => s.value))}`,
        fixes: replacementFixes(
          value.span,
          suggestions.map((s) => s.value),
        ),
      });
    }
  },
};

export const retiredService: Rule = {
  meta: {
    id: 'retired-service',
    name: 'Retired service',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['INVALID_SERVICE_IN_ACTION'] },
    docs: {
      what: 'An action names a service AWS has retired (`deeplens:*`, `elastic-inference:Connect`...): the prefix is no longer in the Service Authorization Reference.',
      why: 'The entry grants or denies nothing any more. It is dead weight that makes the policy harder to review, and Access Analyzer now rejects it as an invalid service.',
      example: '"Action": ["deeplens:*", "s3:GetObject"]',
      fix: 'Remove the entry.',
    },
  },
  check(document, ctx) {
    for (const { value } of actionValues(document)) {
      const text = literal(value);
      const prefix = text === undefined ? undefined : servicePrefix(text);
      if (prefix === undefined) continue;
      const name = ctx.catalog.service(prefix) ? undefined : formerService(prefix);
      if (name)
        ctx.report({
          span: value.span,
          message: `'${prefix}' is ${name}, which AWS has retired: '${text}' grants or denies nothing.`,
        });
    }
  },
};

export const unknownAction: Rule = {
  meta: {
    id: 'unknown-action',
    name: 'Unknown action',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: { accessAnalyzer: ['INVALID_ACTION'], parliament: ['UNKNOWN_ACTION'] },
    docs: {
      what: "An action (or a wildcard pattern) matches no action of its service, or is not of the form `service:Action`. An API operation that IAM authorises with another action (`sqs:SendMessageBatch` is authorised by `sqs:SendMessage`, `s3:HeadObject` by `s3:GetObject`) names that action. An action AWS documentation puts in policies though the Service Authorization Reference does not list it (`SNS:Receive`, in every SNS topic's default policy) is information, not an error: it grants nothing either way.",
      why: 'IAM ignores actions it does not know. The policy looks as if it grants or denies something it does not: a misspelt Deny is no protection at all.',
      example: '"Action": ["s3:GetObjekt", "s3:Put*Acll"]',
      fix: 'Use the exact action name from the Service Authorization Reference. The quick fix offers the closest known actions.',
    },
  },
  check(document, ctx) {
    for (const { value } of actionValues(document)) {
      const text = literal(value);
      if (text === undefined || text === '*') continue;
      const prefix = servicePrefix(text);
      if (prefix === undefined || text.indexOf(':') === text.length - 1) {
        // `GetObject` with no service: the catalog knows which services have it.
        const suggestions = ctx.catalog.suggest(text).map((s) => s.value);
        ctx.report({
          span: value.span,
          message: `'${text}' is not an action: write it as service:ActionName (for example s3:GetObject).${didYouMean(suggestions)}`,
          fixes: replacementFixes(value.span, suggestions),
        });
        continue;
      }
      if (hasWildcard(prefix) || !ctx.catalog.service(prefix)) continue; // unknown-service reports these
      if (ctx.catalog.expand(text).actions.length > 0) continue;
      const elsewhere = documentedElsewhere(text);
      if (elsewhere) {
        // IAM accepts it and it grants nothing; the policy came from AWS's own documentation: not an error.
        ctx.report({
          span: value.span,
          message: `'${text}' is in ${elsewhere}, but the Service Authorization Reference lists no such action: it grants or denies nothing.`,
          severity: 'info',
        });
        continue;
      }
      const authorising = authorisingActions(text);
      if (authorising) {
        ctx.report({
          span: value.span,
          message: `Unknown action '${text}': IAM authorises that API with ${authorising.map((a) => `'${a}'`).join(' and ')}.`,
          fixes: authorising.length === 1 ? replacementFixes(value.span, authorising) : [],
        });
        continue;
      }
      const suggestions = ctx.catalog.suggest(text);
      const what = hasWildcard(text)
        ? `'${text}' matches no ${ctx.catalog.service(prefix)!.name} action`
        : `Unknown action '${text}'`;
      ctx.report({
        span: value.span,
        message: `${what}.${didYouMean(suggestions.map((s) => s.value))}`,
        fixes: replacementFixes(
          value.span,
          suggestions.map((s) => s.value),
        ),
      });
    }
  },
};

/** The service prefix of `service:Action`, or undefined when there is none before the first colon. */
function servicePrefix(text: string): string | undefined {
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon) : undefined;
}

export function didYouMean(values: readonly string[]): string {
  return values.length > 0 ? ` Did you mean ${values.map((v) => `'${v}'`).join(', ')}?` : '';
}
