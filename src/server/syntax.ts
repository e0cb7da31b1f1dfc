import type { PolicyFormat } from '../core/sources';

/** The policy syntax of an LSP language id, or undefined for languages the server does not read. */
export function syntaxOf(languageId: string): PolicyFormat | undefined {
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  return undefined;
}
