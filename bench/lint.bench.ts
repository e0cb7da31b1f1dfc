import { parseTree } from 'jsonc-parser';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { Catalog } from '../src/core/catalog';
import { lintText } from '../src/core/lint';
import { readPolicySource } from '../src/core/sources';
import { jsonTemplate, yamlTemplate } from '../test/harness/templates';
import { repoRoot } from '../test/harness/paths';
import { measure } from './lib/measure';

/**
 * Re-linting after a keystroke: a 10 KB policy and 1 MB templates (the CloudFormation maximum), each
 * beside the reference of its parser alone (jsonc-parser's parseTree, yaml's parseDocument), which
 * any linter that keeps source positions must pay.
 */
function main(): void {
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const statements: string[] = [];
  let i = 0;
  while (statements.join(',').length < 10_000) {
    statements.push(
      `{"Sid": "S${i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*", "dynamodb:Query"], "Resource": ["arn:aws:s3:::bucket-${i}/*", "arn:aws:dynamodb:eu-west-1:111122223333:table/t${i}"]}`,
    );
    i++;
  }
  const policy = `{"Version": "2012-10-17", "Statement": [${statements.join(',\n')}]}`;
  const json = jsonTemplate().text;
  const yaml = yamlTemplate().text;
  const rows: [string, () => unknown, number?][] = [
    [`10 KB policy: lintText`, () => lintText(policy, 'json', catalog), 2],
    [`10 KB policy: jsonc-parser parseTree alone`, () => parseTree(policy)],
    [`1 MB JSON template: lintText`, () => lintText(json, 'json', catalog), 150],
    [`1 MB JSON template: readPolicySource`, () => readPolicySource(json, 'json')],
    [`1 MB JSON template: jsonc-parser parseTree alone`, () => parseTree(json)],
    [`1 MB YAML template: lintText`, () => lintText(yaml, 'yaml', catalog)],
    [`1 MB YAML template: readPolicySource`, () => readPolicySource(yaml, 'yaml')],
    [`1 MB YAML template: yaml parseDocument alone`, () => parseDocument(yaml)],
  ];
  const lines = ['| measure | median ms | p95 ms | target |', '|---|---:|---:|---|'];
  for (const [label, fn, target] of rows) {
    const big = !label.startsWith('10 KB');
    const stats = measure(fn, big ? { runs: 7, warmup: 2, batch: 1 } : { runs: 200 });
    const verdict = target === undefined ? '' : `< ${target} ms: ${stats.median < target ? 'met' : 'MISSED'}`;
    lines.push(`| ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} | ${verdict} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
