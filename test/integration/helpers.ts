import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CloudWardenApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'cloudwarden.cloudwarden';

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, ...parts));
}

export async function openDocument(...parts: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(...parts));
  return vscode.window.showTextDocument(document);
}

/** Polls until `probe` returns a value that is neither undefined nor false, or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The activated extension's API (activating it if a previous test has not). */
export async function extensionApi(): Promise<CloudWardenApi> {
  const extension = vscode.extensions.getExtension<CloudWardenApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** The position of the first occurrence of `needle` in the document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in ${document.uri.fsPath}`);
  return document.positionAt(offset + delta);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The text of the hovers at `needle` (+ `delta` characters) in the editor's document. */
export async function hoverTextAt(editor: vscode.TextEditor, needle: string, delta = 3): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    editor.document.uri,
    positionOf(editor.document, needle, delta),
  );
  return hoverText(hovers ?? []);
}

/** Hovers at `needle` until the text passes `ready`; returns that text. */
export function hoverUntil(
  editor: vscode.TextEditor,
  needle: string,
  what: string,
  ready: (text: string) => boolean,
  ms = 60_000,
): Promise<string> {
  return waitFor(
    what,
    async () => {
      const text = await hoverTextAt(editor, needle);
      return ready(text) ? text : undefined;
    },
    ms,
  );
}

/** A diagnostic's rule id. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** CloudWarden's diagnostics of a document, suppressed ones (hints) left out. */
export function liveDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'CloudWarden' && d.severity !== vscode.DiagnosticSeverity.Hint);
}

/**
 * Applies every quick fix of every finding of the open document, one at a time: waits for the re-lint of
 * the edited text to drop the finding from where it was, lets `check` judge the fixed text, and puts the
 * original text back. Returns the number of fixes applied. The findings must not overlap (VS Code's code
 * action command does not say which diagnostic an action is for).
 */
export async function applyEveryQuickFix(
  editor: vscode.TextEditor,
  options: {
    readonly minFindings: number;
    readonly keep: (action: vscode.CodeAction) => boolean;
    readonly check: (title: string, after: readonly vscode.Diagnostic[]) => void | Promise<void>;
  },
): Promise<{ applied: number; findings: number }> {
  const uri = editor.document.uri;
  const original = editor.document.getText();
  const first = await waitFor('findings', () =>
    liveDiagnostics(uri).length >= options.minFindings ? liveDiagnostics(uri) : undefined,
  );
  let applied = 0;
  for (const target of first) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    for (const action of actions.filter((a) => a.edit && options.keep(a))) {
      const before = editor.document.version;
      assert.ok(await vscode.workspace.applyEdit(action.edit!), `${action.title}: edit refused`);
      // The re-lint of the edited text: published for a newer version.
      const after = await waitFor(`the re-lint after "${action.title}"`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return editor.document.version > before &&
          !liveDiagnostics(uri).some(
            (d) => d.range.isEqual(target.range) && codeOf(d) === codeOf(target) && d.message === target.message,
          )
          ? vscode.languages.getDiagnostics(uri)
          : undefined;
      });
      await options.check(action.title, after);
      applied++;
      // Back to the original text for the next fix.
      await editor.edit((b) =>
        b.replace(
          new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length)),
          original,
        ),
      );
      await waitFor('the original findings again', () =>
        liveDiagnostics(uri).some((d) => d.range.isEqual(target.range) && codeOf(d) === codeOf(target)),
      );
    }
  }
  return { applied, findings: first.length };
}
