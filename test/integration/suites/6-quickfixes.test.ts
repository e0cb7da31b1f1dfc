import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEveryQuickFix, codeOf, extensionApi, openDocument } from '../helpers';

/**
 * Every quick fix CloudWarden offers on the legacy template and on a JSON policy, applied in a real
 * editor one at a time: the file stays one the server reads without a syntax error, and the re-lint
 * no longer reports that finding where it was (it is fixed, or suppressed with a reason to write).
 */
suite('every quick fix, applied and re-linted', () => {
  suiteSetup(() => extensionApi());

  for (const [folder, file] of [
    ['templates', 'reporting-stack.yaml'],
    ['policies', 'wide-open.json'],
  ] as const) {
    test(`${folder}/${file}`, async function () {
      this.timeout(240_000);
      const editor = await openDocument(folder, file);
      // The project-file suppression writes another file (.cloudwarden.yaml): the server tests cover it.
      const { applied, findings } = await applyEveryQuickFix(editor, {
        minFindings: 2,
        keep: (a) => !a.title.includes('.cloudwarden.yaml'),
        check: (title, after) =>
          assert.ok(
            !after.some((d) => codeOf(d) === 'syntax-error'),
            `"${title}" left a syntax error:\n${editor.document.getText()}`,
          ),
      });
      // In YAML every finding has at least its suppression comment; in plain JSON some have none in the file.
      if (file.endsWith('.yaml')) assert.ok(applied >= findings, `${applied} fixes applied for ${findings} findings`);
      else assert.ok(applied >= 4, `${applied} fixes applied`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }
});
