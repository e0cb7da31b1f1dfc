import * as vscode from 'vscode';
import { DocumentStatusNotification } from '../shared/protocol';
import { SERVED_LANGUAGES } from './languages';
import type { ServerHandle } from './serverHandle';

type Status = DocumentStatusNotification.Params;

/** What the language status item shows, as data (the tests read it through the extension's API). */
export interface LintStatusView {
  readonly text: string;
  readonly detail: string;
  readonly severity: 'information' | 'warning' | 'error';
}

/**
 * The language status item (the `{}` beside the language mode) for policy files: what CloudWarden could
 * not analyse in this file and in the other open files, rules that failed, and files linted on save only.
 * Nothing is a finding here: findings are diagnostics. A clean file says so briefly.
 */
export class LintStatus implements vscode.Disposable {
  private readonly statuses = new Map<string, Status>();
  /** Documents the server has linted at least once (every lint sends a status, a clean one too). */
  private readonly linted = new Set<string>();
  private readonly item = vscode.languages.createLanguageStatusItem(
    'cloudwarden.lint',
    SERVED_LANGUAGES.map((language) => ({ language })),
  );
  private readonly disposables: vscode.Disposable[] = [this.item];
  private view: LintStatusView = { text: 'CloudWarden', detail: '', severity: 'information' };

  constructor(server: ServerHandle) {
    this.item.name = 'CloudWarden';
    server.onNotification(DocumentStatusNotification.type, (status) => {
      this.linted.add(status.uri);
      if (status.notAnalysed.length === 0 && status.internalErrors.length === 0 && !status.onSaveOnly)
        this.statuses.delete(status.uri);
      else this.statuses.set(status.uri, status);
      this.update();
    });
    vscode.window.onDidChangeActiveTextEditor(() => this.update(), null, this.disposables);
    this.update();
  }

  /** Every part not analysed, in every open file that has one: for the list command. */
  entries(): { uri: vscode.Uri; line?: number; reason: string }[] {
    return [...this.statuses.values()].flatMap((s) =>
      s.notAnalysed.map((n) => ({
        uri: vscode.Uri.parse(s.uri),
        reason: n.reason,
        ...(n.line !== undefined && { line: n.line }),
      })),
    );
  }

  /** True once the server has linted the document (its diagnostics, none included, are then published). */
  hasLinted(uri: string): boolean {
    return this.linted.has(uri);
  }

  get current(): LintStatusView {
    return this.view;
  }

  private update(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const here = active ? this.statuses.get(active) : undefined;
    const filesNotAnalysed = [...this.statuses.values()].filter((s) => s.notAnalysed.length > 0).length;
    const elsewhere = filesNotAnalysed - (here && here.notAnalysed.length > 0 ? 1 : 0);
    const others =
      elsewhere > 0 ? `; ${elsewhere} other open file${elsewhere === 1 ? '' : 's'} with parts not analysed` : '';
    if (here && here.internalErrors.length > 0) {
      this.view = {
        text: `$(error) CloudWarden: ${here.internalErrors.length} rule${here.internalErrors.length === 1 ? '' : 's'} failed`,
        detail: `${here.internalErrors.join('; ')} (a bug in CloudWarden: the output has details; turn the rule off meanwhile)`,
        severity: 'error',
      };
      this.item.command = { title: 'Show output', command: 'cloudwarden.showOutput' };
    } else if (here && here.notAnalysed.length > 0) {
      const n = here.notAnalysed.length;
      this.view = {
        text: `$(eye-closed) ${n} part${n === 1 ? '' : 's'} not analysed`,
        detail: `${here.notAnalysed[0]!.reason}${n > 1 ? ` (and ${n - 1} more)` : ''}${others}`,
        severity: 'warning',
      };
      this.item.command = { title: 'List', command: 'cloudwarden.showNotAnalysed' };
    } else if (here?.onSaveOnly) {
      this.view = {
        text: '$(save) Linted on save',
        detail: `${here.onSaveOnly.characters.toLocaleString('en')} characters, over cloudwarden.lint.maxFileSize (${here.onSaveOnly.limit.toLocaleString('en')})${others}`,
        severity: 'information',
      };
      this.item.command = undefined;
    } else {
      this.view = {
        text: '$(shield) CloudWarden',
        detail: elsewhere > 0 ? `This file is fully analysed${others}` : 'Policies in this file are fully analysed',
        severity: 'information',
      };
      this.item.command = elsewhere > 0 ? { title: 'List', command: 'cloudwarden.showNotAnalysed' } : undefined;
    }
    this.item.text = this.view.text;
    this.item.detail = this.view.detail;
    this.item.severity =
      this.view.severity === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : this.view.severity === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** A quick pick of every part not analysed in the open files; choosing one reveals it. */
export async function showNotAnalysed(status: LintStatus): Promise<void> {
  const entries = status.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('CloudWarden: everything in the open files was analysed.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: e.reason,
      description: `${vscode.workspace.asRelativePath(e.uri)}${e.line !== undefined ? `:${e.line + 1}` : ''}`,
      entry: e,
    })),
    { title: 'CloudWarden: not analysed', matchOnDescription: true },
  );
  if (!picked) return;
  const editor = await vscode.window.showTextDocument(picked.entry.uri);
  if (picked.entry.line !== undefined) {
    const position = new vscode.Position(picked.entry.line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  }
}
