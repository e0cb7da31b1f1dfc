import * as path from 'node:path';
import { Catalog } from '../src/core/catalog';
import { lintSource } from '../src/core/lint';
import { readPolicySource } from '../src/core/sources';
import { CodeTrees, loadGrammar } from '../src/core/sources/code';
import { readTerraform } from '../src/core/sources/code/terraform/read';
import { repoRoot } from '../test/harness/paths';
import { terraformModule } from '../test/harness/terraformModule';
import { measure } from './lib/measure';

/**
 * Re-lint of a 2,000-line Terraform module after a keystroke: an incremental parse, the reading, the
 * rules. Target: under 30 ms. The reading alone (on a tree already parsed) shows what the reader costs
 * beside tree-sitter; a full parse and a 5 MB module are the references.
 */
async function main(): Promise<void> {
  await loadGrammar('terraform', path.join(repoRoot, 'dist', 'grammars'));
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const { text } = terraformModule(2_000);
  const lines = text.split('\n').length;
  // A keystroke in the middle of the module, alternating so every run re-parses.
  const edit = text.lastIndexOf('"sqs:SendMessage"', text.length / 2) + 5;
  const versions = [text, `${text.slice(0, edit)}X${text.slice(edit)}`];

  const trees = new CodeTrees();
  const tree = new CodeTrees();
  const parsed = tree.parse('terraform', text)!;
  let turn = 0;
  const rows: [string, () => unknown, number?][] = [
    [
      `${lines}-line module: re-lint after a keystroke (incremental parse + read + rules)`,
      () => {
        const version = versions[turn++ % 2];
        return lintSource(readPolicySource(version, 'terraform', { trees }), version, catalog);
      },
      30,
    ],
    [
      `${lines}-line module: incremental parse + read`,
      () => readPolicySource(versions[turn++ % 2], 'terraform', { trees }),
    ],
    [`${lines}-line module: read only (tree parsed)`, () => readTerraform(text, parsed)],
    [`${lines}-line module: full parse + read`, () => readPolicySource(text, 'terraform')],
  ];
  const out = ['| measure | median ms | p95 ms | target |', '|---|---:|---:|---|'];
  for (const [label, fn, target] of rows) {
    const stats = measure(fn, { runs: 40, warmup: 5, batch: 1 });
    const verdict = target === undefined ? '' : `< ${target} ms: ${stats.median < target ? 'met' : 'MISSED'}`;
    out.push(`| ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} | ${verdict} |`);
  }
  const large = terraformModule(195_000).text;
  const stats = measure(() => readPolicySource(large, 'terraform'), { runs: 3, warmup: 1, batch: 1 });
  out.push(
    `| ${(large.length / 1e6).toFixed(1)} MB module: full parse + read | ${stats.median.toFixed(0)} | ${stats.p95.toFixed(0)} | |`,
  );
  trees.dispose();
  tree.dispose();
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
