import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commentSuppressionEdit, insideHeredoc, metadataSuppressionEdit, projectSuppressionEdit } from '../core/config/fixes';
import { SUPPRESSION_FINDINGS } from '../core/config/ids';
import { PROJECT_FILE_NAME } from '../core/config/projectFile';
import { elementText } from '../core/config/suppress';
import { SYNTAX_ERROR } from '../core/lint';
import type { PolicySource } from '../core/policy/model';
import type { Finding, TextEdit } from '../core/rules/types';
import { LineIndex } from '../core/text/lines';
import { fsPathOf, readIfPresent, type ProjectConfigService } from './projectConfig';

/** What the client can apply: creating a file needs `documentChanges` and the `create` resource operation. */
export interface EditCapabilities {
  readonly documentChanges: boolean;
  readonly createFiles: boolean;
}

export interface SuppressContext {
  readonly document: TextDocument;
  readonly shape: PolicySource['shape'];
  readonly projects: ProjectConfigService;
  readonly capabilities: EditCapabilities;
  /** The text of an open document, which may be newer than the disk. */
  readonly openText: (uri: string) => string | undefined;
}

/**
 * "Suppress" quick fixes for one finding, where the file's format allows: a comment in YAML, JSONC,
 * TypeScript and Terraform (outside heredocs),
 * a Metadata entry in a JSON CloudFormation template, and otherwise an entry in the project file
 * (created when absent and the client can create files). The reason is a placeholder to replace.
 */
export function suppressActions(finding: Finding, diagnostic: Diagnostic, ctx: SuppressContext): CodeAction[] {
  if (finding.ruleId === SYNTAX_ERROR || SUPPRESSION_FINDINGS.includes(finding.ruleId)) return [];
  const { document } = ctx;
  const id = finding.ruleId;
  const local = (title: string, edit: TextEdit): CodeAction => action(title, diagnostic, {
    changes: { [document.uri]: [{ range: { start: document.positionAt(edit.span.start), end: document.positionAt(edit.span.end) }, newText: edit.newText }] },
  });
  if (document.languageId === 'yaml') return [local(`Suppress ${id} with a comment`, commentSuppressionEdit(document.getText(), finding.span.start, id, '#'))];
  if (document.languageId === 'jsonc' || document.languageId === 'typescript' || document.languageId === 'typescriptreact') {
    return [local(`Suppress ${id} with a comment`, commentSuppressionEdit(document.getText(), finding.span.start, id, '//'))];
  }
  // In Terraform, not inside a heredoc: the comment would become part of the policy's JSON there.
  if (document.languageId === 'terraform' && !insideHeredoc(document.getText(), finding.span.start)) {
    return [local(`Suppress ${id} with a comment`, commentSuppressionEdit(document.getText(), finding.span.start, id, '#'))];
  }
  if (ctx.shape === 'cloudformation') {
    const edit = metadataSuppressionEdit(document.getText(), finding.span.start, id);
    if (edit) return [local(`Suppress ${id} in the resource's Metadata`, edit)];
  }
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
  const element = elementText(ctx.document.getText(), finding.span);
  const edit = projectSuppressionEdit(existing, {
    path: path.relative(path.dirname(target.file), documentPath).split(path.sep).join('/'),
    ruleId: finding.ruleId,
    // Only this element when it is a short one-line value (an action, an ARN), not the whole rule in the file.
    match: element && element.length <= 200 && !element.includes('\n') ? element : undefined,
  });
  const index = new LineIndex(existing ?? '');
  const textEdit = { range: { start: index.positionAt(edit.span.start), end: index.positionAt(edit.span.end) }, newText: edit.newText };
  const title = `Suppress ${finding.ruleId} here in ${PROJECT_FILE_NAME}`;
  if (existing === undefined) {
    return action(title, diagnostic, {
      documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [textEdit] }],
    });
  }
  return action(title, diagnostic, ctx.capabilities.documentChanges ? { documentChanges: [{ textDocument: { uri, version: null }, edits: [textEdit] }] } : { changes: { [uri]: [textEdit] } });
}

function action(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit };
}
