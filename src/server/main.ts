import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isLintWorker, serveLintJobs } from './lintWorker';
import { startServer } from './server';

// The same bundle runs the server and, in a worker thread, the lints of large files (lintRunner.ts).
if (!isMainThread && isLintWorker(workerData)) {
  serveLintJobs();
} else {
  // The catalog ships beside this bundle in dist/, the rule pages in docs/rules/.
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    catalogFile: process.env.CLOUDWARDEN_CATALOG ?? path.join(__dirname, 'catalog.json'),
    rulesDocsDir: path.join(__dirname, '..', 'docs', 'rules'),
    serverScript: __filename,
    grammarDir: path.join(__dirname, 'grammars'),
    // Tests lower it to send small files to the worker.
    lintWorkerThreshold: Number(process.env.CLOUDWARDEN_LINT_WORKER_THRESHOLD) || undefined,
  });
}
