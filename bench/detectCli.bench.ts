import * as path from 'node:path';
import { runCli } from '../src/cli/run';
import { repoRoot } from '../test/harness/paths';
import { inFreshProcesses, median, reportToParent } from './lib/measure';
import { replicateInvictus } from './lib/replicateLogs';

/**
 * `cloudwarden detect --logs <folder> --format json` over the Invictus dataset replicated to about
 * 1,000,000 events (.json.gz in the S3 layout, made once into bench/.data/, as logIndex.bench.ts does):
 * finding the files, streaming them, reading the facts of the listed events, sorting, every detection,
 * the JSON. Each run a fresh child process that runs the command in process (output counted, not
 * printed); its peak RSS as the child reports it.
 *
 *   node out/bench/detectCli.bench.js [events=1000000]
 */
const EVENTS = Number(process.argv[3] ?? process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOGS = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`, 'AWSLogs');

interface Run {
  readonly seconds: number;
  readonly code: number;
  readonly hits: number;
  readonly maxRssMb: number;
}

async function child(): Promise<void> {
  let out = '';
  const start = performance.now();
  const code = await runCli(['detect', '--logs', LOGS, '--format', 'json'], {
    catalogFile: path.join(repoRoot, 'dist', 'catalog.json'),
    rulesDocsUri: 'file:///',
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
  const runs = inFreshProcesses<Run>(process.argv[1]!, ['child', String(EVENTS)], { runs: RUNS });
  const times = runs.map((r) => r.seconds);
  console.log(
    `cloudwarden detect: ${median(times).toFixed(2)} s median of ${RUNS} (${times.map((t) => t.toFixed(2)).join(', ')}), ` +
      `exit ${runs[0]!.code}, ${runs[0]!.hits} hits, peak RSS ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} MB`,
  );
}

if (process.argv[2] === 'child') void child();
else main();
