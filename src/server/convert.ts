import type { CodeAction, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, Span } from '../core';

/** A core span as an LSP range in the document. */
export function rangeOf(document: Pick<TextDocument, 'positionAt'>, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** A core fix as a code action on the document (attached to a diagnostic when it fixes one). */
export function codeActionOf(document: TextDocument, fix: Fix, kind: string, diagnostic?: Diagnostic): CodeAction {
  const edit: WorkspaceEdit = {
    changes: { [document.uri]: fix.edits.map((e) => ({ range: rangeOf(document, e.span), newText: e.newText })) },
  };
  return {
    title: fix.title,
    kind,
    edit,
    ...(diagnostic && { diagnostics: [diagnostic], isPreferred: fix.preferred ?? false }),
  };
}
