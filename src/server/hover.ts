import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog } from '../core/catalog/catalog';
import { describeAction, describeExpansion } from '../core/docs/actionDocs';
import { describeArn, describeConditionKey, describePrincipal } from '../core/docs/elementDocs';
import { describeDerived } from '../core/docs/grantDocs';
import { describeOperator } from '../core/docs/operators';
import { targetAt, type CursorTarget } from '../core/policy/cursor';
import type { Span } from '../core/policy/model';
import { namedActions } from '../core/policy/namedActions';
import { hasWildcard, literal } from '../core/rules/values';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/** Hover on the elements of a policy: actions and patterns, resources, principals, condition keys and operators. */
export function provideHover(catalogService: CatalogService, sources: PolicySources, document: TextDocument, position: Position): Hover | null {
  const source = sources.get(document);
  if (!source || source.documents.length === 0) return null;
  const offset = document.offsetAt(position);
  const catalog = catalogService.get();
  if (!catalog) return null;
  // A CDK grant method: what it adds, rather than the one action whose span it also is.
  const derived = source.documents.find((d) => d.derivedFrom && d.derivedFrom.span.start <= offset && offset <= d.derivedFrom.span.end);
  if (derived) return markdownHover(document, describeDerived(catalog, derived), derived.derivedFrom!.span);
  const target = targetAt(source, offset);
  if (!target) return null;
  const answer = describe(catalog, target);
  return answer ? markdownHover(document, answer.markdown, answer.span) : null;
}

function markdownHover(document: TextDocument, markdown: string, span: Span): Hover {
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
  };
}

function describe(catalog: Catalog, target: CursorTarget): { markdown: string; span: Span } | undefined {
  switch (target.kind) {
    case 'action': {
      const text = target.value && literal(target.value);
      if (text === undefined) return undefined;
      return { markdown: describeActionText(catalog, text.trim()), span: target.value!.span };
    }
    case 'resource': {
      const value = target.value;
      if (!value || value.kind !== 'string') return undefined;
      return { markdown: describeArn(catalog, value.text, value.parts ?? value.text, namedActions(catalog, target.statement)), span: value.span };
    }
    case 'principal': {
      const text = target.value && literal(target.value);
      if (text === undefined) return undefined;
      return { markdown: describePrincipal(target.entry.kind, text), span: target.value!.span };
    }
    case 'condition-key': {
      if (!target.entry) return undefined;
      const markdown = describeConditionKey(catalog, target.entry.key.text, namedActions(catalog, target.statement), target.block.operator.text);
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
  return action ? describeAction(catalog, action) : describeExpansion(value, { actions: [], suggestions: catalog.suggest(value) });
}
