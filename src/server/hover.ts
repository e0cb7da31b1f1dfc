import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeAction, describeExpansion } from '../core/docs/actionDocs';
import { findActionAt } from '../core/policy/locate';
import { syntaxOf } from './syntax';
import type { CatalogService } from './catalogService';

/** Hover on an action string or pattern in a JSON or YAML policy. */
export function provideHover(catalogService: CatalogService, document: TextDocument, position: Position): Hover | null {
  const syntax = syntaxOf(document.languageId);
  if (!syntax) return null;
  const found = findActionAt(document.getText(), syntax, document.offsetAt(position));
  if (!found) return null;
  const catalog = catalogService.get();
  if (!catalog) return null;
  const value = found.value.trim();
  let markdown: string;
  if (/[*?]/.test(value)) {
    markdown = describeExpansion(value, catalog.expand(value));
  } else {
    const action = catalog.action(value);
    if (!action) {
      const suggestions = catalog.suggest(value);
      markdown = describeExpansion(value, { actions: [], suggestions });
    } else {
      markdown = describeAction(catalog, action);
    }
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(found.start), end: document.positionAt(found.end) },
  };
}
