// Bundles the extension, the language server and the CLI into dist/, and (with --tests) the test
// and benchmark entry points into out/. Type-checking is a separate step (`npm run typecheck`):
// esbuild strips types without checking them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const testsOnly = args.has('--tests-only');
const tests = args.has('--tests') || testsOnly;

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  define: { __CLOUDWARDEN_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  // `vscode` is provided by the extension host; everything else is bundled so the VSIX needs no node_modules.
  external: ['vscode'],
  // jsonc-parser's UMD main requires its files dynamically, which a bundle cannot follow: take the ESM build.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ES module build finds itself through `import.meta.url`, which a CommonJS bundle
  // does not have: take its CommonJS build (the WebAssembly is handed to it as bytes, see grammars.ts).
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};

/** @type {esbuild.BuildOptions[]} */
const builds = testsOnly
  ? []
  : [
      {
        ...common,
        entryPoints: { extension: 'src/extension/extension.ts' },
        outdir: 'dist',
        // Timestamps around the bundle's evaluation: activate() adds their difference to its own duration
        // so the start-up benchmark can measure what activation costs the host, however it was triggered.
        banner: { js: 'var __cloudwardenBundleStart = performance.now();' },
        footer: { js: 'var __cloudwardenBundleEnd = performance.now();' },
      },
      { ...common, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
      // The log-file indexing worker: the server and the CLI start it as path.join(__dirname, 'logWorker.js').
      { ...common, entryPoints: { logWorker: 'src/logs/worker.ts' }, outdir: 'dist' },
      { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
      // The webview pages: browser bundles (script and the CSS it imports) in dist/webview/, the only folder
      // a panel may load from. Loaded when a panel opens, never at activation.
      {
        bundle: true,
        platform: 'browser',
        format: 'iife',
        // VS Code 1.82 (the minimum in package.json) runs its webviews in Chromium 114.
        target: 'chrome114',
        minify: production,
        sourcemap: production ? false : 'linked',
        sourcesContent: false,
        logLevel: 'warning',
        entryPoints: {
          timeline: 'src/webview/timeline/main.ts',
          explorer: 'src/webview/explorer/main.ts',
          report: 'src/webview/report/main.ts',
        },
        outdir: 'dist/webview',
      },
    ];

if (tests) {
  const entries = [
    ...walk('test/unit', (f) => f.endsWith('.test.ts')),
    ...walk('test/integration', (f) => f.endsWith('.ts')),
    ...walk('test/e2e', (f) => f.endsWith('.ts')),
    ...walk('test/emulator', (f) => f.endsWith('.ts')),
    ...walk('test/harness', (f) => f.endsWith('.ts')),
    ...walk('bench', (f) => f.endsWith('.ts')),
  ];
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: entries,
    outbase: '.',
    outdir: 'out',
    // Test tooling stays in node_modules; the code under test is bundled in, as it is in dist/.
    external: [
      'vscode',
      'mocha',
      'playwright-core',
      '@aws-sdk/*',
      '@smithy/*',
      '@vscode/test-electron',
      'typescript',
      // A native addon: loaded from node_modules, never bundled.
      '@duckdb/*',
    ],
  });
}

// The tree-sitter runtime and grammars (WebAssembly) beside the bundles: the server and the CLI load them
// from dist/grammars/ when the first TypeScript or Terraform file is read.
const GRAMMARS = {
  'tree-sitter.wasm': 'node_modules/web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-typescript.wasm': 'node_modules/tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm': 'node_modules/tree-sitter-typescript/tree-sitter-tsx.wasm',
  'tree-sitter-terraform.wasm': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  // Their licences travel with them (MIT, MIT, Apache-2.0).
  'LICENSE-web-tree-sitter': 'node_modules/web-tree-sitter/LICENSE',
  'LICENSE-tree-sitter-typescript': 'node_modules/tree-sitter-typescript/LICENSE',
  'LICENSE-tree-sitter-hcl': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/LICENSE',
};
if (!testsOnly) {
  mkdirSync('dist/grammars', { recursive: true });
  for (const [name, from] of Object.entries(GRAMMARS)) copyFileSync(from, join('dist/grammars', name));
}

function walk(dir, keep) {
  let out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p, keep));
    else if (keep(p) && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
