import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, hoverText, openDocument, positionOf, waitFor } from '../helpers';

async function hoverAt(editor: vscode.TextEditor, needle: string, delta = 1): Promise<string> {
  const position = positionOf(editor.document, needle, delta);
  // The first hover may come before the client has synced the document: poll, do not sleep.
  return waitFor(`a hover on ${needle}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    const text = hoverText(hovers ?? []);
    return text.includes('**') ? text : undefined;
  });
}

suite('hover on actions', () => {
  suiteSetup(() => extensionApi());

  test('JSON policy: an action shows its description, access level and resource types', async () => {
    const editor = await openDocument('policies', 'deploy-policy.json');
    const text = await hoverAt(editor, '"s3:GetObject"');
    assert.match(text, /\*\*s3:GetObject\*\* · Read/);
    assert.match(text, /Grants permission to retrieve objects from Amazon S3/);
    assert.match(text, /\| object \|/);
    assert.match(text, /arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}/);
  });

  test('JSON policy: a wildcard shows how many actions it grants', async () => {
    const editor = await openDocument('policies', 'deploy-policy.json');
    const text = await hoverAt(editor, '"ec2:Describe*"');
    assert.match(text, /\*\*`ec2:Describe\*`\*\* grants \d{3,} actions/);
  });

  test('YAML CloudFormation template: an action in a block sequence', async () => {
    const editor = await openDocument('templates', 'function-role.yaml');
    const text = await hoverAt(editor, 'dynamodb:Query', 0);
    assert.match(text, /\*\*dynamodb:Query\*\* · Read/);
  });

  test('no hover on a string that is not an action', async () => {
    const editor = await openDocument('policies', 'deploy-policy.json');
    await hoverAt(editor, '"s3:GetObject"'); // the server is ready
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      positionOf(editor.document, '"ReadArtifacts"'),
    );
    assert.equal(hoverText(hovers ?? []).includes('CloudWarden'), false);
    assert.equal(/\*\*[a-z0-9-]+:/.test(hoverText(hovers ?? [])), false);
  });
});

suite('hover setting', () => {
  const config = () => vscode.workspace.getConfiguration('cloudwarden');
  teardown(() => config().update('hover.enable', undefined, vscode.ConfigurationTarget.Global));

  test('cloudwarden.hover.enable = false turns the hover off, and back on', async () => {
    const editor = await openDocument('policies', 'deploy-policy.json');
    await hoverAt(editor, '"s3:GetObject"');
    await config().update('hover.enable', false, vscode.ConfigurationTarget.Global);
    const position = positionOf(editor.document, '"s3:GetObject"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    assert.equal(/\*\*s3:GetObject\*\*/.test(hoverText(hovers ?? [])), false);
    await config().update('hover.enable', undefined, vscode.ConfigurationTarget.Global);
    assert.match(await hoverAt(editor, '"s3:GetObject"'), /\*\*s3:GetObject\*\*/);
  });
});
