import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, openDocument, waitFor } from '../helpers';

function codes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'CloudWarden')
    .map((d) => `${typeof d.code === 'object' ? d.code.value : d.code}@${d.range.start.line + 1}`)
    .sort();
}

suite('diagnostics and quick fixes', () => {
  suiteSetup(() => extensionApi());

  test('a CloudFormation template gets line-accurate findings with rule codes and documentation links', async () => {
    const editor = await openDocument('templates', 'reporting-stack.yaml');
    const uri = editor.document.uri;
    const found = await waitFor('diagnostics', () => (codes(uri).length >= 6 ? codes(uri) : undefined));
    for (const expected of [
      'unknown-action@27',
      'missing-version@23',
      'invalid-sid@24',
      'wildcard-action@34',
      'passrole-star-resource@40',
      'unknown-condition-operator@43',
    ]) {
      assert.ok(found.includes(expected), `${expected} not in ${found.join(', ')}`);
    }
    const typo = vscode.languages.getDiagnostics(uri).find((d) => d.message.includes('s3:GetObjekt'))!;
    assert.equal(editor.document.getText(typo.range), 's3:GetObjekt');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    const code = typo.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/unknown-action\.md$/);
  });

  test('the did-you-mean quick fix edits the file and the finding goes away', async () => {
    const editor = await openDocument('templates', 'reporting-stack.yaml');
    const uri = editor.document.uri;
    const typo = await waitFor('the typo finding', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.message.includes('s3:GetObjekt')),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === "Change to 's3:GetObject'");
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(typo.range.start.line).text.trim(), '- s3:GetObject');
    await waitFor(
      'the finding to go',
      () => !vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('GetObjekt')),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('adding the missing Version keeps the YAML block style', async () => {
    const editor = await openDocument('templates', 'reporting-stack.yaml');
    const uri = editor.document.uri;
    const missing = await waitFor('missing-version', () =>
      vscode.languages.getDiagnostics(uri).find((d) => (d.code as { value: string }).value === 'missing-version'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('Add "Version"'))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const line = missing.range.start.line;
    assert.equal(editor.document.lineAt(line).text, '            Version: "2012-10-17"');
    assert.equal(editor.document.lineAt(line + 1).text, '            Statement:');
    await waitFor(
      'the finding to go',
      () =>
        !vscode.languages.getDiagnostics(uri).some((d) => (d.code as { value: string }).value === 'missing-version'),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('settings: a rule turned off disappears, and comes back', async () => {
    const editor = await openDocument('templates', 'reporting-stack.yaml');
    const uri = editor.document.uri;
    const has = () =>
      vscode.languages.getDiagnostics(uri).some((d) => (d.code as { value: string }).value === 'wildcard-action');
    await waitFor('wildcard-action', () => has());
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('rules', { 'wildcard-action': 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('wildcard-action to be off', () => !has());
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('wildcard-action to be back', () => has());
  });

  test('an unrelated JSON file gets no findings', async () => {
    const api = await extensionApi();
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{"name": "app", "scripts": {"build": "tsc"}}',
    });
    await vscode.window.showTextDocument(doc);
    // Every lint ends with the document's status: once it came, the (absent) diagnostics are final.
    await waitFor('the file to be linted', () => api.hasLinted(doc.uri.toString()));
    assert.deepEqual(codes(doc.uri), []);
  });
});
