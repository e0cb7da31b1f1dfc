import type * as vscode from 'vscode';

/** The languages whose policies the server reads (and lints). */
export const SERVED_LANGUAGES = ['json', 'jsonc', 'yaml', 'typescript', 'typescriptreact', 'terraform'] as const;

/**
 * Languages the server only reads for AWS resource references (ARNs anywhere; SDK calls in JavaScript
 * and Python), to hover their CloudTrail activity: it lints none of them (no policy syntax), so sending
 * them costs the text sync only.
 */
const REFERENCE_LANGUAGES = [
  'javascript',
  'javascriptreact',
  'python',
  'markdown',
  'plaintext',
  'shellscript',
  'go',
  'java',
  'toml',
  'ini',
  'properties',
  'dotenv',
] as const;

/** Every language the client sends the server. */
export const CLIENT_LANGUAGES: readonly string[] = [...SERVED_LANGUAGES, ...REFERENCE_LANGUAGES];

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
  if (document.languageId === 'typescript' || document.languageId === 'typescriptreact')
    return importsCdk(document.getText()) || importsAwsSdk(document.getText());
  // Code that calls AWS names resources whose activity its hover shows.
  if (document.languageId === 'javascript' || document.languageId === 'python')
    return importsAwsSdk(document.getText());
  return false;
}

function importsCdk(text: string): boolean {
  return text.includes('aws-cdk-lib') || text.includes('@aws-cdk/');
}

function importsAwsSdk(text: string): boolean {
  return (
    text.includes('@aws-sdk/') || text.includes("'aws-sdk'") || text.includes('"aws-sdk"') || /\bboto3\b/.test(text)
  );
}
