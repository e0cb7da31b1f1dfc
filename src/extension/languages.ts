import type * as vscode from 'vscode';

/** The languages whose documents the server reads. */
export const SERVED_LANGUAGES = ['json', 'jsonc', 'yaml'] as const;

/**
 * The languages whose opening starts the server (package.json's activation events list these and the
 * later ones). Not jsonc: VS Code's own settings, tsconfig and launch files are jsonc, and the workbench
 * opens one at start-up; a policy in a .jsonc file is still served once the server runs.
 */
const STARTING_LANGUAGES: readonly string[] = ['json', 'yaml'];

export function isRelevantDocument(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && STARTING_LANGUAGES.includes(document.languageId);
}
