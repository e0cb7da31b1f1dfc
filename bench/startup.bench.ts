import * as path from 'node:path';
import { runInExtensionHost } from '../test/harness/extensionHost';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

type Sample = Record<'activateMs' | 'serverReadyMs' | 'firstCatalogAnswerMs' | 'firstHoverMs' | 'warmHoverMs', number>;

const RUNS = Number(process.env.CLOUDWARDEN_BENCH_RUNS ?? 5);
const TARGETS: Partial<Record<keyof Sample, number>> = { activateMs: 50, serverReadyMs: 300 };
const LABELS: Record<keyof Sample, string> = {
  activateMs: 'bundle evaluation + activate()',
  serverReadyMs: 'language server started and initialized',
  firstCatalogAnswerMs: 'first catalog answer (lazy catalog load)',
  firstHoverMs: 'first hover on an action (document sync + parse)',
  warmHoverMs: 'next hover, round trip through the extension host',
};

/** Extension start-up in a real extension host (code-server), one fresh host per sample. */
async function main(): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runInExtensionHost<Sample>({
      testsPath: path.join(repoRoot, 'out', 'bench', 'extensionHost', 'startup.js'),
      quiet: process.env.CLOUDWARDEN_BENCH_VERBOSE !== '1',
    });
    if (run.exitCode !== 0 || !run.results)
      throw new Error(`sample ${i + 1} failed (exit ${run.exitCode})\n${run.serverOutput}`);
    samples.push(run.results);
    process.stderr.write(`sample ${i + 1}/${RUNS}: ${JSON.stringify(run.results)}\n`);
  }
  const lines = [
    `Extension start-up in code-server's extension host (median of ${RUNS} fresh hosts):`,
    '',
    '| measure | median ms | min ms | max ms | target |',
    '|---|---:|---:|---:|---|',
  ];
  for (const key of Object.keys(LABELS) as (keyof Sample)[]) {
    const values = samples.map((s) => s[key]);
    const target = TARGETS[key];
    const verdict = target === undefined ? '' : `< ${target} ms: ${median(values) < target ? 'met' : 'MISSED'}`;
    lines.push(
      `| ${LABELS[key]} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${Math.max(...values).toFixed(1)} | ${verdict} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
