import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type Finding,
  inFileSuppression,
  LineIndex,
  type PolicySource,
  projectFileSuppression,
  readIfPresent,
  type Span,
  policyFormatOfLanguage,
} from '../core';
import { rangeOf } from './convert';
import { fsPathOf, type ProjectConfigService } from './projectConfig';

/** What the client can apply: creating a file needs `documentChanges` and the `create` resource operation. */
export interface EditCapabilities {
  readonly documentChanges: boolean;
  readonly createFiles: boolean;
}

export interface SuppressContext {
  readonly document: TextDocument;
  readonly shape: PolicySource['shape'];
  /** The strings that hold policies (see stringsOf). */
  readonly strings: readonly Span[];
  readonly projects: ProjectConfigService;
  readonly capabilities: EditCapabilities;
  /** The text of an open document, which may be newer than the disk. */
  readonly openText: (uri: string) => string | undefined;
}

/**
 * The "Suppress" quick fix the core offers for one finding, as a code action: in the file itself (a
 * comment, a CloudFormation Metadata entry), or else an entry in the project file, created when absent
 * and the client can create files.
 */
export function suppressActions(finding: Finding, diagnostic: Diagnostic, ctx: SuppressContext): CodeAction[] {
  const { document } = ctx;
  const format = policyFormatOfLanguage(document.languageId);
  if (!format) return [];
  const local = inFileSuppression(finding, {
    text: document.getText(),
    format,
    jsonComments: document.languageId === 'jsonc',
    shape: ctx.shape,
    strings: ctx.strings,
  });
  if (local)
    return [
      action(local.title, diagnostic, {
        changes: { [document.uri]: [{ range: rangeOf(document, local.edit.span), newText: local.edit.newText }] },
      }),
    ];
  const fromProject = projectFileAction(finding, diagnostic, ctx);
  return fromProject ? [fromProject] : [];
}

function projectFileAction(finding: Finding, diagnostic: Diagnostic, ctx: SuppressContext): CodeAction | undefined {
  const target = ctx.projects.projectFileFor(ctx.document.uri);
  const documentPath = target && fsPathOf(ctx.document.uri);
  if (!target || !documentPath) return undefined;
  const uri = pathToFileURL(target.file).toString();
  const existing = ctx.openText(uri) ?? (target.exists ? readIfPresent(target.file) : undefined);
  if (existing === undefined && !(ctx.capabilities.documentChanges && ctx.capabilities.createFiles)) return undefined;
  const relative = path.relative(path.dirname(target.file), documentPath).split(path.sep).join('/');
  const suppression = projectFileSuppression(finding, ctx.document.getText(), existing, relative);
  if (!suppression) return undefined;
  const textEdit = {
    range: rangeOf(new LineIndex(existing ?? ''), suppression.edit.span),
    newText: suppression.edit.newText,
  };
  if (existing === undefined) {
    return action(suppression.title, diagnostic, {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [textEdit] },
      ],
    });
  }
  return action(
    suppression.title,
    diagnostic,
    ctx.capabilities.documentChanges
      ? { documentChanges: [{ textDocument: { uri, version: null }, edits: [textEdit] }] }
      : { changes: { [uri]: [textEdit] } },
  );
}

function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit };
}
