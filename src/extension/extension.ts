import * as vscode from 'vscode';
import { ActionDocumentProvider } from './actionDocuments';
import { registerCommands } from './commands';
import { isRelevantDocument } from './languages';
import { ServerHandle } from './serverHandle';
import { CatalogStatus } from './catalogStatus';
import { LintStatus, type LintStatusView } from './lintStatus';

let server: ServerHandle | undefined;

/** Set by the bundle's first and last statements (esbuild.mjs); undefined when not bundled. */
declare const __cloudwardenBundleStart: number | undefined;
declare const __cloudwardenBundleEnd: number | undefined;

/**
 * Activation is cheap on purpose: it registers commands and listeners only. The language server
 * (and the language client library) load when a relevant file is open or a command needs them.
 */
export function activate(context: vscode.ExtensionContext): CloudWardenApi {
  const activateStart = performance.now();
  const output = vscode.window.createOutputChannel('CloudWarden');
  context.subscriptions.push(output);
  server = new ServerHandle(context, output);
  const status = new CatalogStatus(server);
  const lintStatus = new LintStatus(server);
  context.subscriptions.push(server, status, lintStatus);
  server.onDidStart(() => void status.refresh(), null, context.subscriptions);

  const docs = new ActionDocumentProvider();
  context.subscriptions.push(
    docs,
    vscode.workspace.registerTextDocumentContentProvider(ActionDocumentProvider.scheme, docs),
  );

  registerCommands(context, { server, output, docs, lintStatus });

  const startIfRelevant = (document: vscode.TextDocument) => {
    if (isRelevantDocument(document)) void server?.start().catch(() => undefined);
  };
  vscode.workspace.textDocuments.forEach(startIfRelevant);
  vscode.workspace.onDidOpenTextDocument(startIfRelevant, null, context.subscriptions);

  return {
    server,
    activationMs: activationCost(activateStart),
    lintStatus: () => lintStatus.current,
    hasLinted: (uri) => lintStatus.hasLinted(uri),
  };
}

/** The host's time spent on us: evaluating the bundle plus running activate() (not the wait between). */
function activationCost(activateStart: number): number | undefined {
  if (typeof __cloudwardenBundleStart !== 'number' || typeof __cloudwardenBundleEnd !== 'number') return undefined;
  return __cloudwardenBundleEnd - __cloudwardenBundleStart + (performance.now() - activateStart);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** What the extension exports to its tests (and to other extensions). */
export interface CloudWardenApi {
  readonly server: ServerHandle;
  /** Milliseconds from the bundle's first statement to the end of activate(), for the start-up benchmark. */
  readonly activationMs: number | undefined;
  /** What the language status item shows now, for the tests. */
  readonly lintStatus: () => LintStatusView;
  /** True once the server has linted the document with this URI, for tests that assert "no findings". */
  readonly hasLinted: (uri: string) => boolean;
}
