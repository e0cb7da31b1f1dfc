import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CodeTrees, loadGrammar, type CodeLanguage } from '../src/core/sources/code';
import { cdkStack } from '../test/harness/cdkStack';
import { repoRoot } from '../test/harness/paths';
import { terraformModule } from '../test/harness/terraformModule';
import { measure, median } from './lib/measure';

/**
 * The parser choice for CDK TypeScript and Terraform (docs/architecture.md): tree-sitter's first load in
 * a fresh process (target < 400 ms) and its full and incremental parses of a 2,000-line file, beside the
 * reference DESIGN.md names, the TypeScript compiler API (`typescript` 5.x): its load and its parse of the
 * same stack. HCL has no such reference. Re-lint after a keystroke: cdkRead.bench.ts and terraform.bench.ts.
 */
const GRAMMAR_DIR = path.join(repoRoot, 'dist', 'grammars');
const LOAD_RUNS = 5;

async function main(): Promise<void> {
  if (process.argv[2] === '--load') return loadOnce(process.argv[3] as CodeLanguage | 'tsc');
  await Promise.all([loadGrammar('typescript', GRAMMAR_DIR), loadGrammar('terraform', GRAMMAR_DIR)]);
  const lines = ['| measure | median ms | p95 ms | target |', '|---|---:|---:|---|'];
  const row = (label: string, ms: number, p95: number | undefined, target?: number) => {
    const verdict = target === undefined ? '' : `< ${target} ms: ${ms < target ? 'met' : 'MISSED'}`;
    lines.push(`| ${label} | ${ms.toFixed(2)} | ${p95 === undefined ? '' : p95.toFixed(2)} | ${verdict} |`);
  };
  for (const [language, text, needle] of [
    ['typescript', cdkStack(2000), "'s3:PutObject'"],
    ['terraform', terraformModule(2000).text, '"sqs:SendMessage"'],
  ] as const) {
    const name = language === 'typescript' ? '2,000-line CDK stack' : '2,000-line Terraform module';
    const full = measure(() => new CodeTrees().parse(language, text)?.delete(), { runs: 20, warmup: 3, batch: 1 });
    row(`${name}: tree-sitter full parse`, full.median, full.p95);
    // A keystroke in the middle, typed and deleted alternately: each sample is one incremental re-parse.
    const at = text.indexOf(needle, text.length >> 1) + 3;
    const versions = [text, `${text.slice(0, at)}x${text.slice(at)}`];
    const trees = new CodeTrees();
    let turn = 0;
    const incremental = measure(() => trees.parse(language, versions[turn++ % 2]!), { runs: 60, warmup: 10, batch: 1 });
    row(`${name}: tree-sitter re-parse after a keystroke`, incremental.median, incremental.p95);
    trees.dispose();
    if (language === 'typescript') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ts = require('typescript') as typeof import('typescript');
      const tsc = measure(() => ts.createSourceFile('stack.ts', text, ts.ScriptTarget.Latest, true), {
        runs: 20,
        warmup: 3,
        batch: 1,
      });
      row(`${name}: reference, TypeScript compiler API createSourceFile`, tsc.median, tsc.p95);
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
      what === 'tsc'
        ? "reference: `require('typescript')` in a fresh process"
        : `first load of the ${what === 'typescript' ? 'TypeScript' : 'Terraform'} parser in a fresh process (runtime + grammar)`;
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
