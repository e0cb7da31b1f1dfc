import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGrammar } from '../core';
import { runCli } from './run';

// The catalog and the grammars ship beside this bundle in dist/.
const catalogFile = process.env.CLOUDWARDEN_CATALOG ?? path.join(__dirname, 'catalog.json');
const grammarDir = path.join(__dirname, 'grammars');
const argv = process.argv.slice(2);

async function main(): Promise<number> {
  // A lint run may meet CDK or Terraform files: their parsers load first (about 60 ms), the rest stays synchronous.
  if (argv[0] === 'lint') {
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
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

void main().then((code) => {
  process.exitCode = code;
});
