import * as path from 'node:path';
import {
  buildInvestigation,
  REPORT_EVENT_LIMIT,
  investigationMarkdown,
  subjectQuery,
  type DetectionFacts,
  type Investigation,
  type Subject,
} from '../src/core';
import { LogIndex } from '../src/logs';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';
import { replicateInvictus } from './lib/replicateLogs';

/**
 * Issue 16's investigation report over the Invictus dataset replicated to 1,000,000 events (made once
 * into bench/.data/, as logIndex.bench.ts does) and indexed: from the open index, a principal's, a
 * resource's and an access key's report (the index's query with facts, every detection over the events,
 * the report, its Markdown), each the median of several runs in one warm process; and "security events"
 * over the whole index (LogIndex.detect plus the newest 5,000 events for the profile, as the server does).
 * Target: a report over 1 million indexed events in under 1 s.
 *
 *   node out/bench/investigation.bench.js [events=1000000]
 */
const EVENTS = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DATA = path.join(repoRoot, 'bench', '.data', `invictus-${EVENTS}`);
const LOGS = path.join(DATA, 'AWSLogs');
const INDEX = path.join(DATA, 'index');
const WORKER = path.join(repoRoot, 'dist', 'logWorker.js');
/** The attack's operator in one of the eight accounts (about 114,000 events), a bucket it used, its key. */
const PRINCIPAL = 'arn:aws:iam::111122223300:user/bert-jan';
const RESOURCE = 'arn:aws:s3:::stratus-red-team-ctlr-bucket-zqfsvooxqj';
const SAMPLE = 5_000;

interface Parts {
  readonly events: number;
  readonly hits: number;
  readonly markdownKb: number;
  readonly queryMs: number;
  readonly buildMs: number;
}

function report(index: LogIndex, subject: Subject): Parts {
  const now = Date.now();
  const window = { since: 0 };
  const started = performance.now();
  const answer = index.query(subjectQuery(subject, window), { limit: REPORT_EVENT_LIMIT, facts: true });
  const facts = new Map<string, DetectionFacts>();
  for (const event of answer.events) {
    const found = answer.factsOf(event);
    if (found !== undefined) facts.set(event.eventId, found);
  }
  const queried = performance.now();
  const built = buildInvestigation({
    subject,
    window,
    now,
    events: answer.events,
    factsOf: (e) => facts.get(e.eventId),
    source: 'bench',
  });
  const markdown = investigationMarkdown(built);
  return {
    events: built.analysis.profile.events,
    hits: hitsOf(built),
    markdownKb: Math.round(markdown.length / 1024),
    queryMs: Math.round(queried - started),
    buildMs: Math.round(performance.now() - queried),
  };
}

function securityEvents(index: LogIndex): { events: number; hits: number } {
  const window = { since: 0 };
  const detected = index.detect(window);
  const sample = index.query(subjectQuery({ kind: 'window' }, window), { limit: SAMPLE });
  const built = buildInvestigation({
    subject: { kind: 'window' },
    window,
    now: Date.now(),
    events: [...sample.events, ...detected.hitEvents],
    hits: detected.hits,
    source: 'bench',
  });
  investigationMarkdown(built);
  return { events: detected.events, hits: hitsOf(built) };
}

/** Every hit, counted by detection (the report lists the 500 most severe). */
function hitsOf(report: Investigation): number {
  return report.detection.counts.reduce((n, c) => n + c.count, 0);
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function main(): Promise<void> {
  replicateInvictus(path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'), DATA, EVENTS);
  const index = await LogIndex.open(INDEX, [LOGS], { workerScript: WORKER, parallelism: 2 });
  await index.update();
  const key = index
    .query({ principal: PRINCIPAL, since: 0 }, { limit: 1_000 })
    .events.find((e) => e.accessKeyId?.startsWith('AKIA'))?.accessKeyId;
  const eventId = index.query({ principal: PRINCIPAL, eventName: 'DeleteTrail', since: 0 }, { limit: 1 }).events[0]
    ?.eventId;
  const subjects: [string, () => unknown][] = [
    ...(eventId
      ? [['event id', () => index.query({ eventId, since: 0 }, { limit: 1 }).total] as [string, () => unknown]]
      : []),
    ['principal', () => report(index, { kind: 'principal', value: PRINCIPAL })],
    ['resource', () => report(index, { kind: 'resource', value: RESOURCE })],
    ...(key ? [['accessKey', () => report(index, { kind: 'accessKey', value: key })] as [string, () => unknown]] : []),
    ['securityEvents', () => securityEvents(index)],
  ];
  console.log(`investigation reports over ${EVENTS.toLocaleString('en-US')} indexed events (median of ${RUNS}, warm):`);
  for (const [name, run] of subjects) {
    const first = timed(run);
    const times = [first.ms, ...Array.from({ length: RUNS - 1 }, () => timed(run).ms)];
    console.log(
      `  ${name.padEnd(15)} ${median(times).toFixed(0).padStart(6)} ms  (first ${first.ms.toFixed(0)} ms)  ${JSON.stringify(first.value)}`,
    );
  }
}

void main();
