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

/**
 * The policy syntax of a file read from disk, by its extension: YAML, TypeScript (CDK), Terraform, JSON;
 * another extension (a CloudFormation `.template`) is JSON if its text starts like JSON, else YAML.
 */
export function policyFormatOfFile(file: string, text: string): SourceFormat {
  const dot = file.lastIndexOf('.');
  const ext = dot > Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) ? file.slice(dot).toLowerCase() : '';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  // .tsx is TypeScript with JSX: the reader tells the JSX grammar from the content (grammarFor).
  if (ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts') return 'typescript';
  if (ext === '.tf') return 'terraform';
  if (ext === '.json' || ext === '.jsonc') return 'json';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}
