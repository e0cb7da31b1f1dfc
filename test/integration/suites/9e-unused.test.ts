import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { principalIdentity } from '../../../src/core';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { INVICTUS_USER, UNUSED_POLICY } from '../../harness/unusedFixture';
import { codeOf, extensionApi, hoverUntil, liveDiagnostics, waitFor } from '../helpers';

/**
 * Unused permissions in real VS Code: a policy file and a CDK stack whose principal `.cloudwarden.yaml`
 * names, compared with the Invictus log files (set in `cloudwarden.activity.logFolders`, indexed by the
 * server in worker threads). Unused actions and statements are faded (the Unnecessary tag), a quick fix
 * removes one and the re-lint drops its finding. No AWS call is involved.
 */
const USER = INVICTUS_USER;
/** A user of the dataset whom the emulator's IAM also knows (last-accessed data of EC2 and IAM actions). */
const BERT_JAN = 'arn:aws:iam::123837392027:user/bert-jan';
const BERT_JAN_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:TerminateInstances", "ec2:StopInstances", "iam:CreateServiceLinkedRole"],
      "Resource": "*"
    }
  ]
}
`;

const POLICY = UNUSED_POLICY;

const STACK = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

export class AuditStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Auditor', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:ListUsers', 'kms:ScheduleKeyDeletion'],
        resources: ['*'],
      }),
    );
  }
}
`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: audit
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - iam:List*
                  - iam:DeleteUser
                Resource: '*'
`;

suite('Unused permissions from log files', () => {
  let folder: string;

  suiteSetup(async () => {
    await extensionApi();
    // The principal used iam:ListUsers in the dataset (a plain scan says so): the test rests on it.
    const used = invictusFileEvents()
      .flatMap((f) => f.events)
      .some((e) => principalIdentity(e.principal) === USER && e.action === 'iam:ListUsers' && !e.errorCode);
    assert.ok(used, 'benjamin listed the users in the dataset');
    folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-unused-'));
    writeFileSync(path.join(folder, 'policy.json'), POLICY);
    writeFileSync(path.join(folder, 'audit-stack.ts'), STACK);
    writeFileSync(path.join(folder, 'bert-jan.json'), BERT_JAN_POLICY);
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE);
    writeFileSync(
      path.join(folder, '.cloudwarden.yaml'),
      `principals:\n  - files: 'policy.json'\n    principal: ${USER}\n  - files: template.yaml\n    resource: AuditRole\n    principal: ${USER}\n  - files: '*.ts'\n    resource: role\n    principal: ${USER}\n  - files: bert-jan.json\n    principal: ${BERT_JAN}\n`,
    );
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('activity.logFolders', [INVICTUS_FOLDER], vscode.ConfigurationTarget.Global);
    // The dataset is of July 2023: a period reaching back to it.
    await config.update('unused.days', 5000, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('activity.logFolders', undefined, vscode.ConfigurationTarget.Global);
    await config.update('unused.days', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  /** The unused-permission diagnostics of a document, once they are there. */
  function unusedOf(uri: vscode.Uri, min: number): Promise<vscode.Diagnostic[]> {
    return waitFor(
      'the unused-permission diagnostics',
      () => {
        const found = liveDiagnostics(uri).filter((d) => /^(unused-|denied-|mostly-unused)/.test(codeOf(d)));
        return found.length >= min ? found : undefined;
      },
      60_000,
    );
  }

  test('a policy file: unused actions and statements faded, a data event never called unused', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'policy.json'));
    const editor = await vscode.window.showTextDocument(document);
    const found = await unusedOf(document.uri, 2);
    const byCode = (code: string) => found.filter((d) => codeOf(d) === code);
    const action = byCode('unused-action');
    assert.deepEqual(
      action.map((d) => document.getText(d.range)),
      ['iam:DeleteUser'],
    );
    assert.match(action[0]!.message, /^iam:DeleteUser was not used in the \d+ (minutes|hours?) from 2023-07-1\d/);
    assert.deepEqual(action[0]!.tags, [vscode.DiagnosticTag.Unnecessary]);
    const statement = byCode('unused-statement');
    assert.equal(statement.length, 1);
    assert.deepEqual(statement[0]!.tags, [vscode.DiagnosticTag.Unnecessary]);
    assert.ok(document.getText(statement[0]!.range).includes('ec2:TerminateInstances'));
    assert.ok(!found.some((d) => document.getText(d.range) === 's3:GetObject'), 'a data event the logs do not hold');

    // The CodeLens above the policy: its principal, the counts, and what they rest on.
    const lens = await waitFor('the unused-permission CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses.find((l) => l.command?.title.startsWith('user/benjamin:'));
    });
    assert.match(
      lens.command!.title,
      /^user\/benjamin: 1 used, 3 unused, 1 unknown, based on \d+ hours? of CloudTrail log files \(2023-07-10 to 2023-07-10\).+ \(principal from \.cloudwarden\.yaml:2 \(files: policy\.json\)\)$/,
    );

    // The hover of a granted action says its use, the evidence and where the principal comes from.
    const unusedHover = await hoverUntil(editor, 'iam:DeleteUser', 'the use in the hover', (t) => t.includes('Use by'));
    assert.match(
      unusedHover,
      /`iam:DeleteUser`: \*\*not used\*\* in \d+ (minutes|hours?) of evidence \(CloudTrail log files\)/,
    );
    assert.match(unusedHover, /Principal from \.cloudwarden\.yaml:2/);
    const unknownHover = await hoverUntil(editor, 's3:GetObject', 'the unknown use in the hover', (t) =>
      t.includes('Use by'),
    );
    assert.match(unknownHover, /`s3:GetObject`: \*\*unknown\*\*: s3:GetObject is a data event/);

    // The quick fix removes the unused action; the re-lint drops its finding and keeps the JSON valid.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      action[0]!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Remove iam:DeleteUser');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(!actions.some((a) => a.title.startsWith('Suppress')), 'evidence, not a rule: no suppression');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the finding to go', () =>
      liveDiagnostics(document.uri).some((d) => codeOf(d) === 'unused-statement') &&
      !liveDiagnostics(document.uri).some((d) => codeOf(d) === 'unused-action')
        ? true
        : undefined,
    );
    const after = JSON.parse(editor.document.getText()) as { Statement: { Action: string[] }[] };
    assert.deepEqual(after.Statement[0]!.Action, ['iam:ListUsers', 's3:GetObject']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a CDK stack: the unused action of a construct faded, its removal in TypeScript', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'audit-stack.ts'));
    await vscode.window.showTextDocument(document);
    const found = await unusedOf(document.uri, 1);
    const action = found.find((d) => codeOf(d) === 'unused-action');
    assert.ok(action, found.map((d) => d.message).join('\n'));
    assert.equal(document.getText(action.range), 'kms:ScheduleKeyDeletion');
    assert.deepEqual(action.tags, [vscode.DiagnosticTag.Unnecessary]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      action.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Remove kms:ScheduleKeyDeletion');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes("actions: ['iam:ListUsers'],"), document.getText());
    await waitFor('the finding to go', () =>
      liveDiagnostics(document.uri).some((d) => codeOf(d) === 'unused-action') ? undefined : true,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test("IAM last-accessed data (the emulator's IAM) joins the log files: a tracked action never used is unused", async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'bert-jan.json'));
    await vscode.window.showTextDocument(document);
    // The AWS evidence comes after the log files' answer: wait for the finding that rests on it.
    const found = await waitFor(
      'a finding resting on IAM last-accessed data',
      () => {
        const all = liveDiagnostics(document.uri).filter((d) => codeOf(d) === 'unused-action');
        return all.some((d) => d.message.includes('IAM last-accessed data')) ? all : undefined;
      },
      60_000,
    );
    assert.deepEqual(found.map((d) => document.getText(d.range)).sort(), [
      'ec2:StopInstances',
      'iam:CreateServiceLinkedRole',
    ]);
    for (const d of found) {
      assert.match(d.message, /in the last 400 days \(.*IAM last-accessed data.*\)/);
      assert.deepEqual(d.tags, [vscode.DiagnosticTag.Unnecessary]);
    }
    // ec2:TerminateInstances was used a day ago, by IAM's record: no finding on it.
    assert.ok(!liveDiagnostics(document.uri).some((d) => document.getText(d.range) === 'ec2:TerminateInstances'));
    const lens = await waitFor('the CodeLens naming both sources', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses.find((l) => l.command?.title.startsWith('user/bert-jan:'));
    });
    assert.match(
      lens.command!.title,
      /^user\/bert-jan: 1 used, 2 unused, 0 unknown, based on .*CloudTrail log files.*, 400 days of IAM last-accessed data/,
    );

    // Access Analyzer found unused permissions of bert-jan: its recommendation, a CodeLens away.
    const recommendation = await waitFor("the CodeLens of Access Analyzer's recommendation", async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses.find((l) => l.command?.command === 'cloudwarden.showAnalyzerRecommendation');
    });
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      recommendation.command!.command,
      ...(recommendation.command!.arguments ?? []),
    );
    assert.ok(opened, 'the recommendation opens');
    const markdown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.toString())!.getText();
    assert.match(markdown, /^# IAM Access Analyzer's recommendation for `arn:aws:iam::123837392027:user\/bert-jan`/);
    assert.match(markdown, /- Detach `arn:aws:iam::aws:policy\/AmazonSQSFullAccess`/);
    assert.match(markdown, /- Replace `arn:aws:iam::123837392027:policy\/sandbox-operator` with:\n\n```json\n\{/);
  });

  test('a CloudFormation template: the unused action faded, the wildcard narrowed to the used actions, the re-lint clean', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(folder, 'template.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    const found = await unusedOf(document.uri, 2);
    const action = found.find((d) => codeOf(d) === 'unused-action');
    assert.ok(action, found.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.equal(document.getText(action.range), 'iam:DeleteUser');
    assert.deepEqual(action.tags, [vscode.DiagnosticTag.Unnecessary]);
    const wildcard = found.find((d) => codeOf(d) === 'mostly-unused-wildcard');
    assert.ok(wildcard, found.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
    assert.equal(document.getText(wildcard.range), 'iam:List*');
    assert.match(wildcard.message, /^iam:List\* grants \d+ actions; used in the .*: .*iam:ListUsers/);
    // The state asserted is the fix on offer: a judgement in flight (the index's run ending, IAM's data
    // arriving) may answer a request with the lint before it, so the request is made until it is there.
    let offered: string[] = [];
    const narrow = await waitFor('the narrowing quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        wildcard.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      offered = actions.map((a) => a.title);
      return actions.find((a) => a.title.startsWith('Narrow iam:List* to the') && a.edit !== undefined);
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}; quick fixes: ${offered.join(', ')}`);
    });
    assert.ok(narrow.edit);
    assert.ok(await vscode.workspace.applyEdit(narrow.edit));
    const text = editor.document.getText();
    assert.ok(!text.includes('iam:List*'), text);
    assert.match(text, /\n {18}- iam:ListUsers\n/);
    // The re-lint of the narrowed template: the wildcard's finding is gone, the unused action stays.
    await waitFor('the narrowed template judged again', () => {
      const now = liveDiagnostics(document.uri);
      return !now.some((d) => codeOf(d) === 'mostly-unused-wildcard') && now.some((d) => codeOf(d) === 'unused-action')
        ? true
        : undefined;
    });
    assert.ok(
      !liveDiagnostics(document.uri).some(
        (d) => /^iam:List/.test(document.getText(d.range)) && codeOf(d).startsWith('unused'),
      ),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the workspace report: every mapped principal of the workspace, granted against used, exported as Markdown', async () => {
    // The report reads the workspace folder: a project of its own there, removed afterwards.
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const project = path.join(root, 'unused-report');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'policy.json'), POLICY);
    writeFileSync(path.join(project, '.cloudwarden.yaml'), `principals:\n  - principal: ${USER}\n`);
    try {
      const summary = await vscode.commands.executeCommand<{
        principals: { principal: string; used: number; unused: number }[];
        markdown: string;
      }>('cloudwarden.showUnusedReport');
      assert.deepEqual(summary.principals, [{ principal: USER, used: 1, unused: 3 }]);
      assert.match(summary.markdown, /^# Unused permissions\n/);
      assert.ok(summary.markdown.includes(`| \`${USER}\` | 5 | 1 | 3 | 1 | 3 |`), summary.markdown);
      assert.ok(
        summary.markdown.includes('- `unused-report/policy.json:3` (principal from .cloudwarden.yaml:2)'),
        summary.markdown,
      );
      assert.match(
        summary.markdown,
        /- `ec2:StopInstances`: Write\n- `ec2:TerminateInstances`: Write\n- `iam:DeleteUser`: Write/,
      );
    } finally {
      rmSync(project, { recursive: true, force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
