/**
 * What a hover says at a place in a file: the documentation of the policy element under the cursor
 * (an action or pattern, a resource ARN, a principal, a condition key or operator), or what a CDK grant
 * method adds. Markdown and the span it is about; the server only turns the span into a range.
 */
import type { Catalog } from '../catalog/catalog';
import { targetAt, type CursorTarget } from '../policy/cursor';
import type { PolicySource, Span } from '../policy/model';
import { namedActions } from '../policy/namedActions';
import { hasWildcard, literal } from '../policy/values';
import { describeAction, describeExpansion } from './actionDocs';
import { describeArn, describeConditionKey, describePrincipal } from './elementDocs';
import { describeDerived } from './grantDocs';
import { describeOperator } from './operators';

export interface HoverAnswer {
  readonly markdown: string;
  readonly span: Span;
}

/** The hover at `offset` in a file whose policies are `source`, if there is anything to say. */
export function hoverAt(source: PolicySource, offset: number, catalog: Catalog): HoverAnswer | undefined {
  if (source.documents.length === 0) return undefined;
  // A CDK grant method: what it adds, rather than the one action whose span it also is.
  const derived = source.documents.find(
    (d) => d.derivedFrom && d.derivedFrom.span.start <= offset && offset <= d.derivedFrom.span.end,
  );
  if (derived) return { markdown: describeDerived(catalog, derived), span: derived.derivedFrom!.span };
  const target = targetAt(source, offset);
  return target ? describe(catalog, target) : undefined;
}

function describe(catalog: Catalog, target: CursorTarget): HoverAnswer | undefined {
  switch (target.kind) {
    case 'action': {
      const text = target.value && literal(target.value);
      if (text === undefined) return undefined;
      return { markdown: describeActionText(catalog, text.trim()), span: target.value!.span };
    }
    case 'resource': {
      const value = target.value;
      if (!value || value.kind !== 'string') return undefined;
      return {
        markdown: describeArn(catalog, value.text, value.parts ?? value.text, namedActions(catalog, target.statement)),
        span: value.span,
      };
    }
    case 'principal': {
      const text = target.value && literal(target.value);
      if (text === undefined) return undefined;
      return { markdown: describePrincipal(target.entry.kind, text), span: target.value!.span };
    }
    case 'condition-key': {
      if (!target.entry) return undefined;
      const markdown = describeConditionKey(
        catalog,
        target.entry.key.text,
        namedActions(catalog, target.statement),
        target.block.operator.text,
      );
      return { markdown, span: target.entry.key.span };
    }
    case 'condition-operator': {
      const about = target.block && describeOperator(target.block.operator.text);
      return about ? { markdown: about, span: target.block!.operator.span } : undefined;
    }
    case 'condition-value':
      return undefined;
  }
}

function describeActionText(catalog: Catalog, value: string): string {
  if (hasWildcard(value)) return describeExpansion(value, catalog.expand(value));
  const action = catalog.action(value);
  return action
    ? describeAction(catalog, action)
    : describeExpansion(value, { actions: [], suggestions: catalog.suggest(value) });
}
