import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../../harness/paths';
import { extensionApi, waitFor } from '../helpers';

/**
 * The principal of a policy without any `principals` entry, in real VS Code against the emulator (the
 * harness gives the extension host its credentials): a SAM template whose samconfig.toml names the stack
 * (DescribeStackResources maps its role's logical id to the deployed name), and a template whose role has a
 * literal RoleName (the account of the credentials). The CodeLens says where the principal comes from; the
 * command "Set the principal of this policy…" writes `.cloudwarden.yaml`, and the lens then names it.
 */
const ORDERS_ROLE_NAME = 'orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD';
const NAMED = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: nightly-reports
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: reports
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: [s3:ListBucket], Resource: '*' }]
`;

suite('The principal of a policy from its deployment', () => {
  let folder: string;

  suiteSetup(async () => {
    await extensionApi();
    folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-mapping-'));
    writeFileSync(
      path.join(folder, 'template.yaml'),
      readFileSync(path.join(repoRoot, 'demo', 'templates', 'orders-service.yaml'), 'utf8'),
    );
    writeFileSync(
      path.join(folder, 'samconfig.toml'),
      'version = 0.1\n[default.deploy.parameters]\nstack_name = "orders-service-dev"\nregion = "us-east-1"\n',
    );
    writeFileSync(path.join(folder, 'named.yaml'), NAMED);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  /** The unused-permission CodeLens of a document whose title matches, once it is there. */
  function lensOf(uri: vscode.Uri, title: RegExp): Promise<vscode.CodeLens> {
    return waitFor(
      `a CodeLens matching ${title}`,
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return lenses.find((l) => l.command !== undefined && title.test(l.command.title));
      },
      60_000,
    );
  }

  test("samconfig.toml's stack: the role's deployed name, and the evidence in the CodeLens", async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'template.yaml'));
    await vscode.window.showTextDocument(document);
    const lens = await lensOf(document.uri, new RegExp(`^role/${ORDERS_ROLE_NAME}: `));
    assert.match(
      lens.command!.title,
      /\(principal from stack orders-service-dev \(samconfig\.toml:3\), FunctionRole \(DescribeStackResources, (just now|\d+ minutes? ago)\)\)$/,
    );
  });

  test("a literal RoleName: the role in the credentials' account; the command then maps it explicitly", async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'named.yaml'));
    await vscode.window.showTextDocument(document);
    const lens = await lensOf(document.uri, /^role\/nightly-reports: /);
    assert.match(
      lens.command!.title,
      /\(principal from RoleName at named\.yaml:6, account 111122223333 of the credentials of AWS_ACCESS_KEY_ID\)$/,
    );

    // The command, with its argument (as the code action gives it, plus the principal a user would pick).
    // Inside the policy document: at its action.
    const position = document.positionAt(document.getText().indexOf('s3:ListBucket'));
    const written = await vscode.commands.executeCommand<{ ok: boolean; projectFile?: string; created?: boolean }>(
      'cloudwarden.mapPrincipal',
      {
        uri: document.uri.toString(),
        position: { line: position.line, character: position.character },
        principal: 'arn:aws:iam::111122223333:role/reports-override',
      },
    );
    assert.deepEqual(written, { ok: true, projectFile: path.join(folder, '.cloudwarden.yaml'), created: true });
    assert.equal(
      readFileSync(path.join(folder, '.cloudwarden.yaml'), 'utf8'),
      'principals:\n  - files: named.yaml\n    principal: arn:aws:iam::111122223333:role/reports-override\n',
    );
    const mapped = await lensOf(document.uri, /^role\/reports-override: /);
    assert.match(mapped.command!.title, /\(principal from \.cloudwarden\.yaml:2 \(files: named\.yaml\)\)$/);

    // The code action offers the command on the policy.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(position, position),
    );
    const offered = actions.find((a) => a.title === 'Set the principal of this policy…');
    assert.equal(offered?.command?.command, 'cloudwarden.mapPrincipal');
  });
});
