import type { PolicySyntax } from '../core/policy/locate';

/** The policy syntax of an LSP language id, or undefined for languages the server does not read. */
export function syntaxOf(languageId: string): PolicySyntax | undefined {
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  return undefined;
}
