import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { catalogFile, rulesDocsUri } from './paths';

/** Runs the CLI in this process with the built catalog, and returns its exit code and what it wrote. */
export function cli(args: string[], file = catalogFile): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    catalogFile: file,
    rulesDocsUri,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  assert.equal(typeof code, 'number', 'a command that answers at once');
  return { code: code as number, stdout, stderr };
}
