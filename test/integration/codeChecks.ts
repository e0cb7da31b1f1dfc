import * as path from 'node:path';
import type * as tsModule from 'typescript';
import { loadGrammar } from '../../src/core/sources/code';
import { withTree } from '../../src/core/sources/code/trees';
import { repoRoot } from '../harness/paths';

/** The part of the aws-cdk-lib API the demo and the fixtures use, declared (demo/cdk/types/). */
const CDK_TYPES = path.join(repoRoot, 'demo', 'cdk', 'types', 'aws-cdk-lib.d.ts');

/**
 * The TypeScript compiler's diagnostics (syntax and types) for `text` as the file `file`, against the CDK
 * API the demo declares. Empty when the code compiles.
 */
export function typeErrors(file: string, text: string): string[] {
  // The compiler stays in node_modules (the test bundle leaves it external); only this check needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof tsModule;
  const options: tsModule.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === path.resolve(file) ? text : readFile(name));
  host.getSourceFile = (name, version, onError, create) =>
    path.resolve(name) === path.resolve(file)
      ? ts.createSourceFile(name, text, version)
      : getSourceFile(name, version, onError, create);
  const program = ts.createProgram([file, CDK_TYPES], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
        : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** Whether `text` parses as HCL without an error or a missing token (tree-sitter's Terraform grammar). */
export async function hclErrors(text: string): Promise<string[]> {
  await loadGrammar('terraform', path.join(repoRoot, 'dist', 'grammars'));
  return (
    withTree('terraform', text, (tree) => {
      const bad = tree.rootNode
        .descendantsOfType('ERROR')
        .map((n) => `ERROR at line ${(n?.startPosition.row ?? 0) + 1}`);
      return tree.rootNode.hasError && bad.length === 0 ? ['a missing token'] : bad;
    }) ?? ['the Terraform grammar is not loaded']
  );
}
