import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../src/core/rules/registry';
import { repoRoot } from '../helpers/paths';

// What `npm run package` would put in the VSIX, asked of vsce itself (.vscodeignore decides).
test('the VSIX carries the bundles (the webview pages too), the catalog, the grammars, rule pages, media, snippets, licence, README and CHANGELOG only', () => {
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
  assert.deepEqual(
    files,
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/catalog.json',
      'dist/cli.js',
      'dist/extension.js',
      'dist/grammars/LICENSE-tree-sitter-hcl',
      'dist/grammars/LICENSE-tree-sitter-typescript',
      'dist/grammars/LICENSE-web-tree-sitter',
      'dist/grammars/tree-sitter-terraform.wasm',
      'dist/grammars/tree-sitter-tsx.wasm',
      'dist/grammars/tree-sitter-typescript.wasm',
      'dist/grammars/tree-sitter.wasm',
      'dist/server.js',
      'dist/webview/explorer.css',
      'dist/webview/explorer.js',
      'dist/webview/report.css',
      'dist/webview/report.js',
      'dist/webview/timeline.css',
      'dist/webview/timeline.js',
      ...RULES.map((r) => `docs/rules/${r.meta.id}.md`),
      'media/explorer.svg',
      'media/icon.png',
      'media/icon.svg',
      'package.json',
      'snippets/iam-policy-yaml.json',
      'snippets/iam-policy.json',
    ].sort(),
  );
});
