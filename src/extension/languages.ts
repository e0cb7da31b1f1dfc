import type * as vscode from 'vscode';

/** The languages whose documents the server reads. */
export const SERVED_LANGUAGES = ['json', 'jsonc', 'yaml', 'typescript', 'typescriptreact', 'terraform'] as const;

/**
 * The languages whose opening starts the server (package.json's activation events list these and the
 * later ones). Not jsonc: VS Code's own settings, tsconfig and launch files are jsonc, and the workbench
 * opens one at start-up; a policy in a .jsonc file is still served once the server runs.
 */
const STARTING_LANGUAGES: readonly string[] = ['json', 'yaml', 'terraform'];

export function isRelevantDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  if (STARTING_LANGUAGES.includes(document.languageId)) return true;
  // Most TypeScript is not a CDK app: only one that imports the CDK starts the server (and its parser).
  return (
    (document.languageId === 'typescript' || document.languageId === 'typescriptreact') &&
    importsCdk(document.getText())
  );
}

function importsCdk(text: string): boolean {
  return text.includes('aws-cdk-lib') || text.includes('@aws-cdk/');
}
