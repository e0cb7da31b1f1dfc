import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { summarizeStatements } from '../core';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/**
 * A lens above each statement with what it grants. The lenses are labels, not buttons: a command with
 * an empty id is shown as plain text by VS Code.
 */
export function provideCodeLenses(
  catalogService: CatalogService,
  sources: PolicySources,
  document: TextDocument,
): CodeLens[] {
  const source = sources.get(document);
  const catalog = catalogService.get();
  if (!source || !catalog || source.documents.length === 0) return [];
  return summarizeStatements(source, catalog).map((s) => {
    const start = document.positionAt(s.span.start);
    return { range: { start, end: start }, command: { title: s.title, command: '' } };
  });
}
