import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../src/cli/run';
import { repoRoot } from '../test/harness/paths';
import { inFreshProcesses, median, reportToParent } from './lib/measure';
import { replicateInvictus } from './lib/replicateLogs';

/**
 * `cloudwarden detect --logs <folder> --index <dir> --format json` over the Invictus dataset replicated to
 * about 1,000,000 events (.json.gz in the S3 layout, made once into bench/.data/, as logIndex.bench.ts
 * does), twice: a first run that indexes the files (two worker threads, the bundled dist/logWorker.js)
 * then runs every detection from the index, and a second run over the index as the first left it (no
 * file to read). Each run a fresh child process that runs the command in process (output counted, not
 * printed); its peak RSS as the child reports it.
 *
 *   node out/bench/detectCli.bench.js [events=1000000]
 */
const EVENTS = Number(process.argv[3] ?? process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOGS = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`, 'AWSLogs');
const INDEX = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`, 'detect-index');

interface Run {
  readonly seconds: number;
  readonly code: number;
  readonly hits: number;
  readonly maxRssMb: number;
}

/** `first`: the index folder removed before, so the run indexes every file; `second`: from the index. */
async function child(which: string): Promise<void> {
  if (which === 'first') rmSync(INDEX, { recursive: true, force: true });
  let out = '';
  const start = performance.now();
  const code = await runCli(['detect', '--logs', LOGS, '--index', INDEX, '--format', 'json'], {
    catalogFile: path.join(repoRoot, 'dist', 'catalog.json'),
    rulesDocsUri: 'file:///',
    logWorker: path.join(repoRoot, 'dist', 'logWorker.js'),
    stdout: (text) => (out += text),
    stderr: (text) => process.stderr.write(text),
  });
  const seconds = (performance.now() - start) / 1000;
  const hits = (JSON.parse(out) as { hits: unknown[] }).hits.length;
  reportToParent({ seconds, code, hits, maxRssMb: process.resourceUsage().maxRSS / 1024 } satisfies Run);
}

function main(): void {
  const made = replicateInvictus(
    path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'),
    path.dirname(LOGS),
    EVENTS,
  );
  console.log(`dataset: ${made.events} events in ${made.files} .json.gz files; node ${process.version}`);
  // First and second runs alternate, so a slower stretch of this shared machine falls on both alike.
  const runs: { first: Run[]; second: Run[] } = { first: [], second: [] };
  for (let run = 0; run < RUNS; run++)
    for (const which of ['first', 'second'] as const)
      runs[which].push(...inFreshProcesses<Run>(process.argv[1]!, [which, String(EVENTS)], { runs: 1 }));
  for (const [which, said] of [
    ['first', 'first run (indexes every file, then detects)'],
    ['second', 'second run (from the index)'],
  ] as const) {
    const times = runs[which].map((r) => r.seconds);
    const r = runs[which];
    console.log(
      `cloudwarden detect, ${said}: ${median(times).toFixed(2)} s median of ${RUNS} (${times.map((t) => t.toFixed(2)).join(', ')}), ` +
        `exit ${r[0]!.code}, ${r[0]!.hits} hits, peak RSS ${Math.max(...r.map((x) => x.maxRssMb)).toFixed(0)} MB`,
    );
  }
}

const which = process.argv[2];
if (which === 'first' || which === 'second') void child(which);
else main();
