/**
 * The VS Code language id of a file read from disk, by its extension, for "Find in code": the readers of
 * references are chosen by language id, as for an open document. A CloudFormation `.template` is JSON
 * when its text starts like JSON, else YAML; what no reader knows is plain text (its ARNs and literals
 * still count).
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.py': 'python',
  '.tf': 'terraform',
  '.md': 'markdown',
};

export function languageOfFile(file: string, text: string): string {
  const dot = file.lastIndexOf('.');
  const ext = dot > Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) ? file.slice(dot).toLowerCase() : '';
  if (ext === '.template') return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  return BY_EXTENSION[ext] ?? 'plaintext';
}
