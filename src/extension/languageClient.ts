import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_LANGUAGES } from './languages';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // Project files (.cloudwarden.yaml) hold rules and suppressions: the server re-reads them on these events.
  // A Terraform module's other files (variables, locals, .tfvars, policies read with file()) change what its
  // open .tf files mean: the server re-reads those of the same folder.
  const projectFiles = vscode.workspace.createFileSystemWatcher('**/.cloudwarden.yaml');
  const moduleFiles = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,json,tpl}');
  context.subscriptions.push(projectFiles, moduleFiles);
  const clientOptions: LanguageClientOptions = {
    documentSelector: CLIENT_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    // The server reads the `cloudwarden` settings at start and again whenever they change; it keeps its
    // cache of CloudTrail answers in the extension's storage folder, so hovers survive a restart.
    initializationOptions: {
      settings: vscode.workspace.getConfiguration().get('cloudwarden'),
      storagePath: context.globalStorageUri.fsPath,
    },
    // The activity hover links to the timeline: only these commands may run from the server's Markdown.
    markdown: {
      isTrusted: {
        enabledCommands: ['cloudwarden.showActivity', 'cloudwarden.investigate', 'cloudwarden.revealInExplorer'],
      },
    },
    synchronize: { configurationSection: 'cloudwarden', fileEvents: [projectFiles, moduleFiles] },
  };
  return new LanguageClient('cloudwarden', 'CloudWarden', serverOptions, clientOptions);
}
