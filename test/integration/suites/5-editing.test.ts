import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, hoverText, openDocument, positionOf, waitFor } from '../helpers';

/** A new untitled document with this text, shown, and the server's first answer awaited. */
async function scratch(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}

async function completionLabels(
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
  );
  return list.items;
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

suite('hover, completion, rewrites and snippets', () => {
  suiteSetup(() => extensionApi());

  test('hover on a condition key and on an ARN in a bucket policy file', async () => {
    const editor = await openDocument('policies', 'bucket-access.json');
    const document = editor.document;
    const key = await waitFor('a hover on the condition key', async () => {
      const text = hoverText(
        await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          document.uri,
          positionOf(document, 's3:x-amz-server-side-encryption', 4),
        ),
      );
      return text.includes('s3:x-amz-server-side-encryption') ? text : undefined;
    });
    assert.match(key, /In this statement: `s3:PutObject`/);
    const arn = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionOf(document, 'example-reports/', 3),
      ),
    );
    assert.match(arn, /s3:object/);
  });

  test("completion offers a service's actions with their access level", async () => {
    const editor = await scratch(
      'json',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:Get"], "Resource": "*"}]}',
    );
    const at = positionOf(editor.document, 'dynamodb:Get', 'dynamodb:Get'.length);
    const items = await waitFor('completion items', async () => {
      const found = await completionLabels(editor.document, at);
      return found.some((i) => labelOf(i) === 'dynamodb:GetItem') ? found : undefined;
    });
    assert.equal(items.find((i) => labelOf(i) === 'dynamodb:GetItem')!.detail, 'Read');
  });

  test("completion offers the condition keys of the statement's actions in YAML", async () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:PutObject\n    Resource: "*"\n    Condition:\n      StringEquals:\n        s3:x-amz: AES256\n';
    const editor = await scratch('yaml', text);
    const at = positionOf(editor.document, 's3:x-amz', 5);
    const items = await waitFor('key completion', async () => {
      const found = await completionLabels(editor.document, at);
      return found.some((i) => labelOf(i) === 's3:x-amz-server-side-encryption') ? found : undefined;
    });
    assert.ok(items.some((i) => labelOf(i) === 'aws:SecureTransport'));
  });

  test('the wildcard rewrite writes the actions out and the file stays a valid policy', async () => {
    const editor = await scratch(
      'json',
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": [\n        "sqs:Get*"\n      ],\n      "Resource": "*"\n    }\n  ]\n}\n',
    );
    const document = editor.document;
    const at = positionOf(document, 'sqs:Get*', 3);
    const actions = await waitFor('the rewrite', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(at, at),
        vscode.CodeActionKind.RefactorRewrite.value,
      );
      return found.length > 0 ? found : undefined;
    });
    const rewrite = actions.find((a) => /^Replace 'sqs:Get\*' with its \d+ actions$/.test(a.title));
    assert.ok(rewrite?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(rewrite.edit));
    const written = document.getText();
    assert.ok(written.includes('        "sqs:GetQueueAttributes",\n        "sqs:GetQueueUrl"'), written);
    assert.deepEqual(JSON.parse(written).Statement[0].Action.length > 1, true);
  });

  test('the snippets are offered in JSON and YAML', async () => {
    const json = await scratch('json', '');
    const jsonItems = await completionLabels(json.document, new vscode.Position(0, 0));
    assert.ok(
      jsonItems.some((i) => labelOf(i) === 'iam-trust-github'),
      jsonItems.map(labelOf).slice(0, 30).join(', '),
    );
    const yaml = await scratch('yaml', '');
    const yamlItems = await completionLabels(yaml.document, new vscode.Position(0, 0));
    assert.ok(yamlItems.some((i) => labelOf(i) === 'iam-kms-via-service'));
  });
});
