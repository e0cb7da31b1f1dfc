import type { SourceFormat } from '../policy/model';

/**
 * The policy syntax of an LSP (VS Code) language id, or undefined for languages with no policy syntax:
 * one table for the server's linting and the resource references.
 */
export function policyFormatOfLanguage(languageId: string): SourceFormat | undefined {
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
