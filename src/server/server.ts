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
import { provideCodeLenses } from './codeLens';
import { COMPLETION_TRIGGERS, provideCompletion } from './completion';
import { provideHover } from './hover';
import { refactorActions } from './refactors';
import { PolicySources } from './sources';
import { DEFAULT_SETTINGS, parseSettings, type ServerSettings } from './settings';

export interface ServerOptions {
  /** Path of the generated catalog file. */
  catalogFile: string;
  /** Folder of the rule documentation pages that diagnostics link to. */
  rulesDocsDir: string;
  /** The server's own script, which lints large files in a worker thread when run as one (main.ts). */
  serverScript?: string;
}

/** Wires the core to one LSP connection. Nothing is loaded until a request needs it. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const catalog = new CatalogService(lazyCatalog(options.catalogFile), (message) => connection.console.error(message));
  let settings: ServerSettings = DEFAULT_SETTINGS;
  const sources = new PolicySources();
  const diagnostics = new DiagnosticsService(connection, catalog, sources, () => settings, options.rulesDocsDir);

  connection.onInitialize((params): InitializeResult => {
    settings = parseSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      },
      serverInfo: { name: 'CloudWarden' },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings = parseSettings((change.settings as { cloudwarden?: unknown } | undefined)?.cloudwarden);
    documents.all().forEach((d) => diagnostics.schedule(d));
  });

  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    diagnostics.forget(e.document.uri);
    sources.forget(e.document.uri);
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideHover(catalog, sources, document, params.position) : null;
  });
  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideCompletion(catalog, sources, document, params.position) : null;
  });
  connection.onCodeLens((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideCodeLenses(catalog, sources, document) : [];
  });
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? [...diagnostics.codeActions(document, params), ...refactorActions(catalog, sources, document, params)] : [];
  });
  registerCatalogRequests(connection, catalog);

  documents.listen(connection);
  connection.listen();
}
