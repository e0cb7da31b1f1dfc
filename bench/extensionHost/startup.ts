import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { CloudWardenApi } from '../../src/extension/extension';
import { CatalogInfoRequest } from '../../src/shared/protocol';

/**
 * Runs inside the extension host (see bench/startup.bench.ts): one sample of activation, server start
 * and first answers, in a host where nothing has activated CloudWarden yet.
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<CloudWardenApi>('cloudwarden.cloudwarden');
  if (!extension) throw new Error('CloudWarden is not loaded');
  // The workbench may have activated it already (it fires onLanguage:json for its own settings model);
  // the extension measures its own bundle evaluation + activate() either way.
  const api = await extension.activate();
  const activateMs = api.activationMs;
  if (activateMs === undefined) throw new Error('the extension did not report its activation time');
  if (api.server.isRunning) throw new Error('the language server is already running: nothing relevant should be open');

  // Let the host finish its own start-up (other extensions activate at the same time) so the
  // server's start is measured, not the queue in front of it.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  let t = performance.now();
  await api.server.start();
  const serverReadyMs = performance.now() - t;

  t = performance.now();
  const info = await api.server.request(CatalogInfoRequest.type, {});
  const firstCatalogAnswerMs = performance.now() - t;
  if (!info.ok) throw new Error(info.message);

  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const document = await vscode.workspace.openTextDocument(
    vscode.Uri.joinPath(folder, 'policies', 'deploy-policy.json'),
  );
  const position = document.positionAt(document.getText().indexOf('s3:GetObject') + 2);
  t = performance.now();
  let hovers: vscode.Hover[] = [];
  while (hovers.length === 0 && performance.now() - t < 10_000) {
    hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      position,
    );
  }
  const firstHoverMs = performance.now() - t;
  t = performance.now();
  await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  const warmHoverMs = performance.now() - t;

  writeFileSync(
    process.env.CLOUDWARDEN_TEST_RESULTS!,
    JSON.stringify({ activateMs, serverReadyMs, firstCatalogAnswerMs, firstHoverMs, warmHoverMs }),
  );
}
