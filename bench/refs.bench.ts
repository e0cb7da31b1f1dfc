import * as path from 'node:path';
import { findReferences } from '../src/core';
import { readPolicySource } from '../src/core/sources';
import { CodeTrees, loadGrammar } from '../src/core/sources/code';
import { namedTemplate } from '../test/harness/namedTemplate';
import { repoRoot } from '../test/harness/paths';
import { terraformModule } from '../test/harness/terraformModule';
import { measure } from './lib/measure';

/**
 * Finding the resources a file references, as hover does on every open file: 1 MB templates (the
 * CloudFormation maximum), parsed on the first call per version, or read from the linter's reading
 * the server keeps; later calls on the same text are remembered; 1 MB of prose with 22,000 ARNs; a
 * 2,000-line Terraform module after a keystroke.
 */
async function main(): Promise<void> {
  await loadGrammar('terraform', path.join(repoRoot, 'dist', 'grammars'));
  const json = namedTemplate('json').text;
  const yaml = namedTemplate('yaml').text;
  // Every ARN distinct: the worst case (files repeat theirs, and each distinct one is read once).
  const prose = Array.from(
    { length: 11_000 },
    (_, i) => `The role arn:aws:iam::123456789012:role/acme-writer-${i} writes to arn:aws:s3:::acme-reports-${i}/*.\n`,
  ).join('');
  const yamlSource = readPolicySource(yaml, 'yaml');
  const jsonSource = readPolicySource(json, 'json');
  const module = terraformModule(2_000).text;
  const edit = module.length >> 1;
  const trees = new CodeTrees();
  // Texts findReferences has not just read: it remembers the last four, so eight versions take turns,
  // told apart by trailing blanks (made before timing: each is a copy of the text).
  const versions = (text: string): (() => string) => {
    const all = Array.from({ length: 8 }, (_, i) => `${text}${' '.repeat(i + 1)}`);
    let turn = 0;
    return () => all[turn++ % all.length]!;
  };
  const jsons = versions(json);
  const yamls = versions(yaml);
  const proses = versions(prose);
  // A keystroke in the middle of the module: a blank more or less, each version once in eight.
  const modules = Array.from({ length: 8 }, (_, i) => `${module.slice(0, edit)}${' '.repeat(i)}${module.slice(edit)}`);
  let turn = 0;
  const rows: [string, () => unknown, number][] = [
    [`${(json.length / 1e6).toFixed(1)} MB JSON template, first call`, () => findReferences(jsons(), 'json'), 5],
    [`${(yaml.length / 1e6).toFixed(1)} MB YAML template, first call`, () => findReferences(yamls(), 'yaml'), 3],
    ['the same YAML template, later calls (hover elsewhere)', () => findReferences(yaml, 'yaml'), 20],
    [
      'the YAML template with the linter’s reading of it (the server’s, per version)',
      () => findReferences(yamls(), 'yaml', { source: yamlSource }),
      20,
    ],
    [
      'the JSON template with the linter’s reading of it',
      () => findReferences(jsons(), 'json', { source: jsonSource }),
      20,
    ],
    [`${(prose.length / 1e6).toFixed(1)} MB of Markdown with ARNs`, () => findReferences(proses(), 'markdown'), 10],
    [
      '2,000-line Terraform module after a keystroke',
      () => findReferences(modules[turn++ % modules.length]!, 'terraform', { trees }),
      20,
    ],
  ];
  const out = ['| measure | median ms | p95 ms |', '|---|---:|---:|'];
  for (const [label, fn, runs] of rows) {
    const stats = measure(fn, { runs, warmup: 2, batch: 1 });
    out.push(`| ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} |`);
  }
  trees.dispose();
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
