import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, openDocument, waitFor } from '../helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const live = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'CloudWarden' && d.severity !== vscode.DiagnosticSeverity.Hint);

/**
 * Every quick fix CloudWarden offers on the legacy template and on a JSON policy, applied in a real
 * editor one at a time: the file stays one the server reads without a syntax error, and the re-lint
 * no longer reports that finding where it was (it is fixed, or suppressed with a reason to write).
 */
suite('every quick fix, applied and re-linted', () => {
  suiteSetup(() => extensionApi());

  for (const [folder, file] of [['templates', 'reporting-stack.yaml'], ['policies', 'wide-open.json']] as const) {
    test(`${folder}/${file}`, async function () {
      this.timeout(240_000);
      const editor = await openDocument(folder, file);
      const uri = editor.document.uri;
      const original = editor.document.getText();
      const first = await waitFor('findings', () => (live(uri).length >= 2 ? live(uri) : undefined));
      let applied = 0;
      for (const target of first) {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
        // The findings here do not overlap, so the quick fixes for a finding's range are that finding's
        // (VS Code's command does not return the actions' diagnostics). The project-file suppression
        // writes another file (.cloudwarden.yaml): the server tests cover it.
        const mine = actions.filter((a) => a.edit && !a.title.includes('.cloudwarden.yaml'));
        for (const action of mine) {
          const before = editor.document.version;
          assert.ok(await vscode.workspace.applyEdit(action.edit!), `${action.title}: edit refused`);
          // The re-lint of the edited text: published for a newer version.
          const after = await waitFor(`the re-lint after "${action.title}"`, async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            return editor.document.version > before && !vscode.languages.getDiagnostics(uri).some((d) => d.range.isEqual(target.range) && codeOf(d) === codeOf(target) && d.message === target.message && d.severity !== vscode.DiagnosticSeverity.Hint)
              ? vscode.languages.getDiagnostics(uri)
              : undefined;
          });
          assert.ok(!after.some((d) => codeOf(d) === 'syntax-error'), `"${action.title}" left a syntax error:\n${editor.document.getText()}`);
          applied++;
          // Back to the original text for the next fix.
          await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length)), original));
          await waitFor('the original findings again', () => live(uri).some((d) => d.range.isEqual(target.range) && codeOf(d) === codeOf(target)));
        }
      }
      // In YAML every finding has at least its suppression comment; in plain JSON some have none in the file.
      if (file.endsWith('.yaml')) assert.ok(applied >= first.length, `${applied} fixes applied for ${first.length} findings`);
      else assert.ok(applied >= 4, `${applied} fixes applied`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }
});
