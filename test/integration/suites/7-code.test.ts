import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hclErrors, typeErrors } from '../codeChecks';
import {
  applyEveryQuickFix,
  codeOf,
  extensionApi,
  hoverText,
  liveDiagnostics as live,
  openDocument,
  positionOf,
  waitFor,
} from '../helpers';

/**
 * CDK TypeScript and Terraform in a real editor: findings on the exact element, and every quick fix
 * applied one at a time leaves code that still compiles (the TypeScript compiler, against the CDK types
 * the fixture declares) or parses (HCL), with the finding gone from where it was.
 */
suite('CDK TypeScript and Terraform', () => {
  suiteSetup(() => extensionApi());

  test('a CDK stack: findings on the misspelt action and the wildcard, in the code itself', async function () {
    this.timeout(60_000);
    const editor = await openDocument('cdk', 'lib', 'pipeline-stack.ts');
    const uri = editor.document.uri;
    const found = await waitFor('CDK findings', () =>
      live(uri).some((d) => codeOf(d) === 'unknown-action') ? live(uri) : undefined,
    );
    const typo = found.find((d) => codeOf(d) === 'unknown-action')!;
    assert.equal(editor.document.getText(typo.range), 's3:GetObjekt');
    const wildcard = found.find((d) => codeOf(d) === 'wildcard-action');
    assert.ok(wildcard, `findings: ${found.map((d) => `${codeOf(d)} ${editor.document.getText(d.range)}`).join('; ')}`);
    assert.equal(editor.document.getText(wildcard.range), 'ecr:*');
  });

  test('hover on a grant method lists the actions it adds', async function () {
    this.timeout(60_000);
    const editor = await openDocument('cdk', 'lib', 'pipeline-stack.ts');
    const text = await waitFor('a hover on grantReadWrite', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        positionOf(editor.document, 'grantReadWrite', 3),
      );
      const t = hoverText(hovers);
      return t.includes('s3:PutObject') ? t : undefined;
    });
    assert.match(text, /s3:GetObject/);
  });

  for (const [folder, file] of [
    ['cdk', 'lib/pipeline-stack.ts'],
    ['terraform', 'main.tf'],
  ] as const) {
    test(`every quick fix in ${folder}/${file} leaves valid ${folder === 'cdk' ? 'TypeScript' : 'HCL'}`, async function () {
      this.timeout(240_000);
      const editor = await openDocument(folder, ...file.split('/'));
      const uri = editor.document.uri;
      // Rule fixes only: the suppression fixes (a comment, the project file) are covered by the server tests.
      const { applied, findings } = await applyEveryQuickFix(editor, {
        minFindings: 2,
        keep: (a) => !a.title.startsWith('Suppress'),
        check: async (title) => {
          const fixed = editor.document.getText();
          const errors = folder === 'cdk' ? typeErrors(uri.fsPath, fixed) : await hclErrors(fixed);
          assert.deepEqual(errors, [], `"${title}" left invalid code:\n${fixed}`);
        },
      });
      // At least the misspelt action's did-you-mean, the operator's and the wildcard's expansions.
      assert.ok(applied >= 3, `${applied} fixes applied for ${findings} findings`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }

  for (const [language, content, needle] of [
    [
      'typescript',
      "import * as iam from 'aws-cdk-lib/aws-iam';\nexport const s = new iam.PolicyStatement({ actions: ['dynamodb:Get'], resources: ['*'] });\n",
      'dynamodb:Get',
    ],
    [
      'terraform',
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["dynamodb:Get"]\n    resources = ["*"]\n  }\n}\n',
      'dynamodb:Get',
    ],
  ] as const) {
    test(`completion in ${language}: a service's actions with their access level, inside the list`, async function () {
      this.timeout(90_000);
      const document = await vscode.workspace.openTextDocument({ language, content });
      await vscode.window.showTextDocument(document);
      const at = positionOf(document, needle, needle.length);
      const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
      // The first Terraform or TypeScript document loads its grammar (WebAssembly) in the server: on a
      // loaded 2-core machine that has taken over 20 s, so the wait is for the items, up to a minute.
      const items = await waitFor(
        'completion items',
        async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            document.uri,
            at,
          );
          return list.items.some((i) => labelOf(i) === 'dynamodb:GetItem') ? list.items : undefined;
        },
        60_000,
      );
      assert.equal(items.find((i) => labelOf(i) === 'dynamodb:GetItem')!.detail, 'Read');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }

  test('the original fixture compiles (so the fix checks above prove something)', async () => {
    const editor = await openDocument('cdk', 'lib', 'pipeline-stack.ts');
    assert.deepEqual(typeErrors(editor.document.uri.fsPath, editor.document.getText()), []);
    assert.deepEqual(
      typeErrors(
        editor.document.uri.fsPath,
        editor.document.getText().replace("'s3:GetObjekt',", "'s3:GetObjekt' 'x',"),
      ).length > 0,
      true,
    );
  });
});
