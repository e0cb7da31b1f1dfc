import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { LogIndex } from '../src/logs';
import { repoRoot } from '../test/harness/paths';
import { inFreshProcesses, median, reportToParent } from './lib/measure';
import { replicateInvictus } from './lib/replicateLogs';

/**
 * Issue 13's log-file index beside DuckDB on the same 1,000,000 CloudTrail events (the Invictus dataset
 * replicated, .json.gz in the S3 layout, made once into bench/.data/): indexing time and peak memory
 * (each run a fresh child process; maxRSS as the child reports it), the index's bytes per event, a
 * re-open, queries by resource and by principal, every detection over the whole index (LogIndex.detect:
 * the events merged in time order, decoded one by one, with the facts the index keeps), and a re-index
 * after 1,000 new files.
 * Targets: indexing at least DuckDB's speed with less memory, < 150 B/event, re-open < 200 ms, query < 20 ms,
 * detections < 3 s.
 *
 *   node out/bench/logIndex.bench.js [events=1000000]
 */
const EVENTS = Number(process.argv[3] ?? process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THREADS = 2;
const DATA = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`);
const LOGS = path.join(DATA, 'AWSLogs');
const INDEX = path.join(DATA, 'index');
const WORKER = path.join(repoRoot, 'dist', 'logWorker.js');
const RESOURCE = 'arn:aws:s3:::stratus-red-team-ctlr-bucket-zqfsvooxqj';
const PRINCIPAL = 'arn:aws:iam::111122223300:user/benjamin';

interface Indexing {
  readonly seconds: number;
  readonly events: number;
  readonly maxRssMb: number;
  readonly indexBytes?: number;
}
interface Queries {
  readonly openMs?: number;
  readonly firstQueryMs?: number;
  readonly resourceMs: number;
  readonly principalMs: number;
  readonly resourceTotal: number;
  readonly principalTotal: number;
}

async function childIndex(): Promise<void> {
  rmSync(INDEX, { recursive: true, force: true });
  const start = performance.now();
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: THREADS });
  const update = await index.update();
  const seconds = (performance.now() - start) / 1000;
  const indexBytes = readdirSync(INDEX).reduce((n, f) => n + statSync(path.join(INDEX, f)).size, 0);
  reportToParent({ seconds, events: update.events, maxRssMb: maxRssMb(), indexBytes } satisfies Indexing);
}

async function childDuckdb(): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`SET threads=${THREADS}`);
  const start = performance.now();
  await connection.run(
    `CREATE TABLE events AS SELECT unnest(Records) AS r FROM read_json('${LOGS}/**/*.json.gz', maximum_object_size=268435456)`,
  );
  const seconds = (performance.now() - start) / 1000;
  const count = await connection.runAndReadAll('SELECT count(*) FROM events');
  const events = Number(count.getRows()[0]![0]);
  const timed = async (where: string): Promise<[number, number]> => {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const all = await connection.runAndReadAll(`SELECT count(*) FROM events WHERE ${where}`);
      await connection.runAndReadAll(`SELECT r FROM events WHERE ${where} ORDER BY r.eventTime DESC LIMIT 100`);
      times.push(performance.now() - t0);
      total = Number(all.getRows()[0]![0]);
    }
    return [median(times), total];
  };
  const [resourceMs, resourceTotal] = await timed(
    `list_contains(list_transform(r.resources, x -> x.ARN), '${RESOURCE}')`,
  );
  const [principalMs, principalTotal] = await timed(`r.userIdentity.arn = '${PRINCIPAL}'`);
  reportToParent({
    seconds,
    events,
    maxRssMb: maxRssMb(),
    queries: { resourceMs, principalMs, resourceTotal, principalTotal } satisfies Queries,
  });
}

async function childReopen(): Promise<void> {
  const start = performance.now();
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: THREADS });
  const openMs = performance.now() - start;
  if (index.pending.files !== 0) throw new Error(`a re-open would read ${index.pending.files} files`);
  const t0 = performance.now();
  index.query({ since: 0, resource: RESOURCE }, { limit: 100 });
  const firstQueryMs = performance.now() - t0;
  const timed = (query: Parameters<LogIndex['query']>[0]): [number, number] => {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      total = index.query(query, { limit: 100 }).total;
      times.push(performance.now() - t);
    }
    return [median(times), total];
  };
  const [resourceMs, resourceTotal] = timed({ since: 0, resource: RESOURCE });
  const [principalMs, principalTotal] = timed({ since: 0, principal: PRINCIPAL });
  reportToParent({ openMs, firstQueryMs, resourceMs, principalMs, resourceTotal, principalTotal } satisfies Queries);
}

interface Detecting {
  /** Reading the segments (the first answer of a fresh process does). */
  readonly loadMs: number;
  readonly detectMs: number;
  readonly events: number;
  readonly hits: number;
  readonly maxRssMb: number;
}

/** A fresh process: the segments read by a first query, then every detection over every event. */
async function childDetect(): Promise<void> {
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: THREADS });
  const t0 = performance.now();
  index.query({ since: 0, principal: PRINCIPAL }, { limit: 1 });
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const { events, hits } = index.detect({ since: 0 });
  const detectMs = performance.now() - t1;
  reportToParent({ loadMs, detectMs, events, hits: hits.length, maxRssMb: maxRssMb() } satisfies Detecting);
}

/** 1,000 new files (copies of existing ones under a new account): an update must read those only. */
async function reindexNewFiles(): Promise<{ filesRead: number; seconds: number }> {
  const added = path.join(LOGS, '999988887777', 'CloudTrail', 'us-east-1');
  const sources = readdirSync(LOGS, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json.gz'))
    .slice(0, 1000);
  sources.forEach((d, i) => {
    const day = path.join(added, '2024', '01', String(1 + (i % 28)).padStart(2, '0'));
    mkdirSync(day, { recursive: true });
    cpSync(path.join(d.parentPath, d.name), path.join(day, `new-${i}-${d.name}`));
  });
  try {
    const start = performance.now();
    const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: THREADS });
    const { filesRead } = await index.update();
    return { filesRead, seconds: (performance.now() - start) / 1000 };
  } finally {
    rmSync(path.join(LOGS, '999988887777'), { recursive: true, force: true });
  }
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const made = replicateInvictus(path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'), DATA, EVENTS);
  console.log(`dataset: ${made.events} events in ${made.files} .json.gz files (${DATA})`);
  const script = process.argv[1]!;
  // Ours and DuckDB's runs alternate, so a slower stretch of this shared machine falls on both alike.
  const ours: Indexing[] = [];
  const duck: (Indexing & { queries: Queries })[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(...inFreshProcesses<Indexing>(script, ['index', String(EVENTS)], { runs: 1 }));
    duck.push(...inFreshProcesses<Indexing & { queries: Queries }>(script, ['duckdb', String(EVENTS)], { runs: 1 }));
  }
  const reopen = inFreshProcesses<Queries>(script, ['reopen', String(EVENTS)], { runs: RUNS });
  const rate = (runs: readonly Indexing[]): string => {
    const s = median(runs.map((r) => r.seconds));
    return `${s.toFixed(2)} s, ${Math.round(runs[0]!.events / s / 1000)}k events/s, peak RSS ${median(runs.map((r) => r.maxRssMb)).toFixed(0)} MB`;
  };
  console.log(`indexing, ${THREADS} threads, median of ${RUNS}:`);
  console.log(
    `  CloudWarden LogIndex: ${rate(ours)}; ${(ours[0]!.indexBytes! / ours[0]!.events).toFixed(1)} bytes/event on disk`,
  );
  console.log(`  DuckDB read_json + unnest: ${rate(duck)}`);
  console.log(
    `  each run, ours / DuckDB: ${ours.map((o, i) => `${o.seconds.toFixed(2)}/${duck[i]!.seconds.toFixed(2)}`).join(', ')}`,
  );
  const m = (values: readonly number[]): string => `${median(values).toFixed(2)} ms`;
  console.log(
    `re-open of the index: ${m(reopen.map((r) => r.openMs!))}; first query (reads the segments): ${m(reopen.map((r) => r.firstQueryMs!))}`,
  );
  console.log(
    `query by resource: CloudWarden ${m(reopen.map((r) => r.resourceMs))} (${reopen[0]!.resourceTotal} events), DuckDB ${m(duck.map((r) => r.queries.resourceMs))} (${duck[0]!.queries.resourceTotal} with the ARN in resources[])`,
  );
  console.log(
    `query by principal: CloudWarden ${m(reopen.map((r) => r.principalMs))} (${reopen[0]!.principalTotal} events), DuckDB ${m(duck.map((r) => r.queries.principalMs))} (${duck[0]!.queries.principalTotal})`,
  );
  const detect = inFreshProcesses<Detecting>(script, ['detect', String(EVENTS)], { runs: RUNS });
  const d = detect.map((r) => r.detectMs / 1000);
  console.log(
    `every detection over the index (LogIndex.detect): ${median(d).toFixed(2)} s median of ${RUNS} (${d.map((t) => t.toFixed(2)).join(', ')}), ` +
      `${detect[0]!.events} events, ${detect[0]!.hits} hits; segments read before it in ${m(detect.map((r) => r.loadMs))}; peak RSS ${median(detect.map((r) => r.maxRssMb)).toFixed(0)} MB`,
  );
  const reindex = await reindexNewFiles();
  console.log(`re-index after 1,000 new files: ${reindex.filesRead} files read, ${reindex.seconds.toFixed(2)} s`);
}

const CHILDREN: Record<string, () => Promise<void>> = {
  index: childIndex,
  duckdb: childDuckdb,
  reopen: childReopen,
  detect: childDetect,
};
void (CHILDREN[process.argv[2] ?? ''] ?? main)();
