import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Catalog } from '../src/core/catalog';
import { lintSource } from '../src/core/lint';
import { readPolicySource } from '../src/core/sources';
import { CodeTrees, loadGrammar, type CodeLanguage } from '../src/core/sources/code';
import { repoRoot } from '../test/harness/paths';
import { cdkStack, terraformModule } from '../test/harness/codeSamples';
import { measure, median } from './lib/measure';

/**
 * CDK TypeScript and Terraform: what a keystroke costs in a 2,000-line file (incremental re-parse, reading
 * the policies, linting them; target < 30 ms), a full parse, and the first load of a parser (target
 * < 400 ms, in a fresh process each time). Reference: the TypeScript compiler API (`typescript` 5.x),
 * the other parser DESIGN.md names: its load and its parse of the same stack. HCL has no such reference.
 */
const GRAMMAR_DIR = path.join(repoRoot, 'dist', 'grammars');
const LINES = 2000;
const LOAD_RUNS = 5;

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--load') return loadOnce(process.argv[3] as CodeLanguage | 'tsc');
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  await Promise.all([loadGrammar('typescript', GRAMMAR_DIR), loadGrammar('terraform', GRAMMAR_DIR)]);
  const lines = ['| measure | median ms | p95 ms | target |', '|---|---:|---:|---|'];
  const row = (label: string, ms: number, p95: number | undefined, target?: number) => {
    const verdict = target === undefined ? '' : `< ${target} ms: ${ms < target ? 'met' : 'MISSED'}`;
    lines.push(`| ${label} | ${ms.toFixed(2)} | ${p95 === undefined ? '' : p95.toFixed(2)} | ${verdict} |`);
  };

  for (const [language, text, needle] of [
    ['typescript', cdkStack(LINES), "'s3:PutObject'"],
    ['terraform', terraformModule(LINES), '"s3:PutObject"'],
  ] as const) {
    const name = language === 'typescript' ? `${LINES}-line CDK stack` : `${LINES}-line Terraform module`;
    const source = readPolicySource(text, language);
    const findings = lintSource(source, text, catalog).findings.length;
    process.stderr.write(`${name}: ${text.length} characters, ${source.documents.length} documents, ${findings} findings\n`);
    // A keystroke in the middle of the file, typed and then deleted, alternately: each sample is one edit.
    const at = text.indexOf(needle, text.length >> 1) + 3;
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const trees = new CodeTrees();
    readPolicySource(text, language, { trees });
    let flip = false;
    const keystroke = measure(
      () => {
        flip = !flip;
        const t = flip ? edited : text;
        return lintSource(readPolicySource(t, language, { trees }), t, catalog);
      },
      { runs: 60, warmup: 10, batch: 1 },
    );
    row(`${name}: keystroke → incremental re-parse, read, lint`, keystroke.median, keystroke.p95, 30);
    const fresh = measure(() => lintSource(readPolicySource(text, language), text, catalog), { runs: 20, warmup: 3, batch: 1 });
    row(`${name}: full parse, read, lint (no previous tree)`, fresh.median, fresh.p95);
    trees.dispose();
    if (language === 'typescript') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ts = require('typescript') as typeof import('typescript');
      const tsc = measure(() => ts.createSourceFile('stack.ts', text, ts.ScriptTarget.Latest, true), { runs: 20, warmup: 3, batch: 1 });
      row(`${name}: reference, TypeScript compiler API createSourceFile (parse only)`, tsc.median, tsc.p95);
    }
  }
  for (const what of ['typescript', 'terraform', 'tsc'] as const) {
    const samples: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const r = spawnSync(process.execPath, [__filename, '--load', what], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`load ${what} failed: ${r.stderr}`);
      samples.push(Number(r.stdout.trim()));
    }
    const label =
      what === 'tsc' ? "reference: `require('typescript')` in a fresh process" : `first load of the ${what === 'typescript' ? 'TypeScript' : 'Terraform'} parser in a fresh process (runtime + grammar)`;
    row(label, median(samples), undefined, what === 'tsc' ? undefined : 400);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function loadOnce(what: CodeLanguage | 'tsc'): Promise<void> {
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (what === 'tsc') require('typescript');
  else await loadGrammar(what, GRAMMAR_DIR);
  process.stdout.write(`${performance.now() - start}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
