import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../core/catalog';
import { registerCatalogRequests } from './catalogRequests';
import { CatalogService } from './catalogService';
import { DiagnosticsService } from './diagnostics';
import { provideHover } from './hover';
import { ProjectConfigService } from './projectConfig';
import { DEFAULT_SETTINGS, parseSettings, type ServerSettings } from './settings';
import type { EditCapabilities } from './suppressActions';

export interface ServerOptions {
  /** Path of the generated catalog file. */
  catalogFile: string;
  /** Folder of the rule documentation pages that diagnostics link to. */
  rulesDocsDir: string;
}

/** Wires the core to one LSP connection. Nothing is loaded until a request needs it. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const catalog = new CatalogService(lazyCatalog(options.catalogFile), (message) => connection.console.error(message));
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const projects = new ProjectConfigService((message) => connection.console.warn(message));
  let editCapabilities: EditCapabilities = { documentChanges: false, createFiles: false };
  let workspaceFolderEvents = false;
  const diagnostics = new DiagnosticsService(connection, catalog, () => settings, options.rulesDocsDir, projects, () => editCapabilities, (uri) => documents.get(uri)?.getText());

  connection.onInitialize((params): InitializeResult => {
    settings = parseSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    editCapabilities = { documentChanges: workspaceEdit?.documentChanges === true, createFiles: workspaceEdit?.resourceOperations?.includes('create') === true };
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    projects.setWorkspaceFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'CloudWarden' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings = parseSettings((change.settings as { cloudwarden?: unknown } | undefined)?.cloudwarden);
    documents.all().forEach((d) => diagnostics.schedule(d));
  });

  connection.onInitialized(() => {
    if (!workspaceFolderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      projects.addWorkspaceFolders(e.added.map((f) => f.uri), e.removed.map((f) => f.uri));
      documents.all().forEach((d) => diagnostics.schedule(d));
    });
  });
  // The client watches **/.cloudwarden.yaml (synchronize.fileEvents): re-read them and re-lint what is open.
  connection.onDidChangeWatchedFiles(() => {
    projects.changed();
    documents.all().forEach((d) => diagnostics.schedule(d));
  });

  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => diagnostics.forget(e.document.uri));

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideHover(catalog, document, params.position) : null;
  });
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? diagnostics.codeActions(document, params) : [];
  });
  registerCatalogRequests(connection, catalog);

  documents.listen(connection);
  connection.listen();
}
