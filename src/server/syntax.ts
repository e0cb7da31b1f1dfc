import type { PolicyFormat } from '../core';

/** The policy syntax of an LSP language id, or undefined for languages the server does not read. */
export function syntaxOf(languageId: string): PolicyFormat | undefined {
  switch (languageId) {
    case 'json':
    case 'jsonc':
      return 'json';
    case 'yaml':
      return 'yaml';
    // .mts and .cts are `typescript` too; .tsx is `typescriptreact` (its JSX is told by the reader).
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    // HashiCorp's extension names it `terraform`; ours contributes the same id for .tf files without it.
    case 'terraform':
      return 'terraform';
    default:
      return undefined;
  }
}
