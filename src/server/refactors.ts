import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { targetAt } from '../core/policy/cursor';
import { expandWildcardFixes } from '../core/rules/fixes/expandWildcard';
import { isAllow } from '../core/rules/values';
import type { Fix } from '../core/rules/types';
import type { CatalogService } from './catalogService';
import type { PolicySources } from './sources';

/**
 * Rewrites offered where the cursor is, with or without a finding there: today, writing out the
 * actions of a wildcard pattern (`s3:Get*`), all or only Read and List.
 */
export function refactorActions(catalogService: CatalogService, sources: PolicySources, document: TextDocument, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.RefactorRewrite.startsWith(k))) return [];
  const source = sources.get(document);
  const catalog = catalogService.get();
  if (!source || !catalog || source.documents.length === 0) return [];
  const target = targetAt(source, document.offsetAt(params.range.start));
  // Only where it narrows nothing: an Allow's Action. In NotAction or a Deny, writing a pattern out (or
  // keeping only its reads) would exclude or deny less, and stop covering actions AWS adds later.
  if (target?.kind !== 'action' || !target.value || target.element !== 'Action' || !isAllow(target.statement)) return [];
  return expandWildcardFixes(document.getText(), source.format, catalog, target.value, target.list).map((fix) => toCodeAction(document, fix));
}

export function toCodeAction(document: TextDocument, fix: Fix, kind: string = CodeActionKind.RefactorRewrite): CodeAction {
  return {
    title: fix.title,
    kind,
    edit: {
      changes: {
        [document.uri]: fix.edits.map((e) => ({ range: { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) }, newText: e.newText })),
      },
    },
  };
}
