import * as path from 'node:path';
import { Catalog } from '../src/core/catalog';
import { lintSource } from '../src/core/lint';
import { CodeTrees, loadGrammar, readCodeSource } from '../src/core/sources/code';
import { cdkStack } from '../test/harness/cdkStack';
import { repoRoot } from '../test/harness/paths';
import { measure } from './lib/measure';

/**
 * Re-reading a 2,000-line CDK stack after a keystroke: the incremental parse and the CDK reader
 * (src/core/sources/code/cdk), then the rules. Target: under 30 ms for the re-lint, parse included.
 */
async function main(): Promise<void> {
  await loadGrammar('typescript', path.join(repoRoot, 'dist', 'grammars'));
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const lines = ['| stack (2,000 lines) | measure | median ms | p95 ms | target |', '|---|---|---:|---:|---|'];
  for (const [name, text] of [
    ['typical: one IAM block in four', cdkStack(2000, 4)],
    ['dense: IAM on every line', cdkStack(2000, 1)],
  ] as const) {
    const edited = text.replace("'s3:GetObject'", "'s3:GetObjectX'");
    const trees = new CodeTrees();
    let flip = false;
    // Each sample edits the text (alternating two versions), so the parse is always incremental.
    const next = () => ((flip = !flip) ? edited : text);
    const rows: [string, () => unknown, number?][] = [
      ['incremental parse + CDK reading', () => readCodeSource(next(), 'typescript', trees)],
      [
        'incremental parse + CDK reading + rules (re-lint)',
        () => {
          const version = next();
          return lintSource(readCodeSource(version, 'typescript', trees), version, catalog);
        },
        30,
      ],
    ];
    for (const [label, fn, target] of rows) {
      const stats = measure(fn, { runs: 40, warmup: 5, batch: 1 });
      const verdict = target === undefined ? '' : `< ${target} ms: ${stats.median < target ? 'met' : 'MISSED'}`;
      lines.push(`| ${name} | ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} | ${verdict} |`);
    }
    trees.dispose();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
