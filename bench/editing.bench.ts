import * as path from 'node:path';
import { summarizeStatements } from '../src/core/docs/statementSummary';
import { Catalog } from '../src/core/catalog';
import { completionsAt } from '../src/core/complete/completions';
import { describeArn, describeConditionKey } from '../src/core/docs/elementDocs';
import { targetAt } from '../src/core/policy/cursor';
import { namedActions } from '../src/core/policy/namedActions';
import { readPolicySource } from '../src/core/sources';
import { repoRoot } from '../test/harness/paths';
import { yamlTemplate } from '../test/harness/templates';
import { measure } from './lib/measure';

/**
 * Hover, completion and CodeLens on the policy the server keeps per version (the reading is not part
 * of a hover: it is shared with linting). Target: under 10 ms each. Reference: the same answer on a
 * 1 MB template, where only the cursor's walk grows.
 */
function main(): void {
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const statements: string[] = [];
  for (let i = 0; statements.join(',').length < 10_000; i++) {
    statements.push(
      `{"Sid": "S${i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "dynamodb:Query"], "Resource": ["arn:aws:s3:::bucket-${i}/*"], "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}`,
    );
  }
  const policy = `{"Version": "2012-10-17", "Statement": [${statements.join(',\n')}]}`;
  const source = readPolicySource(policy, 'json');
  const last = (needle: string, delta: number) => policy.lastIndexOf(needle) + delta;
  const yaml = yamlTemplate().text;
  const yamlSource = readPolicySource(yaml, 'yaml');
  const yamlAt = yaml.lastIndexOf('sqs:SendMessage') + 5;

  const keyHover = () => {
    const t = targetAt(source, last('s3:x-amz-server-side-encryption', 3));
    if (t?.kind !== 'condition-key' || !t.entry) throw new Error('no key');
    return describeConditionKey(catalog, t.entry.key.text, namedActions(catalog, t.statement), t.block.operator.text);
  };
  const arnHover = () => {
    const t = targetAt(source, last('arn:aws:s3:::bucket-', 5));
    if (t?.kind !== 'resource' || !t.value) throw new Error('no resource');
    return describeArn(catalog, t.value.text, t.value.text, namedActions(catalog, t.statement));
  };
  const rows: [string, () => unknown, number?][] = [
    ['10 KB policy: hover on a condition key (the last one)', keyHover, 10],
    ['10 KB policy: hover on an ARN (the last one)', arnHover, 10],
    [
      '10 KB policy: completion after `dynamodb:` (all DynamoDB actions)',
      () =>
        completionsAt(
          source,
          policy.replace(/dynamodb:Query(?![\s\S]*dynamodb:Query)/, 'dynamodb:'),
          last('dynamodb:Query', 9),
          catalog,
        ),
      10,
    ],
    [
      '10 KB policy: completion of condition keys',
      () => completionsAt(source, policy, last('s3:x-amz-server-side-encryption', 3), catalog),
      10,
    ],
    ['10 KB policy: CodeLens for every statement', () => summarizeStatements(source, catalog), 10],
    ['1 MB YAML template: completion in the last statement', () => completionsAt(yamlSource, yaml, yamlAt, catalog)],
    ['1 MB YAML template: CodeLens for every statement', () => summarizeStatements(yamlSource, catalog)],
  ];
  const lines = ['| measure | median ms | p95 ms | target |', '|---|---:|---:|---|'];
  for (const [label, fn, target] of rows) {
    const stats = measure(fn, label.startsWith('1 MB') ? { runs: 15, warmup: 3, batch: 1 } : { runs: 100 });
    const verdict = target === undefined ? '' : `< ${target} ms: ${stats.median < target ? 'met' : 'MISSED'}`;
    lines.push(`| ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} | ${verdict} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
