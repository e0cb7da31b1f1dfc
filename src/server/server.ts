import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lazyCatalog } from '../core/catalog';
import { registerCatalogRequests } from './catalogRequests';
import { provideHover } from './hover';
import { CatalogService } from './catalogService';

export interface ServerOptions {
  /** Path of the generated catalog file. */
  catalogFile: string;
}

/** Wires the core to one LSP connection. Nothing is loaded until a request needs it. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const catalog = new CatalogService(lazyCatalog(options.catalogFile), (message) => connection.console.error(message));

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'CloudWarden' },
    }),
  );

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideHover(catalog, document, params.position) : null;
  });
  registerCatalogRequests(connection, catalog);

  documents.listen(connection);
  connection.listen();
}
