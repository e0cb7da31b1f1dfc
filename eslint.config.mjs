import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.tools/**', 'node_modules/**', 'demo/**', 'test-results/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/test return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'Remove .only from tests.' },
      ],
    },
  },
  {
    // The core decides everything and must run under plain Node: no VS Code, no LSP.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
              message: 'src/core must not depend on VS Code or the LSP libraries.',
            },
            {
              group: ['**/server/**', '**/extension/**', '**/cli/**'],
              message: 'src/core must not import the adapters that depend on it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The protocol groups each message's method name and types under one name, as vscode-eslint does.
    files: ['src/shared/protocol.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // The server, the CLI and the AWS adapter reach the core through its front door only (src/core/index.ts).
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts', 'src/aws/**/*.ts', 'src/logs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/extension talks to the VS Code API.' }],
          patterns: [
            {
              group: ['**/core/*', '!**/core/index'],
              message: 'Import the core through its front door: ../core (src/core/index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // The webview pages run in a browser: no VS Code API, no Node, and the core's types only.
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'A webview page talks to the host by postMessage only.' }],
          patterns: [
            { group: ['node:*'], message: 'A webview page runs in a browser, not in Node.' },
            {
              group: ['**/core/*', '**/extension/**', '**/server/**'],
              message: 'A webview page imports its own files and src/shared (the core: types only, through ../core).',
            },
          ],
        },
      ],
    },
  },
  {
    // The client and the shared protocol never run the core: at most its types, through the front door.
    files: ['src/extension/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*'],
              message: 'Import the core through its front door: ../core (src/core/index.ts), types only.',
            },
          ],
        },
      ],
    },
  },
);
