import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The catalog ships beside this bundle in dist/, the rule pages in docs/rules/.
const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  catalogFile: process.env.CLOUDWARDEN_CATALOG ?? path.join(__dirname, 'catalog.json'),
  rulesDocsDir: path.join(__dirname, '..', 'docs', 'rules'),
});
