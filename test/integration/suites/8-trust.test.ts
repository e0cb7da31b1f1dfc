import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extensionApi, openDocument, waitFor } from '../helpers';

// Trust on real code: what CloudWarden could not analyse is said in the editor, and several rules on one
// element are one diagnostic a person can read.
suite('trust: never silent, one diagnostic per element', () => {
  suiteSetup(() => extensionApi());

  test('a file nested too deeply: an Information diagnostic, and the language status says it was not analysed', async () => {
    const api = await extensionApi();
    const editor = await openDocument('policies', 'nested-too-deep.yaml');
    const uri = editor.document.uri;
    const notice = await waitFor('the not-analysed diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'not-analysed'),
    );
    assert.equal(notice.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notice.message, /nests more than \d+ levels deep/);
    const status = await waitFor('the language status', () =>
      /not analysed/.test(api.lintStatus().text) ? api.lintStatus() : undefined,
    );
    assert.equal(status.severity, 'warning');
    assert.match(status.text, /1 part not analysed/);
    assert.match(status.detail, /nests more than/);
  });

  test('iam:* on "*": one diagnostic, the other rules as related information, each rule suppressible', async () => {
    const api = await extensionApi();
    const editor = await openDocument('policies', 'iam-operator.json');
    const uri = editor.document.uri;
    const offset = editor.document.getText().indexOf('"iam:*"') + 1;
    const at = editor.document.positionAt(offset);
    const onWildcard = await waitFor('diagnostics on iam:*', () => {
      const here = vscode.languages.getDiagnostics(uri).filter((d) => d.range.start.isEqual(at));
      return here.length > 0 ? here : undefined;
    });
    assert.equal(onWildcard.length, 1, onWildcard.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    const [d] = onWildcard;
    const related = d!.relatedInformation ?? [];
    assert.ok(related.length >= 2, 'the other findings on iam:* are related information');
    const rules = [codeOf(d!), ...related.map((r) => /^([a-z-]+) \(/.exec(r.message)?.[1] ?? r.message)];
    assert.ok(rules.includes('wildcard-action') && rules.includes('credentials-exposure'), rules.join(', '));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    for (const rule of rules)
      assert.ok(
        actions.some((a) => a.title.includes(rule)),
        `no suppression of ${rule}: ${actions.map((a) => a.title).join(' | ')}`,
      );
    // The clean file's status: fully analysed (after the deep file of the previous test, another file is not).
    const status = await waitFor('the status of this file', () =>
      /CloudWarden/.test(api.lintStatus().text) ? api.lintStatus() : undefined,
    );
    assert.match(status.detail, /fully analysed/);
  });
});
