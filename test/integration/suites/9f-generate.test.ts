import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { principalIdentity, type PolicyLanguage } from '../../../src/core';
import { GeneratePolicyRequest } from '../../../src/shared/protocol';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { INVICTUS_USER } from '../../harness/unusedFixture';
import { codeOf, extensionApi, liveDiagnostics, waitFor } from '../helpers';

/**
 * "Generate least-privilege policy from activity" in real VS Code: with the log folders of the Invictus
 * dataset set, the command run with an argument (as a test or a CodeLens link runs it) opens the policy of
 * one user in each language, as an untitled document that CloudWarden lints like any other: no error or
 * warning, and every action the user was allowed is in it or said not granted. No AWS call is involved.
 */
const USER = INVICTUS_USER;
/** The dataset is of July 2023: a period reaching back to it. */
const DAYS = 5000;
const LANGUAGES: readonly PolicyLanguage[] = ['json', 'yaml', 'typescript', 'terraform'];

suite('Generate a least-privilege policy from log files', () => {
  /** The actions the user called and was not refused, by a plain scan of the dataset. */
  let used: string[];

  suiteSetup(async () => {
    await extensionApi();
    used = [
      ...new Set(
        invictusFileEvents()
          .flatMap((f) => f.events)
          .filter((e) => principalIdentity(e.principal) === USER && e.action !== undefined)
          .filter((e) => !/^(AccessDenied|(Client\.)?UnauthorizedOperation$)/.test(e.errorCode ?? ''))
          .map((e) => e.action!),
      ),
    ];
    assert.ok(used.includes('iam:ListUsers'), 'benjamin listed the users in the dataset');
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('activity.logFolders', [INVICTUS_FOLDER], vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('activity.logFolders', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const format of LANGUAGES) {
    test(`${format}: the policy opens in its language, lints clean and holds the actions used`, async () => {
      const api = await extensionApi();
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('cloudwarden.generatePolicy', {
        principal: USER,
        days: DAYS,
        format,
      });
      assert.ok(uri, 'the command returns the opened document');
      assert.equal(uri.scheme, 'untitled');
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.toString(), uri.toString(), 'the policy is the active editor');
      assert.equal(document.languageId, format);

      // Every lint ends with the document's status: once it came, the diagnostics are final.
      await waitFor('the policy to be linted', () => api.hasLinted(uri.toString()), 60_000);
      const serious = liveDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepEqual(
        serious.map((d) => `${codeOf(d)}: ${d.message}`),
        [],
      );

      // What the server says it left out, asked again (the answer is the same: the index is built).
      const answer = await api.server.request(GeneratePolicyRequest.type, { principal: USER, days: DAYS, format });
      assert.equal(answer.text, document.getText());
      const text = document.getText();
      const missing = used.filter((a) => !text.includes(a) && !answer.leftOut.includes(a));
      assert.deepEqual(missing, [], 'every action used is granted or said not granted');
      assert.ok(text.includes('iam:ListUsers'));
      assert.ok(text.includes('arn:aws:s3:::config-bucket-123837392027'), 'a bucket its calls named');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // The next untitled document may take this one's name: wait until this one is gone from the
      // extension host, or the next command's document would resolve to it.
      await waitFor('the closed policy to be disposed', () =>
        vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()) ? undefined : true,
      );
    });
  }
});
