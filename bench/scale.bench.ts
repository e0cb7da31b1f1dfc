import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { Catalog } from '../src/core/catalog';
import { forgetOutcomes } from '../src/core/documentMemo';
import { lintText } from '../src/core/lint';
import { actionsPolicy, resourcesPolicy, sizedPolicy, statementsPolicy } from '../test/harness/hugePolicies';
import { repoRoot } from '../test/harness/paths';
import { measure, median } from './lib/measure';

/**
 * Linear on huge inputs (issue 10). For each axis (the resources of one statement, the actions of one
 * statement, the statements of a policy, and those statements minified on one line; generators in
 * test/harness/hugePolicies.ts) the time for N and
 * for 4N and their ratio (target: at most ×5), in process (`lintText`) and through the CLI (the whole
 * process: start-up, catalog, read, lint, JSON report); then a 27 MB policy through the CLI, its time and
 * the process's peak memory (targets: under 30 s and under 1 GB) and a check that the report is complete.
 *
 * References, side by side:
 * - the parser alone on the same text (jsonc-parser's parseTree), linear by construction: what any
 *   linter that keeps positions pays;
 * - the same inputs before this work (BEFORE below: commit 6928cb2, measured on this machine the same
 *   way), or measured live with an older CLI: CLOUDWARDEN_BENCH_BEFORE=/path/to/its/dist/cli.js (runs
 *   are cut at 300 s, as the were).
 */

/**
 * Before this work (commit 6928cb2), measured 2026-12-06 on this machine with the same generators, one run
 * each (`/usr/bin/time`): one lintText in a fresh process (the figures below are warm medians, so this
 * column is the cold first lint), and the CLI's whole process with its peak memory. Runs were
 * cut at 300 s, as the were; the memory is then what the process held when it was killed.
 */
const BEFORE: Record<string, { readonly lintMs: string; readonly cliS: string; readonly peakMb: number }> = {
  'resources 5,000': { lintMs: '1,642', cliS: '1.9', peakMb: 137 },
  'resources 20,000': { lintMs: '30,174', cliS: '30.8', peakMb: 178 },
  'actions 5,000': { lintMs: '711', cliS: '1.0', peakMb: 125 },
  'actions 20,000': { lintMs: '3,687', cliS: '3.9', peakMb: 199 },
  'statements 10,000': { lintMs: '25,658', cliS: '28.9', peakMb: 1_093 },
  'statements 40,000': { lintMs: '> 300,000 (killed)', cliS: '> 300 (killed)', peakMb: 2_798 },
  '27 MB policy': { lintMs: '> 300,000 (killed)', cliS: '> 300 (killed)', peakMb: 3_320 },
};

/** Timed runs of each measure (medians are reported): lintText in process, and fresh CLI processes. */
const LINT_RUNS = 5;
const RUNS = 3;

function main(): void {
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const before = process.env.CLOUDWARDEN_BENCH_BEFORE;
  const scratch = mkdtempSync(path.join(tmpdir(), 'cloudwarden-scale-'));
  // Reports the process's peak resident memory when it exits: the CLI is measured as a child process.
  const peakProbe = path.join(scratch, 'peak.cjs');
  writeFileSync(
    peakProbe,
    "process.on('exit', () => process.stderr.write(`\\npeak-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const runCli = (command: string, file: string): { seconds: number; peakMb: number; out: string } => {
    const out = path.join(scratch, 'out.json');
    const fd = openSync(out, 'w');
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--require', peakProbe, command, 'lint', '--format', 'json', '--fail-on', 'none', file],
      { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 300_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    closeSync(fd);
    if (child.status !== 0) return { seconds: Infinity, peakMb: NaN, out };
    const peak = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1] ?? NaN);
    // maxRSS is in KiB; figures are in MB (10^6 bytes), as the target (1 GB) is.
    return { seconds, peakMb: (peak * 1024) / 1e6, out };
  };

  const axes: [string, number, (n: number) => string][] = [
    ['resources', 5_000, (n) => resourcesPolicy(n)],
    ['actions', 5_000, (n) => actionsPolicy(catalog, n)],
    ['statements', 10_000, (n) => statementsPolicy(catalog, n)],
    // The same on one line: what fixes read around a finding must not scan back to the start of the file.
    ['statements, minified', 10_000, (n) => JSON.stringify(JSON.parse(statementsPolicy(catalog, n)))],
  ];
  const lines = [
    '| axis | N | size | lintText ms | parse alone ms | CLI s | CLI peak MB | before: lintText ms (cold) | before: CLI s, peak MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const ratios = ['| axis | lintText ×(4N/N) | CLI ×(4N/N) | target |', '|---|---:|---:|---|'];
  for (const [axis, n, make] of axes) {
    const figures = [n, 4 * n].map((size) => {
      const text = make(size);
      const file = path.join(scratch, `${axis.replace(/\W+/g, '-')}-${size}.json`);
      writeFileSync(file, text);
      // Each lint starts from nothing remembered (the memo would answer a repeated text at once).
      const lint = measure(() => (forgetOutcomes(catalog), lintText(text, 'json', catalog)), {
        runs: LINT_RUNS,
        warmup: 1,
        batch: 1,
      });
      const parse = measure(() => parseTree(text), { runs: LINT_RUNS, warmup: 1, batch: 1 });
      const runs = Array.from({ length: RUNS }, () => runCli(cli, file));
      const label = `${axis} ${size.toLocaleString('en')}`;
      const recorded = BEFORE[label];
      const thenLint = before ? '' : (recorded?.lintMs ?? '');
      const then = before
        ? `${runCli(before, file).seconds.toFixed(1)} s (live)`
        : recorded
          ? `${recorded.cliS} s, ${recorded.peakMb.toLocaleString('en')} MB`
          : '';
      lines.push(
        `| ${axis} | ${size.toLocaleString('en')} | ${(text.length / 1e6).toFixed(1)} MB | ${lint.median.toFixed(0)} | ${parse.median.toFixed(0)} | ${median(runs.map((r) => r.seconds)).toFixed(2)} | ${median(runs.map((r) => r.peakMb)).toFixed(0)} | ${thenLint} | ${then} |`,
      );
      return { lint: lint.median, cli: median(runs.map((r) => r.seconds)) };
    });
    const lintRatio = figures[1]!.lint / figures[0]!.lint;
    const cliRatio = figures[1]!.cli / figures[0]!.cli;
    ratios.push(
      `| ${axis} | ${lintRatio.toFixed(2)} | ${cliRatio.toFixed(2)} | ≤ 5: ${lintRatio <= 5 && cliRatio <= 5 ? 'met' : 'MISSED'} |`,
    );
  }

  // The 27 MB policy: CLI only (time, peak memory, a complete report), three fresh processes.
  const { text, statements } = sizedPolicy(catalog, 27_000_000);
  const file = path.join(scratch, 'policy-27mb.json');
  writeFileSync(file, text);
  forgetOutcomes(catalog);
  const expected = lintText(text, 'json', catalog).findings.length;
  const runs = Array.from({ length: RUNS }, () => {
    const run = runCli(cli, file);
    const report = readFileSync(run.out, 'utf8');
    const complete = report.endsWith(']\n}\n') && report.split('"rule": ').length - 1 === expected;
    return { ...run, complete };
  });
  const seconds = median(runs.map((r) => r.seconds));
  const peak = median(runs.map((r) => r.peakMb));
  const recorded = BEFORE['27 MB policy']!;
  const then = before
    ? `${runCli(before, file).seconds.toFixed(1)} s (live)`
    : `${recorded.cliS} s, ${recorded.peakMb.toLocaleString('en')} MB`;
  const big = [
    '| measure | median | range | target | before |',
    '|---|---:|---|---|---|',
    `| 27 MB policy (${statements.toLocaleString('en')} statements, ${expected.toLocaleString('en')} findings): CLI, whole process | ${seconds.toFixed(1)} s | ${Math.min(...runs.map((r) => r.seconds)).toFixed(1)}–${Math.max(...runs.map((r) => r.seconds)).toFixed(1)} s | < 30 s: ${seconds < 30 ? 'met' : 'MISSED'} | ${then} |`,
    `| 27 MB policy: peak resident memory of the CLI process | ${peak.toFixed(0)} MB | ${Math.min(...runs.map((r) => r.peakMb)).toFixed(0)}–${Math.max(...runs.map((r) => r.peakMb)).toFixed(0)} MB | < 1,000 MB: ${peak < 1000 ? 'met' : 'MISSED'} | |`,
    `| 27 MB policy: JSON report complete (every finding, closed) | ${runs.every((r) => r.complete) ? 'yes' : 'NO'} | | | |`,
  ];
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n\n${ratios.join('\n')}\n\n${big.join('\n')}\n`);
}

main();
