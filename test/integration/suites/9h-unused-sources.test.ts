import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { INVICTUS_USER, UNUSED_POLICY } from '../../harness/unusedFixture';
import { codeOf, extensionApi, hoverUntil, liveDiagnostics, waitFor } from '../helpers';

/**
 * Unused permissions with Amazon Athena as the activity source, in real VS Code: the emulator's Athena
 * table holds the Invictus history (moved to end now), in which benjamin listed the IAM users and did
 * nothing else the policy grants. One query for the workspace's principals answers; the findings, the
 * CodeLens and the hover name "CloudTrail in Athena" with the calls and bytes the query cost.
 */
async function setActivity(values: Record<string, string | undefined>): Promise<void> {
  const config = vscode.workspace.getConfiguration('cloudwarden');
  for (const [key, value] of Object.entries(values))
    await config.update(`activity.${key}`, value, vscode.ConfigurationTarget.Global);
}

const ATHENA = {
  source: 'athena',
  'athena.workgroup': 'cloudwarden',
  'athena.database': 'cloudtrail',
  'athena.table': 'cloudtrail_logs',
};

suite('Unused permissions from Athena', () => {
  let folder: string;

  suiteSetup(async () => {
    await extensionApi();
    folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-unused-athena-'));
    writeFileSync(path.join(folder, 'policy.json'), UNUSED_POLICY);
    writeFileSync(
      path.join(folder, '.cloudwarden.yaml'),
      `principals:\n  - files: 'policy.json'\n    principal: ${INVICTUS_USER}\n`,
    );
    await setActivity(ATHENA);
  });

  suiteTeardown(async () => {
    await setActivity(Object.fromEntries(Object.keys(ATHENA).map((key) => [key, undefined])));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  test('a policy mapped to a principal of the Athena table: unused actions faded, the CodeLens names Athena', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'policy.json'));
    const editor = await vscode.window.showTextDocument(document);
    // AWS's own evidence may come first: wait for the findings that rest on Athena's answer.
    const found = await waitFor(
      'unused-permission findings resting on CloudTrail in Athena',
      () => {
        const all = liveDiagnostics(document.uri).filter((d) => /^(unused-|denied-|mostly-unused)/.test(codeOf(d)));
        return all.some((d) => d.message.includes('CloudTrail in Athena')) ? all : undefined;
      },
      60_000,
    );
    const action = found.filter((d) => codeOf(d) === 'unused-action');
    assert.deepEqual(
      action.map((d) => document.getText(d.range)),
      ['iam:DeleteUser'],
    );
    assert.match(
      action[0]!.message,
      // The emulator moves the table's events so that the newest is the emulator's start: a live trail.
      /^iam:DeleteUser was not used in the last \d+ (minutes|hours?|days?) \(CloudTrail in Athena\)/,
    );
    assert.deepEqual(action[0]!.tags, [vscode.DiagnosticTag.Unnecessary]);
    const statement = found.filter((d) => codeOf(d) === 'unused-statement');
    assert.equal(statement.length, 1);
    assert.ok(document.getText(statement[0]!.range).includes('ec2:TerminateInstances'));
    assert.ok(!found.some((d) => document.getText(d.range) === 's3:GetObject'), 'a data event the table does not hold');

    const lens = await waitFor('the CodeLens naming Athena', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses.find((l) => l.command?.title.startsWith('user/benjamin:') && l.command.title.includes('Athena'));
    });
    assert.match(
      lens.command!.title,
      /^user\/benjamin: 1 used, 3 unused, 1 unknown, based on \d+ (minutes|hours?|days?) of CloudTrail in Athena \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\) from \d+ AWS calls \(1 query, [\d.]+ (bytes|KB|MB) scanned in [\d.]+ s\) (just now|\d+ minutes? ago)/,
    );

    const hover = await hoverUntil(editor, 'iam:DeleteUser', 'the use in the hover', (t) => t.includes('Use by'));
    assert.match(hover, /`iam:DeleteUser`: \*\*not used\*\* in .+ of evidence \(CloudTrail in Athena/);
    const unknown = await hoverUntil(editor, 's3:GetObject', 'the unknown use in the hover', (t) =>
      t.includes('Use by'),
    );
    assert.match(
      unknown,
      /`s3:GetObject`: \*\*unknown\*\*: s3:GetObject is a data event, and there is no s3 data event in the CloudTrail in Athena/,
    );
  });
});
