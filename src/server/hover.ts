import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/** LSP hover: the core's answer at the position, its span as a range. */
export function provideHover(
  catalogService: CatalogService,
  sources: PolicySources,
  document: TextDocument,
  position: Position,
): Hover | null {
  const source = sources.get(document);
  const catalog = catalogService.get();
  if (!source || !catalog) return null;
  const answer = hoverAt(source, document.offsetAt(position), catalog);
  if (!answer) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: answer.markdown },
    range: { start: document.positionAt(answer.span.start), end: document.positionAt(answer.span.end) },
  };
}
