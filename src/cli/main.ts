import { writeSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGrammar } from '../core';
import { runCli } from './run';

// The catalog and the grammars ship beside this bundle in dist/.
const catalogFile = process.env.CLOUDWARDEN_CATALOG ?? path.join(__dirname, 'catalog.json');
const grammarDir = path.join(__dirname, 'grammars');
const argv = process.argv.slice(2);

async function main(): Promise<number> {
  // A lint or unused run may meet CDK or Terraform files: their parsers load first (about 60 ms).
  if (argv[0] === 'lint' || argv[0] === 'unused') {
    try {
      await Promise.all([loadGrammar('typescript', grammarDir), loadGrammar('terraform', grammarDir)]);
    } catch (error) {
      // Only TypeScript and Terraform files are affected: each says so in the results.
      process.stderr.write(`cloudwarden: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return runCli(argv, {
    catalogFile,
    // The pages ship beside dist/ (docs/rules/ in the package and the repository).
    rulesDocsUri: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/',
    stdout: writeStdout,
    stderr: (text) => process.stderr.write(text),
    logWorker: path.join(__dirname, 'logWorker.js'),
    // Progress only where a person watches: a pipe or a file gets the final lines, not a stream of updates.
    ...(process.stderr.isTTY && {
      progress: (line: string) => process.stderr.write(`\r${line}\x1b[K`),
    }),
  });
}

/**
 * Writes to standard output synchronously. The run is synchronous, and process.stdout queues in memory
 * what a pipe does not take at once (`cloudwarden lint --format json | jq`): a report of a large file
 * was held whole, a hundred megabytes and more, until the run ended. A reader that is gone (`| head`)
 * ends the output quietly, as it would for process.stdout.
 */
function writeStdout(text: string): void {
  if (stdoutClosed) return;
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(1, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      if (code !== 'EAGAIN') throw error;
      // A non-blocking pipe that is full: give the reader a moment.
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

let stdoutClosed = false;
const pause = new Int32Array(new SharedArrayBuffer(4));

void main().then((code) => {
  process.exitCode = code;
});
