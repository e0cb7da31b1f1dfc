import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Catalog } from '../src/core/catalog';
import { lintText } from '../src/core/lint';
import { RULES } from '../src/core/rules/registry';
import { analyzerFindings, managedPolicyFiles, sharedData } from '../test/harness/corpus';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

/**
 * The linter on the 1,524 AWS managed policies: time for the whole corpus through the CLI (one process,
 * one core), and agreement with IAM Access Analyzer's own ValidatePolicy results on the 56 policies it
 * was run on, per issue code that one of our rules names as its equivalent (policy level: a policy
 * counts as flagged for a code when a rule claiming that code reports anything in it).
 */
function main(): void {
  if (!sharedData) {
    process.stdout.write('skipped: ../shared/data is absent\n');
    return;
  }
  const dir = path.join(sharedData, 'managed-policies');
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = spawnSync(
      'taskset',
      [
        '-c',
        '0',
        process.execPath,
        path.join(repoRoot, 'dist', 'cli.js'),
        'lint',
        '--format',
        'json',
        '--fail-on',
        'none',
        dir,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(performance.now() - t);
  }
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const files = managedPolicyFiles();
  const inProcess: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    for (const file of files) lintText(readFileSync(path.join(dir, file), 'utf8'), 'json', catalog);
    inProcess.push(performance.now() - t);
  }
  const lines = [
    `Linting all ${files.length} managed policies (median of 5):`,
    '',
    '| measure | median s | target |',
    '|---|---:|---|',
    `| \`cloudwarden lint\` on one core (process start, catalog load, read, lint, JSON output) | ${(median(runs) / 1000).toFixed(2)} | < 5 s: ${median(runs) < 5000 ? 'met' : 'MISSED'} |`,
    `| in process, warm (read + lint only) | ${(median(inProcess) / 1000).toFixed(2)} | |`,
    '',
  ];

  const analyzer = analyzerFindings();
  const claimed = new Map<string, string[]>();
  for (const rule of RULES)
    for (const code of rule.meta.equivalents.accessAnalyzer ?? [])
      claimed.set(code, [...(claimed.get(code) ?? []), rule.meta.id]);
  const ours = new Map<string, Set<string>>();
  for (const file of analyzer.keys()) {
    const result = lintText(readFileSync(path.join(dir, file), 'utf8'), 'json', catalog);
    ours.set(file, new Set(result.findings.map((f) => f.ruleId)));
  }
  lines.push(
    `Agreement with Access Analyzer on the ${analyzer.size} policies it checked (codes our rules claim, present in the data):`,
    '',
    '| Access Analyzer code | our rules | AA flags | we flag | both | recall | precision |',
    '|---|---|---:|---:|---:|---:|---:|',
  );
  const present = new Set([...analyzer.values()].flat().map((f) => f.issueCode));
  for (const [code, rules] of [...claimed].sort()) {
    if (!present.has(code)) continue;
    let aa = 0;
    let we = 0;
    let both = 0;
    for (const [file, findings] of analyzer) {
      const a = findings.some((f) => f.issueCode === code);
      const w = rules.some((r) => ours.get(file)!.has(r));
      aa += Number(a);
      we += Number(w);
      both += Number(a && w);
    }
    const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);
    lines.push(`| ${code} | ${rules.join(', ')} | ${aa} | ${we} | ${both} | ${pct(both, aa)} | ${pct(both, we)} |`);
  }
  const unclaimed = [...present].filter((c) => !claimed.has(c)).sort();
  lines.push('', `Codes in the data that no rule claims yet: ${unclaimed.join(', ')}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
