import * as path from 'node:path';
import { loadGrammar } from '../../../src/core/sources/code';
import { repoRoot } from '../../harness/paths';

/** Where the build puts the tree-sitter grammars (`npm test` builds before the unit tests run). */
export const GRAMMAR_DIR = path.join(repoRoot, 'dist', 'grammars');

/** Loads both grammars once; call from a `before` hook of suites that read TypeScript or Terraform. */
export async function loadGrammars(): Promise<void> {
  await Promise.all([loadGrammar('typescript', GRAMMAR_DIR), loadGrammar('terraform', GRAMMAR_DIR)]);
}
