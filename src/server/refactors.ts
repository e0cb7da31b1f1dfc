import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rewritesAt } from '../core';
import { codeActionOf } from './convert';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/** LSP refactor code actions: the core's rewrites at the start of the range. */
export function refactorActions(
  catalogService: CatalogService,
  sources: PolicySources,
  document: TextDocument,
  params: CodeActionParams,
): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.RefactorRewrite.startsWith(k))) return [];
  const source = sources.get(document);
  const catalog = catalogService.get();
  if (!source || !catalog) return [];
  return rewritesAt(source, document.getText(), document.offsetAt(params.range.start), catalog).map((fix) =>
    codeActionOf(document, fix, CodeActionKind.RefactorRewrite),
  );
}
