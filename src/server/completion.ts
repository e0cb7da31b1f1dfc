import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type CompletionKind, completionsAt } from '../core';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/**
 * Characters after which the client asks again without a word typed: `:` ends a service prefix, `"` opens
 * a string, and `'` opens one in TypeScript.
 */
export const COMPLETION_TRIGGERS = [':', '"', "'"];

const KIND: Record<CompletionKind, CompletionItemKind> = {
  service: CompletionItemKind.Module,
  action: CompletionItemKind.Function,
  pattern: CompletionItemKind.Constant,
  resource: CompletionItemKind.Reference,
  principal: CompletionItemKind.Value,
  operator: CompletionItemKind.Operator,
  'condition-key': CompletionItemKind.Property,
};

export function provideCompletion(
  catalogService: CatalogService,
  sources: PolicySources,
  document: TextDocument,
  position: Position,
): CompletionList | null {
  const source = sources.get(document);
  if (!source || source.documents.length === 0) return null;
  const catalog = catalogService.get();
  if (!catalog) return null;
  const entries = completionsAt(source, document.getText(), document.offsetAt(position), catalog);
  if (entries.length === 0) return null;
  const items = entries.map((e): CompletionItem => {
    // The edit ends at the value's end: accepting replaces the whole value, not only what is left of the cursor.
    const range = { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) };
    const item: CompletionItem = {
      label: e.label,
      kind: KIND[e.kind],
      textEdit: { range, newText: e.insertText },
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (e.detail) item.detail = e.detail;
    if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
    if (e.sortText) item.sortText = e.sortText;
    if (e.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    return item;
  });
  return { isIncomplete: false, items };
}
