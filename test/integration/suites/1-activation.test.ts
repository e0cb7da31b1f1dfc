import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CloudWardenApi } from '../../../src/extension/extension';
import { EXTENSION_ID, extensionApi, openDocument, waitFor } from '../helpers';

// Runs first (files run in name order): nothing in the tests has touched the extension yet.
suite('activation', () => {
  test('an unrelated file neither activates the extension nor starts the server', async () => {
    const extension = vscode.extensions.getExtension<CloudWardenApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is loaded');
    // The workbench itself may open a JSON model at start-up (it fires onLanguage:json with no document
    // in the extension host), so compare before and after rather than assume "not active".
    const activeBefore = extension.isActive;
    await openDocument('notes.txt');
    // Give any (wrong) activation event time to fire before asserting that it did not.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(extension.isActive, activeBefore, 'opening a .txt file must not activate CloudWarden');
    if (extension.isActive) assert.equal(extension.exports.server.isRunning, false, 'nor start the language server');
  });

  test('a JSON policy activates it and starts the language server', async () => {
    await openDocument('policies', 'deploy-policy.json');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('activation', () => extension.isActive);
    const api = await extensionApi();
    await waitFor('the language server', () => api.server.isRunning);
  });

  test('every command in package.json is registered, and no other', async () => {
    await extensionApi();
    const manifest = JSON.parse(
      readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'),
    );
    const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    // The workbench adds its own commands for each contributed view (`<view id>.focus`, `.open`, ...).
    const views: string[] = Object.values(manifest.contributes.views as Record<string, { id: string }[]>)
      .flat()
      .map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('cloudwarden.') && !views.some((view) => c.startsWith(view)))
      .sort();
    assert.deepEqual(registered, contributed);
  });

  test('activation events are the relevant languages (policies, and code that calls AWS) and a timeline restored after a reload, never "*"', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const events: string[] = [...extension.packageJSON.activationEvents].sort();
    assert.deepEqual(events, [
      'onLanguage:javascript',
      'onLanguage:json',
      'onLanguage:python',
      'onLanguage:terraform',
      'onLanguage:typescript',
      'onLanguage:typescriptreact',
      'onLanguage:yaml',
      'onWebviewPanel:cloudwarden.investigation',
      'onWebviewPanel:cloudwarden.timeline',
    ]);
  });
});
