import * as path from 'node:path';
import {
  actsOnObjects,
  arnNamer,
  Catalog,
  generatePolicy,
  cloudTrailEvidence,
  judgeDocument,
  readPolicySource,
  Usage,
  type PrincipalActionsAnswer,
} from '../src/core';
import { LogIndex } from '../src/logs';
import { repoRoot } from '../test/harness/paths';
import { inFreshProcesses, measure, median, reportToParent } from './lib/measure';
import { replicateInvictus } from './lib/replicateLogs';

/**
 * Issue 14's targets. (1) The actions every principal used in 1,000,500 indexed events (the log index of
 * bench/logIndex.bench.ts, made here if missing), beside DuckDB's GROUP BY over the same events loaded in
 * its memory: target < 5 s. (2) One file's unused-permission findings from a warm cache (the editor's
 * case on a keystroke: the usage answer is held, the file's policies are judged): target < 10 ms. (3) A
 * least-privilege policy for the busiest user of the same index (its actions and the ARNs its calls named,
 * names made ARNs), what "Generate least-privilege policy from activity" waits for; DuckDB's GROUP BY of that
 * user's actions beside it (without resources: its inferred schema gives no ARN list cheaply).
 *
 *   node out/bench/unused.bench.js
 */
const EVENTS = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DATA = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`);
const LOGS = path.join(DATA, 'AWSLogs');
const INDEX = path.join(DATA, 'index');
const WORKER = path.join(repoRoot, 'dist', 'logWorker.js');
const PRINCIPAL = 'arn:aws:iam::111122223300:user/benjamin';
/** The dataset's busiest user (bert-jan's calls, replicated). */
const BUSIEST = 'arn:aws:iam::111122223300:user/bert-jan';

async function childUsage(): Promise<void> {
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: 2 });
  if (index.pending.files > 0) await index.update();
  const times: number[] = [];
  let answer: PrincipalActionsAnswer | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    answer = index.principalActions({ since: 0 });
    times.push(performance.now() - t);
  }
  reportToParent({ firstMs: times[0], medianMs: median(times.slice(1)), principals: answer!.principals.length });
}

/** DuckDB with the dataset's events loaded in its memory, as one table of records (`r`). */
async function duckdbEvents() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run('SET threads=2');
  await connection.run(
    `CREATE TABLE events AS SELECT unnest(Records) AS r FROM read_json('${LOGS}/**/*.json.gz', maximum_object_size=268435456)`,
  );
  return connection;
}

async function childDuckdb(): Promise<void> {
  const connection = await duckdbEvents();
  const times: number[] = [];
  let principals = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const rows = await connection.runAndReadAll(
      `SELECT coalesce(r.userIdentity.sessionContext.sessionIssuer.arn, r.userIdentity.arn, r.userIdentity.invokedBy) AS p,
              r.eventSource, r.eventName, count(*), max(r.eventTime)
       FROM events GROUP BY ALL`,
    );
    times.push(performance.now() - t);
    principals = new Set(rows.getRows().map((row) => String(row[0]))).size;
  }
  reportToParent({ firstMs: times[0], medianMs: median(times.slice(1)), principals });
}

async function childGenerate(): Promise<void> {
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: 2 });
  const namer = arnNamer(catalog);
  const times: number[] = [];
  let statements = 0;
  let events = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const use = index.principalResources({ principal: BUSIEST, since: 0 }, { namer });
    statements = generatePolicy(use.actions, catalog).statements.length;
    times.push(performance.now() - t);
    events = use.events;
  }
  reportToParent({ firstMs: times[0], medianMs: median(times.slice(1)), statements, events });
}

async function childDuckdbPrincipal(): Promise<void> {
  const connection = await duckdbEvents();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const answer = await connection.runAndReadAll(
      `SELECT r.eventSource, r.eventName, count(*), max(r.eventTime) FROM events
       WHERE coalesce(r.userIdentity.sessionContext.sessionIssuer.arn, r.userIdentity.arn) = '${BUSIEST}' GROUP BY ALL`,
    );
    times.push(performance.now() - t);
    rows = answer.getRows().length;
  }
  reportToParent({ firstMs: times[0], medianMs: median(times.slice(1)), rows });
}

/** A template of 20 roles with 5 statements each, judged against a held answer: the editor's keystroke. */
async function childJudge(): Promise<void> {
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: 2 });
  const answer = index.principalActions({ since: 0 });
  const now = answer.newest ?? Date.now();
  const roles = Array.from({ length: 20 }, (_, r) => {
    const statements = Array.from(
      { length: 5 },
      (_, s) =>
        `          - Effect: Allow\n            Action: [s3:*, iam:List*, ec2:Describe*, kms:Decrypt, sts:GetCallerIdentity, lambda:InvokeFunction${s}]\n            Resource: '*'`,
    ).join('\n');
    return `  Role${r}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Statement: [] }\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n${statements.replace(/^ {10}/gm, '              ')}`;
  });
  const text = `Resources:\n${roles.join('\n')}\n`;
  const source = readPolicySource(text, 'yaml');
  const documents = source.documents.filter((d) => d.kind === 'identity');
  const onObjects = actsOnObjects(catalog);
  const coverage = {
    label: 'CloudTrail log files',
    window: { since: 0, until: now },
    fetchedAt: now,
    dataEvents: true,
  };
  const judgeFile = (): number => {
    let findings = 0;
    // As the editor does: one Usage per principal per judgement of a file (its verdicts are shared).
    const usage = new Usage(
      { principal: PRINCIPAL, evidence: [cloudTrailEvidence(PRINCIPAL, answer, coverage)], missing: [] },
      { now, horizonDays: 90, onObjects },
    );
    for (const document of documents) {
      findings += judgeDocument(document, { text, format: 'yaml', catalog, usage, horizonDays: 90, now }).findings
        .length;
    }
    return findings;
  };
  const findings = judgeFile();
  const stats = measure(judgeFile, { runs: 50, warmup: 5 });
  reportToParent({ medianMs: stats.median, p95Ms: stats.p95, documents: documents.length, findings });
}

function main(): void {
  const made = replicateInvictus(path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'), DATA, EVENTS);
  console.log(`dataset: ${made.events} events in ${made.files} .json.gz files (${DATA})`);
  const script = process.argv[1]!;
  const [ours] = inFreshProcesses<{ firstMs: number; medianMs: number; principals: number }>(script, ['usage'], {
    runs: 1,
  });
  const [duck] = inFreshProcesses<{ firstMs: number; medianMs: number; principals: number }>(script, ['duckdb'], {
    runs: 1,
  });
  const [judge] = inFreshProcesses<{ medianMs: number; p95Ms: number; documents: number; findings: number }>(
    script,
    ['judge'],
    { runs: 1 },
  );
  const [generated] = inFreshProcesses<{ firstMs: number; medianMs: number; statements: number; events: number }>(
    script,
    ['generate'],
    { runs: 1 },
  );
  const [duckPrincipal] = inFreshProcesses<{ firstMs: number; medianMs: number; rows: number }>(
    script,
    ['duckdbPrincipal'],
    { runs: 1 },
  );
  console.log(`actions per principal over every indexed event (median of ${RUNS - 1} after the first):`);
  console.log(
    `  CloudWarden index: first ${ours!.firstMs.toFixed(0)} ms (reads the segments), then ${ours!.medianMs.toFixed(0)} ms; ${ours!.principals} principals`,
  );
  console.log(
    `  DuckDB GROUP BY over its loaded table: first ${duck!.firstMs.toFixed(0)} ms, then ${duck!.medianMs.toFixed(0)} ms; ${duck!.principals} principals`,
  );
  console.log(
    `one file's findings from a warm cache (${judge!.documents} policies, ${judge!.findings} findings): median ${judge!.medianMs.toFixed(2)} ms, p95 ${judge!.p95Ms.toFixed(2)} ms`,
  );
  console.log(`a least-privilege policy for ${BUSIEST} (median of ${RUNS - 1} after the first):`);
  console.log(
    `  CloudWarden index, actions and ARNs, names made ARNs, policy built: first ${generated!.firstMs.toFixed(0)} ms, then ${generated!.medianMs.toFixed(0)} ms; ${generated!.events} events, ${generated!.statements} statements`,
  );
  console.log(
    `  DuckDB GROUP BY of that user's actions (no resources): first ${duckPrincipal!.firstMs.toFixed(0)} ms, then ${duckPrincipal!.medianMs.toFixed(0)} ms; ${duckPrincipal!.rows} rows`,
  );
}

const CHILDREN: Record<string, () => Promise<void>> = {
  usage: childUsage,
  duckdb: childDuckdb,
  judge: childJudge,
  generate: childGenerate,
  duckdbPrincipal: childDuckdbPrincipal,
};
const child = CHILDREN[process.argv[2] ?? ''];
if (child) void child();
else main();
